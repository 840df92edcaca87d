using System;
using System.Collections.Generic;
using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Kernel
{
    /// <summary>
    /// The host's resolv.conf as Docker reads it (moby libnetwork/resolvconf, Path and GetNameservers): /etc/resolv.conf,
    /// unless its only nameserver is systemd-resolved's stub 127.0.0.53, when Docker reads
    /// /run/systemd/resolve/resolv.conf (the upstream servers resolved itself uses) instead.
    /// </summary>
    public static class ResolvConf
    {
        private static readonly char[] Blanks = { ' ', '\t', '\r' };

        public const string DefaultPath = "/etc/resolv.conf";
        public const string SystemdPath = "/run/systemd/resolve/resolv.conf";

        /// <summary>The addresses of the "nameserver" lines, in order; a line Docker cannot parse as an address is skipped, as Docker does.</summary>
        public static List<IPAddress> Nameservers(string? text)
        {
            var list = new List<IPAddress>();
            foreach (var raw in (text ?? string.Empty).Split('\n'))
            {
                var fields = raw.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || fields[0] != "nameserver") continue;
                var value = fields[1];
                var zone = value.IndexOf('%');
                if (AddressText.TryParseIP(zone > 0 ? value.Substring(0, zone) : value, out var address)) list.Add(address);
            }
            return list;
        }

        /// <summary>The file Docker reads, given the text of /etc/resolv.conf (null when unreadable).</summary>
        public static string PathDockerReads(string? etcResolvConf)
        {
            var servers = Nameservers(etcResolvConf);
            return servers.Count == 1 && servers[0].Equals(IPAddress.Parse("127.0.0.53")) ? SystemdPath : DefaultPath;
        }
    }
}
