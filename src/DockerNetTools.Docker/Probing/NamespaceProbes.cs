using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Probing;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>
    /// Probes from sockets created inside a container's network namespace (<see cref="NetNamespaceThread"/>), so the
    /// image needs no tools. The sockets are used afterwards from ordinary threads: the namespace is the socket's, not the thread's.
    /// </summary>
    internal static class NamespaceProbes
    {
        private static int _sequence;

        public static async Task<ProbeObservation> TcpConnectAsync(string ns, IPAddress address, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var socket = NetNamespaceThread.Run(ns, () => new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
            var watch = Stopwatch.StartNew();
            var target = new IPEndPoint(address, port);
            var connect = socket.ConnectAsync(target);
            var finished = await WithinAsync(connect, timeout, cancellationToken).ConfigureAwait(false);
            if (!finished)
                return new ProbeObservation(ProbeOutcome.TimedOut, ProbeMethods.SetnsSocket,
                    "TCP connect to " + Text(target) + " got no answer within " + Seconds(timeout) + " (SYN dropped)", address, elapsed: watch.Elapsed);
            try
            {
                await connect.ConfigureAwait(false);
            }
            catch (SocketException exception)
            {
                return FromSocketError(exception, "TCP connect to " + Text(target), address, watch.Elapsed);
            }
            var connected = watch.Elapsed;
            return await WatchForHangUpAsync(socket, target, address, connected, timeout, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>How long a connected probe waits to see whether the peer hangs up at once (docker-proxy whose backend refused).</summary>
        internal static readonly TimeSpan HangUpWindow = TimeSpan.FromMilliseconds(300);

        /// <summary>
        /// After the handshake: docker-proxy accepts every connection on its port and closes it as soon as its own connection
        /// to the container fails, so an immediate EOF or reset means nothing answers behind it. Data, or silence for the
        /// whole window (a server waiting for the request), means a service took the connection.
        /// </summary>
        private static async Task<ProbeObservation> WatchForHangUpAsync(Socket socket, IPEndPoint target, IPAddress address, TimeSpan connected,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            var window = timeout < HangUpWindow ? timeout : HangUpWindow;
            var connectedText = "TCP connect to " + Text(target) + " succeeded in " + Millis(connected);
            try
            {
                var buffer = new byte[1];
                var receive = socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None);
                if (!await WithinAsync(receive, window, cancellationToken).ConfigureAwait(false))
                    return new ProbeObservation(ProbeOutcome.Reachable, ProbeMethods.SetnsSocket, connectedText, address, elapsed: connected);
                var received = await receive.ConfigureAwait(false);
                if (received > 0)
                    return new ProbeObservation(ProbeOutcome.Reachable, ProbeMethods.SetnsSocket, connectedText + " (the service spoke first)", address, elapsed: connected);
            }
            catch (SocketException exception) when (exception.SocketErrorCode != SocketError.ConnectionReset)
            {
                return FromSocketError(exception, "TCP connection to " + Text(target), address, connected);
            }
            catch (SocketException)
            {
                // A reset right after the handshake is the same hang-up as an EOF.
            }
            return new ProbeObservation(ProbeOutcome.Closed, ProbeMethods.SetnsSocket,
                connectedText + ", then the peer closed it at once without a byte (a proxy, such as docker-proxy, whose own connection failed)",
                address, elapsed: connected);
        }

        /// <summary>
        /// Sends one empty datagram. An ICMP port unreachable (seen as ECONNREFUSED on a connected socket) proves it arrived
        /// and nothing listens; silence proves nothing, because UDP has no handshake.
        /// </summary>
        public static async Task<ProbeObservation> UdpAsync(string ns, IPAddress address, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var socket = NetNamespaceThread.Run(ns, () => new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp));
            var target = new IPEndPoint(address, port);
            var watch = Stopwatch.StartNew();
            try
            {
                socket.Connect(target);
                socket.Send(Array.Empty<byte>());
                var buffer = new byte[512];
                var receive = socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None);
                if (!await WithinAsync(receive, timeout, cancellationToken).ConfigureAwait(false))
                    return new ProbeObservation(ProbeOutcome.NoReply, ProbeMethods.SetnsSocket,
                        "a UDP datagram to " + Text(target) + " got no reply within " + Seconds(timeout)
                        + "; a UDP probe cannot confirm delivery without a reply (the service may have got it and said nothing, or a rule dropped it)", address, elapsed: watch.Elapsed);
                var received = await receive.ConfigureAwait(false);
                return new ProbeObservation(ProbeOutcome.Reachable, ProbeMethods.SetnsSocket,
                    "a UDP datagram to " + Text(target) + " got a " + received + "-byte reply", address, elapsed: watch.Elapsed);
            }
            catch (SocketException exception)
            {
                return FromSocketError(exception, "a UDP datagram to " + Text(target), address, watch.Elapsed);
            }
        }

        public static async Task<ProbeObservation> PingAsync(string ns, IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (address.AddressFamily != AddressFamily.InterNetwork)
                return ProbeObservation.NotRun("ICMP probes are IPv4 only; " + address + " is IPv6 (probe a TCP port instead)", address);
            using var socket = NetNamespaceThread.Run(ns, () => new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp));
            var identifier = (ushort)(Process.GetCurrentProcess().Id & 0xFFFF);
            var sequence = (ushort)Interlocked.Increment(ref _sequence);
            var watch = Stopwatch.StartNew();
            try
            {
                socket.SendTo(IcmpEcho.Request(identifier, sequence), new IPEndPoint(address, 0));
                var buffer = new byte[1500];
                while (true)
                {
                    var left = timeout - watch.Elapsed;
                    if (left <= TimeSpan.Zero) break;
                    var receive = socket.ReceiveFromAsync(new ArraySegment<byte>(buffer), SocketFlags.None, new IPEndPoint(IPAddress.Any, 0));
                    if (!await WithinAsync(receive, left, cancellationToken).ConfigureAwait(false)) break;
                    var received = await receive.ConfigureAwait(false);
                    // A raw socket sees every ICMP packet of the namespace: keep only what answers our echo.
                    switch (IcmpEcho.Classify(buffer, received.ReceivedBytes, address, identifier, sequence))
                    {
                        case IcmpEcho.EchoReply:
                            return new ProbeObservation(ProbeOutcome.Reachable, ProbeMethods.SetnsIcmp,
                                "echo reply from " + address + " in " + Millis(watch.Elapsed), address, elapsed: watch.Elapsed);
                        case IcmpEcho.DestinationUnreachable:
                            return new ProbeObservation(ProbeOutcome.Unreachable, ProbeMethods.SetnsIcmp,
                                "ICMP destination unreachable for " + address, address, elapsed: watch.Elapsed);
                    }
                }
                return new ProbeObservation(ProbeOutcome.TimedOut, ProbeMethods.SetnsIcmp,
                    "no echo reply from " + address + " within " + Seconds(timeout), address, elapsed: watch.Elapsed);
            }
            catch (SocketException exception)
            {
                return FromSocketError(exception, "ICMP echo to " + address, address, watch.Elapsed, ProbeMethods.SetnsIcmp);
            }
        }

        /// <summary>One DNS question over UDP to <paramref name="server"/>:53 from inside the namespace.</summary>
        public static async Task<(DnsWire.Answer? Answer, string Detail)> DnsQueryAsync(string ns, IPAddress server, string name, ushort type,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var socket = NetNamespaceThread.Run(ns, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
            var id = (ushort)new Random().Next(1, 65535);
            var watch = Stopwatch.StartNew();
            try
            {
                socket.Connect(new IPEndPoint(server, 53));
                socket.Send(DnsWire.Query(id, name, type));
                var buffer = new byte[4096];
                while (true)
                {
                    var left = timeout - watch.Elapsed;
                    if (left <= TimeSpan.Zero) break;
                    var receive = socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None);
                    if (!await WithinAsync(receive, left, cancellationToken).ConfigureAwait(false)) break;
                    var length = await receive.ConfigureAwait(false);
                    var answer = DnsWire.Parse(buffer, length, id, type);
                    if (answer != null) return (answer, server + " answered " + answer.ResponseCodeName + " in " + Millis(watch.Elapsed));
                }
                return (null, server + " gave no answer within " + Seconds(timeout)
                              + " (it forwards names it does not hold to the container's upstream servers, which did not answer)");
            }
            catch (SocketException exception)
            {
                return (null, "the query to " + server + " failed: " + exception.Message);
            }
        }

        /// <summary>Waits for <paramref name="operation"/> at most <paramref name="timeout"/>; on Ctrl+C throws OperationCanceledException.</summary>
        private static async Task<bool> WithinAsync(Task operation, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, delayCancel.Token);
            var first = await Task.WhenAny(operation, delay).ConfigureAwait(false);
            delayCancel.Cancel();
            if (first == operation) return true;
            // The operation is abandoned (the socket is disposed by the caller): observe its fault so it is not reported as unobserved.
            _ = operation.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }

        private static ProbeObservation FromSocketError(SocketException exception, string what, IPAddress address, TimeSpan elapsed, string method = ProbeMethods.SetnsSocket)
        {
            var outcome = exception.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => ProbeOutcome.Refused,
                SocketError.ConnectionReset => ProbeOutcome.Refused,
                SocketError.TimedOut => ProbeOutcome.TimedOut,
                _ => ProbeOutcome.Unreachable,
            };
            var said = outcome == ProbeOutcome.Refused ? " (the packet arrived; nothing listens there)" : string.Empty;
            return new ProbeObservation(outcome, method, what + " failed: " + exception.Message + " [" + exception.SocketErrorCode + "]" + said, address, elapsed: elapsed);
        }

        private static string Text(IPEndPoint endpoint) =>
            (endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + endpoint.Address + "]" : endpoint.Address.ToString()) + ":" + endpoint.Port;

        private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";

        private static string Millis(TimeSpan elapsed) => ((int)elapsed.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms";
    }
}
