using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerNetTools.Model
{
    public enum ContainerState
    {
        Created,
        Running,
        Paused,
        Restarting,
        Exited,
        Dead,
        Removing,
    }

    /// <summary>One container: its state, network mode, endpoints, published ports, hosts entries and sockets.</summary>
    public sealed class ContainerInfo
    {
        public string Name { get; set; } = string.Empty;
        public string Id { get; set; } = string.Empty;
        public string ShortId => Id.Length > 12 ? Id.Substring(0, 12) : Id;
        public string Image { get; set; } = string.Empty;
        public string Hostname { get; set; } = string.Empty;
        public ContainerState State { get; set; } = ContainerState.Running;

        /// <summary>Init process id on the host (live backend); 0 when unknown or not running.</summary>
        public int Pid { get; set; }

        public NetworkMode NetworkMode { get; set; } = NetworkMode.Default;

        /// <summary>One endpoint per attached network, in the order the container's interfaces were created (eth0, eth1, …).</summary>
        public List<EndpointInfo> Endpoints { get; } = new List<EndpointInfo>();

        /// <summary>docker run -p: published ports (HostConfig.PortBindings as applied).</summary>
        public List<PortBinding> Ports { get; } = new List<PortBinding>();

        /// <summary>Legacy --link entries (default bridge): they become /etc/hosts lines and ICC exceptions.</summary>
        public List<ContainerLink> Links { get; } = new List<ContainerLink>();

        /// <summary>--add-host entries (after host-gateway was substituted).</summary>
        public List<HostsEntry> ExtraHosts { get; } = new List<HostsEntry>();

        /// <summary>docker run --dns (HostConfig.Dns): the container's own nameservers; empty when not given.</summary>
        public List<System.Net.IPAddress> Dns { get; } = new List<System.Net.IPAddress>();

        /// <summary>Sockets open in the container's own network namespace (empty for container: mode, see the owner).</summary>
        public List<SocketEntry> Sockets { get; } = new List<SocketEntry>();

        /// <summary>True when the container's sockets were read (or modelled); false means unknown, not "none".</summary>
        public bool SocketsKnown { get; set; }

        /// <summary>
        /// True when the sockets are a what-if's assumptions rather than read ones (a compose file's published and
        /// exposed ports, taken as listening on 0.0.0.0): a port not among them is unknown, not closed.
        /// </summary>
        public bool SocketsAssumed { get; set; }

        /// <summary>
        /// True when the container has its network namespace: running or paused. A restarting container is waiting for
        /// its restart policy (docker inspect: Running true, Restarting true, Pid 0, IPAddress ""): its sandbox and
        /// published ports are released until the next start.
        /// </summary>
        public bool IsRunning => State == ContainerState.Running || State == ContainerState.Paused;

        /// <summary>The container's labels (Config.Labels); Compose's com.docker.compose.* ones say which project and service made it.</summary>
        public Dictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The Compose project that made the container (label com.docker.compose.project); null when Compose did not.</summary>
        public string? ComposeProject => Label(ComposeLabels.Project);

        /// <summary>The Compose service the container runs (label com.docker.compose.service); null when Compose did not make it.</summary>
        public string? ComposeService => Label(ComposeLabels.Service);

        /// <summary>The replica's number (label com.docker.compose.container-number, 1 for web-1); 0 when there is none.</summary>
        public int ComposeNumber =>
            int.TryParse(Label(ComposeLabels.ContainerNumber), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0;

        /// <summary>True for a `docker compose run` container (label com.docker.compose.oneoff True): not one of the service's replicas.</summary>
        public bool ComposeOneOff => string.Equals(Label(ComposeLabels.OneOff), "True", StringComparison.OrdinalIgnoreCase);

        private string? Label(string key) => Labels.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

        public EndpointInfo? EndpointOn(string networkName) =>
            Endpoints.FirstOrDefault(e => string.Equals(e.NetworkName, networkName, StringComparison.Ordinal));

        public override string ToString() => Name;
    }

    /// <summary>The labels Docker Compose puts on what it creates (containers and networks).</summary>
    public static class ComposeLabels
    {
        public const string Project = "com.docker.compose.project";
        public const string Service = "com.docker.compose.service";
        public const string ContainerNumber = "com.docker.compose.container-number";
        public const string OneOff = "com.docker.compose.oneoff";
        public const string Network = "com.docker.compose.network";
        public const string ConfigFiles = "com.docker.compose.project.config_files";
    }

    public sealed class ContainerLink
    {
        public ContainerLink(string target, string alias)
        {
            Target = target;
            Alias = alias;
        }

        /// <summary>Name of the linked container.</summary>
        public string Target { get; }

        /// <summary>Alias the linking container knows it by (equal to Target when none was given).</summary>
        public string Alias { get; }
    }

    public sealed class HostsEntry
    {
        public HostsEntry(string hostname, System.Net.IPAddress address)
        {
            Hostname = hostname;
            Address = address;
        }

        public string Hostname { get; }
        public System.Net.IPAddress Address { get; }
    }
}
