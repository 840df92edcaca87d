using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DockerNetTools.Model
{
    /// <summary>An IPv6 network in CIDR form (fd00:61::/64), as Docker's IPAM config gives it.</summary>
    public readonly struct IPv6Subnet : IEquatable<IPv6Subnet>
    {
        private readonly byte[] _network;

        public IPv6Subnet(IPAddress address, int prefixLength)
        {
            if (address == null) throw new ArgumentNullException(nameof(address));
            if (address.AddressFamily != AddressFamily.InterNetworkV6) throw new ArgumentException("Not an IPv6 address: " + address, nameof(address));
            if (prefixLength < 0 || prefixLength > 128) throw new ArgumentOutOfRangeException(nameof(prefixLength));
            _network = Masked(address.GetAddressBytes(), prefixLength);
            PrefixLength = prefixLength;
        }

        public int PrefixLength { get; }

        public IPAddress NetworkAddress => new IPAddress(_network ?? new byte[16]);

        /// <summary>True when <paramref name="address"/> is inside the subnet (IPv6 only; no scope id is compared).</summary>
        public bool Contains(IPAddress? address)
        {
            if (address == null || address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6) return false;
            var masked = Masked(address.GetAddressBytes(), PrefixLength);
            var network = _network ?? new byte[16];
            for (var i = 0; i < 16; i++)
                if (masked[i] != network[i]) return false;
            return true;
        }

        /// <summary>The address <paramref name="offset"/> past the network address (1 is the first address, Docker's default gateway).</summary>
        public IPAddress AddressAt(long offset)
        {
            var bytes = (byte[])(_network ?? new byte[16]).Clone();
            var carry = (ulong)offset;
            for (var i = 15; i >= 0 && carry > 0; i--)
            {
                var sum = bytes[i] + (carry & 0xFF);
                bytes[i] = (byte)sum;
                carry = (carry >> 8) + (sum >> 8);
            }
            return new IPAddress(bytes);
        }

        /// <summary>Parses "fd00:61::/64"; the address must be IPv6 and the prefix 0..128 (host bits are cleared, as Docker does).</summary>
        public static bool TryParse(string? text, out IPv6Subnet subnet)
        {
            subnet = default;
            if (string.IsNullOrEmpty(text)) return false;
            var slash = text!.IndexOf('/');
            if (slash <= 0) return false;
            if (!IPAddress.TryParse(text.Substring(0, slash), out var address) || address.AddressFamily != AddressFamily.InterNetworkV6) return false;
            if (!int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 128) return false;
            subnet = new IPv6Subnet(address, prefix);
            return true;
        }

        public static IPv6Subnet Parse(string text) =>
            TryParse(text, out var subnet) ? subnet : throw new FormatException("Not an IPv6 CIDR subnet: " + text);

        /// <summary>True when the address has no bits set after the prefix (fd00:61::/64, not fd00:61::5/64).</summary>
        public static bool IsNetworkAddress(IPAddress address, int prefixLength)
        {
            var bytes = address.GetAddressBytes();
            var masked = Masked(bytes, prefixLength);
            for (var i = 0; i < 16; i++)
                if (masked[i] != bytes[i]) return false;
            return true;
        }

        private static byte[] Masked(byte[] bytes, int prefixLength)
        {
            var result = new byte[16];
            for (var i = 0; i < 16; i++)
            {
                var bits = Math.Max(0, Math.Min(8, prefixLength - i * 8));
                result[i] = (byte)(bytes[i] & (byte)(0xFF << (8 - bits)));
            }
            return result;
        }

        public bool Overlaps(IPv6Subnet other) => Contains(other.NetworkAddress) || other.Contains(NetworkAddress);

        public bool Equals(IPv6Subnet other) => PrefixLength == other.PrefixLength && NetworkAddress.Equals(other.NetworkAddress);
        public override bool Equals(object? obj) => obj is IPv6Subnet other && Equals(other);
        public override int GetHashCode() => NetworkAddress.GetHashCode() ^ PrefixLength;
        public static bool operator ==(IPv6Subnet left, IPv6Subnet right) => left.Equals(right);
        public static bool operator !=(IPv6Subnet left, IPv6Subnet right) => !left.Equals(right);
        public override string ToString() => NetworkAddress + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
    }
}
