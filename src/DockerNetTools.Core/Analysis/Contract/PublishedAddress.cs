using System.Net;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Contract
{
    /// <summary>
    /// Whether a published port is reached from outside the host, judged from its host address alone: a loopback address
    /// (127.0.0.0/8, ::1) keeps it on the host; 0.0.0.0, :: and any other address of the host do not. The one place the
    /// contract asks this, so a finer answer from the port analysis (a binding's own exposure) replaces it here only.
    /// </summary>
    internal static class PublishedAddress
    {
        public static bool OutsideHost(PortBindingReport binding) =>
            !AddressText.IsLoopbackHostIp(binding.HostIp);

        public static bool SameAddress(string hostIp, IPAddress address) =>
            IPAddress.TryParse(hostIp.Trim('[', ']'), out var parsed) && parsed.Equals(address);

        public static string Describe(string hostIp) =>
            hostIp == "0.0.0.0" ? "0.0.0.0 (every address of the host, and :: too)" : hostIp;
    }
}
