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
    }
}
