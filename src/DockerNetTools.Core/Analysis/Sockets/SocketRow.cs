using System.Collections.Generic;
using System.Globalization;
using System.Net;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Sockets
{
    /// <summary>
    /// One socket as netstat/ss would show it, seen from one container. Field names follow Get-NetTCPConnection
    /// (LocalAddress, LocalPort, RemoteAddress, RemotePort, State, OwningProcess).
    /// </summary>
    public sealed class SocketRow
    {
        internal SocketRow(string container, string @namespace, IReadOnlyList<string> sharedWith, SocketEntry entry)
        {
            Container = container;
            Namespace = @namespace;
            SharedWith = new TextList<string>(sharedWith, ", ");
            ProtocolValue = entry.Protocol;
            LocalAddressValue = entry.LocalAddress;
            LocalPort = entry.LocalPort;
            RemoteAddressValue = entry.RemoteAddress;
            RemotePort = entry.RemotePort;
            StateValue = entry.State;
            RecvQ = entry.RecvQ;
            SendQ = entry.SendQ;
            Process = entry.Process;
            OwningProcess = entry.ProcessId;
            Inode = entry.Inode;
            Uid = entry.Uid;
        }

        /// <summary>The container asked about, or "(host)" for the host's own sockets.</summary>
        public string Container { get; }

        /// <summary>Whose network namespace the socket lives in: the container itself, the container it shares (container:x), or "host".</summary>
        public string Namespace { get; }

        /// <summary>The other containers in the same network namespace, which report this same socket.</summary>
        public IReadOnlyList<string> SharedWith { get; }

        /// <summary>tcp, tcp6, udp or udp6: the kernel table the socket is in.</summary>
        public string Protocol => ProtocolValue.ToString();

        internal SocketProtocol ProtocolValue { get; }

        public string LocalAddress => LocalAddressValue.ToString();

        internal IPAddress LocalAddressValue { get; }

        public int LocalPort { get; }
        public string RemoteAddress => RemoteAddressValue.ToString();

        internal IPAddress RemoteAddressValue { get; }

        public int RemotePort { get; }

        /// <summary>Local address and port as ss prints them: "0.0.0.0:80", "[::]:3000".</summary>
        public string LocalEndpoint => AddressText.WithPort(LocalAddress, LocalPort.ToString(CultureInfo.InvariantCulture));

        /// <summary>Remote address and port as ss prints them, "*" for the port of a socket with no peer: "0.0.0.0:*", "[fd00::15]:5432".</summary>
        public string RemoteEndpoint =>
            AddressText.WithPort(RemoteAddress, RemotePort == 0 ? "*" : RemotePort.ToString(CultureInfo.InvariantCulture));

        /// <summary>A <see cref="SocketState"/> name: Listen, Established, TimeWait, …</summary>
        public string State => StateValue.ToString();

        internal SocketState StateValue { get; }

        /// <summary>Bytes received and not yet read (the kernel's rx_queue; for LISTEN, connections waiting for accept).</summary>
        public long RecvQ { get; }

        /// <summary>Bytes sent and not yet acknowledged (the kernel's tx_queue).</summary>
        public long SendQ { get; }

        /// <summary>The owning process's name, when known.</summary>
        public string? Process { get; }

        /// <summary>The owning process's id as the host sees it, when known.</summary>
        public int? OwningProcess { get; }

        /// <summary>The socket's inode (0 for a TIME_WAIT socket, as the kernel reports it); empty when it was not recorded.</summary>
        public long? Inode { get; }

        /// <summary>The owner's uid (0 is root); empty when unknown, so an unknown owner never reads as root.</summary>
        public int? Uid { get; }

        public override string ToString() =>
            Container + " " + Protocol.ToString().ToLowerInvariant() + " " + LocalAddress + ":" + LocalPort + " " + RemoteAddress + ":" + RemotePort + " " + State;
    }
}
