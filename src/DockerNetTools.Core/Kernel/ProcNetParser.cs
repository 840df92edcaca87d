using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Kernel
{
    /// <summary>
    /// Reads the kernel's socket tables /proc/net/tcp, tcp6, udp and udp6 (also under /proc/&lt;pid&gt;/net for a
    /// container's namespace). Each row: "sl: local rem st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …".
    /// Addresses are hex dumps of the kernel's 32-bit words in the host's byte order (little endian on x86 and arm64),
    /// one word for IPv4 and four for IPv6; ports are plain hex. A malformed line is skipped with a reason, never fatal.
    /// </summary>
    public static class ProcNetParser
    {
        /// <summary>Parses a whole table. <paramref name="bigEndianKernel"/> is only for text captured on s390x and other big-endian hosts.</summary>
        public static ProcNetTable Parse(string text, SocketProtocol protocol, bool bigEndianKernel = false)
        {
            var sockets = new List<SocketEntry>();
            var skipped = new List<ProcNetSkippedLine>();
            var lines = (text ?? string.Empty).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                if (line.Trim().Length == 0 || IsHeader(line)) continue;
                if (TryParseLine(line, protocol, out var entry, out var error, bigEndianKernel))
                    sockets.Add(entry!);
                else
                    skipped.Add(new ProcNetSkippedLine(i + 1, line, error!));
            }
            return new ProcNetTable(protocol, sockets, skipped);
        }

        /// <summary>The protocol a table file holds, from its name (tcp, tcp6, udp, udp6, or a path ending in one).</summary>
        public static bool TryGetProtocol(string fileName, out SocketProtocol protocol)
        {
            var name = fileName ?? string.Empty;
            var slash = name.LastIndexOf('/');
            if (slash >= 0) name = name.Substring(slash + 1);
            switch (name)
            {
                case "tcp": protocol = SocketProtocol.Tcp; return true;
                case "tcp6": protocol = SocketProtocol.Tcp6; return true;
                case "udp": protocol = SocketProtocol.Udp; return true;
                case "udp6": protocol = SocketProtocol.Udp6; return true;
                default: protocol = SocketProtocol.Tcp; return false;
            }
        }

        /// <summary>Parses one data row; on failure <paramref name="error"/> says what is wrong with it.</summary>
        public static bool TryParseLine(string line, SocketProtocol protocol, out SocketEntry? entry, out string? error, bool bigEndianKernel = false)
        {
            entry = null;
            error = null;
            var fields = (line ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            // sl, local, remote, st, queues, timer, retrnsmt, uid, timeout, inode: TIME_WAIT rows stop right after the inode.
            if (fields.Length < 10)
            {
                error = "expected at least 10 columns (sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode), found " + fields.Length + ".";
                return false;
            }
            if (!fields[0].EndsWith(":", StringComparison.Ordinal))
            {
                error = "the first column '" + fields[0] + "' is not a slot number ending in ':'.";
                return false;
            }

            var v6 = protocol == SocketProtocol.Tcp6 || protocol == SocketProtocol.Udp6;
            if (!TryParseEndpoint(fields[1], v6, bigEndianKernel, out var localAddress, out var localPort, out error)) { error = "local address: " + error; return false; }
            if (!TryParseEndpoint(fields[2], v6, bigEndianKernel, out var remoteAddress, out var remotePort, out error)) { error = "remote address: " + error; return false; }

            if (!TryHex(fields[3], 2, out var stateCode) || stateCode < 1 || stateCode > 12)
            {
                error = "state '" + fields[3] + "' is not a kernel socket state (01-0C).";
                return false;
            }

            var queues = fields[4].Split(':');
            if (queues.Length != 2 || !TryHex(queues[0], 16, out var txQueue) || !TryHex(queues[1], 16, out var rxQueue))
            {
                error = "queues '" + fields[4] + "' are not tx_queue:rx_queue in hex.";
                return false;
            }

            if (!int.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
            {
                error = "uid '" + fields[7] + "' is not a number.";
                return false;
            }
            if (!long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
            {
                error = "inode '" + fields[9] + "' is not a number.";
                return false;
            }

            entry = new SocketEntry
            {
                Protocol = protocol,
                LocalAddress = localAddress!,
                LocalPort = localPort,
                RemoteAddress = remoteAddress!,
                RemotePort = remotePort,
                State = ToState(protocol, (int)stateCode),
                SendQ = txQueue,
                RecvQ = rxQueue,
                Uid = uid,
                Inode = inode,
            };
            return true;
        }

        /// <summary>
        /// Kernel state code to our state. UDP reuses the TCP codes: 01 (ESTABLISHED) for a connected socket, 07 (CLOSE)
        /// for an unconnected one, which is what ss prints as UNCONN.
        /// </summary>
        public static SocketState ToState(SocketProtocol protocol, int code)
        {
            var udp = protocol == SocketProtocol.Udp || protocol == SocketProtocol.Udp6;
            if (udp) return code == 1 ? SocketState.Established : code == 7 ? SocketState.Unconnected : SocketState.Unknown;
            return code >= 1 && code <= 12 ? (SocketState)code : SocketState.Unknown;
        }

        private static bool TryParseEndpoint(string text, bool v6, bool bigEndian, out IPAddress? address, out int port, out string? error)
        {
            address = null;
            port = 0;
            var colon = text.IndexOf(':');
            var hex = colon < 0 ? text : text.Substring(0, colon);
            var expected = v6 ? 32 : 8;
            if (colon < 0 || hex.Length != expected)
            {
                error = "'" + text + "' is not " + expected + " hex digits, ':' and a hex port" + (hex.Length == 32 && !v6 ? " (an IPv6 address in an IPv4 table?)" : hex.Length == 8 && v6 ? " (an IPv4 address in an IPv6 table?)" : string.Empty) + ".";
                return false;
            }
            if (!TryHex(text.Substring(colon + 1), 4, out var p))
            {
                error = "port '" + text.Substring(colon + 1) + "' is not four hex digits.";
                return false;
            }

            var bytes = new byte[expected / 2];
            for (var word = 0; word < expected / 8; word++)
            {
                if (!TryHex(hex.Substring(word * 8, 8), 8, out var value))
                {
                    error = "'" + hex + "' is not hexadecimal.";
                    return false;
                }
                // The kernel printed each 32-bit word as a native integer: undo the host's byte order.
                for (var b = 0; b < 4; b++)
                {
                    var shift = bigEndian ? (3 - b) * 8 : b * 8;
                    bytes[word * 4 + b] = (byte)(value >> shift);
                }
            }
            address = new IPAddress(bytes);
            port = (int)p;
            error = null;
            return true;
        }

        private static bool TryHex(string text, int maxDigits, out long value)
        {
            value = 0;
            return text.Length > 0 && text.Length <= maxDigits &&
                   long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        private static bool IsHeader(string line)
        {
            var trimmed = line.TrimStart();
            return trimmed.StartsWith("sl ", StringComparison.Ordinal) || trimmed == "sl";
        }
    }

    /// <summary>The rows of one /proc/net table and the lines that could not be read.</summary>
    public sealed class ProcNetTable
    {
        public ProcNetTable(SocketProtocol protocol, IReadOnlyList<SocketEntry> sockets, IReadOnlyList<ProcNetSkippedLine> skipped)
        {
            Protocol = protocol;
            Sockets = sockets;
            Skipped = skipped;
        }

        public SocketProtocol Protocol { get; }
        public IReadOnlyList<SocketEntry> Sockets { get; }
        public IReadOnlyList<ProcNetSkippedLine> Skipped { get; }
    }

    /// <summary>A line of a /proc/net table that was not a socket row, and why.</summary>
    public sealed class ProcNetSkippedLine
    {
        public ProcNetSkippedLine(int lineNumber, string text, string reason)
        {
            LineNumber = lineNumber;
            Text = text;
            Reason = reason;
        }

        /// <summary>1-based, counting the header.</summary>
        public int LineNumber { get; }
        public string Text { get; }
        public string Reason { get; }

        public override string ToString() => "line " + LineNumber + ": " + Reason;
    }
}
