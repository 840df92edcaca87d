using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerNetTools.Model;

namespace DockerNetTools.Diagram
{
    /// <summary>
    /// What a picture of a Docker host shows, independent of the drawing language: the host's uplink, its networks (a
    /// bridge with its subnet), each container's interfaces with the host end of their veth pair, published host ports and
    /// packet paths. Adding the same network, interface or port twice merges them, so results of several cmdlets piped
    /// together give one picture. Every element gets an id (letters, digits, underscores) the writers use as is.
    /// </summary>
    public sealed class NetworkDiagram
    {
        private readonly List<DiagramNetwork> _networks = new List<DiagramNetwork>();
        private readonly List<DiagramContainer> _containers = new List<DiagramContainer>();
        private readonly List<DiagramVeth> _veths = new List<DiagramVeth>();
        private readonly List<DiagramPort> _ports = new List<DiagramPort>();
        private readonly List<DiagramPath> _paths = new List<DiagramPath>();

        /// <summary>The node id of the host's uplink.</summary>
        public const string UplinkId = "uplink";

        /// <summary>The host interface toward the outside (eth0, ens3); null when no result named it.</summary>
        public string? Uplink { get; private set; }

        public IReadOnlyList<DiagramNetwork> Networks => _networks;
        public IReadOnlyList<DiagramContainer> Containers => _containers;

        /// <summary>The host ends of the containers' veth pairs, once each (containers sharing a namespace share them).</summary>
        public IReadOnlyList<DiagramVeth> Veths => _veths;

        public IReadOnlyList<DiagramPort> Ports => _ports;
        public IReadOnlyList<DiagramPath> Paths => _paths;

        /// <summary>True when nothing has been added: there is nothing to draw.</summary>
        public bool IsEmpty => _networks.Count == 0 && _containers.Count == 0 && _paths.Count == 0;

        /// <summary>Records the host's uplink; the first one named wins (one host per diagram).</summary>
        public void SetUplink(string name)
        {
            if (Uplink == null && !string.IsNullOrEmpty(name)) Uplink = name;
        }

        /// <summary>Adds a network, or fills in what an earlier mention of it (an interface row) did not know.</summary>
        public DiagramNetwork AddNetwork(string name, string? driver, string? bridge, string? subnet, bool? @internal)
        {
            var network = _networks.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));
            if (network == null)
            {
                network = new DiagramNetwork("net" + _networks.Count.ToString(CultureInfo.InvariantCulture), name);
                _networks.Add(network);
            }
            network.Merge(driver, bridge, subnet, @internal);
            return network;
        }

        /// <summary>Adds a container (with no interface yet), or returns the one already there.</summary>
        public DiagramContainer AddContainer(string name)
        {
            var container = FindContainer(name);
            if (container == null)
            {
                container = new DiagramContainer("ctr" + _containers.Count.ToString(CultureInfo.InvariantCulture), name);
                _containers.Add(container);
            }
            return container;
        }

        /// <summary>
        /// Adds a container's interface on a network: <paramref name="interfaceName"/> (eth0) with its address and the host
        /// end of its veth pair. Without an interface name the container is joined to the network as a whole (host
        /// networking, network none, not running).
        /// </summary>
        public DiagramInterface AddInterface(string container, string network, string? interfaceName, string? address, string? hostVeth)
        {
            var owner = AddContainer(container);
            var onNetwork = AddNetwork(network, null, null, null, null);
            var diagramInterface = owner.AddInterface(onNetwork, interfaceName, address);
            if (!string.IsNullOrEmpty(hostVeth) && diagramInterface.Veth == null)
            {
                var veth = _veths.FirstOrDefault(v => string.Equals(v.Name, hostVeth, StringComparison.Ordinal));
                if (veth == null)
                {
                    veth = new DiagramVeth("veth" + _veths.Count.ToString(CultureInfo.InvariantCulture), hostVeth!, onNetwork);
                    _veths.Add(veth);
                }
                diagramInterface.Veth = veth;
            }
            return diagramInterface;
        }

        /// <summary>
        /// Records that <paramref name="container"/> runs in <paramref name="owner"/>'s network namespace (network mode
        /// container:&lt;owner&gt;): it has no interfaces of its own, it uses the owner's.
        /// </summary>
        public void AddNamespaceSharer(string container, string owner)
        {
            var sharer = AddContainer(container);
            if (sharer.SharesNamespaceOf == null && !string.Equals(container, owner, StringComparison.Ordinal))
                sharer.SharesNamespaceOf = AddContainer(owner);
        }

        /// <summary>Adds a published port: the host's address and port, forwarded to the container's interface.</summary>
        public void AddPort(DiagramInterface target, PortBinding binding)
        {
            var hostIp = string.IsNullOrEmpty(binding.HostIp) ? "0.0.0.0" : binding.HostIp;
            var protocol = binding.Protocol.ToString().ToLowerInvariant();
            if (_ports.Any(p => ReferenceEquals(p.Target, target) && p.HostIp == hostIp && p.HostPort == binding.HostPort && p.Protocol == protocol
                && p.ContainerPort == binding.ContainerPort))
                return;
            _ports.Add(new DiagramPort("port" + _ports.Count.ToString(CultureInfo.InvariantCulture), hostIp, binding.HostPort, binding.ContainerPort,
                protocol, target));
        }

        /// <summary>Adds a packet's path; every path is drawn on its own, even when two are alike.</summary>
        public void AddPath(string title, string verdict, bool delivered, string reason, IEnumerable<(string Place, string What, bool Dropped)> hops)
        {
            var id = "path" + _paths.Count.ToString(CultureInfo.InvariantCulture);
            var steps = hops.Select((h, i) => new DiagramHop(id + "_hop" + i.ToString(CultureInfo.InvariantCulture), h.Place, h.What, h.Dropped)).ToList();
            _paths.Add(new DiagramPath(id, title, verdict, delivered, reason, steps));
        }

        private DiagramContainer? FindContainer(string name) =>
            _containers.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
    }
}
