using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.Resources;

namespace DockerNetTools.Analysis.Probing
{
    /// <summary>
    /// What a probe may send to: only the host being diagnosed. A container's addresses, the gateways and subnets of
    /// its local bridge networks, the host's own addresses, a bridged namespace's (host.namespaces), and the loopback (which, inside the source's namespace, is
    /// the source itself). Never anything the packet would leave the host for.
    /// </summary>
    public static class ProbeTargets
    {
        public static bool IsOnHost(DockerHostModel model, IPAddress address)
        {
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
            if (model.Containers.Any(c => c.Endpoints.Any(e => address.Equals(e.IPAddress) || address.Equals(e.IPv6Address)))) return true;
            if (model.Networks.Any(n => address.Equals(n.Gateway))) return true;
            if (model.Host.Interfaces.Any(i => i.Addresses.Any(a => a.Equals(address)))) return true;
            // A namespace Docker did not make, hanging on a bridge of the host (seed 003's container4 on br0), is on the host too.
            if (model.Host.Namespaces.Any(n => n.InterfaceWith(address) is { } inside && model.Host.BridgeOf(inside) != null)) return true;
            // An unused address of a Linux bridge network stays on that bridge (ARP gets no answer); a macvlan or
            // overlay subnet is someone else's wire, so only the containers' own addresses there count.
            return address.AddressFamily == AddressFamily.InterNetwork
                   && model.Networks.Any(n => n.IsBridge && n.Subnet.HasValue && n.Subnet.Value.Contains(address));
        }

        /// <summary>Throws ProbeTargetOutsideHost (InvalidArgument) unless <paramref name="address"/> is on the diagnosed host.</summary>
        public static void EnsureOnHost(DockerHostModel model, IPAddress address)
        {
            if (IsOnHost(model, address)) return;
            throw new DockerNetException(ErrorIds.ProbeTargetOutsideHost, ErrorKind.InvalidArgument,
                ErrorText.Format(ErrorMessages.ProbeTargetOutsideHost, address, model.Source), address)
            {
                RecommendedAction = ErrorMessages.ProbeTargetOutsideHostAction,
            };
        }

        /// <summary>Throws ProbeTargetOutsideHost for a name only the host's upstream resolvers could answer (the query would leave the host).</summary>
        public static void EnsureOnHost(NameResolution prediction)
        {
            if (prediction.Failure != NameResolutionFailure.OutsideModel && prediction.Failure != NameResolutionFailure.UpstreamUnreachable) return;
            throw new DockerNetException(ErrorIds.ProbeTargetOutsideHost, ErrorKind.InvalidArgument,
                ErrorText.Format(ErrorMessages.ProbeNameOutsideHost, prediction.Name),
                prediction.Name);
        }

        /// <summary>
        /// The address to probe for a prediction: the one the model sent the packet to, else the loopback when source and
        /// destination share a namespace, else the destination container's first address. Null when there is none.
        /// </summary>
        public static IPAddress? Choose(DockerHostModel model, ContainerInfo source, ReachabilityResult prediction)
        {
            if (prediction.DestinationAddressValue != null) return prediction.DestinationAddressValue;
            var destination = model.FindContainer(prediction.DestinationContainer ?? prediction.Destination);
            if (destination == null) return null;
            var destinationOwner = model.NamespaceOwner(destination);
            if (destinationOwner == null) return null;
            if (ReferenceEquals(destinationOwner, model.NamespaceOwner(source))) return IPAddress.Loopback;
            return destinationOwner.Endpoints.Select(e => e.IPAddress).FirstOrDefault(a => a != null);
        }
    }
}
