using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Ports
{
    /// <summary>
    /// The host addresses a binding occupies. Docker's "" means both 0.0.0.0 and :: (two allocations, IPv4 first);
    /// docker-proxy's IPv6 listeners are v6-only. A host process listening on :: is taken as dual-stack, Linux's
    /// default (net.ipv6.bindv6only=0), so it occupies the IPv4 port too.
    /// </summary>
    internal sealed class HostBindScope
    {
        private HostBindScope(IReadOnlyList<IPAddress> addresses) => Addresses = addresses;

        public IReadOnlyList<IPAddress> Addresses { get; }

        public static HostBindScope OfPublish(string hostIp)
        {
            if (string.IsNullOrEmpty(hostIp)) return new HostBindScope(new[] { IPAddress.Any, IPAddress.IPv6Any });
            return new HostBindScope(new[] { IPAddress.TryParse(hostIp, out var a) ? a : IPAddress.Any });
        }

        /// <summary>One address of a binding, as libnetwork maps it before Engine 28.</summary>
        public static HostBindScope Single(IPAddress address) => new HostBindScope(new[] { address });

        public static HostBindScope OfSocket(SocketEntry socket)
        {
            var address = socket.LocalAddress;
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                if (address.IsIPv4MappedToIPv6) return new HostBindScope(new[] { address.MapToIPv4() });
                if (address.Equals(IPAddress.IPv6Any)) return new HostBindScope(new[] { IPAddress.Any, IPAddress.IPv6Any });
            }
            return new HostBindScope(new[] { address });
        }

        /// <summary>
        /// The order Docker maps this binding's addresses in. Before Engine 28 libnetwork maps each address in turn
        /// (0.0.0.0, then ::), allocating and then binding it (allocatePortsInternal), so an IPv4 bind failure comes before
        /// an IPv6 allocation failure; from Engine 28 the allocator hands out the port on every address first and the
        /// binds follow. Each step is checked against the allocator (<see cref="SameAddress"/>) before the bind (<see cref="Blocked"/>).
        /// </summary>
        public IEnumerable<HostBindScope> MappingSteps(EngineInfo engine) =>
            engine.MajorVersion < DockerPortMessages.FirstEngineBindingHostPorts && Addresses.Count > 1
                ? Addresses.Select(Single)
                : new[] { this };

        /// <summary>The first address both scopes name exactly: Docker's port allocator keys on that (ipMap[ip.String()]).</summary>
        public IPAddress? SameAddress(HostBindScope other) => Addresses.FirstOrDefault(a => other.Addresses.Any(b => b.Equals(a)));

        /// <summary>The first address of this scope that a socket bound on the other scope blocks (equal, or either a wildcard of the same family).</summary>
        public IPAddress? Blocked(HostBindScope other) =>
            Addresses.FirstOrDefault(a => other.Addresses.Any(b => b.AddressFamily == a.AddressFamily && (IsAny(a) || IsAny(b) || a.Equals(b))));

        public static bool IsAny(IPAddress a) => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any);

        /// <summary>Go's host:port form, as Docker's messages print it ([::]:80 for IPv6).</summary>
        public static string HostPort(IPAddress address, int port) =>
            (address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString()) + ":" + port;
    }
}
