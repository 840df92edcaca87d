using System.Linq;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Core.Tests.Firewall
{
    /// <summary>Reachability on the host's real rules (host.firewall) instead of the rules derived from the engine version.</summary>
    public class FirewallReachabilityTests
    {
        /// <summary>
        /// The test host the Engine 20.10 rules were captured on (tests/…/Firewall/TestData/engine-20.10-iptables-save.txt),
        /// its networks and containers as Export-DockerNetScenario wrote them (trimmed to what matters).
        /// </summary>
        internal const string Lab2010 = @"engine: { version: ""20.10.24+dfsg1"" }
networks:
- name: bridge
  subnet: ""172.17.0.0/16""
  gateway: ""172.17.0.1""
  bridge: docker0
- { name: firewall-user, subnet: ""10.66.1.0/24"", gateway: ""10.66.1.1"", bridge: fw-user }
- { name: firewall-internal, subnet: ""10.66.2.0/24"", gateway: ""10.66.2.1"", bridge: fw-internal, internal: true }
- name: firewall-noicc
  subnet: ""10.66.3.0/24""
  gateway: ""10.66.3.1""
  bridge: fw-noicc
  options: { com.docker.network.bridge.enable_icc: ""false"" }
- name: firewall-nomasq
  subnet: ""10.66.4.0/24""
  gateway: ""10.66.4.1""
  bridge: fw-nomasq
  options: { com.docker.network.bridge.enable_ip_masquerade: ""false"" }
containers:
- name: firewall-pub
  network: bridge
  ip: ""172.17.0.2""
  publish: [""18999:80""]
  sockets:
  - {protocol: tcp6, local: ""[::]:80"", state: listen, process: httpd}
- { name: firewall-int, network: firewall-internal, ip: ""10.66.2.2"" }
- name: firewall-usr
  network: firewall-user
  ip: ""10.66.1.2""
  publish: [""127.0.0.1:18998:80""]
  sockets:
  - {protocol: tcp6, local: ""[::]:80"", state: listen, process: httpd}
- { name: firewall-nm, network: firewall-nomasq, ip: ""10.66.4.2"" }
- { name: firewall-ni, network: firewall-noicc, ip: ""10.66.3.2"" }
- name: firewall-ni2
  network: firewall-noicc
  ip: ""10.66.3.3""
  sockets:
  - {protocol: tcp, local: ""0.0.0.0:80"", state: listen, process: httpd}
";

        /// <summary>The same lab on the project's Engine 28.5 daemon, with the rules captured there.</summary>
        private static DockerHostModel Lab28() =>
            ScenarioLoader.Parse(FirewallScenarioTests.WithFirewall(PacketFilterTests.Text(PacketFilterTests.Engine285Captured),
                Lab2010.Replace("20.10.24+dfsg1", "28.5.2+dfsg4")), "lab28.yaml");

        [Theory]
        // All four checked on the 28.5 daemon with nc -w 2 from the containers: timed out, timed out, 404 (answered), timed out.
        [InlineData("firewall-int", "10.66.2.1", 18999, ReachabilityVerdict.Blocked, "-A DOCKER-ISOLATION-STAGE-1 ! -d 10.66.2.0/24 -i fw-internal -j DROP")]
        [InlineData("firewall-nm", "10.66.4.1", 18999, ReachabilityVerdict.Blocked, "-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP")]
        [InlineData("firewall-usr", "10.66.1.1", 18999, ReachabilityVerdict.Reachable, "firewall-pub: tcp/80 accepted")]
        [InlineData("firewall-usr", "172.17.0.2", 80, ReachabilityVerdict.Blocked, "-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP")]
        public void Engine28Capture_SameLab_RealRulesGiveWhatNcSaw(string source, string destination, int port, ReachabilityVerdict verdict, string last)
        {
            var result = Ask(Lab28(), source, destination, port);

            Assert.True(result.AddressVerdictValue == verdict, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains(last, result.Path.Last().ToShortString());
        }

        /// <summary>The captured 20.10 rules with one more DOCKER-USER rule first, as an operator would insert it.</summary>
        private static DockerHostModel LabWithUserRule(string rule) =>
            ScenarioLoader.Parse(FirewallScenarioTests.WithFirewall(
                PacketFilterTests.Text(PacketFilterTests.Engine2010).Replace("\n-A DOCKER-USER -o eth0 -j DROP\n", "\n" + rule + "\n-A DOCKER-USER -o eth0 -j DROP\n"), Lab2010), "lab.yaml");

        [Fact]
        public void DockerUserAccept_BetweenNetworks_Reachable()
        {
            // ACCEPT in DOCKER-USER ends the filter table before Docker's isolation chains see the packet.
            var result = Ask(LabWithUserRule("-A DOCKER-USER -i fw-user -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"), "firewall-usr", "firewall-pub", 80);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Reachable, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains(result.Path, h => h.Description.Contains("-A DOCKER-USER -i fw-user -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT accepts it"));
        }

        /// <summary>The user-rule lab with a second container on the default bridge, and host.bridgeNfCall as given.</summary>
        private static DockerHostModel SameBridgeLab(string rule, bool? bridgeNfCall)
        {
            var text = FirewallScenarioTests.WithFirewall(
                PacketFilterTests.Text(PacketFilterTests.Engine2010).Replace("\n-A DOCKER-USER -o eth0 -j DROP\n", "\n" + rule + "\n-A DOCKER-USER -o eth0 -j DROP\n"),
                Lab2010 + "- { name: firewall-b2, network: bridge, ip: \"172.17.0.3\" }\n");
            if (bridgeNfCall.HasValue) text = text.Replace("  hostname: h\n", "  hostname: h\n  bridgeNfCall: " + (bridgeNfCall.Value ? "true" : "false") + "\n");
            return ScenarioLoader.Parse(text, "lab.yaml");
        }

        [Theory]
        [InlineData(null)]
        [InlineData(false)]
        public void DockerUserDrop_SameNetworkIccOn_WithoutBridgeNfCall_TheBridgeSwitchesIt(bool? bridgeNfCall)
        {
            var result = Ask(SameBridgeLab("-A DOCKER-USER -s 172.17.0.3/32 -d 172.17.0.2/32 -j DROP", bridgeNfCall), "firewall-b2", "172.17.0.2", 80);

            Assert.True(result.VerdictValue == ReachabilityVerdict.Reachable, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
        }

        [Fact]
        public void DockerUserDrop_SameNetworkIccOn_BridgeNfCall_FORWARDDropsItNamingTheRule()
        {
            // br_netfilter with net.bridge.bridge-nf-call-iptables=1 (as on the project's test machine) hands bridged frames to FORWARD.
            var result = Ask(SameBridgeLab("-A DOCKER-USER -s 172.17.0.3/32 -d 172.17.0.2/32 -j DROP", true), "firewall-b2", "172.17.0.2", 80);

            Assert.True(result.VerdictValue == ReachabilityVerdict.Blocked, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains("net.bridge.bridge-nf-call-iptables is 1", result.Reason);
            Assert.Contains("-A DOCKER-USER -s 172.17.0.3/32 -d 172.17.0.2/32 -j DROP", result.Path.Last().Description);
            Assert.StartsWith("iptables -D DOCKER-USER -s 172.17.0.3/32 -d 172.17.0.2/32 -j DROP", result.Remedy);

            var allowed = Ask(SameBridgeLab("-A DOCKER-USER -s 172.17.0.9/32 -d 172.17.0.2/32 -j DROP", true), "firewall-b2", "172.17.0.2", 80);
            Assert.True(allowed.VerdictValue == ReachabilityVerdict.Reachable, allowed.VerdictValue + ": " + allowed.Reason + " | " + allowed.PathText);
            Assert.Contains("-A FORWARD -i docker0 -o docker0 -j ACCEPT accepts it", allowed.PathText);
        }

        [Fact]
        public void BridgeNfCall_ScenarioRoundTrip_KeepsIt()
        {
            var model = SameBridgeLab("-A DOCKER-USER -s 172.17.0.9/32 -j DROP", true);
            using var writer = new System.IO.StringWriter();
            DockerNetTools.Backends.Scenario.ScenarioWriter.Write(model, writer);
            var again = ScenarioLoader.Parse(writer.ToString(), "again.yaml");

            Assert.True(again.Host.BridgeNfCall);
            Assert.Null(again.Host.BridgeNfCall6);
        }

        [Fact]
        public void DockerUserIpset_BetweenNetworks_UndeterminedNamingTheRule()
        {
            var result = Ask(LabWithUserRule("-A DOCKER-USER -m set --match-set blocked src -j DROP"), "firewall-usr", "firewall-pub", 80);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Undetermined, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains("-A DOCKER-USER -m set --match-set blocked src -j DROP", result.Reason);
            Assert.Contains("-m set --match-set blocked src", result.Path.Last().Description);
        }

        [Fact]
        public void DockerUserDrop_SameNetworkIccOff_QuotesItBeforeDockersRules()
        {
            var result = Ask(LabWithUserRule("-A DOCKER-USER -s 10.66.3.2/32 -j REJECT --reject-with icmp-port-unreachable"), "firewall-ni", "firewall-ni2", 80);

            Assert.Equal(ReachabilityVerdict.Blocked, result.AddressVerdictValue);
            Assert.Contains("-A DOCKER-USER -s 10.66.3.2/32 -j REJECT --reject-with icmp-port-unreachable rejects it", result.Path.Last().Description);
        }

        private static DockerHostModel Lab(bool withRules) =>
            ScenarioLoader.Parse(withRules ? FirewallScenarioTests.WithFirewall(PacketFilterTests.Text(PacketFilterTests.Engine2010), Lab2010) : Lab2010, "lab.yaml");

        // The rules decide the packet's way, so the tests read AddressVerdict: a container name across networks does not
        // resolve from the source (Verdict NameNotResolved, see NameResolvesTests); for an address it equals Verdict.
        private static ReachabilityResult Ask(DockerHostModel model, string source, string destination, int? port = null) =>
            ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, destination, port));

        [Theory]
        [InlineData("20.10.24+dfsg1", "DOCKER-ISOLATION-STAGE-1")]
        [InlineData("28.5.2+dfsg4", "DOCKER-ISOLATION-STAGE-1")]
        public void InternalSource_GatewayPublishedPort_DerivedRules_DnatThenInternalDrop(string version, string chain)
        {
            // The held-out wrong answer of issue #11: from the engine version alone the module said Reachable ("docker-proxy
            // accepts it on the host (INPUT)"); Docker writes no nat "-i <bridge> -j RETURN" for an internal bridge, so the
            // packet is DNAT'd, forwarded and dropped by the internal network's rule, as with the real rules below.
            var result = Ask(ScenarioLoader.Parse(Lab2010.Replace("20.10.24+dfsg1", version), "lab.yaml"), "firewall-int", "10.66.2.1", 18999);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains(result.Path, h => h.Description.Contains("DNAT", System.StringComparison.Ordinal));
            Assert.Equal(chain, result.Path.Last().Device);
            Assert.Contains("! -d 10.66.2.0/24 -i fw-internal -j DROP", result.Path.Last().Description);
            Assert.Contains("no nat rule", result.Reason);
        }

        [Fact]
        public void NoMasqueradeSource_GatewayPublishedPort_DerivedRules_DnatThenIsolationDrop()
        {
            var result = Ask(Lab(withRules: false), "firewall-nm", "10.66.4.1", 18999);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains("-o docker0 -j DROP", result.Path.Last().Description);
        }

        [Fact]
        public void UserNetworkSource_GatewayPublishedPort_DerivedRules_DockerProxyAnswers()
        {
            var result = Ask(Lab(withRules: false), "firewall-usr", "10.66.1.1", 18999);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Reachable, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains(result.Path, h => h.Device == "docker-proxy");
        }

        [Fact]
        public void InternalSource_GatewayPublishedPort_RealRules_DnatThenInternalDrop()
        {
            // Checked on the test daemon: `docker exec firewall-int nc -w 2 10.66.2.1 18999` times out.
            var result = Ask(Lab(withRules: true), "firewall-int", "10.66.2.1", 18999);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains(result.Path, h => h.Description.Contains("-A DOCKER ! -i docker0 -p tcp -m tcp --dport 18999 -j DNAT --to-destination 172.17.0.2:80"));
            var drop = result.Path.Last();
            Assert.Equal(HopKind.Firewall, drop.KindValue);
            Assert.Contains("-A DOCKER-ISOLATION-STAGE-1 ! -d 10.66.2.0/24 -i fw-internal -j DROP", drop.Description);
            Assert.Contains("-A DOCKER-ISOLATION-STAGE-1 ! -d 10.66.2.0/24 -i fw-internal -j DROP", result.Reason);
            Assert.Equal("firewall-pub", result.DestinationContainer);
        }

        [Fact]
        public void NoMasqueradeSource_GatewayPublishedPort_RealRules_DnatThenIsolationDrop()
        {
            // Checked on the test daemon too: a container on the network with enable_ip_masquerade=false times out the same way
            // (Docker writes the nat "-i <bridge> -j RETURN" together with the masquerade rule).
            var result = Ask(Lab(withRules: true), "firewall-nm", "10.66.4.1", 18999);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains("-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP", result.Path.Last().Description);
        }

        [Fact]
        public void UserNetworkSource_GatewayPublishedPort_RealRules_DockerProxyAnswers()
        {
            // fw-user has "-A DOCKER -i fw-user -j RETURN": no DNAT, the packet is the host's (INPUT) and docker-proxy takes it.
            var result = Ask(Lab(withRules: true), "firewall-usr", "10.66.1.1", 18999);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Reachable, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains(result.Path, h => h.Device == "docker-proxy");
        }

        [Theory]
        [InlineData("firewall-usr", "firewall-pub", "-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP")]
        [InlineData("firewall-int", "firewall-pub", "-A DOCKER-ISOLATION-STAGE-1 ! -d 10.66.2.0/24 -i fw-internal -j DROP")]
        [InlineData("firewall-pub", "firewall-int", "-A DOCKER-ISOLATION-STAGE-1 ! -s 10.66.2.0/24 -o fw-internal -j DROP")]
        [InlineData("firewall-ni", "firewall-ni2", "-A FORWARD -i fw-noicc -o fw-noicc -j DROP")]
        public void BetweenContainers_RealRules_QuoteTheDroppingRule(string source, string destination, string rule)
        {
            var result = Ask(Lab(withRules: true), source, destination, 80);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains(rule, result.Path.Last().Description);
        }

        /// <summary>The host of the Engine 28.5 rules (engine-28.5-iptables-save.txt, from moby v28.5.2's listings).</summary>
        private const string Lab285 = @"engine: { version: ""28.5.2"" }
networks:
- { name: net1, subnet: ""192.0.2.0/24"", gateway: ""192.0.2.1"", bridge: bridge1 }
- { name: intnet, subnet: ""198.51.100.0/24"", gateway: ""198.51.100.1"", bridge: bridgeICC, internal: true }
containers:
- name: c1
  network: net1
  ip: ""192.0.2.2""
  publish: [""8080:80""]
  sockets:
  - {protocol: tcp, local: ""0.0.0.0:80"", state: listen, process: httpd}
- { name: d, network: bridge, ip: ""172.17.0.2"" }
- { name: i, network: intnet, ip: ""198.51.100.2"" }
";

        /// <summary>A ufw host (ufw-docker-20.10-iptables-save.txt): web on the default bridge publishes 8080, sshd listens on 22.</summary>
        private const string LabUfw = @"containers:
- name: web
  network: bridge
  ip: ""172.17.0.2""
  publish: [""8080:80""]
  sockets:
  - {protocol: tcp, local: ""0.0.0.0:80"", state: listen, process: nginx}
- { name: client, network: bridge, ip: ""172.17.0.3"" }
";

        private static DockerHostModel With(string file, string lab, string host = "") =>
            ScenarioLoader.Parse(FirewallScenarioTests.WithFirewall(PacketFilterTests.Text(file), lab).Replace("  hostname: h\n", "  hostname: h\n" + host), "lab.yaml");

        [Fact]
        public void Engine28_OtherBridgeToContainer_RawPreroutingDirectAccessDrop()
        {
            var result = Ask(With(PacketFilterTests.Engine285, Lab285), "d", "c1", 80);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Equal("iptables raw PREROUTING", result.Path.Last().Device);
            Assert.Contains("-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP", result.Path.Last().Description);
        }

        [Fact]
        public void Engine28_DefaultBridgeToGatewayPublishedPort_NatReturnsThenDockerProxy()
        {
            var result = Ask(With(PacketFilterTests.Engine285, Lab285), "d", "172.17.0.1", 8080);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Reachable, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains(result.Path, h => h.Device == "docker-proxy");
        }

        [Fact]
        public void Engine28_InternalToGatewayPublishedPort_DnatThenInternalDrop()
        {
            var result = Ask(With(PacketFilterTests.Engine285, Lab285), "i", "198.51.100.1", 8080);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains(result.Path, h => h.Description.Contains("-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80"));
            Assert.Contains("-A DOCKER-ISOLATION-STAGE-1 ! -d 198.51.100.0/24 -i bridgeICC -j DROP", result.Path.Last().Description);
        }

        [Fact]
        public void Ufw_ContainerToGatewayPublishedPort_InputDropsIt()
        {
            // nat returns for docker0, so the packet is the host's: INPUT, where ufw's deny 8080 drops it before docker-proxy.
            var result = Ask(With(PacketFilterTests.Ufw, LabUfw), "client", "172.17.0.1", 8080);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains("-A ufw-user-input -p tcp -m tcp --dport 8080 -j DROP", result.Path.Last().Description);
            Assert.Equal("iptables filter ufw-user-input", result.Path.Last().Device);
        }

        [Theory]
        [InlineData(22, ReachabilityVerdict.Reachable, "-A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT")]
        [InlineData(9999, ReachabilityVerdict.Blocked, "-P INPUT DROP")]
        public void Ufw_ContainerToHostPort_InputDecides(int port, ReachabilityVerdict verdict, string rule)
        {
            var host = "  listeners:\n  - {protocol: tcp, local: \"0.0.0.0:22\", state: listen, process: sshd}\n  - {protocol: tcp, local: \"0.0.0.0:9999\", state: listen, process: app}\n";

            var result = Ask(With(PacketFilterTests.Ufw, LabUfw, host), "client", "172.17.0.1", port);

            Assert.True(result.AddressVerdictValue == verdict, result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Contains(result.Path, h => h.KindValue == HopKind.Firewall && h.Description.Contains(rule));
        }

        [Fact]
        public void Ufw_ContainerToContainerOnSameBridge_NotFiltered()
        {
            // ICC on: the bridge switches the frame (br_netfilter's FORWARD pass is not assumed), as without the rules.
            var result = Ask(With(PacketFilterTests.Ufw, LabUfw), "client", "web", 80);

            Assert.Equal(ReachabilityVerdict.Reachable, result.AddressVerdictValue);
        }
    }
}
