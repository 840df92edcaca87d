using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace DockerNetTools.Model
{
    /// <summary>
    /// One route of the host's main routing table (IPv4 or IPv6): where packets for <see cref="Destination"/>/<see cref="PrefixLength"/>
    /// leave, as `ip route` (or /proc/net/route, /proc/net/ipv6_route) shows it. Scenario key host.routes.
    /// </summary>
    public sealed class HostRoute
    {
        public HostRoute(IPAddress destination, int prefixLength, IPAddress? gateway, string interfaceName, int metric = 0)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            var max = destination.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
            if (prefixLength < 0 || prefixLength > max) throw new ArgumentOutOfRangeException(nameof(prefixLength));
            Destination = destination;
            PrefixLength = prefixLength;
            Gateway = gateway;
            Interface = interfaceName ?? string.Empty;
            Metric = metric;
        }

        /// <summary>The network address of the route (0.0.0.0 or :: for the default route).</summary>
        public IPAddress Destination { get; }

        public int PrefixLength { get; }

        /// <summary>The next hop; null for a route on the link itself (the destination is a neighbour).</summary>
        public IPAddress? Gateway { get; }

        /// <summary>The interface the packet leaves by (eth0, tun0, wg0, docker0).</summary>
        public string Interface { get; }

        /// <summary>The route's metric (lower wins between routes of one prefix length).</summary>
        public int Metric { get; }

        public bool IsIPv6 => Destination.AddressFamily == AddressFamily.InterNetworkV6;

        public bool IsDefault => PrefixLength == 0;

        /// <summary>"default" for the IPv4 default route, "::/0" for the IPv6 one, else address/prefix.</summary>
        public string DestinationText => IsDefault ? (IsIPv6 ? "::/0" : "default") : Destination + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);

        /// <summary>Whether the route covers <paramref name="address"/> (same family, same first <see cref="PrefixLength"/> bits).</summary>
        public bool Contains(IPAddress? address)
        {
            if (address == null) return false;
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            if (address.AddressFamily != Destination.AddressFamily) return false;
            return SamePrefix(address.GetAddressBytes(), Destination.GetAddressBytes(), PrefixLength);
        }

        /// <summary>The route the kernel picks for <paramref name="address"/> among <paramref name="routes"/>: the longest matching prefix, then the lowest metric.</summary>
        public static HostRoute? Pick(IEnumerable<HostRoute> routes, IPAddress address) =>
            routes.Where(r => r.Contains(address)).OrderByDescending(r => r.PrefixLength).ThenBy(r => r.Metric).FirstOrDefault();

        /// <summary>Whether the route and a subnet share any address (one contains the other's network address).</summary>
        public bool Overlaps(IPAddress network, int prefixLength)
        {
            if (network.AddressFamily != Destination.AddressFamily) return false;
            var shorter = Math.Min(prefixLength, PrefixLength);
            return SamePrefix(network.GetAddressBytes(), Destination.GetAddressBytes(), shorter);
        }

        /// <summary>True when the address has no bits set past the prefix (what `ip route add` requires of a destination).</summary>
        public static bool IsNetworkAddress(IPAddress address, int prefixLength)
        {
            var bytes = address.GetAddressBytes();
            for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
            {
                if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) return false;
            }
            return true;
        }

        private static bool SamePrefix(byte[] a, byte[] b, int bits)
        {
            for (var bit = 0; bit < bits; bit++)
            {
                var mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) return false;
            }
            return true;
        }

        public override string ToString() =>
            DestinationText + (Gateway != null ? " via " + Gateway : string.Empty) + " dev " + Interface
            + (Metric != 0 ? " metric " + Metric.ToString(CultureInfo.InvariantCulture) : string.Empty);
    }
}
