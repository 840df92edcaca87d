using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>What the receiving namespace does with a packet that arrived: a socket takes it, or not, or we cannot tell.</summary>
    internal sealed class ListenerOutcome
    {
        private ListenerOutcome(ReachabilityVerdict verdict, string? reason, ReachabilityHop hop, string? remedy = null)
        {
            Verdict = verdict;
            Reason = reason;
            Hop = hop;
            Remedy = remedy;
        }

        /// <summary>What would make the service take it (the same words Get-DockerNetPortBinding uses), when it is refused.</summary>
        public string? Remedy { get; }

        public ReachabilityVerdict Verdict { get; }

        /// <summary>Why it failed; null when a listener takes the packet (or no port was asked for).</summary>
        public string? Reason { get; }

        /// <summary>The last hop of the path: the socket, or the lack of one.</summary>
        public ReachabilityHop Hop { get; }

        public bool Accepted => Verdict == ReachabilityVerdict.Reachable;

        public static ListenerOutcome Accept(ReachabilityHop hop) => new ListenerOutcome(ReachabilityVerdict.Reachable, null, hop);
        public static ListenerOutcome Fail(ReachabilityVerdict verdict, string reason, ReachabilityHop hop, string? remedy = null) => new ListenerOutcome(verdict, reason, hop, remedy);
    }

    /// <summary>
    /// The -Port rule: the destination needs a socket on that port and protocol bound to 0.0.0.0, ::, or the very
    /// address the packet arrives on. A socket on 127.0.0.1 only takes nothing from other namespaces.
    /// </summary>
    internal static class ListenerCheck
    {
        /// <param name="published">The publish the connection came through, when it did (its fix is to publish another port).</param>
        public static ListenerOutcome Check(NetNamespace ns, IPAddress arrival, ReachabilityQuery query, PortBinding? published = null)
        {
            var device = ns.Who;
            if (!query.Port.HasValue)
                return ListenerOutcome.Accept(new ReachabilityHop(HopKind.Socket, device, arrival, "the kernel answers the ICMP echo"));

            var port = query.Port.Value;
            var service = query.ServiceText;
            if (!ns.SocketsKnown)
                return ListenerOutcome.Fail(ReachabilityVerdict.Undetermined,
                    "The network path to " + ns.Who + " is open, but the sockets in " + ns.Label + " were not read, so whether anything listens on "
                    + service + " could not be checked.",
                    new ReachabilityHop(HopKind.Socket, device, arrival, service + " not checked (sockets unknown)"));

            var onPort = ns.Sockets.Where(s => s.LocalPort == port && IsListening(s, query.Protocol)).ToList();
            var taker = onPort.FirstOrDefault(s => Accepts(s.LocalAddress, arrival));
            if (taker != null)
                return ListenerOutcome.Accept(new ReachabilityHop(HopKind.Socket, device, arrival,
                    service + " accepted by " + Describe(taker)));

            if (onPort.Count == 0 && ns.SocketsAssumed)
                return ListenerOutcome.Fail(ReachabilityVerdict.Undetermined,
                    "The network path to " + ns.Who + " is open, but nothing is known to listen on " + service + ": the compose file neither publishes nor exposes it, "
                    + "and what a process will bind cannot be told before the stack runs.",
                    new ReachabilityHop(HopKind.Socket, device, arrival, service + " not checked (neither published nor exposed)"),
                    ComposeRemedies.Expose(ns.Owner, port + (query.Protocol == ReachabilityProtocol.Udp ? "/udp" : string.Empty)));

            var transport = query.Protocol == ReachabilityProtocol.Udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
            if (onPort.Count == 0)
                return ListenerOutcome.Fail(ReachabilityVerdict.NoListener,
                    "Nothing in " + ns.Label + " listens on " + service + ", so the " + Refusal(query.Protocol) + ".",
                    new ReachabilityHop(HopKind.Socket, device, arrival, "no listener on " + service),
                    ListenerFixes.NothingListens(ns.Who, port, transport, OpenPorts(ns, query.Protocol).ToList(), published));

            var bound = string.Join(", ", onPort.Select(Describe).Distinct());
            if (onPort.All(s => IPAddress.IsLoopback(Normalize(s.LocalAddress))))
                return ListenerOutcome.Fail(ReachabilityVerdict.NoListener,
                    ns.Who + " listens on " + service + " at " + bound + ": bound to loopback only; bind to 0.0.0.0 (or " + arrival
                    + ") so that packets arriving on " + arrival + " are accepted.",
                    new ReachabilityHop(HopKind.Socket, device, arrival, "only " + bound + " listens (loopback), " + arrival + " is refused"),
                    ListenerFixes.LoopbackOnly(port, onPort[0].LocalAddress));

            var v6 = Normalize(arrival).AddressFamily == AddressFamily.InterNetworkV6;
            var any = v6 ? "[::]" : "0.0.0.0";
            var ipv4Wildcard = onPort.FirstOrDefault(s => Normalize(s.LocalAddress).Equals(IPAddress.Any));
            return ListenerOutcome.Fail(ReachabilityVerdict.NoListener,
                ns.Who + " listens on " + service + " only at " + bound + ", not on " + arrival + "; bind to " + any + " or use that address.",
                new ReachabilityHop(HopKind.Socket, device, arrival, "only " + bound + " listens, " + arrival + " is refused"),
                v6 && ipv4Wildcard != null
                    ? ListenerFixes.BothFamilies(port, ipv4Wildcard.LocalAddress)
                    : ListenerFixes.OtherAddresses(port, onPort.Select(s => s.LocalAddress), v6, direct: published == null));
        }

        /// <summary>A TCP socket in Listen, or a UDP socket not connected to a peer.</summary>
        private static bool IsListening(SocketEntry socket, ReachabilityProtocol protocol)
        {
            switch (protocol)
            {
                case ReachabilityProtocol.Tcp:
                    return socket.IsTcp && socket.State == SocketState.Listen;
                case ReachabilityProtocol.Udp:
                    return !socket.IsTcp && socket.RemotePort == 0;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether a socket bound to <paramref name="bound"/> takes a packet for <paramref name="arrival"/>. A socket on ::
        /// also takes IPv4 (Linux's default net.ipv6.bindv6only=0).
        /// </summary>
        internal static bool Accepts(IPAddress bound, IPAddress arrival)
        {
            var local = Normalize(bound);
            var target = Normalize(arrival);
            if (local.Equals(IPAddress.Any)) return target.AddressFamily == AddressFamily.InterNetwork;
            if (local.Equals(IPAddress.IPv6Any)) return true;
            return local.Equals(target);
        }

        private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

        private static string Describe(SocketEntry socket)
        {
            var address = Normalize(socket.LocalAddress);
            var text = (address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString()) + ":" + socket.LocalPort;
            return string.IsNullOrEmpty(socket.Process) ? text : text + " (" + socket.Process + ")";
        }

        private static string Refusal(ReachabilityProtocol protocol) =>
            protocol == ReachabilityProtocol.Udp ? "datagram gets an ICMP port-unreachable" : "connection is refused";

        /// <summary>Ports the namespace listens on for a protocol, on addresses other namespaces can use (what a --link opens).</summary>
        public static IEnumerable<int> OpenPorts(NetNamespace ns, ReachabilityProtocol protocol) =>
            ns.Sockets.Where(s => IsListening(s, protocol) && !IPAddress.IsLoopback(Normalize(s.LocalAddress)))
                .Select(s => s.LocalPort).Distinct().OrderBy(p => p);
    }
}
