using DockerNetTools.Analysis.Reachability;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>Stopped containers, network mode none, container:&lt;x&gt; and host mode.</summary>
    public class NamespaceRulesTests
    {
        private const string Lab = @"
containers:
  - name: web
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:80"", state: listen, process: httpd }
  - name: client
  - name: sleeper
    state: exited
  - name: db
    network: bridgetest
    sockets:
      - { protocol: tcp, local: ""127.0.0.1:3306"", state: listen, process: mysqld }
  - name: app
    network: container:db
  - name: lonely
    network: none
    sockets:
      - { protocol: tcp, local: ""127.0.0.1:9000"", state: listen, process: php-fpm }
  - name: hostsvc
    network: host
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:9100"", state: listen, process: node_exporter }
      - { protocol: tcp, local: ""127.0.0.1:6060"", state: listen, process: pprof }
networks:
  - name: bridgetest
    subnet: 172.18.0.0/16
host:
  addresses: [192.168.1.10]
";

        [Fact]
        public void Analyze_StoppedSource_NotRunning()
        {
            var result = Ask(Lab, "sleeper", "web");
            Verdict(result, ReachabilityVerdict.NotRunning, "sleeper is exited", "no network namespace");
            Assert.Equal("docker start sleeper", result.Remedy);
        }

        [Fact]
        public void Analyze_StoppedDestination_NotRunning()
        {
            var result = Ask(Lab, "client", "sleeper");
            ByAddress(result, ReachabilityVerdict.NotRunning, "sleeper is exited", "nothing answers");
            Assert.Equal("sleeper", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_NoneSource_ReachesNothing()
        {
            var result = Ask(Lab, "lonely", "web", 80);
            ByAddress(result, ReachabilityVerdict.NoNetwork, "--network none", "only a loopback interface", "reach nothing but itself");
            Assert.StartsWith("docker network disconnect none lonely && docker network ", result.Remedy);
        }

        [Fact]
        public void Analyze_NoneDestination_NothingReachesIt()
        {
            var result = Ask(Lab, "web", "lonely");
            ByAddress(result, ReachabilityVerdict.NoNetwork, "lonely uses --network none", "nothing outside it can reach it");
        }

        [Fact]
        public void Analyze_NoneToItselfOverLoopback_Reachable()
        {
            var result = Ask(Lab, "lonely", "localhost", 9000);
            Verdict(result, ReachabilityVerdict.Reachable, "loopback");
            Assert.Equal("loopback", result.NetworkUsed);
            Assert.Equal("lonely lo", result.Path[0].Device);
        }

        [Fact]
        public void Analyze_ContainerModeToOwner_LoopbackListenerCounts()
        {
            var result = Ask(Lab, "app", "db", 3306);
            Verdict(result, ReachabilityVerdict.Reachable, "app and db share db's namespace", "loopback");
            Assert.Contains("127.0.0.1:3306 (mysqld)", result.PathText);
        }

        [Fact]
        public void Analyze_ContainerModeToLocalhost_Reachable()
        {
            var result = Ask(Lab, "app", "localhost", 3306);
            Verdict(result, ReachabilityVerdict.Reachable);
            Assert.Equal("loopback", result.NetworkUsed);
        }

        [Fact]
        public void Analyze_ContainerModeUsesOwnersNetworks_OwnersAddressAndVeth()
        {
            var model = Load(Lab.Replace("  - name: lonely", "  - name: peer\n    network: bridgetest\n    sockets:\n      - { protocol: tcp, local: \"0.0.0.0:8080\", state: listen }\n  - name: lonely"));
            var result = Ask(model, "app", "peer", 8080);
            Verdict(result, ReachabilityVerdict.Reachable, "both on bridgetest");
            Assert.Equal("app eth0", result.Path[0].Device);
            Assert.Equal(model.FindContainer("db")!.Endpoints[0].IPAddress, result.Path[0].AddressValue);
            Assert.Contains(Veth(model, "db", "bridgetest"), Devices(result));
            Assert.Equal("bridgetest", result.NetworkUsed);
        }

        [Fact]
        public void Analyze_HostModeToBridgeContainer_HostReachesEverySubnet()
        {
            var model = Load(Lab);
            var result = Ask(model, "hostsvc", "web", 80);
            ByAddress(result, ReachabilityVerdict.Reachable, "host's network namespace", "reaches every bridge subnet directly");
            Assert.Contains("docker0", Devices(result));
            Assert.Contains(Veth(model, "web", "bridge"), Devices(result));
        }

        [Fact]
        public void Analyze_BridgeContainerToHostModeService_ViaGatewayInput()
        {
            var result = Ask(Lab, "client", "hostsvc", 9100);
            ByAddress(result, ReachabilityVerdict.Reachable, "172.17.0.1", "INPUT");
            Assert.Equal("172.17.0.1", result.DestinationAddress!.ToString());
            Assert.Contains(result.Alternatives, a => a.Address.ToString() == "192.168.1.10" && a.Port == 9100);
        }

        [Fact]
        public void Analyze_BridgeContainerToHostModeLoopbackService_NoListener()
        {
            var result = Ask(Lab, "client", "hostsvc", 6060);
            ByAddress(result, ReachabilityVerdict.NoListener, "bound to loopback only; bind to 0.0.0.0");
        }

        [Fact]
        public void Analyze_HostModeToHostMode_SameNamespace()
        {
            var result = Ask(Lab.Replace("  - name: lonely", "  - name: hostcli\n    network: host\n  - name: lonely"), "hostcli", "hostsvc", 6060);
            ByAddress(result, ReachabilityVerdict.Reachable, "both use the host's network namespace");
        }

        [Fact]
        public void Analyze_ContainerModeOfStoppedOwner_NotRunning()
        {
            var stopped = Lab.Replace("  - name: db\n    network: bridgetest\n    sockets:\n      - { protocol: tcp, local: \"127.0.0.1:3306\", state: listen, process: mysqld }",
                "  - name: db\n    state: exited\n    network: bridgetest");
            Assert.NotEqual(Lab, stopped);
            var result = Ask(stopped, "app", "web");
            Verdict(result, ReachabilityVerdict.NotRunning, "app uses db's network namespace", "db is exited");
            Assert.Equal("docker start db", result.Remedy);
        }
    }
}
