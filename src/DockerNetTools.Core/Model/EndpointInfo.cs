using System.Collections.Generic;
using System.Net;

namespace DockerNetTools.Model
{
    /// <summary>
    /// A container's attachment to one network, and the veth pair that carries it:
    /// the container side (InterfaceName/IfIndex) and the host side (HostVeth/HostIfIndex) enslaved to the bridge.
    /// </summary>
    public sealed class EndpointInfo
    {
        public string NetworkName { get; set; } = string.Empty;
        public string NetworkId { get; set; } = string.Empty;
        public string EndpointId { get; set; } = string.Empty;

        public IPAddress? IPAddress { get; set; }
        public int PrefixLength { get; set; }
        public IPAddress? Gateway { get; set; }
        public IPAddress? IPv6Address { get; set; }

        /// <summary>Prefix length of <see cref="IPv6Address"/> (GlobalIPv6PrefixLen); 0 when unknown.</summary>
        public int IPv6PrefixLength { get; set; }

        /// <summary>The endpoint's IPv6 default gateway (IPv6Gateway), when its network has IPv6.</summary>
        public IPAddress? IPv6Gateway { get; set; }
        public string? MacAddress { get; set; }

        /// <summary>Network-scoped aliases (--network-alias), as configured by the user.</summary>
        public List<string> Aliases { get; } = new List<string>();

        /// <summary>Every name the embedded DNS answers for this endpoint (API 1.44+ DNSNames; derived otherwise).</summary>
        public List<string> DnsNames { get; } = new List<string>();

        /// <summary>Interface name inside the container: eth0, eth1, …</summary>
        public string? InterfaceName { get; set; }

        /// <summary>ifindex of the container-side interface (in the container's namespace).</summary>
        public int IfIndex { get; set; }

        /// <summary>The host-side veth's name (vethXXXXXXX) and ifindex; the container interface's iflink.</summary>
        public string? HostVeth { get; set; }
        public int HostIfIndex { get; set; }

        public override string ToString() => NetworkName + " " + IPAddress;
    }
}
