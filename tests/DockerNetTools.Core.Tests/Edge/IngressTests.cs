using System.Linq;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Core.Tests.Firewall;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Core.Tests.Edge
{
    /// <summary>
    /// Ingress from outside the host: -Source is a client on the LAN or the internet. The packet arrives on the interface
    /// the host's routes give for it; a published port's DNAT sends it through FORWARD (not INPUT); a packet routed straight
    /// to a container's address is accepted for published ports on Engine 20.10 and dropped in raw PREROUTING on Engine 28.
    /// </summary>
    public class IngressTests
    {
        /// <summary>The lab of the captured rules, with the host's uplink (192.0.2.2 on eth0) and routes, as the test host has them.</summary>
        private const string Edge = "  addresses: [192.0.2.2]\n  routes:\n"
                                    + "    - { destination: default, gateway: 192.0.2.1, interface: eth0 }\n    - { destination: 192.0.2.0/24, interface: eth0 }\n"
                                    + "  listeners:\n    - { protocol: tcp, local: \"127.0.0.1:18998\", state: listen, process: docker-proxy }\n";

        private static DockerHostModel Lab(string rulesFile, string version) =>
            ScenarioLoader.Parse(FirewallScenarioTests.WithFirewall(PacketFilterTests.Text(rulesFile), Edge + FirewallReachabilityTests.Lab2010.Replace("20.10.24+dfsg1", version)), "lab.yaml");

        private static DockerHostModel Derived(string version) =>
            ScenarioLoader.Parse("host:\n" + Edge + FirewallReachabilityTests.Lab2010.Replace("20.10.24+dfsg1", version), "lab.yaml");

        private static ReachabilityResult Ask(DockerHostModel model, string source, string destination, int? port) =>
            ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, destination, port));

        private static string Full(ReachabilityResult result) => string.Join(" | ", result.Path.Select(h => h.Device + ": " + h.Description));

        private static void Expect(ReachabilityResult result, ReachabilityVerdict verdict, string inPath)
        {
            var path = Full(result);
            Assert.True(result.VerdictValue == verdict, result.VerdictValue + ": " + result.Reason + " | " + path);
            Assert.Contains(inPath, path, System.StringComparison.Ordinal);
        }

        [Theory]
        // Published 18999:80 from outside: DNAT, then FORWARD's DOCKER accept (20.10) / DOCKER-BRIDGE -> DOCKER (28).
        [InlineData(PacketFilterTests.Engine2010, "20.10.24+dfsg1", "192.0.2.2", 18999, ReachabilityVerdict.Reachable, "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT accepts it")]
        [InlineData(PacketFilterTests.Engine285Captured, "28.5.2+dfsg4", "192.0.2.2", 18999, ReachabilityVerdict.Reachable, "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT accepts it")]
        // Direct routed access to the container's own address: accepted for the published port on 20.10, dropped in raw on 28.
        [InlineData(PacketFilterTests.Engine2010, "20.10.24+dfsg1", "172.17.0.2", 80, ReachabilityVerdict.Reachable, "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT accepts it")]
        [InlineData(PacketFilterTests.Engine2010, "20.10.24+dfsg1", "172.17.0.2", 81, ReachabilityVerdict.Blocked, "-P FORWARD DROP drops it")]
        [InlineData(PacketFilterTests.Engine285Captured, "28.5.2+dfsg4", "172.17.0.2", 80, ReachabilityVerdict.Blocked, "iptables raw PREROUTING: -A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP drops it")]
        public void RealRules_OutsideClient_FollowsPreroutingAndForward(string rules, string version, string destination, int port, ReachabilityVerdict verdict, string inPath)
        {
            var result = Ask(Lab(rules, version), "203.0.113.7", destination, port);

            Expect(result, verdict, inPath);
            Assert.Equal("203.0.113.7", result.Source);
            Assert.Contains("arrives on eth0", Full(result), System.StringComparison.Ordinal);
            Assert.DoesNotContain(result.Path, h => h.Device.Contains("INPUT", System.StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(PacketFilterTests.Engine2010, "20.10.24+dfsg1")]
        [InlineData(PacketFilterTests.Engine285Captured, "28.5.2+dfsg4")]
        public void RealRules_PortPublishedOnLoopbackOnly_NotDnatedAndNothingListensOnTheHostAddress(string rules, string version)
        {
            var result = Ask(Lab(rules, version), "203.0.113.7", "192.0.2.2", 18998);

            Expect(result, ReachabilityVerdict.NoListener, "INPUT");
            Assert.Contains("firewall-usr publishes 127.0.0.1:18998->80/tcp, on the loopback address only", result.Reason, System.StringComparison.Ordinal);
            Assert.Equal("firewall-usr", result.DestinationContainer);
        }

        [Fact]
        public void Ufw_DenyOnThePublishedPort_DoesNotApplyAndDockerUserDropDoes()
        {
            var model = ScenarioLoader.Parse(FirewallScenarioTests.WithFirewall(PacketFilterTests.Text(PacketFilterTests.Ufw), Edge + UfwContainers), "ufw.yaml");

            var anyone = Ask(model, "203.0.113.7", "192.0.2.2", 8080);
            Expect(anyone, ReachabilityVerdict.Reachable, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80");
            Assert.Contains("INPUT rules, ufw's among them, never see it", anyone.Reason, System.StringComparison.Ordinal);
            Assert.Contains("-A ufw-user-input -p tcp -m tcp --dport 8080 -j DROP (iptables filter ufw-user-input) would drop it, but does not apply", anyone.Reason, System.StringComparison.Ordinal);

            var lan = Ask(model, "198.51.100.9", "192.0.2.2", 8080);
            Expect(lan, ReachabilityVerdict.Blocked, "-A DOCKER-USER -s 198.51.100.0/24 -i eth0 -j DROP drops it");

            var report = PortBindingInspector.Inspect(model, model.Containers).Single();
            Assert.Equal(PortExposure.SomeSources, report.ExposureValue);
            Assert.StartsWith("Every source but 198.51.100.0/24", report.ExposureReason, System.StringComparison.Ordinal);
            Assert.Contains("-A DOCKER-USER -s 198.51.100.0/24 -i eth0 -j DROP", report.ExposureReason, System.StringComparison.Ordinal);
            Assert.NotNull(report.Warning);
            Assert.StartsWith("the INPUT rule -A ufw-user-input -p tcp -m tcp --dport 8080 -j DROP (filter ufw-user-input) appears to block 192.0.2.2:8080/tcp", report.Warning, System.StringComparison.Ordinal);
        }

        private const string UfwContainers = "engine: { version: \"20.10.24+dfsg1\" }\nnetworks:\n- { name: bridge, subnet: \"172.17.0.0/16\", gateway: \"172.17.0.1\", bridge: docker0 }\n"
                                             + "containers:\n- name: web\n  network: bridge\n  ip: \"172.17.0.2\"\n  publish: [\"8080:80\"]\n"
                                             + "  sockets:\n  - {protocol: tcp6, local: \"[::]:80\", state: listen, process: httpd}\n";

        [Theory]
        [InlineData("-A DOCKER-USER -s 198.51.100.0/24 -i eth0 -j DROP\n-A DOCKER-USER -j RETURN", "-A DOCKER-USER -i eth0 -j DROP", PortExposure.Nobody, "Nobody outside the host: in FORWARD the host's rule -A DOCKER-USER -i eth0 -j DROP")]
        [InlineData("-A DOCKER-USER -s 198.51.100.0/24 -i eth0 -j DROP\n-A DOCKER-USER -j RETURN", "-A DOCKER-USER -s 10.0.0.0/8 -j RETURN\n-A DOCKER-USER -i eth0 -j DROP", PortExposure.SomeSources, "Only 10.0.0.0/8:")]
        public void Exposure_DockerUserRules_NameWhoGetsIn(string original, string replacement, PortExposure exposure, string reason)
        {
            var rules = PacketFilterTests.Text(PacketFilterTests.Ufw).Replace(original, replacement, System.StringComparison.Ordinal);
            var model = ScenarioLoader.Parse(FirewallScenarioTests.WithFirewall(rules, Edge + UfwContainers), "ufw.yaml");

            var report = PortBindingInspector.Inspect(model, model.Containers).Single();

            Assert.Equal(exposure, report.ExposureValue);
            Assert.StartsWith(reason, report.ExposureReason, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Exposure_CapturedLab_PublishedToAnyoneAndLoopbackOnly()
        {
            var model = Lab(PacketFilterTests.Engine2010, "20.10.24+dfsg1");

            var reports = PortBindingInspector.Inspect(model, model.Containers);

            var pub = reports.Single(r => r.Container == "firewall-pub");
            Assert.Equal(PortExposure.Anyone, pub.ExposureValue);
            Assert.Contains("-A DOCKER ! -i docker0 -p tcp -m tcp --dport 18999 -j DNAT --to-destination 172.17.0.2:80", pub.ExposureReason, System.StringComparison.Ordinal);
            Assert.Null(pub.Warning);
            Assert.Equal(PortExposure.LoopbackOnly, reports.Single(r => r.Container == "firewall-usr").ExposureValue);
        }

        [Theory]
        [InlineData("20.10.24+dfsg1", "172.17.0.2", 80, ReachabilityVerdict.Reachable, "-d 172.17.0.2 ! -i docker0 -o docker0 -p tcp --dport 80 -j ACCEPT (published port)")]
        [InlineData("20.10.24+dfsg1", "172.17.0.2", 81, ReachabilityVerdict.Undetermined, "the chain's policy decides")]
        [InlineData("28.5.2+dfsg4", "172.17.0.2", 80, ReachabilityVerdict.Blocked, "-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP drops it")]
        [InlineData("20.10.24+dfsg1", "192.0.2.2", 18999, ReachabilityVerdict.Reachable, "! -i docker0 -p tcp --dport 18999 -j DNAT --to-destination 172.17.0.2:80")]
        [InlineData("28.5.2+dfsg4", "192.0.2.2", 18999, ReachabilityVerdict.Reachable, "! -i docker0 -p tcp --dport 18999 -j DNAT --to-destination 172.17.0.2:80")]
        [InlineData("20.10.24+dfsg1", "10.66.2.2", 80, ReachabilityVerdict.Blocked, "(--internal)")]
        public void DerivedRules_OutsideClient_AsTheEngineWritesThem(string version, string destination, int port, ReachabilityVerdict verdict, string inPath)
        {
            var result = Ask(Derived(version), "203.0.113.7", destination, port);

            Expect(result, verdict, inPath);
        }

        [Fact]
        public void DerivedRules_Exposure_AnyoneAssumed()
        {
            var model = Derived("20.10.24+dfsg1");

            var pub = PortBindingInspector.Inspect(model, model.Containers).Single(r => r.Container == "firewall-pub");

            Assert.Equal(PortExposure.Anyone, pub.ExposureValue);
            Assert.Contains("writes (the host's own were not read)", pub.ExposureReason, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("127.0.0.1", 18998, ReachabilityVerdict.Blocked, "martian")]
        [InlineData("10.66.1.9", 80, ReachabilityVerdict.NoSuchAddress, "no container on firewall-user holds 10.66.1.9")]
        public void OutsideClient_LoopbackOrUnusedAddress(string destination, int port, ReachabilityVerdict verdict, string inPath)
        {
            Expect(Ask(Lab(PacketFilterTests.Engine2010, "20.10.24+dfsg1"), "203.0.113.7", destination, port), verdict, inPath);
        }

        [Fact]
        public void OutsideClient_NameOfNoContainer_IsRefusedAsADestination()
        {
            var error = Assert.Throws<DockerNetException>(() => Ask(Lab(PacketFilterTests.Engine2010, "20.10.24+dfsg1"), "203.0.113.7", "db.example", 80));

            Assert.Equal(ErrorIds.ReachabilityDestinationInvalid, error.ErrorId);
        }

        [Fact]
        public void ContainerAddressAsSource_IsStillNotAContainerName()
        {
            var error = Assert.Throws<DockerNetException>(() => Ask(Lab(PacketFilterTests.Engine2010, "20.10.24+dfsg1"), "172.17.0.2", "192.0.2.2", 80));

            Assert.Equal(ErrorIds.ContainerNotFound, error.ErrorId);
        }
    }
}
