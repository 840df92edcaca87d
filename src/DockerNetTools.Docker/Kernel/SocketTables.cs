using System.Collections.Generic;
using DockerNetTools.Diagnostics;
using DockerNetTools.Kernel;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>Reads one namespace's /proc/net/{tcp,tcp6,udp,udp6} through the core's parser.</summary>
    internal static class SocketTables
    {
        private static readonly (string File, SocketProtocol Protocol)[] Tables =
        {
            ("tcp", SocketProtocol.Tcp), ("tcp6", SocketProtocol.Tcp6), ("udp", SocketProtocol.Udp), ("udp6", SocketProtocol.Udp6),
        };

        /// <param name="netDirectory">/proc/&lt;pid&gt;/net (that process's namespace) or /proc/self/net.</param>
        /// <returns>The sockets, or null when not even the tcp table could be read.</returns>
        public static List<SocketEntry>? Read(ProcFs fs, string netDirectory, IOperationLog log)
        {
            var sockets = new List<SocketEntry>();
            var readAny = false;
            foreach (var (file, protocol) in Tables)
            {
                // A kernel without IPv6 has no tcp6/udp6: that is "no sockets", not a failure.
                var text = fs.ReadText(netDirectory + "/" + file);
                if (text == null) continue;
                readAny = true;
                var table = ProcNetParser.Parse(text, protocol);
                sockets.AddRange(table.Sockets);
                foreach (var skipped in table.Skipped)
                    log.Verbose(netDirectory + "/" + file + " " + skipped);
            }
            return readAny ? sockets : null;
        }

        /// <summary>Parses a table's text that came from elsewhere (an exec in the container).</summary>
        public static void Parse(string text, SocketProtocol protocol, List<SocketEntry> into, IOperationLog log, string where)
        {
            var table = ProcNetParser.Parse(text, protocol);
            into.AddRange(table.Sockets);
            foreach (var skipped in table.Skipped) log.Verbose(where + " " + skipped);
        }

        public static bool TryProtocol(string file, out SocketProtocol protocol) => ProcNetParser.TryGetProtocol(file, out protocol);
    }
}
