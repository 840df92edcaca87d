using System.Collections.Generic;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>Builds the hops of a path from the model's real interface, veth and bridge names.</summary>
    internal static class Hops
    {
        public static string BridgeOf(NetworkInfo network)
        {
            if (!string.IsNullOrEmpty(network.BridgeName)) return network.BridgeName!;
            if (network.IsMacvlan)
                return "macvlan:" + (network.Options.TryGetValue(NetworkInfo.MacvlanParentOption, out var parent) ? parent : "?");
            return network.Name;
        }

        public static string Interface(EndpointInfo endpoint) => string.IsNullOrEmpty(endpoint.InterfaceName) ? "eth?" : endpoint.InterfaceName!;

        /// <summary>The packet leaves a container: its interface, then (on a bridge) the host end of its veth pair.</summary>
        /// <param name="ipv6">The packet is IPv6: the hop shows the endpoint's IPv6 address.</param>
        public static IEnumerable<ReachabilityHop> Egress(ContainerInfo shown, NetNamespace ns, EndpointInfo endpoint, NetworkInfo network, bool ipv6 = false)
        {
            var shared = ns.Owner != null && !ReferenceEquals(shown, ns.Owner) ? " (" + ns.Label + ", joined with container:" + ns.Owner.Name + ")" : string.Empty;
            yield return new ReachabilityHop(HopKind.Interface, shown.Name + " " + Interface(endpoint), ipv6 ? endpoint.IPv6Address ?? endpoint.IPAddress : endpoint.IPAddress,
                "leaves " + shown.Name + shared + " on network " + network.Name);
            if (!network.IsMacvlan)
                yield return new ReachabilityHop(HopKind.Interface, endpoint.HostVeth ?? "veth(unknown)", null,
                    "host end of " + ns.Who + "'s " + Interface(endpoint) + ", a port of " + BridgeOf(network));
        }

        /// <summary>The packet enters a container: the host end of its veth pair (on a bridge), then its interface.</summary>
        public static IEnumerable<ReachabilityHop> Ingress(ContainerInfo shown, NetNamespace ns, EndpointInfo endpoint, NetworkInfo network, bool ipv6 = false)
        {
            if (!network.IsMacvlan)
                yield return new ReachabilityHop(HopKind.Interface, endpoint.HostVeth ?? "veth(unknown)", null,
                    "port of " + BridgeOf(network) + ", peer of " + ns.Who + "'s " + Interface(endpoint));
            var shared = ns.Owner != null && !ReferenceEquals(shown, ns.Owner) ? " (" + ns.Label + ")" : string.Empty;
            yield return new ReachabilityHop(HopKind.Interface, shown.Name + " " + Interface(endpoint), ipv6 ? endpoint.IPv6Address ?? endpoint.IPAddress : endpoint.IPAddress,
                "arrives in " + shown.Name + shared);
        }

        /// <param name="ipv6">The packet is IPv6: the hop shows the bridge's IPv6 address (the network's IPv6 gateway), when known.</param>
        public static ReachabilityHop Bridge(NetworkInfo network, string description, bool ipv6 = false) =>
            new ReachabilityHop(HopKind.Bridge, BridgeOf(network), network.IsMacvlan ? null : ipv6 ? network.Gateway6 : network.Gateway, description);

        public static ReachabilityHop Host(string device, System.Net.IPAddress? address, string description) =>
            new ReachabilityHop(HopKind.Host, device, address, description);

        public static ReachabilityHop Decision(string device, string description) =>
            new ReachabilityHop(HopKind.Firewall, device, null, description);
    }
}
