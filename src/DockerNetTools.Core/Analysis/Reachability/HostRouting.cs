using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>
    /// The host's routing as the model holds it (host.routes, host.forwarding): the route the kernel picks for an address
    /// (longest prefix, then lowest metric), whether the host forwards, and which devices are Docker's. When the model
    /// holds no routes the host is taken to have what every Docker host has: a default route out of its uplink.
    /// </summary>
    internal sealed class HostRouting
    {
        private readonly DockerHostModel _model;

        public HostRouting(DockerHostModel model)
        {
            _model = model;
            Uplink = FindUplink(model);
            RoutesKnown = model.Host.Routes != null;
            Routes = model.Host.Routes ?? new List<HostRoute>
            {
                new HostRoute(IPAddress.Any, 0, null, Uplink),
                new HostRoute(IPAddress.IPv6Any, 0, null, Uplink),
            };
        }

        /// <summary>The uplink: the first interface of the host's own (not lo, not a Docker bridge or veth, no master) with an address.</summary>
        public string Uplink { get; }

        /// <summary>False when the routes are the assumed default route (the model does not hold the host's table).</summary>
        public bool RoutesKnown { get; }

        public IReadOnlyList<HostRoute> Routes { get; }

        /// <summary>The route the kernel picks for <paramref name="address"/>: the longest matching prefix, then the lowest metric.</summary>
        public HostRoute? Lookup(IPAddress address) => HostRoute.Pick(Routes, address);

        /// <summary>Whether the host forwards this family (null in the model: on, as dockerd sets it).</summary>
        public bool Forwards(bool ipv6) => (ipv6 ? _model.Host.Forwarding6 : _model.Host.Forwarding) ?? true;

        /// <summary>Whether the model read the forwarding sysctl of this family.</summary>
        public bool ForwardingKnown(bool ipv6) => (ipv6 ? _model.Host.Forwarding6 : _model.Host.Forwarding).HasValue;

        /// <summary>The Docker network whose bridge device is <paramref name="device"/>, if any.</summary>
        public NetworkInfo? DockerNetworkOn(string device) => _model.Networks.FirstOrDefault(n => n.BridgeName == device);

        /// <summary>The address a packet leaving by <paramref name="device"/> takes as its source (MASQUERADE's choice): the device's first address of that family.</summary>
        public IPAddress? AddressOf(string device, bool ipv6)
        {
            var iface = _model.Host.Interfaces.FirstOrDefault(i => i.Name == device);
            return iface?.Addresses.FirstOrDefault(a => ipv6
                ? a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal
                : a.AddressFamily == AddressFamily.InterNetwork);
        }

        /// <summary>Docker networks whose subnet (of the route's family) overlaps <paramref name="route"/>, a route of the host's own (not a Docker bridge's).</summary>
        public IEnumerable<NetworkInfo> DockerSubnetsInside(HostRoute route)
        {
            if (route.IsDefault || DockerNetworkOn(route.Interface) != null) yield break;
            foreach (var network in _model.Networks)
            {
                if (!route.IsIPv6 && network.Subnet is IPv4Subnet v4 && route.Overlaps(v4.NetworkAddress, v4.PrefixLength)) yield return network;
                else if (route.IsIPv6 && network.Subnet6 is IPv6Subnet v6 && route.Overlaps(v6.NetworkAddress, v6.PrefixLength)) yield return network;
            }
        }

        /// <summary>The host's own routes (not a Docker bridge's, not the default) that also cover <paramref name="address"/>.</summary>
        public IEnumerable<HostRoute> OwnRoutesCovering(IPAddress address) =>
            Routes.Where(r => !r.IsDefault && r.Contains(address) && DockerNetworkOn(r.Interface) == null);

        private static string FindUplink(DockerHostModel model)
        {
            var bridges = new HashSet<string>(model.Networks.Select(n => n.BridgeName).Where(b => b != null)!);
            var own = model.Host.Interfaces
                .Where(i => i.Name != "lo" && i.Master == null && !bridges.Contains(i.Name) && !i.Name.StartsWith("veth", System.StringComparison.Ordinal))
                .ToList();
            return (own.FirstOrDefault(i => i.Addresses.Count > 0) ?? own.FirstOrDefault())?.Name ?? "eth0";
        }
    }
}
