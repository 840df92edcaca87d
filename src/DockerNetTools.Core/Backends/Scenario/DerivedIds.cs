using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>
    /// Deterministic stand-ins for what Docker draws at random (ids, veth names, bridge MACs): a hash of what the
    /// object is, so the same scenario always gives the same model and tests can name the values.
    /// </summary>
    internal static class DerivedIds
    {
        /// <summary>64 lower-case hex digits: SHA-256 of "&lt;kind&gt;:&lt;name&gt;" (e.g. "network:second-bridge").</summary>
        public static string Id(string kind, string name) => Hex(kind + ":" + name);

        /// <summary>
        /// veth + 7 hex digits, like the names Docker gives host-side veths. Docker draws them at random and draws again when
        /// the name is taken; <paramref name="attempt"/> is that next draw (0 the first, the hash of container and network
        /// alone; then the hash with the attempt's number), so a scenario still gives the same names on every load.
        /// </summary>
        public static string VethName(string containerName, string networkName, int attempt = 0) =>
            "veth" + Hex("veth:" + containerName + ":" + networkName
                         + (attempt == 0 ? string.Empty : ":" + attempt.ToString(CultureInfo.InvariantCulture))).Substring(0, 7);

        /// <summary>Docker's MAC rule for an IPv4 endpoint: 02:42 followed by the four address bytes.</summary>
        public static string MacFor(IPAddress address)
        {
            var b = address.GetAddressBytes();
            return "02:42:" + b[0].ToString("x2", CultureInfo.InvariantCulture) + ":" + b[1].ToString("x2", CultureInfo.InvariantCulture) + ":" + b[2].ToString("x2", CultureInfo.InvariantCulture) + ":" + b[3].ToString("x2", CultureInfo.InvariantCulture);
        }

        /// <summary>A locally administered MAC (02:42:…) for a device that has no address of its own to derive from.</summary>
        public static string MacFor(string kind, string name)
        {
            var h = Hex("mac:" + kind + ":" + name);
            return "02:42:" + h.Substring(0, 2) + ":" + h.Substring(2, 2) + ":" + h.Substring(4, 2) + ":" + h.Substring(6, 2);
        }

        private static string Hex(string text)
        {
            // One hasher per thread: a scenario of 10,000 containers derives some 30,000 of these.
            var sha = _sha ??= SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var digits = new char[hash.Length * 2];
            for (var i = 0; i < hash.Length; i++)
            {
                digits[2 * i] = HexDigits[hash[i] >> 4];
                digits[2 * i + 1] = HexDigits[hash[i] & 0xF];
            }
            return new string(digits);
        }

        private const string HexDigits = "0123456789abcdef";

        [System.ThreadStatic]
        private static SHA256? _sha;
    }
}
