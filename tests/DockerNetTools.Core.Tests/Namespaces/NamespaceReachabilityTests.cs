using System.Linq;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Namespaces
{
    /// <summary>Test-DockerNetReachability between namespaces of ip netns (seed 003's lab) and between them and containers.</summary>
    public sealed class NamespaceReachabilityTests
    {
        /// <summary>Seed 003's lab beside a container on docker0 that publishes 8080:80; <paramref name="host"/> adds host keys.</summary>
        private static string Lab(string host = "", string engine = "20.10.24", string c4Routes = "      routes: [{ destination: default, gateway: 10.201.0.1 }]\n") =>
            "engine: { version: \"" + engine + "\" }\n"
            + "host:\n  addresses: [192.168.0.5]\n" + host
            + "  interfaces:\n    - { name: br0, addresses: [10.201.0.1] }\n    - { name: brid4, master: br0 }\n    - { name: brid5, master: br0 }\n"
            + "  namespaces:\n"
            + "    - name: container4\n      interfaces: [{ name: veth4, addresses: [10.201.0.4/24], peer: brid4 }]\n" + c4Routes
            + "      sockets: [{ protocol: tcp, local: '127.0.0.1:9000' }]\n"
            + "    - name: container5\n      interfaces: [{ name: veth5, addresses: [10.201.0.5/24], peer: brid5 }]\n"
            + "      routes: [{ destination: default, gateway: 10.201.0.1 }]\n"
            + "      sockets: [{ protocol: tcp, local: '0.0.0.0:80', process: nc }]\n"
            + "containers:\n  - name: web\n    ip: 172.17.0.2\n    publish: ['8080:80']\n    sockets: [{ protocol: tcp, local: '0.0.0.0:80' }]\n";

        private static string Firewall(string policy, string extra = "") =>
            "  firewall: |\n    *filter\n    :INPUT ACCEPT [0:0]\n    :FORWARD " + policy + " [0:0]\n    :OUTPUT ACCEPT [0:0]\n" + extra + "    COMMIT\n";

        [Fact]
        public void Analyze_TwoNamespacesOnBr0_ReachableOnTheBridgeAlone()
        {
            var result = Ask(Lab(), "container4", "10.201.0.5", 80);

            Verdict(result, ReachabilityVerdict.Reachable, "both on br0", "one L2 segment");
            Assert.Equal(new[] { "container4 veth4", "brid4", "br0", "brid5", "container5 veth5", "container5" }, Devices(result));
            Assert.Equal("container5", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_NamespaceByName_NameDoesNotResolveButTheAddressIsReachable()
        {
            var result = Ask(Lab(), "container4", "container5");

            ByAddress(result, ReachabilityVerdict.Reachable, "'container5' does not resolve from container4", "/var/run/netns");
            Assert.Equal("10.201.0.5", result.DestinationAddress!.ToString());
        }

        [Fact]
        public void Analyze_PortOnlyOnLoopbackInTheNamespace_NoListener()
        {
            var result = Ask(Lab(), "container5", "10.201.0.4", 9000);

            Verdict(result, ReachabilityVerdict.NoListener, "bound to loopback only");
        }

        [Fact]
        public void Analyze_BridgeNfCallAndForwardDrop_TheRealPolicyDropsTrafficInsideBr0()
        {
            var result = Ask(Lab("  bridgeNfCall: true\n" + Firewall("DROP")), "container4", "10.201.0.5");

            Verdict(result, ReachabilityVerdict.Blocked, "bridged on br0", "br_netfilter");
            Assert.Contains(result.Path, h => h.Kind == nameof(HopKind.Firewall) && h.Description.Contains("-P FORWARD DROP"));
        }

        [Fact]
        public void Analyze_BridgeNfCallAndForwardAccept_Reachable()
        {
            var result = Ask(Lab("  bridgeNfCall: true\n" + Firewall("ACCEPT")), "container4", "10.201.0.5");

            Verdict(result, ReachabilityVerdict.Reachable, "FORWARD accepts it");
        }

        [Fact]
        public void Analyze_NamespaceToContainerWithDockersRulesOnly_PolicyDecidesUndetermined()
        {
            var result = Ask(Lab(), "container4", "172.17.0.2");

            Verdict(result, ReachabilityVerdict.Undetermined, "routed from br0 to docker0", "FORWARD's policy decides");
            Assert.Contains("--policy FORWARD ACCEPT", result.Remedy);
        }

        [Fact]
        public void Analyze_NamespaceToPublishedContainerPort_DockerChainAccepts()
        {
            var result = Ask(Lab(), "container4", "172.17.0.2", 80);

            Verdict(result, ReachabilityVerdict.Reachable);
            Assert.Contains(result.Path, h => h.Device == "DOCKER" && h.Description.StartsWith("-d 172.17.0.2 ! -i docker0 -o docker0 -p tcp --dport 80 -j ACCEPT", System.StringComparison.Ordinal));
        }

        [Fact]
        public void Analyze_NamespaceToContainerWithTheSeedsForwardAccept_Reachable()
        {
            var result = Ask(Lab(Firewall("ACCEPT")), "container4", "172.17.0.2", 80);

            Verdict(result, ReachabilityVerdict.Reachable, "routes the packet from br0 to docker0");
            Assert.Equal(new[] { "container4 veth4", "brid4", "br0", "iptables filter FORWARD", "docker0", Veth(Load(Lab()), "web", "bridge"), "web eth0", "web" }, Devices(result));
        }

        [Fact]
        public void Analyze_NamespaceToContainerWithForwardDrop_BlockedByThePolicy()
        {
            var result = Ask(Lab(Firewall("DROP")), "container4", "172.17.0.2");

            Verdict(result, ReachabilityVerdict.Blocked, "-P FORWARD DROP");
        }

        [Fact]
        public void Analyze_Engine28_DockerDropsRoutedPacketsForUnpublishedPorts()
        {
            var result = Ask(Lab(engine: "28.5.2"), "container4", "172.17.0.2", 22);

            Verdict(result, ReachabilityVerdict.Blocked, "From Engine 28", "! -i docker0 -o docker0 -j DROP");
        }

        [Fact]
        public void Analyze_ContainerToNamespace_DockersForwardRuleAcceptsAndMasquerades()
        {
            var model = Load(Lab());
            var result = Ask(model, "web", "10.201.0.5", 80);

            Verdict(result, ReachabilityVerdict.Reachable, "routes the packet from docker0 to br0");
            Assert.Contains(result.Path, h => h.Device == "FORWARD" && h.Description.StartsWith("-i docker0 ! -o docker0 -j ACCEPT", System.StringComparison.Ordinal));
            Assert.Contains(result.Path, h => h.Device == "br0" && h.Description.Contains("MASQUERADE gives it the source 10.201.0.1"));
        }

        [Fact]
        public void Analyze_IpForwardOff_BlockedBetweenBridges()
        {
            var result = Ask(Lab("  forwarding: false\n"), "web", "10.201.0.4");

            Verdict(result, ReachabilityVerdict.Blocked, "net.ipv4.ip_forward=0");
            Assert.Equal("sysctl -w net.ipv4.ip_forward=1", result.Remedy);
        }

        [Fact]
        public void Analyze_NamespaceWithoutDefaultRoute_NoRouteToAnotherBridge()
        {
            var result = Ask(Lab(c4Routes: string.Empty), "container4", "172.17.0.2");

            Verdict(result, ReachabilityVerdict.NoRoute, "Network is unreachable");
            Assert.Equal("ip netns exec container4 ip route add default via 10.201.0.1", result.Remedy);
        }

        [Fact]
        public void Analyze_NamespaceToTheHostsBridgeAddress_ReachableInTheHost()
        {
            Verdict(Ask(Lab(), "container4", "10.201.0.1"), ReachabilityVerdict.Reachable, "the host's own address");
        }

        [Fact]
        public void Analyze_AddressNobodyHoldsOnBr0_NoSuchAddress()
        {
            Verdict(Ask(Lab(), "container4", "10.201.0.9"), ReachabilityVerdict.NoSuchAddress, "Nothing on br0 holds 10.201.0.9");
        }

        [Fact]
        public void Analyze_ContainerNameFromNamespace_DoesNotResolveThere()
        {
            var result = Ask(Lab(Firewall("ACCEPT")), "container4", "web");

            ByAddress(result, ReachabilityVerdict.Reachable, "/etc/netns/container4/resolv.conf");
        }

        [Fact]
        public void Analyze_SeedLab_TheNotesLabAnswers()
        {
            var model = ScenarioLoader.Load("SeedLab");

            Verdict(Ask(model, "container4", "10.201.0.5"), ReachabilityVerdict.Reachable, "both on br0");
            Verdict(Ask(model, "ubuntuA", "10.201.0.4"), ReachabilityVerdict.Reachable);
            Verdict(Ask(model, "container5", "172.17.0.2"), ReachabilityVerdict.Undetermined, "FORWARD's policy decides");
        }
    }
}
