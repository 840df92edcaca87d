using System.Linq;
using DockerNetTools.Analysis.Reachability;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>Same bridge, ICC off, legacy links, --internal, isolation between bridges per engine, several networks.</summary>
    public class BridgeRulesTests
    {
        private const string Listen80 = @"
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:80"", state: listen, process: nginx }";

        private const string TwoBridges = @"
networks:
  - name: second-bridge
    subnet: 10.0.0.0/24
    gateway: 10.0.0.1
containers:
  - name: ubuntuA" + Listen80 + @"
  - name: ubuntuB
  - name: ubuntuC
    network: second-bridge" + Listen80 + @"
";

        [Fact]
        public void Analyze_SameDefaultBridge_ForwardedOnDocker0()
        {
            var model = Load(TwoBridges);
            var result = Ask(model, "ubuntuB", "ubuntuA", 80);
            ByAddress(result, ReachabilityVerdict.Reachable, "both on bridge (docker0)", "delivers the packet to 172.17.0.2");
            Assert.Equal(new[] { "ubuntuB eth0", Veth(model, "ubuntuB", "bridge"), "docker0", Veth(model, "ubuntuA", "bridge"), "ubuntuA eth0", "ubuntuA" }, Devices(result));
            Assert.Equal("bridge", result.NetworkUsed);
            Assert.Null(Ask(model, "ubuntuB", "172.17.0.2", 80).Remedy);
        }

        [Fact]
        public void Analyze_SameDefaultBridgeByName_TheNameDoesNotResolveButTheAddressIsReachable()
        {
            var result = Ask(TwoBridges, "ubuntuB", "ubuntuA");
            Verdict(result, ReachabilityVerdict.NameNotResolved, "'ubuntuA' does not resolve from ubuntuB", "default bridge network, which has no embedded DNS",
                "By its address 172.17.0.2 it would be Reachable");
            Assert.Equal(ReachabilityVerdict.Reachable, result.AddressVerdictValue);
        }

        [Fact]
        public void Analyze_DifferentBridgesEngine20_IsolationStage2Drops()
        {
            var model = Load(TwoBridges);
            var result = Ask(model, "ubuntuB", "ubuntuC");
            ByAddress(result, ReachabilityVerdict.Blocked, "share no network", "DOCKER-ISOLATION-STAGE-1/2");
            Assert.Equal("docker network connect second-bridge ubuntuB", result.Remedy);
            var drop = result.Path.Last();
            Assert.Equal("FORWARD", drop.Device);
            Assert.Contains("DOCKER-ISOLATION-STAGE-2 drops docker0 -> " + Bridge(model, "second-bridge"), drop.Description);
            Assert.StartsWith("ubuntuB eth0 172.17.0.3 -> " + Veth(model, "ubuntuB", "bridge") + " -> docker0 172.17.0.1", result.PathText);
        }

        [Fact]
        public void Analyze_DifferentBridgesEngine29_RawPreroutingDirectAccessDrop()
        {
            var model = Load("engine: { version: \"29.0.1\", apiVersion: \"1.52\" }\n" + TwoBridges);
            var result = Ask(model, "ubuntuB", "ubuntuC");
            ByAddress(result, ReachabilityVerdict.Blocked, "Engine 29.0.1 with iptables drops packets sent straight to a container from outside its network");
            var drop = result.Path.Last();
            Assert.Equal("raw PREROUTING", drop.Device);
            Assert.Contains("-d 10.0.0.2 ! -i " + Bridge(model, "second-bridge") + " -j DROP", drop.Description);
            Assert.DoesNotContain("ISOLATION", result.PathText);
        }

        [Fact]
        public void Analyze_DifferentBridgesNftables_DropDirectAccessRule()
        {
            var result = Ask("engine: { version: \"29.1.0\", firewall: nftables }\n" + TwoBridges, "ubuntuB", "ubuntuC", 80);
            ByAddress(result, ReachabilityVerdict.Blocked, "with nftables");
            Assert.Equal("nftables raw-PREROUTING", result.Path.Last().Device);
            Assert.Contains("DROP DIRECT ACCESS", result.Path.Last().Description);
        }

        [Fact]
        public void Analyze_IccOffOnUserNetwork_DroppedOnTheBridge()
        {
            var model = Load(@"
networks:
  - name: quiet
    icc: false
containers:
  - name: a
    network: quiet
  - name: b
    network: quiet" + Listen80);
            var result = Ask(model, "a", "b", 80);
            Verdict(result, ReachabilityVerdict.Blocked, "inter-container communication is off", "com.docker.network.bridge.enable_icc=false");
            var bridge = Bridge(model, "quiet");
            Assert.Equal("FORWARD", result.Path.Last().Device);
            Assert.Contains("-i " + bridge + " -o " + bridge + " -j DROP", result.Path.Last().Description);
            Assert.Equal("docker network create a-b && docker network connect a-b a && docker network connect a-b b", result.Remedy);
        }

        [Fact]
        public void Analyze_IccOffEngine29_DockerForwardRule()
        {
            var result = Ask("engine: { version: \"29.0.0\" }\nnetworks:\n  - name: quiet\n    icc: false\ncontainers:\n  - name: a\n    network: quiet\n  - name: b\n    network: quiet\n", "a", "b");
            Verdict(result, ReachabilityVerdict.Blocked);
            Assert.Equal("DOCKER-FORWARD", result.Path.Last().Device);
        }

        private const string NoIccDefaultBridge = @"
engine: { icc: false }
containers:
  - name: linktest1
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:5432"", state: listen, process: postgres }
  - name: linktest2
    links: [""linktest1""]
  - name: stranger
