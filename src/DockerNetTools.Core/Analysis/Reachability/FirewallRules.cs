using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>
    /// Names the packet-filter rule that the modelled engine really programs for each decision.
    /// Facts (moby's libnetwork bridge driver and its generated iptables/nftables docs, Engine 29 release notes):
    /// <list type="bullet">
    /// <item>Engine up to 28 with iptables: cross-bridge traffic goes FORWARD -> DOCKER-ISOLATION-STAGE-1
    /// (-i br1 ! -o br1 -j DOCKER-ISOLATION-STAGE-2) -> DOCKER-ISOLATION-STAGE-2 (-o br2 -j DROP); --internal networks
    /// are closed in DOCKER-ISOLATION-STAGE-1 (! -s subnet -o br -j DROP, ! -d subnet -i br -j DROP); icc=false is
    /// FORWARD -i br -o br -j DROP; legacy links append ACCEPT rules to the DOCKER chain.</item>
    /// <item>Engine 29 with iptables (moby#49981): the isolation chains are gone. A packet sent straight to a container
    /// from another bridge is dropped in raw PREROUTING (-d ctr ! -i br -j DROP, "direct access" filter) and by the
    /// per-bridge DOCKER chain rule ! -i br -o br -j DROP; --internal lives in DOCKER-INTERNAL; icc=false is
    /// DOCKER-FORWARD -i br -o br -j DROP; published ports are now reachable from other networks by DNAT.</item>
    /// <item>nftables (Engine 29, experimental): table ip docker-bridges, base chains filter-FORWARD and raw-PREROUTING,
    /// per-bridge chains filter-forward-in__&lt;br&gt;/filter-forward-out__&lt;br&gt; with rules commented
    /// "DROP DIRECT ACCESS", "UNPUBLISHED PORT DROP", "ICC", "INTERNAL NETWORK INGRESS"/"EGRESS".</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// IPv6 has its own rules, in ip6tables (or the nftables table ip6 docker-bridges), programmed only when dockerd runs
    /// with --ip6tables (<see cref="EngineInfo.Ip6tablesEnabled"/>): experimental and off in Engine 20.10 to 26 (moby#41622),
    /// on by default from Engine 27 (moby#47747). When on they mirror the IPv4 ones (libnetwork sets up the same chains
    /// for both families: setupIPChains(IPv6), isolateNetwork with EnableIP6Tables). When off nothing filters IPv6
    /// between Docker's bridges: dockerd still turns on net.ipv6.conf.all/default.forwarding for a network with an IPv6
    /// subnet (setupIPv6Forwarding, when --ip-forward is on) and leaves ip6tables' FORWARD policy as the host had it, so
    /// the host routes IPv6 between bridges. Checked on Docker 20.10.24 (no --ip6tables): v6-a on one IPv6 network pinged
    /// and fetched http://[fd00:62::2] on another while its IPv4 address timed out; an ICC-off network and an --internal
    /// network were reachable over IPv6 too; ip6tables -S showed only the ACCEPT policies.
    /// </remarks>
    internal sealed class FirewallRules
    {
        private readonly EngineInfo _engine;

        public FirewallRules(EngineInfo engine, bool ipv6 = false)
        {
            _engine = engine;
            IPv6 = ipv6;
        }

        /// <summary>These are the IPv6 rules (ip6tables / table ip6 docker-bridges).</summary>
        public bool IPv6 { get; }

        /// <summary>
        /// Docker programs no rules for this address family: dockerd --iptables=false for IPv4, no --ip6tables for IPv6.
        /// </summary>
        public bool Disabled => IPv6 ? !_engine.Ip6tablesEnabled : !_engine.IptablesEnabled;

        /// <summary>IPv6 goes unfiltered while IPv4 has its rules: the engine runs without --ip6tables.</summary>
        public bool OnlyIPv6Unfiltered => IPv6 && Disabled && _engine.IptablesEnabled;

        private bool Nft => _engine.Firewall == FirewallBackend.Nftables;

        /// <summary>Engine 29+ (or nftables): no isolation chains, published ports DNAT'd from other networks.</summary>
        public bool Modern => !_engine.UsesIsolationChains;

        public string EngineText => "Engine " + _engine.Version + " with " + (Nft ? (IPv6 ? "nftables (ip6)" : "nftables") : IPv6 ? "ip6tables" : "iptables");

        /// <summary>Why Docker's rules are missing for this family, e.g. "dockerd runs with --iptables=false".</summary>
        public string DisabledText => IPv6
            ? "Docker does not filter IPv6 on Engine " + _engine.Version + ": dockerd runs without --ip6tables"
              + (_engine.MajorVersion < 27 ? " (experimental and off by default before Engine 27)" : " (\"ip6tables\": false)")
              + ", so it programs no ip6tables rules"
            : "dockerd runs with --iptables=false, so there are no isolation rules";

        /// <summary>How to make Docker filter IPv6 on this engine.</summary>
        public string EnableIp6tablesText => _engine.MajorVersion < 27
            ? "restart dockerd with --experimental --ip6tables (daemon.json: \"experimental\": true, \"ip6tables\": true)"
            : "restart dockerd with --ip6tables=true (daemon.json: \"ip6tables\": true)";

        /// <summary>The rule that keeps the IPv4 side isolated, for the note that says IPv6 is not.</summary>
        public string IsolationText => Modern
            ? EngineText + " drops packets sent straight to a container from outside its network"
            : "DOCKER-ISOLATION-STAGE-1/2" + (IPv6 && !Nft ? " (ip6tables)" : string.Empty) + " drop traffic between different bridge networks";

        /// <summary>An iptables chain name, prefixed with "ip6tables" for the IPv6 rules.</summary>
        private string Chain(string name) => IPv6 ? "ip6tables " + name : name;

        private string NftPrefix => IPv6 ? "nftables ip6 " : "nftables ";

        private string NftTable => IPv6 ? "table ip6 docker-bridges" : "table ip docker-bridges";

        private string NftAddr => IPv6 ? "ip6 daddr " : "ip daddr ";

        /// <summary>The rule that drops a packet routed from one bridge network straight to a container on another.</summary>
        public ReachabilityHop CrossBridgeDrop(string fromBridge, string toBridge, IPAddress? toAddress)
        {
            if (Nft)
                return Hop(NftPrefix + "raw-PREROUTING",
                    "\"DROP DIRECT ACCESS\" drops packets for " + toAddress + " that do not arrive on " + toBridge + " (" + NftTable + ")");
            if (Modern)
                return Hop(Chain("raw PREROUTING"),
                    "-d " + toAddress + " ! -i " + toBridge + " -j DROP drops " + fromBridge + " -> " + toBridge + " (direct access from outside the container's network)");
            return Hop(Chain("FORWARD"), "DOCKER-ISOLATION-STAGE-2 drops " + fromBridge + " -> " + toBridge + " (-o " + toBridge + " -j DROP)");
        }

        /// <summary>The rule that drops traffic between two containers of one bridge when inter-container communication is off.</summary>
        public ReachabilityHop IccDrop(NetworkInfo network, string bridge)
        {
            var why = network.IsDefaultBridge ? "dockerd --icc=false" : NetworkInfo.IccOption + "=false";
            if (Nft)
                return Hop(NftPrefix + "filter-forward-in__" + bridge, "iifname \"" + bridge + "\" drop comment \"ICC\" (" + why + ")");
            if (Modern)
                return Hop(Chain("DOCKER-FORWARD"), "-i " + bridge + " -o " + bridge + " -j DROP (" + why + ")");
            return Hop(Chain("FORWARD"), "-i " + bridge + " -o " + bridge + " -j DROP (" + why + ")");
        }

        /// <summary>The accept rule a legacy --link adds for one of the linked container's ports.</summary>
        public ReachabilityHop LinkAccept(string bridge, IPAddress? from, IPAddress? to, int port, string protocol)
        {
            if (Nft)
                return Hop(NftPrefix + "filter-forward-in__" + bridge,
                    "legacy --link rule accepts " + protocol + " " + from + " -> " + to + ":" + port + " before the ICC drop");
            return Hop(Chain("DOCKER"),
                "-i " + bridge + " -o " + bridge + " -p " + protocol + " -s " + from + " -d " + to + " --dport " + port
                + " -j ACCEPT (added by --link; it comes before the ICC drop)");
        }

        /// <summary>The rule that keeps packets from outside out of an --internal network.</summary>
        public ReachabilityHop InternalIngressDrop(string bridge, NetworkInfo network)
        {
            if (Nft)
                return Hop(NftPrefix + "filter-forward-in__" + bridge, "iifname != \"" + bridge + "\" drop comment \"INTERNAL NETWORK INGRESS\"");
            var rule = "! -s " + SubnetText(network) + " -o " + bridge + " -j DROP (--internal)";
            return Hop(Chain(Modern ? "DOCKER-INTERNAL" : "DOCKER-ISOLATION-STAGE-1"), rule);
        }

        /// <summary>The rule that keeps packets of an --internal network from leaving it.</summary>
        public ReachabilityHop InternalEgressDrop(string bridge, NetworkInfo network)
        {
            if (Nft)
                return Hop(NftPrefix + "filter-forward-out__" + bridge, "oifname != \"" + bridge + "\" drop comment \"INTERNAL NETWORK EGRESS\"");
            var rule = "! -d " + SubnetText(network) + " -i " + bridge + " -j DROP (--internal)";
            return Hop(Chain(Modern ? "DOCKER-INTERNAL" : "DOCKER-ISOLATION-STAGE-1"), rule);
        }

        /// <summary>The DNAT rule of a published port.</summary>
        public ReachabilityHop PublishDnat(string destinationBridge, PortBinding binding, IPAddress? containerAddress)
        {
            var proto = Proto(binding.Protocol);
            if (Nft)
                return Hop(NftPrefix + "nat-prerouting-and-output",
                    "iifname != \"" + destinationBridge + "\" " + proto + " dport " + binding.HostPort + " dnat to " + Endpoint(containerAddress, binding.ContainerPort));
            return Hop(Chain("nat DOCKER"),
                "! -i " + destinationBridge + " -p " + proto + " --dport " + binding.HostPort + " -j DNAT --to-destination " + Endpoint(containerAddress, binding.ContainerPort));
        }

        /// <summary>The filter rule that lets a DNAT'd published-port packet into the destination's bridge.</summary>
        public ReachabilityHop PublishAccept(string destinationBridge, PortBinding binding, IPAddress? containerAddress)
        {
            var proto = Proto(binding.Protocol);
            if (Nft)
                return Hop(NftPrefix + "filter-forward-in__" + destinationBridge,
                    NftAddr + containerAddress + " " + proto + " dport " + binding.ContainerPort + " accept (published port)");
            return Hop(Chain("DOCKER"),
                "-d " + containerAddress + " ! -i " + destinationBridge + " -o " + destinationBridge + " -p " + proto
                + " --dport " + binding.ContainerPort + " -j ACCEPT (published port)");
        }

        /// <summary>The network's subnet of this rule's family (the IPv6 rule names its IPv6 subnet); in words when the model has none.</summary>
        private string SubnetText(NetworkInfo network) => IPv6
            ? network.Subnet6?.ToString() ?? "<its IPv6 subnet>"
            : network.Subnet?.ToString() ?? "<its subnet>";

        private static string Endpoint(IPAddress? address, int port) =>
            address != null && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]:" + port : address + ":" + port;

        public static string Proto(TransportProtocol protocol) => protocol.ToString().ToLowerInvariant();

        private static ReachabilityHop Hop(string chain, string description) => new ReachabilityHop(HopKind.Firewall, chain, null, description);
    }
}
