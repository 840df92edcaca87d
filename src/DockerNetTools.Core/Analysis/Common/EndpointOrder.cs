using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Common
{
    /// <summary>
    /// The order in which Docker ranks a container's endpoints (libnetwork's sandbox endpoint heap, epHeap.Less): endpoints
    /// on --internal networks last, the others by network name. The first endpoint with a gateway holds the default route,
    /// and the embedded DNS looks a name up on the networks in this order, so both follow the network names, not the order
    /// the container was connected in (checked on Docker 20.10.24: a container run on auditr-zeta and then connected to
    /// auditr-alpha got "default via 10.91.2.1 dev eth1", and nslookup of a container on both answered its auditr-alpha
    /// address). Not modelled: Engine 28's gw-priority, which ranks before the name.
    /// </summary>
    internal static class EndpointOrder
    {
        public static IEnumerable<EndpointInfo> Ranked(DockerHostModel model, IEnumerable<EndpointInfo> endpoints) =>
            endpoints
                .OrderBy(e => model.FindNetwork(e.NetworkName)?.Internal == true ? 1 : 0)
                .ThenBy(e => e.NetworkName, StringComparer.Ordinal);

        /// <summary>
        /// The endpoint that holds a container's published ports: libnetwork programs the port mappings (docker-proxy's
        /// -container-ip, the DNAT target) on the gateway endpoint, the first non-internal one in this ranking, and moves
        /// them when a connect changes it (checked on Docker 20.10.24: run on chk-zz with -p, then connected to chk-aaa,
        /// docker-proxy forwarded to the chk-aaa address; run on bridge and connected to chk-aaa, it stayed on bridge,
        /// "bridge" &lt; "chk-aaa"). Null when the container has no such endpoint with an address.
        /// </summary>
        public static EndpointInfo? PortMappingEndpoint(DockerHostModel model, IEnumerable<EndpointInfo> endpoints) =>
            First(model, endpoints, e => e.IPAddress != null && model.FindNetwork(e.NetworkName) is { Internal: false });

        /// <summary>
        /// Docker ignores -p for a container whose every network is macvlan/ipvlan: no docker-proxy, no DNAT; the container
        /// answers at its own address on the parent's LAN (docker/libnetwork#2050).
        /// </summary>
        public static bool OnlyOnMacvlan(DockerHostModel model, IReadOnlyCollection<EndpointInfo> endpoints) =>
            endpoints.Count > 0 && endpoints.All(e => model.FindNetwork(e.NetworkName)?.IsMacvlan == true);

        /// <summary>The best-ranked endpoint that satisfies <paramref name="accept"/>, without sorting (reachability asks this for every pair).</summary>
        public static EndpointInfo? First(DockerHostModel model, IEnumerable<EndpointInfo> endpoints, Func<EndpointInfo, bool> accept)
        {
            EndpointInfo? best = null;
            var bestInternal = false;
            foreach (var endpoint in endpoints)
            {
                if (!accept(endpoint)) continue;
                var isInternal = model.FindNetwork(endpoint.NetworkName)?.Internal == true;
                if (best == null || (bestInternal && !isInternal)
                    || (bestInternal == isInternal && string.CompareOrdinal(endpoint.NetworkName, best.NetworkName) < 0))
                {
                    best = endpoint;
                    bestInternal = isInternal;
                }
            }
            return best;
        }
    }
}
