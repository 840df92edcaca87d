using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DockerNetTools.Model
{
    /// <summary>An IPv4 CIDR block such as 172.17.0.0/16.</summary>
    public readonly struct IPv4Subnet : IEquatable<IPv4Subnet>
    {
        private readonly uint _network;

        public IPv4Subnet(IPAddress address, int prefixLength)
        {
            if (address.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException("Not an IPv4 address: " + address, nameof(address));
            if (prefixLength < 0 || prefixLength > 32) throw new ArgumentOutOfRangeException(nameof(prefixLength));
            PrefixLength = prefixLength;
            _network = ToUInt32(address) & Mask(prefixLength);
        }

        public int PrefixLength { get; }
        public IPAddress NetworkAddress => FromUInt32(_network);
        public IPAddress BroadcastAddress => FromUInt32(_network | ~Mask(PrefixLength));

        /// <summary>Number of addresses in the block (2^(32-prefix)).</summary>
        public long Size => 1L << (32 - PrefixLength);

        public bool Contains(IPAddress? address) =>
            address != null && address.AddressFamily == AddressFamily.InterNetwork && (ToUInt32(address) & Mask(PrefixLength)) == _network;

        /// <summary>The address at <paramref name="offset"/> from the network address (offset 1 = the usual gateway).</summary>
        public IPAddress AddressAt(long offset)
        {
            if (offset < 0 || offset >= Size) throw new ArgumentOutOfRangeException(nameof(offset));
            return FromUInt32(_network + (uint)offset);
        }

        public long OffsetOf(IPAddress address) => ToUInt32(address) - (long)_network;

        public static bool TryParse(string? text, out IPv4Subnet subnet)
        {
            subnet = default;
            if (string.IsNullOrWhiteSpace(text)) return false;
            var slash = text!.IndexOf('/');
            if (slash <= 0) return false;
            if (!IPAddress.TryParse(text.Substring(0, slash), out var address) || address.AddressFamily != AddressFamily.InterNetwork) return false;
            if (!int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32) return false;
            subnet = new IPv4Subnet(address, prefix);
            return true;
        }

        public static IPv4Subnet Parse(string text) =>
            TryParse(text, out var subnet) ? subnet : throw new FormatException("Not an IPv4 CIDR block: '" + text + "'.");

        public static uint ToUInt32(IPAddress address)
        {
            var b = address.GetAddressBytes();
            return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
        }

        public static IPAddress FromUInt32(uint value) =>
            new IPAddress(new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value });

        private static uint Mask(int prefix) => prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);

        public bool Equals(IPv4Subnet other) => _network == other._network && PrefixLength == other.PrefixLength;
        public override bool Equals(object? obj) => obj is IPv4Subnet other && Equals(other);
        public override int GetHashCode() => (int)_network ^ PrefixLength;
        public static bool operator ==(IPv4Subnet left, IPv4Subnet right) => left.Equals(right);
        public static bool operator !=(IPv4Subnet left, IPv4Subnet right) => !left.Equals(right);
        public override string ToString() => NetworkAddress + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
    }
}
