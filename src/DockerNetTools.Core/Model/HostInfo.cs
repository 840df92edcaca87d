using System.Collections.Generic;
using System.Net;

namespace DockerNetTools.Model
{
    /// <summary>The Docker host itself: its interfaces and the sockets of its own processes (and of host-mode containers).</summary>
    public sealed class HostInfo
    {
        public string Hostname { get; set; } = "dockerhost";

        /// <summary>Host network interfaces (uplink, docker0, br-…, veths) as the host's /sys/class/net shows them.</summary>
        public List<HostInterfaceInfo> Interfaces { get; } = new List<HostInterfaceInfo>();

        /// <summary>Sockets open in the host's network namespace (listeners of host processes occupy ports).</summary>
        public List<SocketEntry> Sockets { get; } = new List<SocketEntry>();

        /// <summary>
        /// Whether the host's kernel has SCTP, which -p …/sctp needs (docker-proxy, or the dummy proxy of
        /// --userland-proxy=false, opens an SCTP socket: "protocol not supported" without it). Null when unknown: a
        /// daemon read from another machine, or a kernel that may still load the sctp module on first use.
        /// </summary>
        public bool? SctpSupported { get; set; }

        /// <summary>
        /// The host's IPv4 packet filter as iptables-save printed it (scenario key host.firewall); null when the model does not
        /// hold it, and then the analyses derive Docker's rules from the engine's version and options.
        /// </summary>
        public FirewallRuleset? Firewall { get; set; }

        /// <summary>The host's IPv6 packet filter as ip6tables-save printed it (host.firewall6); null when not held.</summary>
        public FirewallRuleset? Firewall6 { get; set; }

        /// <summary>
        /// The host's main routing table (IPv4 and IPv6, scenario key host.routes); null when the model does not hold it: then
        /// the host is taken to have what any Docker host has, a default route out of its uplink (see <c>HostEdge.Routes</c>).
        /// </summary>
        public List<HostRoute>? Routes { get; set; }

        /// <summary>net.ipv4.ip_forward (host.forwarding); null when unknown, taken as on (dockerd turns it on at start).</summary>
        public bool? Forwarding { get; set; }

        /// <summary>net.ipv6.conf.all.forwarding (host.forwarding6); null when unknown, taken as on.</summary>
        public bool? Forwarding6 { get; set; }

        /// <summary>
        /// net.bridge.bridge-nf-call-iptables (host.bridgeNfCall): true when br_netfilter is loaded and hands frames bridged
        /// between two ports of one bridge to iptables, so traffic inside one Docker network crosses FORWARD (and a
        /// DOCKER-USER rule applies to it). Null when unknown (br_netfilter not loaded, or not read): then the real rules are
        /// asked about same-network traffic only where dockerd itself turns br_netfilter on (ICC off).
        /// </summary>
        public bool? BridgeNfCall { get; set; }

        /// <summary>net.bridge.bridge-nf-call-ip6tables (host.bridgeNfCall6), the same for IPv6 and ip6tables.</summary>
        public bool? BridgeNfCall6 { get; set; }

        /// <summary>
        /// The nameservers of the resolv.conf Docker reads on the host (host.resolvers): /etc/resolv.conf, or
        /// /run/systemd/resolve/resolv.conf when the former names only systemd-resolved's 127.0.0.53. As written there,
        /// loopback entries included (Docker drops them when it builds a container's resolv.conf). Null when unknown.
        /// </summary>
        public List<IPAddress>? Resolvers { get; set; }

        /// <summary>
        /// Network namespaces Docker did not make (host.namespaces): the named ones of `ip netns add` and those only a
        /// process holds. Empty when there are none or the backend did not read them.
        /// </summary>
        public List<HostNamespace> Namespaces { get; } = new List<HostNamespace>();

        /// <summary>The bridge the host end of a namespace's veth is enslaved to (br0 for brid4), or null.</summary>
        public string? BridgeOf(NamespaceInterface inside)
        {
            if (inside.Peer == null) return null;
            foreach (var host in Interfaces)
                if (string.Equals(host.Name, inside.Peer, System.StringComparison.Ordinal)) return host.Master;
            return null;
        }

        /// <summary>Finds a namespace of <see cref="Namespaces"/> by exact name.</summary>
        public HostNamespace? FindNamespace(string name)
        {
            foreach (var ns in Namespaces)
                if (string.Equals(ns.Name, name, System.StringComparison.Ordinal)) return ns;
            return null;
        }
    }

    public sealed class HostInterfaceInfo
    {
        public string Name { get; set; } = string.Empty;
        public int IfIndex { get; set; }
        /// <summary>The bridge this interface is enslaved to (a veth's master), if any.</summary>
        public string? Master { get; set; }
        public List<IPAddress> Addresses { get; } = new List<IPAddress>();
        public string? MacAddress { get; set; }
    }
}
