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

        public EndpointInfo? EndpointOn(string networkName) =>
            Endpoints.FirstOrDefault(e => string.Equals(e.NetworkName, networkName, StringComparison.Ordinal));

        public override string ToString() => Name;
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
