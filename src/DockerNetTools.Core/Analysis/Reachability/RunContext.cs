using System.Linq;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>What every step of one analysis needs: the model, the question, the engine's rules and the source.</summary>
    internal sealed class RunContext
    {
        public RunContext(DockerHostModel model, ReachabilityQuery query, ContainerInfo source, NetNamespace sourceNs)
        {
            Model = model;
            Query = query;
            Source = source;
            SourceNs = sourceNs;
            Firewall = new FirewallRules(model.Engine);
            Firewall6 = new FirewallRules(model.Engine, ipv6: true);
            Real = HostFirewall.Of(model, ipv6: false);
            Real6 = HostFirewall.Of(model, ipv6: true);
        }

        /// <summary>The host's real IPv4 rules (host.firewall), when the model holds them; they replace <see cref="Firewall"/>'s assumptions.</summary>
        public HostFirewall? Real { get; }

        /// <summary>The host's real IPv6 rules (host.firewall6), when the model holds them.</summary>
        public HostFirewall? Real6 { get; }

        /// <summary>The real rules of the family of <paramref name="fw"/>, or null.</summary>
        public HostFirewall? RealFor(FirewallRules fw) => fw.IPv6 ? Real6 : Real;

        public DockerHostModel Model { get; }
        public ReachabilityQuery Query { get; }
        public ContainerInfo Source { get; }
        public NetNamespace SourceNs { get; }
        /// <summary>Docker's IPv4 rules (iptables, or table ip docker-bridges).</summary>
        public FirewallRules Firewall { get; }

        /// <summary>Docker's IPv6 rules (ip6tables, or table ip6 docker-bridges), absent without --ip6tables.</summary>
        public FirewallRules Firewall6 { get; }

        /// <summary>The rules that see a packet to <paramref name="address"/>: IPv6 ones for an IPv6 address.</summary>
        public FirewallRules FirewallFor(System.Net.IPAddress? address) =>
            address != null && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6 ? Firewall6 : Firewall;

        public NetworkInfo? Network(EndpointInfo endpoint) => Model.FindNetwork(endpoint.NetworkName);

        /// <summary>Whether br_netfilter hands frames bridged inside one network to (ip6)tables: host.bridgeNfCall(6) read as 1.</summary>
        public bool BridgeNfCall(bool ipv6) => (ipv6 ? Model.Host.BridgeNfCall6 : Model.Host.BridgeNfCall) == true;

        /// <summary>
        /// The endpoint that holds the namespace's default route: the first non-internal one in Docker's endpoint order
        /// (network names, see EndpointOrder), not the first connected; for a container only on --internal networks, the
        /// first of those before Engine 25 and none from Engine 25.
        /// </summary>
        /// <remarks>
        /// An overlay endpoint never holds it: a container on an overlay gets an endpoint on docker_gwbridge for its way out
        /// (checked on Docker 20.10.24, a swarm task: "default via 172.18.0.1 dev eth2", eth2 on docker_gwbridge).
        /// </remarks>
        public EndpointInfo? DefaultRoute(NetNamespace ns) =>
            EndpointOrder.First(Model, ns.Endpoints, e => e.IPAddress != null && Network(e) is { Internal: false, IsOverlay: false })
            ?? (InternalNetworksRouteByDefault ? EndpointOrder.First(Model, ns.Endpoints, e => e.IPAddress != null && Network(e) != null) : null);

        /// <summary>
        /// Up to Engine 24 a container only on --internal networks still gets a default route via the network's gateway
        /// (checked on Docker 20.10.24: "default via 10.91.5.1 dev eth0"); the isolation rules drop what it sends to other
        /// networks, while the host's own addresses answer in INPUT (moby/libnetwork#1151). Engine 25 (moby#46603) stopped
        /// setting that gateway, so connect fails at once with "network unreachable".
        /// </summary>
        public bool InternalNetworksRouteByDefault => Model.Engine.MajorVersion < 25;

        /// <summary>The endpoint a container's published ports forward to (see <see cref="EndpointOrder.PortMappingEndpoint"/>).</summary>
        public EndpointInfo? PublishingEndpoint(NetNamespace ns) => EndpointOrder.PortMappingEndpoint(Model, ns.Endpoints);

        /// <summary>The host's own address on its uplink, when the model records one (not a Docker bridge's gateway).</summary>
        public System.Net.IPAddress? HostAddress()
        {
            var bridges = Model.Networks.Select(n => n.BridgeName).Where(b => b != null).ToList();
            return Model.Host.Interfaces
                .Where(i => !bridges.Contains(i.Name) && i.Master == null && i.Name != "lo" && !i.Name.StartsWith("veth", System.StringComparison.Ordinal))
                .SelectMany(i => i.Addresses)
                .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a));
        }

        public string Service => Query.ServiceText;
    }
}