";

        [Fact]
        public void Analyze_DaemonIccOffDefaultBridge_Blocked()
        {
            var result = Ask(NoIccDefaultBridge, "stranger", "linktest1", 5432);
            ByAddress(result, ReachabilityVerdict.Blocked, "dockerd runs with --icc=false");
        }

        [Fact]
        public void Analyze_DaemonIccOffWithLinkOnListeningPort_LinkOpensIt()
        {
            var result = Ask(NoIccDefaultBridge, "linktest2", "linktest1", 5432);
            Verdict(result, ReachabilityVerdict.Reachable, "legacy --link to linktest1 opens port 5432");
            Assert.Equal("DOCKER", result.Path.Single(h => h.KindValue == HopKind.Firewall).Device);
            Assert.Contains("--dport 5432 -j ACCEPT", result.PathText);
        }

        [Fact]
        public void Analyze_DaemonIccOffWithLinkOtherPort_StillBlocked()
        {
            var result = Ask(NoIccDefaultBridge, "linktest2", "linktest1", 22);
            Verdict(result, ReachabilityVerdict.Blocked, "the --link to linktest1 opens only port 5432, not tcp/22");
        }

        [Fact]
        public void Analyze_DaemonIccOffLinkOnlyOneWay_ReverseBlocked()
        {
            var result = Ask(NoIccDefaultBridge.Replace("  - name: stranger", "  - name: stranger\n    sockets:\n      - { protocol: tcp, local: \"0.0.0.0:80\", state: listen }"), "linktest1", "linktest2");
            ByAddress(result, ReachabilityVerdict.Blocked, "inter-container communication is off");
        }

        private const string Internal = @"
networks:
  - name: backend
    internal: true
    subnet: 10.5.0.0/24
containers:
  - name: api
    network: backend
  - name: db
    network: backend
    publish: [""5432:5432""]
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:5432"", state: listen, process: postgres }
  - name: outsider
