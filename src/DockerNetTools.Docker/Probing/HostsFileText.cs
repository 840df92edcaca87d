using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>Looks a name up in the text of an /etc/hosts file, as the C library's "files" source does.</summary>
    internal static class HostsFileText
    {
        private static readonly char[] Blanks = { ' ', '\t', '\r' };
        /// <summary>Every address of the asked family on a line naming <paramref name="name"/> (case-insensitive), in file order.</summary>
        public static IReadOnlyList<IPAddress> Lookup(string text, string name, AddressFamily family)
        {
            var found = new List<IPAddress>();
            var wanted = name.TrimEnd('.');
            foreach (var raw in text.Split('\n'))
            {
                var hash = raw.IndexOf('#');
                var line = hash >= 0 ? raw.Substring(0, hash) : raw;
                var fields = line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || !IPAddress.TryParse(fields[0], out var address) || address.AddressFamily != family) continue;
                for (var i = 1; i < fields.Length; i++)
                {
                    if (!string.Equals(fields[i], wanted, StringComparison.OrdinalIgnoreCase)) continue;
                    if (!found.Contains(address)) found.Add(address);
                    break;
                }
            }
            return found;
        }

        /// <summary>The nameserver lines of a resolv.conf text.</summary>
        public static IReadOnlyList<string> Nameservers(string text)
        {
            var servers = new List<string>();
            foreach (var raw in text.Split('\n'))
            {
                var fields = raw.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2 && fields[0] == "nameserver") servers.Add(fields[1]);
            }
            return servers;
        }
    }
}
