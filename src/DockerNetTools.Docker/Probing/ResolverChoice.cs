using System.Collections.Generic;
using DockerNetTools.Analysis.Probing;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>Which DNS server a name probe may ask: only Docker's embedded DNS, which lives in the container's namespace on this host.</summary>
    internal static class ResolverChoice
    {
        public const string EmbeddedDns = "127.0.0.11";

        /// <summary>
        /// resolv.conf names other servers (the default bridge copies the host's): they are outside the host being diagnosed,
        /// so they are not asked, and the observation is the hosts file's alone.
        /// </summary>
        public static ProbeObservation NoEmbeddedDns(string name, IReadOnlyList<string> servers, string method) =>
            new ProbeObservation(ProbeOutcome.NotResolved, method,
                "not in /etc/hosts; resolv.conf names " + (servers.Count == 0 ? "no nameserver" : string.Join(", ", servers))
                + ", not Docker's embedded DNS (" + EmbeddedDns + "), so no DNS question was sent: those servers are outside the host being diagnosed");
    }
}