";

        [Fact]
        public void Analyze_InternalNetworkMembers_ReachEachOther()
        {
            var result = Ask(Internal, "api", "db", 5432);
            Verdict(result, ReachabilityVerdict.Reachable, "both on backend");
        }

        [Fact]
        public void Analyze_IntoInternalNetwork_Blocked()
        {
            var model = Load(Internal);
            var result = Ask(model, "outsider", "db", 5432);
            ByAddress(result, ReachabilityVerdict.Blocked, "backend is an --internal network", "nothing from outside it gets in");
            Assert.Equal("DOCKER-ISOLATION-STAGE-1", result.Path.Last().Device);
            Assert.Contains("! -s 10.5.0.0/24 -o " + Bridge(model, "backend") + " -j DROP", result.Path.Last().Description);
            Assert.Empty(result.Alternatives);
            Assert.Equal("docker network connect backend outsider", result.Remedy);
        }

        private const string Engine25 = "engine: { version: \"25.0.3\", apiVersion: \"1.44\" }\n";

        // moby#46603 (Engine 25): a container only on --internal networks gets no default route.
        [Fact]
        public void Analyze_OutOfInternalNetworkEngine25_NoRoute()
        {
            var result = Ask(Engine25 + Internal, "api", "outsider");
            ByAddress(result, ReachabilityVerdict.NoRoute, "only on --internal network(s) backend", "no default route");
        }

        // Checked on Docker 20.10.24: auditr-i1, only on an --internal network, has "default via 10.91.5.1 dev eth0"; a ping
        // of a container on another network gets no reply (-Probe: TimedOut), the isolation rule drops it.
        [Fact]
        public void Analyze_OutOfInternalNetworkEngine20_DefaultRouteButIsolationStage1Drops()
        {
            var model = Load(Internal);
            var result = Ask(model, "api", "outsider");
            ByAddress(result, ReachabilityVerdict.Blocked, "only on --internal network(s) backend", "default route via 10.5.0.1", "drops everything that leaves it");
            Assert.Equal("DOCKER-ISOLATION-STAGE-1", result.Path.Last().Device);
            Assert.Contains("! -d 10.5.0.0/24 -i " + Bridge(model, "backend") + " -j DROP", result.Path.Last().Description);
            Assert.Equal("docker network connect backend outsider", result.Remedy); // the name first: they share no user-defined network
            Assert.Equal("docker network connect bridge api", Ask(model, "api", result.DestinationAddress!.ToString()).Remedy);
        }

        // Checked on Docker 20.10.24 with -Probe: auditr-i1 (only on an --internal network) connected to a host-mode
        // listener on the host's uplink address 192.0.2.2:39123 (the model said NoRoute); moby/libnetwork#1151.
        [Fact]
        public void Analyze_InternalSourceToHostAddressEngine20_ReachableThroughInput()
        {
            var lab = "host:\n  addresses: [192.168.1.10]\n  listeners:\n    - { protocol: tcp, local: \"0.0.0.0:22\", process: sshd }\n" + Internal;
            var result = Ask(lab, "api", "192.168.1.10", 22);
            Verdict(result, ReachabilityVerdict.Reachable, "reaches the host at 192.168.1.10", "INPUT");
        }

        [Fact]
        public void Analyze_InternalSourceToItsGatewayEngine25_NoHostAddressAlternative()
        {
            var lab = Engine25 + "host:\n  addresses: [192.168.1.10]\n  listeners:\n    - { protocol: tcp, local: \"0.0.0.0:22\", process: sshd }\n" + Internal;
            var result = Ask(lab, "api", "10.5.0.1", 22);
            Verdict(result, ReachabilityVerdict.Reachable, "reaches the host at 10.5.0.1");
            // Without a default route the host's uplink address is out of reach from an --internal-only container.
            Assert.Empty(result.Alternatives);

            var fromOutsider = Ask(lab, "outsider", "172.17.0.1", 22);
            Assert.Contains(fromOutsider.Alternatives, a => a.Address.ToString() == "192.168.1.10" && a.Port == 22);
        }

        [Fact]
        public void Analyze_PublishedPortOfInternalContainer_DoesNotWork()
        {
            var result = Ask(Internal, "outsider", "172.17.0.1", 5432);
            Verdict(result, ReachabilityVerdict.NoListener, "does not publish ports of internal networks");
        }

        [Fact]
        public void Analyze_InternalEngine29_DockerInternalChain()
        {
            var result = Ask("engine: { version: \"29.0.0\" }\n" + Internal, "outsider", "db");
            Assert.Equal("DOCKER-INTERNAL", result.Path.Last().Device);
        }

        private const string Multi = @"
networks:
  - name: front
  - name: back
  - name: admin
