using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Kernel
{
    /// <summary>
    /// Reads the host's main routing table from /proc/net/route (IPv4) and /proc/net/ipv6_route (IPv6).
    /// /proc/net/route: "Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT", addresses as the
    /// kernel's 32-bit word in the host's byte order (little endian on x86 and arm64), only the main table.
    /// /proc/net/ipv6_route: "dest destlen src srclen nexthop metric refcnt use flags iface", addresses as 32 hex digits in
    /// network order, lengths, metric and flags in hex; it lists every table, so local (RTF_LOCAL), anycast, unreachable
    /// (RTF_REJECT), multicast, link-local and loopback-device routes are left out. Malformed lines are skipped.
    /// </summary>
    public static class RouteTableParser
    {
        private static readonly char[] Blanks = { ' ', '\t', '\r' };
        private const uint RtfUp = 0x0001;
        private const uint RtfReject = 0x0200;
        private const uint RtfAnycast = 0x00100000;
        private const uint RtfLocal = 0x80000000;

        public static List<HostRoute> ParseIPv4(string? text, bool bigEndianKernel = false)
        {
            var routes = new List<HostRoute>();
            foreach (var raw in (text ?? string.Empty).Split('\n'))
            {
                var f = raw.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 8 || f[0] == "Iface") continue;
                if (!Hex(f[1], out var dest) || !Hex(f[2], out var gateway) || !Hex(f[3], out var flags) || !Hex(f[7], out var mask)) continue;
                if (!int.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out var metric)) continue;
                if ((flags & RtfUp) == 0 || (flags & RtfReject) != 0 || f[0] == "lo") continue;
                var maskAddress = Word(mask, bigEndianKernel).GetAddressBytes();
                var prefix = 0;
                foreach (var b in maskAddress) prefix += Bits(b);
                routes.Add(new HostRoute(Word(dest, bigEndianKernel), prefix, gateway == 0 ? null : Word(gateway, bigEndianKernel), f[0], metric));
            }
            return routes;
        }

        public static List<HostRoute> ParseIPv6(string? text)
        {
            var routes = new List<HostRoute>();
            foreach (var raw in (text ?? string.Empty).Split('\n'))
            {
                var f = raw.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || f[0].Length != 32 || f[4].Length != 32) continue;
                if (!Hex(f[1], out var prefix) || prefix > 128 || !Hex(f[5], out var metric) || !Hex(f[8], out var flags)) continue;
                var destination = Address16(f[0]);
                var nextHop = Address16(f[4]);
                if (destination == null || nextHop == null) continue;
                var iface = f[9];
                if ((flags & RtfUp) == 0 || (flags & (RtfReject | RtfLocal | RtfAnycast)) != 0 || iface == "lo") continue;
                // Multicast (ff00::/8) and link-local (fe80::/10, one per interface) routes never carry a packet off the host.
                var first = destination.GetAddressBytes();
                if (first[0] == 0xff || (first[0] == 0xfe && (first[1] & 0xc0) == 0x80)) continue;
                var gateway = nextHop.Equals(IPAddress.IPv6Any) ? null : nextHop;
                routes.Add(new HostRoute(destination, (int)prefix, gateway, iface, unchecked((int)metric)));
            }
            return routes;
        }

        private static bool Hex(string text, out uint value) =>
            uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

        private static IPAddress Word(uint value, bool bigEndianKernel)
        {
            var bytes = BitConverter.GetBytes(value);
            // The hex is the word as the kernel holds it; its bytes in memory order are the address in network order.
            if (BitConverter.IsLittleEndian == bigEndianKernel) Array.Reverse(bytes);
            return new IPAddress(bytes);
        }

        private static IPAddress? Address16(string hex)
        {
            var bytes = new byte[16];
            for (var i = 0; i < 16; i++)
            {
                if (!byte.TryParse(hex.Substring(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i])) return null;
            }
            return new IPAddress(bytes);
        }

        private static int Bits(byte b)
        {
            var count = 0;
            for (var v = b; v != 0; v >>= 1) count += v & 1;
            return count;
        }
    }
}
