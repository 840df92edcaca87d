using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DockerNetTools.Diagram
{
    /// <summary>A Docker network: its bridge device and subnet when it has them.</summary>
    public sealed class DiagramNetwork
    {
        internal DiagramNetwork(string id, string name)
        {
            Id = id;
            Name = name;
        }

        public string Id { get; }
        public string Name { get; }

        /// <summary>bridge, host, null, macvlan, …; null when only an interface row named the network.</summary>
        public string? Driver { get; private set; }

        /// <summary>The Linux bridge (docker0, br-…); null for drivers without one.</summary>
        public string? Bridge { get; private set; }

        public string? Subnet { get; private set; }
        public bool Internal { get; private set; }

        /// <summary>True when the network's traffic to the outside leaves by the host's uplink (masqueraded).</summary>
        public bool ReachesUplink { get; internal set; }

        internal void Merge(string? driver, string? bridge, string? subnet, bool? @internal)
        {
            Driver ??= driver;
            Bridge ??= string.IsNullOrEmpty(bridge) ? null : bridge;
            Subnet ??= subnet;
            if (@internal == true) Internal = true;
        }
    }

    /// <summary>A container (its network namespace) and the interfaces it has.</summary>
    public sealed class DiagramContainer
    {
        private readonly List<DiagramInterface> _interfaces = new List<DiagramInterface>();

        internal DiagramContainer(string id, string name)
        {
            Id = id;
            Name = name;
        }

        public string Id { get; }
        public string Name { get; }
        public IReadOnlyList<DiagramInterface> Interfaces => _interfaces;

        /// <summary>For network mode container:&lt;x&gt;, the container x whose namespace (and interfaces) this one uses.</summary>
        public DiagramContainer? SharesNamespaceOf { get; internal set; }

        /// <summary>The id of the node that stands for a container sharing another's namespace.</summary>
        public string SharingId => Id + "_shares";

        internal DiagramInterface AddInterface(DiagramNetwork network, string? name, string? address)
        {
            var existing = _interfaces.FirstOrDefault(i => ReferenceEquals(i.Network, network));
            if (existing != null)
            {
                existing.Merge(name, address);
                return existing;
            }
            var added = new DiagramInterface(Id + "_if" + _interfaces.Count.ToString(CultureInfo.InvariantCulture), this, network, name, address);
            _interfaces.Add(added);
            return added;
        }
    }

    /// <summary>One interface of a container on one network (eth0 with its address), or the container's tie to a network without one.</summary>
    public sealed class DiagramInterface
    {
        internal DiagramInterface(string id, DiagramContainer container, DiagramNetwork network, string? name, string? address)
        {
            Id = id;
            Container = container;
            Network = network;
            Name = name;
            Address = address;
        }

        public string Id { get; }
        public DiagramContainer Container { get; }
        public DiagramNetwork Network { get; }

        /// <summary>eth0, eth1, …; null when the container has no interface of its own on the network (host, none).</summary>
        public string? Name { get; private set; }

        /// <summary>The address with its prefix length ("172.17.0.2/16"), when it has one.</summary>
        public string? Address { get; private set; }

        /// <summary>The host end of the interface's veth pair; null on drivers without veths.</summary>
        public DiagramVeth? Veth { get; internal set; }

        internal void Merge(string? name, string? address)
        {
            Name ??= name;
            Address ??= address;
        }
    }

    /// <summary>The host end of a veth pair, a port of its network's bridge.</summary>
    public sealed class DiagramVeth
    {
        internal DiagramVeth(string id, string name, DiagramNetwork network)
        {
            Id = id;
            Name = name;
            Network = network;
        }

        public string Id { get; }
        public string Name { get; }
        public DiagramNetwork Network { get; }
    }

    /// <summary>A published port: a host address and port forwarded to a container's interface.</summary>
    public sealed class DiagramPort
    {
        internal DiagramPort(string id, string hostIp, int hostPort, int containerPort, string protocol, DiagramInterface target)
        {
            Id = id;
            HostIp = hostIp;
            HostPort = hostPort;
            ContainerPort = containerPort;
            Protocol = protocol;
            Target = target;
        }

        public string Id { get; }
        public string HostIp { get; }
        public int HostPort { get; }
        public int ContainerPort { get; }

        /// <summary>tcp, udp or sctp.</summary>
        public string Protocol { get; }

        public DiagramInterface Target { get; }

        /// <summary>"0.0.0.0:8080/tcp", "[::]:8080/tcp".</summary>
        public string HostText => (HostIp.IndexOf(':') >= 0 ? "[" + HostIp + "]" : HostIp) + ":" + HostPort.ToString(CultureInfo.InvariantCulture) + "/" + Protocol;

        /// <summary>"80/tcp".</summary>
        public string ContainerText => ContainerPort.ToString(CultureInfo.InvariantCulture) + "/" + Protocol;
    }

    /// <summary>A packet's way, hop by hop, with the verdict and the reason.</summary>
    public sealed class DiagramPath
    {
        internal DiagramPath(string id, string title, string verdict, bool delivered, string reason, IReadOnlyList<DiagramHop> hops)
        {
            Id = id;
            Title = title;
            Verdict = verdict;
            Delivered = delivered;
            Reason = reason;
            Hops = hops;
        }

        public string Id { get; }

        /// <summary>"ubuntuB -> 172.19.0.3 tcp/80".</summary>
        public string Title { get; }

        public string Verdict { get; }

        /// <summary>True when the packet gets there.</summary>
        public bool Delivered { get; }

        public string Reason { get; }
        public IReadOnlyList<DiagramHop> Hops { get; }

        /// <summary>The id of the note that carries the reason.</summary>
        public string ReasonId => Id + "_reason";

        /// <summary>The hop that drops the packet, if one does.</summary>
        public DiagramHop? Dropped => Hops.FirstOrDefault(h => h.Dropped);
    }

    /// <summary>One step of a path: the place (device and address) and what happens there.</summary>
    public sealed class DiagramHop
    {
        internal DiagramHop(string id, string place, string what, bool dropped)
        {
            Id = id;
            Place = place;
            What = what;
            Dropped = dropped;
        }

        public string Id { get; }

        /// <summary>"ubuntuB eth0 172.17.0.5", "veth07caf3c", "FORWARD".</summary>
        public string Place { get; }

        /// <summary>What happens there; for the dropping hop, the rule or restriction that drops the packet.</summary>
        public string What { get; }

        public bool Dropped { get; }
    }

    /// <summary>The drawing language a diagram is written in.</summary>
    public enum DiagramFormat
    {
        /// <summary>Graphviz DOT: rendered to SVG or PNG by Graphviz's dot.</summary>
        Dot,

        /// <summary>Mermaid flowchart: rendered by GitHub, GitLab and other markdown viewers.</summary>
        Mermaid,
    }
}
