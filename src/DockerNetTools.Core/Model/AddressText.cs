using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace DockerNetTools.Model
{
    /// <summary>Strict parsing of the address forms users and scenarios type (IPAddress.TryParse alone accepts "1.2.3" and "10").</summary>
    internal static class AddressText
    {
        public static bool TryParseIPv4(string? text, out IPAddress address)
        {
            address = IPAddress.None;
            if (string.IsNullOrEmpty(text)) return false;
            var parts = text!.Split('.');
            if (parts.Length != 4) return false;
            var bytes = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                if (parts[i].Length == 0 || parts[i].Length > 3 || !byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
                    return false;
            }
            address = new IPAddress(bytes);
            return true;
        }

        public static bool TryParseIP(string? text, out IPAddress address)
        {
            address = IPAddress.None;
            if (string.IsNullOrEmpty(text)) return false;
            if (text!.IndexOf(':') < 0) return TryParseIPv4(text, out address);
            if (text.IndexOf('%') >= 0 || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6) return false;
            address = parsed;
            return true;
        }

        /// <summary>
        /// A published port's host address (bracketed or not) is a loopback address (127.0.0.0/8, ::1): the port stays on
        /// the host. Empty (every address) is not.
        /// </summary>
        public static bool IsLoopbackHostIp(string? hostIp) =>
            !string.IsNullOrEmpty(hostIp) && IPAddress.TryParse(hostIp!.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);

        /// <summary>aa:bb:cc:dd:ee:ff (or with '-'), returned lower-case with ':'.</summary>
        public static bool TryParseMac(string? text, out string mac)
        {
            mac = string.Empty;
            if (string.IsNullOrEmpty(text)) return false;
            var parts = text!.Split(':', '-');
            if (parts.Length != 6 || parts.Any(p => p.Length != 2 || !byte.TryParse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _)))
                return false;
            mac = string.Join(":", parts).ToLowerInvariant();
            return true;
        }

        /// <summary>"addr:port", or "[v6addr]:port" for an IPv6 address, as one types an endpoint and as ss prints it.</summary>
        public static string WithPort(string address, string port) =>
            (address.IndexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;

        /// <summary>"addr:port", "[v6addr]:port" or "*:port" (any IPv4 address, as ss prints it).</summary>
        public static bool TryParseEndpoint(string? text, out IPAddress address, out int port, out string error)
        {
            address = IPAddress.Any;
            port = 0;
            error = string.Empty;
            var value = text?.Trim() ?? string.Empty;
            string host, portText;
            if (value.StartsWith("[", System.StringComparison.Ordinal))
            {
                var close = value.IndexOf("]:", System.StringComparison.Ordinal);
                if (close < 0)
                {
                    error = "'" + value + "' must be [IPv6 address]:port";
                    return false;
                }
                host = value.Substring(1, close - 1);
                portText = value.Substring(close + 2);
            }
            else
            {
                var colon = value.LastIndexOf(':');
                if (colon <= 0 || value.IndexOf(':') != colon)
                {
                    error = "'" + value + "' must be address:port (IPv6 in brackets: [::]:80)";
                    return false;
                }
                host = value.Substring(0, colon);
                portText = value.Substring(colon + 1);
            }
            if (host == "*") address = IPAddress.Any;
            else if (!TryParseIP(host, out address))
            {
                error = "invalid IP address '" + host + "' in '" + value + "'";
                return false;
            }
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
            {
                error = "port out of range in '" + value + "': '" + portText + "' (0-65535)";
                return false;
            }
            return true;
        }
    }
}
