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
    internal sealed class FirewallRules
    {
        private readonly EngineInfo _engine;

        public FirewallRules(EngineInfo engine)
        {
            _engine = engine;
        }

        /// <summary>dockerd --iptables=false: Docker programs no filter or NAT rules at all.</summary>
        public bool Disabled => !_engine.IptablesEnabled;

        private bool Nft => _engine.Firewall == FirewallBackend.Nftables;

        /// <summary>Engine 29+ (or nftables): no isolation chains, published ports DNAT'd from other networks.</summary>
        public bool Modern => !_engine.UsesIsolationChains;

        public string EngineText => "Engine " + _engine.Version + " with " + (Nft ? "nftables" : "iptables");

        /// <summary>The rule that drops a packet routed from one bridge network straight to a container on another.</summary>
        public ReachabilityHop CrossBridgeDrop(string fromBridge, string toBridge, IPAddress? toAddress)
        {
            if (Nft)
                return Hop("nftables raw-PREROUTING",
                    "\"DROP DIRECT ACCESS\" drops packets for " + toAddress + " that do not arrive on " + toBridge + " (table ip docker-bridges)");
            if (Modern)
                return Hop("raw PREROUTING",
                    "-d " + toAddress + " ! -i " + toBridge + " -j DROP drops " + fromBridge + " -> " + toBridge + " (direct access from outside the container's network)");
            return Hop("FORWARD", "DOCKER-ISOLATION-STAGE-2 drops " + fromBridge + " -> " + toBridge + " (-o " + toBridge + " -j DROP)");
        }

        /// <summary>The rule that drops traffic between two containers of one bridge when inter-container communication is off.</summary>
        public ReachabilityHop IccDrop(NetworkInfo network, string bridge)
        {
            var why = network.IsDefaultBridge ? "dockerd --icc=false" : NetworkInfo.IccOption + "=false";
            if (Nft)
                return Hop("nftables filter-forward-in__" + bridge, "iifname \"" + bridge + "\" drop comment \"ICC\" (" + why + ")");
            if (Modern)
                return Hop("DOCKER-FORWARD", "-i " + bridge + " -o " + bridge + " -j DROP (" + why + ")");
            return Hop("FORWARD", "-i " + bridge + " -o " + bridge + " -j DROP (" + why + ")");
        }

        /// <summary>The accept rule a legacy --link adds for one of the linked container's ports.</summary>
        public ReachabilityHop LinkAccept(string bridge, IPAddress? from, IPAddress? to, int port, string protocol)
        {
            if (Nft)
                return Hop("nftables filter-forward-in__" + bridge,
                    "legacy --link rule accepts " + protocol + " " + from + " -> " + to + ":" + port + " before the ICC drop");
            return Hop("DOCKER",
                "-i " + bridge + " -o " + bridge + " -p " + protocol + " -s " + from + " -d " + to + " --dport " + port
                + " -j ACCEPT (added by --link; it comes before the ICC drop)");
        }

        /// <summary>The rule that keeps packets from outside out of an --internal network.</summary>
        public ReachabilityHop InternalIngressDrop(string bridge, IPv4Subnet? subnet)
        {
            if (Nft)
                return Hop("nftables filter-forward-in__" + bridge, "iifname != \"" + bridge + "\" drop comment \"INTERNAL NETWORK INGRESS\"");
            var rule = "! -s " + subnet + " -o " + bridge + " -j DROP (--internal)";
            return Hop(Modern ? "DOCKER-INTERNAL" : "DOCKER-ISOLATION-STAGE-1", rule);
        }

        /// <summary>The rule that keeps packets of an --internal network from leaving it.</summary>
        public ReachabilityHop InternalEgressDrop(string bridge, IPv4Subnet? subnet)
        {
            if (Nft)
                return Hop("nftables filter-forward-out__" + bridge, "oifname != \"" + bridge + "\" drop comment \"INTERNAL NETWORK EGRESS\"");
            var rule = "! -d " + subnet + " -i " + bridge + " -j DROP (--internal)";
            return Hop(Modern ? "DOCKER-INTERNAL" : "DOCKER-ISOLATION-STAGE-1", rule);
        }

        /// <summary>The DNAT rule of a published port.</summary>
        public ReachabilityHop PublishDnat(string destinationBridge, PortBinding binding, IPAddress? containerAddress)
        {
            var proto = Proto(binding.Protocol);
            if (Nft)
                return Hop("nftables nat-prerouting-and-output",
                    "iifname != \"" + destinationBridge + "\" " + proto + " dport " + binding.HostPort + " dnat to " + containerAddress + ":" + binding.ContainerPort);
            return Hop("nat DOCKER",
                "! -i " + destinationBridge + " -p " + proto + " --dport " + binding.HostPort + " -j DNAT --to-destination " + containerAddress + ":" + binding.ContainerPort);
        }

        /// <summary>The filter rule that lets a DNAT'd published-port packet into the destination's bridge.</summary>
        public ReachabilityHop PublishAccept(string destinationBridge, PortBinding binding, IPAddress? containerAddress)
        {
            var proto = Proto(binding.Protocol);
            if (Nft)
                return Hop("nftables filter-forward-in__" + destinationBridge,
                    "ip daddr " + containerAddress + " " + proto + " dport " + binding.ContainerPort + " accept (published port)");
            return Hop("DOCKER",
                "-d " + containerAddress + " ! -i " + destinationBridge + " -o " + destinationBridge + " -p " + proto
                + " --dport " + binding.ContainerPort + " -j ACCEPT (published port)");
        }

        public static string Proto(TransportProtocol protocol) => protocol.ToString().ToLowerInvariant();

        private static ReachabilityHop Hop(string chain, string description) => new ReachabilityHop(HopKind.Firewall, chain, null, description);
    }
}
