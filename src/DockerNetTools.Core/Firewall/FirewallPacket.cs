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
            _source = source;
            _destination = destination;
            Protocol = protocol;
        }

        private IPAddress _source;
        private IPAddress _destination;
        private byte[]? _sourceBytes;
        private byte[]? _destinationBytes;

        public IPAddress Source
        {
            get => _source;
            set
            {
                _source = value;
                _sourceBytes = null;
            }
        }

        public IPAddress Destination
        {
            get => _destination;
            set
            {
                _destination = value;
                _destinationBytes = null;
            }
        }

        /// <summary>The source's bytes (an IPv4-mapped IPv6 address as IPv4), read once for all the rules that test it.</summary>
        internal byte[] SourceBytes => _sourceBytes ??= BytesOf(_source);

        /// <summary>The destination's bytes, as <see cref="SourceBytes"/>.</summary>
        internal byte[] DestinationBytes => _destinationBytes ??= BytesOf(_destination);

        /// <summary>tcp, udp, sctp or icmp (icmpv6 for IPv6), or esp (IPsec, protocol 50).</summary>
        public string Protocol { get; set; }

        public int? SourcePort { get; set; }
        public int? DestinationPort { get; set; }
        public string? InInterface { get; set; }
        public string? OutInterface { get; set; }
        public ConnectionState State { get; set; } = ConnectionState.New;

        /// <summary>
        /// The interfaces are not known (a packet of another machine, whose interface names the model lacks): a rule that
        /// tests -i or -o then decides nothing for certain, and a decision that rests on it is Undetermined.
        /// </summary>
        public bool InterfacesUnknown { get; set; }

        /// <summary>The destination is one of the host's own addresses (addrtype LOCAL), as the host's local routing table says.</summary>
        public bool DestinationIsLocal { get; set; }

        /// <summary>The source is one of the host's own addresses.</summary>
        public bool SourceIsLocal { get; set; }

        public FirewallPacket Clone() =>
            new FirewallPacket(_source, _destination, Protocol)
            {
                _sourceBytes = _sourceBytes,
                _destinationBytes = _destinationBytes,
                SourcePort = SourcePort,
                DestinationPort = DestinationPort,
                InInterface = InInterface,
                OutInterface = OutInterface,
                State = State,
                InterfacesUnknown = InterfacesUnknown,
                DestinationIsLocal = DestinationIsLocal,
                SourceIsLocal = SourceIsLocal,
            };

        private static byte[] BytesOf(IPAddress address) =>
            address.IsIPv4MappedToIPv6 ? address.MapToIPv4().GetAddressBytes() : address.GetAddressBytes();
    }
}