containers:
  - name: proxy
    network: front
    networks:
      - { name: back }
  - name: app
    network: back
    networks:
      - { name: admin }" + @"
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:8080"", state: listen, process: java }
";

        [Fact]
        public void Analyze_SeveralNetworks_UsesTheSharedOne()
        {
            var model = Load(Multi);
            var result = Ask(model, "proxy", "app", 8080);
            Verdict(result, ReachabilityVerdict.Reachable, "both on back");
            Assert.Equal("back", result.NetworkUsed);
            Assert.Equal(model.FindContainer("app")!.EndpointOn("back")!.IPAddress, result.DestinationAddressValue);
            Assert.Equal("proxy eth1", result.Path[0].Device);
        }

        [Fact]
        public void Analyze_AddressOnANetworkNotShared_BlockedWithSharedAddressAsAlternative()
        {
            var model = Load(Multi);
            var adminAddress = model.FindContainer("app")!.EndpointOn("admin")!.IPAddress!.ToString();
            var result = Ask(model, "proxy", adminAddress, 8080);
            Verdict(result, ReachabilityVerdict.Blocked, "share no network");
            var alternative = Assert.Single(result.Alternatives);
            Assert.Equal(model.FindContainer("app")!.EndpointOn("back")!.IPAddress, alternative.AddressValue);
            Assert.Equal("back", alternative.Via);
        }

        [Fact]
        public void Analyze_IptablesDisabled_HostRoutesBetweenBridges()
        {
            var result = Ask("engine: { iptables: false }\n" + TwoBridges, "ubuntuB", "ubuntuC", 80);
            ByAddress(result, ReachabilityVerdict.Reachable, "--iptables=false");
        }

        [Fact]
        public void Analyze_IccOffNftables_IccRuleOfThePerBridgeChain()
        {
            var model = Load("engine: { version: \"29.0.0\", firewall: nftables }\nnetworks:\n  - name: quiet\n    icc: false\ncontainers:\n  - name: a\n    network: quiet\n  - name: b\n    network: quiet\n");
            var result = Ask(model, "a", "b");
            Verdict(result, ReachabilityVerdict.Blocked, "inter-container communication is off");
            Assert.Equal("nftables filter-forward-in__" + Bridge(model, "quiet"), result.Path.Last().Device);
            Assert.Contains("comment \"ICC\"", result.Path.Last().Description);
        }

        [Fact]
        public void Analyze_IntoInternalNetworkNftables_InternalNetworkIngressRule()
        {
            var result = Ask("engine: { version: \"29.0.0\", firewall: nftables }\n" + Internal, "outsider", "db");
            ByAddress(result, ReachabilityVerdict.Blocked, "--internal network");
            Assert.Contains("INTERNAL NETWORK INGRESS", result.Path.Last().Description);
        }

        [Fact]
        public void Analyze_NatUnprotectedOnEngine29_OpenToOtherNetworks()
        {
            var yaml = "engine: { version: \"29.0.0\" }\n" + TwoBridges.Replace("    gateway: 10.0.0.1\n",
                "    gateway: 10.0.0.1\n    options: { com.docker.network.bridge.gateway_mode_ipv4: nat-unprotected }\n");
            ByAddress(Ask(yaml, "ubuntuB", "ubuntuC", 80), ReachabilityVerdict.Reachable, "nat-unprotected");
        }

        [Fact]
        public void Analyze_NatUnprotectedOnEngine20_IsolationStillDrops()
        {
            var yaml = TwoBridges.Replace("    gateway: 10.0.0.1\n", "    gateway: 10.0.0.1\n    options: { com.docker.network.bridge.gateway_mode_ipv4: nat-unprotected }\n");
            ByAddress(Ask(yaml, "ubuntuB", "ubuntuC", 80), ReachabilityVerdict.Blocked, "DOCKER-ISOLATION-STAGE-1/2");
        }
    
        // Checked on Docker 20.10.24: a container run on auditr-zeta and connected to auditr-alpha has
        // "default via 10.91.2.1 dev eth1": libnetwork gives the default route to the first network by name.
        [Fact]
        public void Analyze_SourceOnTwoNetworksToAThird_LeavesByTheDefaultRouteOfTheFirstNetworkByName()
        {
            var model = Load(@"
networks:
  - { name: zeta, subnet: 10.1.0.0/24 }
  - { name: alpha, subnet: 10.2.0.0/24 }
  - { name: mid, subnet: 10.3.0.0/24 }
containers:
  - { name: client, network: zeta, ip: 10.1.0.3, networks: [{ name: alpha, ip: 10.2.0.3 }] }
  - { name: web, network: mid, ip: 10.3.0.2, publish: [""8080:80""], sockets: [{ local: ""0.0.0.0:80"" }] }
");
            var result = Ask(model, "client", "web", 80);
            ByAddress(result, ReachabilityVerdict.Blocked, "client (alpha) and web (mid) share no network");
            Assert.Equal("alpha -> mid", result.NetworkUsed);
            Assert.StartsWith("client eth1 10.2.0.3 -> " + Veth(model, "client", "alpha") + " -> " + Bridge(model, "alpha") + " 10.2.0.1", result.PathText);
            Assert.Equal("10.2.0.1", result.Alternatives[0].Address.ToString());
            Assert.Equal("docker network connect mid client", result.Remedy);
        }
}
}
