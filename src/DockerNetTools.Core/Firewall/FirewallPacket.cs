using System.Net;

namespace DockerNetTools.Firewall
{
    /// <summary>The netfilter hooks a packet passes, in the order of its way through the host.</summary>
    public enum FirewallHook
    {
        Prerouting,
        Input,
        Forward,
        Output,
        Postrouting,
    }

    /// <summary>The connection-tracking state of the packet: the first packet of a connection, or one of its replies/later packets.</summary>
    public enum ConnectionState
    {
        New,
        Established,
    }

    /// <summary>One packet as the rules see it at a hook. Interfaces the hook does not have (no -i in OUTPUT) are null.</summary>
    public sealed class FirewallPacket
    {
        public FirewallPacket(IPAddress source, IPAddress destination, string protocol)
        {
            Source = source;
            Destination = destination;
            Protocol = protocol;
        }

        public IPAddress Source { get; set; }
        public IPAddress Destination { get; set; }

        /// <summary>tcp, udp, sctp or icmp (icmpv6 for IPv6).</summary>
        public string Protocol { get; set; }

        public int? SourcePort { get; set; }
        public int? DestinationPort { get; set; }
        public string? InInterface { get; set; }
        public string? OutInterface { get; set; }
        public ConnectionState State { get; set; } = ConnectionState.New;

        /// <summary>The destination is one of the host's own addresses (addrtype LOCAL), as the host's local routing table says.</summary>
        public bool DestinationIsLocal { get; set; }

        /// <summary>The source is one of the host's own addresses.</summary>
        public bool SourceIsLocal { get; set; }

        public FirewallPacket Clone() => (FirewallPacket)MemberwiseClone();
    }
}
