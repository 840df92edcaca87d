using System.Linq;
using DockerNetTools.Analysis.Reachability;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>A host-network source dials a port that a bridge container publishes on the host's own addresses.</summary>
    public class HostSourcePublishedPortTests
    {
        private const string Lab = @"
host:
  addresses: [192.168.1.10]
networks:
  - name: shop
containers:
  - name: hostnettest
    network: host
  - name: web
    network: shop
    publish: [""8080:80""]
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:80"", state: listen, process: nginx }
  - name: shy
    publish: [""8005:80""]
    sockets:
      - { protocol: tcp, local: ""127.0.0.1:80"", state: listen, process: nginx }
  - name: local
    publish: [""127.0.0.1:8006:80""]
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:80"", state: listen, process: nginx }
";

        [Fact]
        public void Analyze_HostModeToLocalhostPublishedPort_ReachableThroughDockerProxy()
        {
            var model = Load(Lab);
            var result = Ask(model, "hostnettest", "localhost", 8080);
            Verdict(result, ReachabilityVerdict.Reachable, "127.0.0.1:8080 is published by web", "docker-proxy", "web answers on 80");
            Assert.Equal("web", result.DestinationContainer);
            Assert.Contains("docker-proxy", Devices(result));
            Assert.Contains(Veth(model, "web", "shop"), Devices(result));
            Assert.Equal("tcp/80 accepted by 0.0.0.0:80 (nginx)", result.Path.Last().Description);
        }

        [Fact]
        public void Analyze_HostModeToHostAddressPublishedPort_DnatInOutput()
        {
            var result = Ask(Lab, "hostnettest", "192.168.1.10", 8080);
            Verdict(result, ReachabilityVerdict.Reachable, "192.168.1.10:8080 is published by web", "nat OUTPUT");
            Assert.Contains(result.Path, h => h.Device == "nat DOCKER" && h.Description.Contains("--dport 8080 -j DNAT"));
            Assert.DoesNotContain("docker-proxy", Devices(result));
        }

        [Fact]
        public void Analyze_HostModeToLocalhostProxyOff_DnatIncludingLoopback()
        {
            var result = Ask("engine: { userlandProxy: false }\n" + Lab, "hostnettest", "127.0.0.1", 8080);
            Verdict(result, ReachabilityVerdict.Reachable, "userland proxy off", "127.0.0.0/8");
            Assert.DoesNotContain("docker-proxy", Devices(result));
        }

        [Fact]
        public void Analyze_HostModeToPublishedLoopbackOnlyService_NoListenerInThePublisher()
        {
            var result = Ask(Lab, "hostnettest", "localhost", 8005);
            Verdict(result, ReachabilityVerdict.NoListener, "published by shy", "bound to loopback only; bind to 0.0.0.0");
        }

        [Fact]
        public void Analyze_HostModeToPortPublishedOnLoopbackOnly_OnlyThatAddressTakesIt()
        {
            Verdict(Ask(Lab, "hostnettest", "127.0.0.1", 8006), ReachabilityVerdict.Reachable, "published by local");
            var other = Ask(Lab, "hostnettest", "192.168.1.10", 8006);
            Verdict(other, ReachabilityVerdict.NoListener, "Nothing in the host's namespace listens on tcp/8006");
        }

        [Fact]
        public void Analyze_HostModeToUnpublishedPort_NoListenerOnTheHost()
        {
            var result = Ask(Lab, "hostnettest", "localhost", 9999);
            Verdict(result, ReachabilityVerdict.NoListener, "listens on tcp/9999");
        }

        [Fact]
        public void Analyze_HostModeToPublishedPortNoFirewallNoProxy_Refused()
        {
            var result = Ask("engine: { iptables: false, userlandProxy: false }\n" + Lab, "hostnettest", "localhost", 8080);
            Verdict(result, ReachabilityVerdict.NoListener, "nothing forwards published ports");
        }
    }
}
