using System.Net;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>What kind of place a hop is: it decides how the hop is written in a one-line path.</summary>
    public enum HopKind
    {
        /// <summary>A network interface (container ethN, a host veth, lo).</summary>
        Interface,
        /// <summary>A Linux bridge (docker0, br-…) or a macvlan parent.</summary>
        Bridge,
        /// <summary>The host's routing or a proxy process on the host.</summary>
        Host,
        /// <summary>A packet filter chain and the rule that decides.</summary>
        Firewall,
        /// <summary>The socket that receives the packet (or the lack of one).</summary>
        Socket,
    }

    /// <summary>One step of a packet's path: the device or chain, its address, and what happens there.</summary>
    public sealed class ReachabilityHop
    {
        public ReachabilityHop(HopKind kind, string device, IPAddress? address, string description)
        {
            KindValue = kind;
            Device = device;
            AddressValue = address;
            Description = description;
        }

        /// <summary>A <see cref="HopKind"/> name: Interface, Bridge, Host, Firewall, Socket.</summary>
        public string Kind => KindValue.ToString();

        internal HopKind KindValue { get; }

        /// <summary>"ubuntuB eth0", "veth1a2b3c4", "docker0", "FORWARD", "docker-proxy".</summary>
        public string Device { get; }

        public string? Address => AddressValue?.ToString();

        internal IPAddress? AddressValue { get; }

        /// <summary>What happens at this hop, in words.</summary>
        public string Description { get; }

        /// <summary>Short form for a one-line path: decisions (filters, the host, sockets) carry their words, interfaces and bridges their address.</summary>
        public string ToShortString()
        {
            if (KindValue == HopKind.Firewall || KindValue == HopKind.Socket || KindValue == HopKind.Host) return Device + ": " + Description;
            return Address == null ? Device : Device + " " + Address;
        }

        public override string ToString() => ToShortString();
    }
}
