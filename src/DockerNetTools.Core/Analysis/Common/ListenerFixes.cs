using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Common
{
    /// <summary>
    /// What to do when a service does not take a connection (nothing listens on the port, it listens on loopback only or
    /// on another address or family): one text for each case, so Test-DockerNetReachability (Remedy of a NoListener
    /// verdict) and Get-DockerNetPortBinding (Remedy of a NoListener or LoopbackOnly report) say the same thing about the
    /// same service.
    /// </summary>
    internal static class ListenerFixes
    {
        private const string CannotRepublish = "Docker cannot change the published ports of an existing container";

        /// <summary>"3030/tcp", Docker's spelling of a container port.</summary>
        public static string Service(int port, TransportProtocol protocol) => port + "/" + protocol.ToString().ToLowerInvariant();

        /// <summary>
        /// No socket on the port. <paramref name="listening"/> are the other ports of that protocol the service listens on
        /// where the connection arrives; <paramref name="published"/> is the publish that forwards to the port (null for a
        /// connection straight to the container).
        /// </summary>
        /// <param name="who">The container (or "the host") whose namespace the connection arrives in.</param>
        public static string NothingListens(string who, int port, TransportProtocol protocol, IReadOnlyList<int> listening, PortBinding? published)
        {
            var service = Service(port, protocol);
            var others = listening.Where(p => p != port).Distinct().OrderBy(p => p).ToList();
            var inWho = In(who);
            if (published == null)
            {
                if (others.Count == 0) return "Start the service on " + service + " " + inWho + ".";
                return who + " listens on " + string.Join(", ", others.Select(p => Service(p, protocol))) + ": connect to "
                       + (others.Count == 1 ? "that port" : "one of those ports") + ", or make the service listen on " + service + ".";
            }
            if (others.Count == 1)
                return "Publish the port the service listens on: recreate " + who + " with the same options but -p " + PublishText(published, others[0])
                       + " instead of -p " + PublishText(published, port) + " (" + CannotRepublish + "), or make the service listen on " + service + ".";
            return "Start the service on " + service + " " + inWho + ", or publish the port it listens on: recreate " + who
                   + " with the same options and that port in -p (" + CannotRepublish + ").";
        }

        /// <summary>Sockets on the port, all on a loopback address: the connection arrives on the container's own address.</summary>
        public static string LoopbackOnly(int port, IPAddress bound) =>
            "Make the service listen on 0.0.0.0:" + port + " (or [::]:" + port + ") instead of " + Endpoint(bound, port) + ".";

        /// <summary>An IPv4-only socket (0.0.0.0) where the connection arrives over IPv6.</summary>
        public static string BothFamilies(int port, IPAddress bound) =>
            "Make the service listen on [::]:" + port + " (both families) instead of " + Endpoint(bound, port) + ".";

        /// <summary>Sockets on the port, on addresses the connection does not arrive on.</summary>
        /// <param name="direct">A connection straight to the container (not through a published port), which could dial that address instead.</param>
        public static string OtherAddresses(int port, IEnumerable<IPAddress> bound, bool ipv6, bool direct) =>
            "Make the service listen on " + (ipv6 ? "[::]" : "0.0.0.0") + ":" + port + " instead of "
            + string.Join(", ", bound.Select(b => Endpoint(b, port)).Distinct()) + (direct ? ", or connect to the address it listens on." : ".");

        private static string In(string who) => who == "the host" ? "on the host" : "in " + who;

        private static string Endpoint(IPAddress address, int port)
        {
            var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            return (a.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + a + "]" : a.ToString()) + ":" + port;
        }

        /// <summary>The -p text of <paramref name="binding"/> with another container port ("8004:3000", "127.0.0.1:53:5353/udp").</summary>
        private static string PublishText(PortBinding binding, int containerPort) =>
            (string.IsNullOrEmpty(binding.HostIp) ? string.Empty : (binding.HostIp.IndexOf(':') >= 0 ? "[" + binding.HostIp + "]" : binding.HostIp) + ":")
            + binding.HostPort + ":" + containerPort + (binding.Protocol == TransportProtocol.Tcp ? string.Empty : "/" + binding.Protocol.ToString().ToLowerInvariant());
    }
}
