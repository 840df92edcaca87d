using System.Linq;
using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>Finds what holds an IP address on the modelled host: a container endpoint, a bridge gateway, the host, or nothing.</summary>
    internal static class AddressOwners
    {
        public static DestinationTarget Find(DockerHostModel model, IPAddress address)
        {
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            // 0.0.0.0 as a destination means "this host" to Linux: the caller's own namespace, like loopback.
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
                return DestinationTarget.ForLoopback(address);

            // Running containers first: a stopped container may still carry the address it had.
            foreach (var container in model.Containers.OrderBy(c => c.IsRunning ? 0 : 1))
            {
                var endpoint = container.Endpoints.FirstOrDefault(e => address.Equals(e.IPAddress) || address.Equals(e.IPv6Address));
                if (endpoint != null) return DestinationTarget.ForContainer(container, address, endpoint);
            }

            var gatewayOf = model.Networks.FirstOrDefault(n => (address.Equals(n.Gateway) || address.Equals(n.Gateway6)) && !n.IsMacvlan);
            if (gatewayOf != null) return DestinationTarget.ForHost(address, gatewayOf);

            if (model.Host.Interfaces.Any(i => i.Addresses.Any(a => a.Equals(address))))
                return DestinationTarget.ForHost(address, null);

            var subnetOf = model.Networks.FirstOrDefault(n => (n.Subnet.HasValue && n.Subnet.Value.Contains(address))
                                                              || (n.Subnet6.HasValue && n.Subnet6.Value.Contains(address)));
            if (subnetOf != null) return DestinationTarget.ForUnused(address, subnetOf);

            return DestinationTarget.ForOutside(address);
        }
    }
}
