using System.Net;

namespace DockerNetTools.Model
{
    /// <summary>Which /proc/net table a socket came from: the kernel's own split of protocol and address family.</summary>
    public enum SocketProtocol
    {
        Tcp,
        Tcp6,
        Udp,
        Udp6,
    }

    /// <summary>
    /// Socket states, numbered as the kernel's st column in /proc/net/tcp (01..0B); names follow Get-NetTCPConnection.
    /// UDP sockets in state 07 that are not connected are reported as Unconnected (ss prints UNCONN).
    /// </summary>
    public enum SocketState
    {
        Unknown = 0,
        Established = 1,
        SynSent = 2,
        SynReceived = 3,
        FinWait1 = 4,
        FinWait2 = 5,
        TimeWait = 6,
        Closed = 7,
        CloseWait = 8,
        LastAck = 9,
        Listen = 10,
        Closing = 11,
        NewSynReceived = 12,
        Unconnected = 100,
    }

    /// <summary>One row of /proc/net/{tcp,tcp6,udp,udp6} in a network namespace, plus the owning process when known.</summary>
    public sealed class SocketEntry
    {
        public SocketProtocol Protocol { get; set; }
        public IPAddress LocalAddress { get; set; } = IPAddress.Any;
        public int LocalPort { get; set; }
        public IPAddress RemoteAddress { get; set; } = IPAddress.Any;
        public int RemotePort { get; set; }
        public SocketState State { get; set; }
        public long RecvQ { get; set; }
        public long SendQ { get; set; }
        /// <summary>The socket's inode as the kernel reports it (0 for a TIME_WAIT socket); null when nobody recorded it (a scenario without inode:).</summary>
        public long? Inode { get; set; }

        /// <summary>The owner's uid (0 is root); null when unknown, so an unknown owner never reads as root.</summary>
        public int? Uid { get; set; }

        /// <summary>Owning process name, when known.</summary>
        public string? Process { get; set; }
        public int? ProcessId { get; set; }

        /// <summary>For a socket in the host's namespace: the host-mode container whose process opened it, when known.</summary>
        public string? HostModeContainer { get; set; }

        public bool IsTcp => Protocol == SocketProtocol.Tcp || Protocol == SocketProtocol.Tcp6;

        public override string ToString() => Protocol.ToString().ToLowerInvariant() + " " + LocalAddress + ":" + LocalPort + " " + State;
    }
}
