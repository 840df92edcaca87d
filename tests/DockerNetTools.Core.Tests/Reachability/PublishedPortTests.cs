using System.Linq;
using DockerNetTools.Analysis.Reachability;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>Published ports across bridges: docker-proxy, DNAT, and what the engine and proxy settings change.</summary>
    public class PublishedPortTests
    {
        private const string Lab = @"
host:
  addresses: [192.168.1.10]
networks:
  - name: new-bridge
containers:
  - name: client
  - name: nginx2
    network: new-bridge
    publish: [""8001:80""]
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:80"", state: listen, process: nginx }
  - name: shy
    network: new-bridge
    publish: [""8005:80""]
    sockets:
      - { protocol: tcp, local: ""127.0.0.1:80"", state: listen, process: nginx }
";

        [Fact]
        public void Analyze_BlockedAcrossBridges_PublishedPortIsTheAlternative()
        {
            var result = Ask(Lab, "client", "nginx2", 80);
            ByAddress(result, ReachabilityVerdict.Blocked, "share no network");
            Assert.Contains(result.Alternatives, a => a.ToString() == "172.17.0.1:8001 (published 8001->80/tcp on nginx2, via docker-proxy)");
            Assert.Contains(result.Alternatives, a => a.Address.ToString() == "192.168.1.10" && a.Port == 8001);
        }

        [Fact]
        public void Analyze_GatewayPublishedPortWithProxy_ReachableThroughDockerProxy()
        {
            var model = Load(Lab);
            var result = Ask(model, "client", "172.17.0.1", 8001);
            Verdict(result, ReachabilityVerdict.Reachable, "published by nginx2", "docker-proxy accepts it on the host", "nginx2 answers on 80");
            Assert.Equal("nginx2", result.DestinationContainer);
            Assert.Contains("docker-proxy", Devices(result));
            Assert.Contains(Veth(model, "nginx2", "new-bridge"), Devices(result));
        }

        [Fact]
        public void Analyze_ProxyOffEngine20_IsolationDropsTheDnatAndNoAlternative()
        {
            var model = Load("engine: { userlandProxy: false }\n" + Lab);
            var direct = Ask(model, "client", "nginx2", 80);
            ByAddress(direct, ReachabilityVerdict.Blocked, "with the userland proxy off the DNAT'd packet is forwarded");
            Assert.Empty(direct.Alternatives);

            var viaGateway = Ask(model, "client", "172.17.0.1", 8001);
            Verdict(viaGateway, ReachabilityVerdict.Blocked, "DOCKER-ISOLATION drops it");
            Assert.Equal("nat DOCKER", viaGateway.Path.First(h => h.KindValue == HopKind.Firewall).Device);
        }

        [Fact]
        public void Analyze_ProxyOffEngine29_DnatAcceptedFromOtherNetworks()
        {
            var model = Load("engine: { version: \"29.0.1\", userlandProxy: false }\n" + Lab);
            var viaGateway = Ask(model, "client", "172.17.0.1", 8001);
            Verdict(viaGateway, ReachabilityVerdict.Reachable, "accepts published ports from other networks");
            Assert.Contains("--dport 80 -j ACCEPT (published port)", viaGateway.PathText);

            var direct = Ask(model, "client", "nginx2", 80);
            Assert.Contains(direct.Alternatives, a => a.Via == "DNAT" && a.Port == 8001);
        }

        [Fact]
        public void Analyze_PublishedPortToLoopbackOnlyService_NoListenerAndNoAlternative()
        {
            var viaGateway = Ask(Lab, "client", "172.17.0.1", 8005);
            Verdict(viaGateway, ReachabilityVerdict.NoListener, "bound to loopback only; bind to 0.0.0.0");

            var direct = Ask(Lab, "client", "shy", 80);
            ByAddress(direct, ReachabilityVerdict.Blocked, "its published port 8005 forwards to 80");
            Assert.Empty(direct.Alternatives);
        }

        [Fact]
        public void Analyze_PublisherOnTwoNetworks_ForwardGoesToTheFirstByName()
        {
            // Run on zeta, connected to alpha: libnetwork moves the port mapping to the gateway endpoint, alpha's.
            const string lab = @"
networks:
  - { name: zeta, subnet: 10.9.0.0/24 }
  - { name: alpha, subnet: 10.8.0.0/24 }
containers:
  - name: client
  - name: app
    network: zeta
    ip: 10.9.0.2
    networks:
      - { name: alpha, ip: 10.8.0.2 }
    publish: [""8090:80""]
    sockets:
      - { protocol: tcp, local: ""10.9.0.2:80"", state: listen, process: httpd }
";
            var model = Load(lab);
            var result = Ask(model, "client", "172.17.0.1", 8090);
            Verdict(result, ReachabilityVerdict.NoListener, "published by app", "only at 10.9.0.2:80", "not on 10.8.0.2");
            Assert.Contains(Veth(model, "app", "alpha"), Devices(result));
            Assert.Contains("-> 10.8.0.2:80", result.PathText);
        }

        [Fact]
        public void Analyze_PingAcrossBridges_ListsEveryPublishedPort()
        {
            var result = Ask(Lab, "client", "nginx2");
            ByAddress(result, ReachabilityVerdict.Blocked);
            Assert.All(result.Alternatives, a => Assert.Equal(8001, a.Port));
            Assert.NotEmpty(result.Alternatives);
        }
    }
}
