using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace DockerNetTools.Model
{
    /// <summary>A swarm node's role: a manager holds the Raft state (and answers the swarm API), a worker only runs tasks.</summary>
    public enum SwarmNodeRole
    {
        Worker,
        Manager,
    }

    /// <summary>docker node update --availability: active takes new tasks, pause keeps its tasks but takes no new ones, drain moves them away.</summary>
    public enum SwarmNodeAvailability
    {
        Active,
        Pause,
        Drain,
    }

    /// <summary>How a service's name resolves: vip (one virtual address, balanced by IPVS) or dnsrr (every task's address).</summary>
    public enum SwarmEndpointMode
    {
        Vip,
        Dnsrr,
    }

    /// <summary>A published port's mode: ingress (the routing mesh takes it on every node) or host (only where a task runs).</summary>
    public enum SwarmPublishMode
    {
        Ingress,
        Host,
    }

    /// <summary>
    /// The swarm the modelled engine belongs to, as a manager's API describes it: its nodes, services and tasks. The
    /// model's containers and networks are those of one node (<see cref="LocalNodeId"/>); the other nodes' tasks are known
    /// only by their addresses here.
    /// </summary>
    public sealed class SwarmInfo
    {
        /// <summary>The node whose containers the model holds (docker info's Swarm.NodeID).</summary>
        public string LocalNodeId { get; set; } = string.Empty;

        public List<SwarmNode> Nodes { get; } = new List<SwarmNode>();
        public List<SwarmService> Services { get; } = new List<SwarmService>();
        public List<SwarmTask> Tasks { get; } = new List<SwarmTask>();

        public SwarmNode? LocalNode => FindNode(LocalNodeId);

        /// <summary>A node by id, unique id prefix or hostname.</summary>
        public SwarmNode? FindNode(string idOrHostname)
        {
            if (string.IsNullOrEmpty(idOrHostname)) return null;
            return Nodes.FirstOrDefault(n => string.Equals(n.Id, idOrHostname, StringComparison.Ordinal))
                   ?? Nodes.FirstOrDefault(n => string.Equals(n.Hostname, idOrHostname, StringComparison.OrdinalIgnoreCase))
                   ?? (idOrHostname.Length >= 4 && Nodes.Count(n => n.Id.StartsWith(idOrHostname, StringComparison.OrdinalIgnoreCase)) == 1
                       ? Nodes.First(n => n.Id.StartsWith(idOrHostname, StringComparison.OrdinalIgnoreCase))
                       : null);
        }

        public SwarmService? FindService(string nameOrId) =>
            string.IsNullOrEmpty(nameOrId)
                ? null
                : Services.FirstOrDefault(s => string.Equals(s.Name, nameOrId, StringComparison.OrdinalIgnoreCase))
                  ?? Services.FirstOrDefault(s => string.Equals(s.Id, nameOrId, StringComparison.Ordinal));

        /// <summary>The running tasks of a service.</summary>
        public IEnumerable<SwarmTask> TasksOf(SwarmService service) =>
            Tasks.Where(t => t.Running && string.Equals(t.ServiceId, service.Id, StringComparison.Ordinal));

        /// <summary>A task by its name (&lt;service&gt;.&lt;slot&gt;), its container's name or id, or its id.</summary>
        public SwarmTask? FindTask(string text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            return Tasks.FirstOrDefault(t => string.Equals(t.Name, text, StringComparison.OrdinalIgnoreCase))
                   ?? Tasks.FirstOrDefault(t => string.Equals(t.ContainerName, text, StringComparison.Ordinal))
                   ?? Tasks.FirstOrDefault(t => string.Equals(t.Id, text, StringComparison.Ordinal))
                   ?? (text.Length >= 4 ? Tasks.FirstOrDefault(t => t.ContainerId != null && t.ContainerId.StartsWith(text, StringComparison.OrdinalIgnoreCase)) : null);
        }
    }

    /// <summary>One machine of the swarm.</summary>
    public sealed class SwarmNode
    {
        public string Id { get; set; } = string.Empty;
        public string Hostname { get; set; } = string.Empty;

        /// <summary>The address the node advertises: VXLAN (udp/4789), gossip (7946) and the routing mesh use it.</summary>
        public IPAddress? Address { get; set; }

        public SwarmNodeRole Role { get; set; } = SwarmNodeRole.Worker;
        public SwarmNodeAvailability Availability { get; set; } = SwarmNodeAvailability.Active;

        /// <summary>ready, down, unknown, disconnected (the node's status as the managers see it).</summary>
        public string State { get; set; } = "ready";

        /// <summary>
        /// Whether the node's kernel has IPVS (the ip_vs module), which a service's VIP and the routing mesh need; null when
        /// not known (read only on the node the module runs on, or given in a scenario).
        /// </summary>
        public bool? Ipvs { get; set; }

        /// <summary>
        /// The node's own packet filter (iptables-save text, parsed), which the VXLAN (udp/4789), ESP and gossip (7946)
        /// packets between the nodes pass; null when not known (scenario key nodes[].firewall; for the node the model is
        /// read on, the host's own filter, <see cref="HostInfo.Firewall"/>, stands for it).
        /// </summary>
        public FirewallRuleset? Firewall { get; set; }

        public bool Ready => string.Equals(State, "ready", StringComparison.OrdinalIgnoreCase);

        public override string ToString() => Hostname;
    }

    /// <summary>One published port of a service.</summary>
    public sealed class SwarmPort
    {
        public string Protocol { get; set; } = "tcp";
        public int TargetPort { get; set; }
        public int PublishedPort { get; set; }
        public SwarmPublishMode Mode { get; set; } = SwarmPublishMode.Ingress;

        public override string ToString() =>
            PublishedPort.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + "/" + Protocol + (Mode == SwarmPublishMode.Host ? " (host)" : string.Empty);
    }

    /// <summary>A swarm service: what it runs on which networks, how its name resolves and which ports it publishes.</summary>
    public sealed class SwarmService
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public string Image { get; set; } = string.Empty;
        public SwarmEndpointMode EndpointMode { get; set; } = SwarmEndpointMode.Vip;

        /// <summary>The networks its tasks attach to, by name (ingress included when it publishes ingress ports).</summary>
        public List<string> Networks { get; } = new List<string>();

        /// <summary>The virtual address per network name (vip mode only).</summary>
        public Dictionary<string, IPAddress> VirtualIPs { get; } = new Dictionary<string, IPAddress>(StringComparer.Ordinal);

        public List<SwarmPort> Ports { get; } = new List<SwarmPort>();

        /// <summary>Replicas wanted; null for a global service (one task per node).</summary>
        public int? Replicas { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>One task of a service: on which node, in which container, with which address on which network.</summary>
    public sealed class SwarmTask
    {
        public string Id { get; set; } = string.Empty;
        public string ServiceId { get; set; } = string.Empty;
        public string ServiceName { get; set; } = string.Empty;

        /// <summary>The replica's slot (0 for a global service's tasks).</summary>
        public int Slot { get; set; }

        public string NodeId { get; set; } = string.Empty;

        /// <summary>The task's container id (known once the node started it).</summary>
        public string? ContainerId { get; set; }

        /// <summary>running, or what it is instead (pending, failed, shutdown, …).</summary>
        public string State { get; set; } = "running";

        /// <summary>The task's address per network name.</summary>
        public Dictionary<string, IPAddress> Addresses { get; } = new Dictionary<string, IPAddress>(StringComparer.Ordinal);

        public bool Running => string.Equals(State, "running", StringComparison.OrdinalIgnoreCase);

        /// <summary>&lt;service&gt;.&lt;slot&gt; (&lt;service&gt;.&lt;node id&gt; for a global service), as docker service ps names it.</summary>
        public string Name => ServiceName + "." + (Slot > 0 ? Slot.ToString(System.Globalization.CultureInfo.InvariantCulture) : NodeId);

        /// <summary>The container's name on its node: &lt;task name&gt;.&lt;task id&gt;.</summary>
        public string ContainerName => Name + "." + Id;

        public override string ToString() => Name;
    }
}
