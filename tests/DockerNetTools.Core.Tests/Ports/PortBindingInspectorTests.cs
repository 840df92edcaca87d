using System.Linq;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Ports
{
    public class PortBindingInspectorTests
    {
        private const string Lab = @"
networks:
  - { name: isolated, subnet: 10.20.0.0/24, internal: true }
  - { name: lan, driver: macvlan, subnet: 192.168.1.0/24, parent: eth0 }
containers:
  - name: lanApp
    network: lan
    ip: 192.168.1.50
    publish: [""8011:80""]
    sockets: [ { protocol: tcp, local: ""0.0.0.0:80"", state: listen } ]
  - name: blueColorApp
    ip: 172.17.0.4
    publish: [""8003:3000""]
    sockets: [ { protocol: tcp, local: ""0.0.0.0:3000"", state: listen, process: node } ]
  - name: greenColorApp
    ip: 172.17.0.5
    publish: [""8004:3030""]
    sockets: [ { protocol: tcp, local: ""0.0.0.0:3000"", state: listen, process: node } ]
  - name: localOnly
    ip: 172.17.0.6
    publish: [""8005:5000""]
    sockets: [ { protocol: tcp, local: ""127.0.0.1:5000"", state: listen, process: flask } ]
  - name: dualStack
    publish: [""8006:80""]
    sockets: [ { protocol: tcp6, local: ""[::]:80"", state: listen, process: nginx } ]
  - name: ownAddress
    ip: 172.17.0.8
    publish: [""8007:80""]
    sockets: [ { protocol: tcp, local: ""172.17.0.8:80"", state: listen, process: httpd } ]
  - name: dns
    publish: [""5353:53/udp""]
    sockets: [ { protocol: udp, local: ""0.0.0.0:53"", state: unconnected, process: dnsmasq } ]
  - { name: notRead, publish: [""8008:80""] }
  - { name: stopped, state: exited, publish: [""8009:80""] }
  - name: internalApp
    network: isolated
    publish: [""8010:80""]
    sockets: [ { protocol: tcp, local: ""0.0.0.0:80"", state: listen } ]
";

        private static PortBindingReport Report(string container)
        {
            var model = ScenarioLoader.Parse(Lab, "test.yaml");
            return Assert.Single(PortBindingInspector.Inspect(model, new[] { model.FindContainer(container)! }));
        }

        [Fact]
        public void Inspect_ListenerOnTheContainerPort_IsOk()
        {
            var report = Report("blueColorApp");

            Assert.Equal(PortBindingStatus.Ok, report.StatusValue);
            Assert.Equal("node 0.0.0.0:3000", report.Listener);
            Assert.Equal("0.0.0.0", report.HostIp);
            Assert.Equal(8003, report.HostPort);
            Assert.Equal(3000, report.ContainerPort);
            Assert.Equal("blueColorApp", report.Container);
        }

        [Theory]
        [InlineData("8080:80", "0.0.0.0:8080")]
        [InlineData("127.0.0.1:8080:80", "127.0.0.1:8080")]
        [InlineData("[::1]:8080:80", "[::1]:8080")]
        public void Host_AddressAndPortAsOneTypesThem(string publish, string host)
        {
            var model = ScenarioLoader.Parse("containers:\n  - { name: web, publish: [\"" + publish + "\"] }\n", "test.yaml");

            var report = Assert.Single(PortBindingInspector.Inspect(model, new[] { model.FindContainer("web")! }));

            Assert.Equal(host, report.Host);
        }

        [Fact]
        public void Inspect_ForwardToAPortNobodyListensOn_IsNoListenerAndSuggestsTheRealPort()
        {
            var report = Report("greenColorApp");

            Assert.Equal(PortBindingStatus.NoListener, report.StatusValue);
            Assert.Contains("Nothing in 'greenColorApp' listens on 3030/tcp", report.Reason);
            Assert.Contains("it listens on 3000/tcp", report.Reason);
            Assert.Contains("-p 8004:3000", report.Remedy);
            Assert.Null(report.Listener);
        }

        [Theory]
        [InlineData("", "get an empty reply (docker-proxy accepts, then closes) or, from other machines, connection refused.")]
        [InlineData("engine: { userlandProxy: false }\n", "get connection refused.")]
        public void Inspect_DeadForward_SaysWhatClientsSee(string engine, string symptom)
        {
            var model = ScenarioLoader.Parse(engine + Lab, "test.yaml");
            var report = Assert.Single(PortBindingInspector.Inspect(model, new[] { model.FindContainer("greenColorApp")! }));
            Assert.EndsWith("so clients of 0.0.0.0:8004 " + symptom, report.Reason);
        }

        [Theory]
        // Docker 20.10.24, -p 18990:5000/udp with nothing on 5000: a datagram to 127.0.0.1:18990 goes through docker-proxy
        // and gets no answer (the proxy receives the ICMP error); to the host's 192.0.2.2:18990 (DNAT) it gets ECONNREFUSED.
        [InlineData("", "get no answer (docker-proxy forwards the datagram and swallows the ICMP port-unreachable) or, through the DNAT rule (from other machines), an ICMP port-unreachable.")]
        [InlineData("engine: { userlandProxy: false }\n", "get an ICMP port-unreachable.")]
        public void Inspect_DeadUdpForward_SaysWhatClientsSee(string engine, string symptom)
        {
            var model = ScenarioLoader.Parse(engine + "containers:\n  - { name: udpApp, publish: ['18990:5000/udp'], sockets: [] }\n", "test.yaml");
            var report = Assert.Single(PortBindingInspector.Inspect(model, new[] { model.FindContainer("udpApp")! }));

            Assert.Equal(PortBindingStatus.NoListener, report.StatusValue);
            Assert.EndsWith("so clients of 0.0.0.0:18990 " + symptom, report.Reason);
        }

        [Fact]
        public void Inspect_ListenerOnLoopbackOnly_IsLoopbackOnly()
        {
            var report = Report("localOnly");

            Assert.Equal(PortBindingStatus.LoopbackOnly, report.StatusValue);
            Assert.Contains("172.17.0.6:5000", report.Reason);
            Assert.Contains("refused", report.Reason);
            Assert.Contains("0.0.0.0:5000", report.Remedy);
        }

        [Theory]
        [InlineData("dualStack", "nginx [::]:80")]
        [InlineData("ownAddress", "httpd 172.17.0.8:80")]
        [InlineData("dns", "dnsmasq 0.0.0.0:53")]
        public void Inspect_ListenerTheForwardReaches_IsOk(string container, string listener)
        {
            var report = Report(container);

            Assert.Equal(PortBindingStatus.Ok, report.StatusValue);
            Assert.Equal(listener, report.Listener);
        }

        // A container on several networks gets its port mapping on one endpoint only, libnetwork's gateway endpoint: the
        // first by network name when no priority is set. Docker 20.10.24, bridge + auditp-net2: docker-proxy -container-ip
        // 10.177.0.3 (auditp-net2), so httpd on 172.17.0.7:80 only gave "connection reset"; bridge + zz-auditp-net3: 172.17.0.8.
        private const string TwoNetworks = @"
networks:
  - { name: appnet, subnet: 10.177.0.0/24 }
  - { name: zz-net, subnet: 10.178.0.0/24 }
containers:
  - name: onBridgeAddress
    ip: 172.17.0.7
    publish: [""18970:80""]
    networks: [ { name: appnet, ip: 10.177.0.3 } ]
    sockets: [ { protocol: tcp, local: ""172.17.0.7:80"", state: listen, process: httpd } ]
  - name: onAppnetAddress
    ip: 172.17.0.9
    publish: [""18950:80""]
    networks: [ { name: appnet, ip: 10.177.0.2 } ]
    sockets: [ { protocol: tcp, local: ""10.177.0.2:80"", state: listen, process: httpd } ]
  - name: bridgeFirst
    ip: 172.17.0.8
    publish: [""18980:80""]
    networks: [ { name: zz-net, ip: 10.178.0.2 } ]
    sockets: [ { protocol: tcp, local: ""10.178.0.2:80"", state: listen, process: httpd } ]
";

        [Theory]
        [InlineData("onBridgeAddress", PortBindingStatus.NoListener, "10.177.0.3")]
        [InlineData("onAppnetAddress", PortBindingStatus.Ok, "10.177.0.2:80")]
        [InlineData("bridgeFirst", PortBindingStatus.NoListener, "172.17.0.8")]
        public void Inspect_SeveralNetworks_OnlyTheGatewayEndpointsAddressTakesTheForward(string container, PortBindingStatus status, string named)
        {
            var model = ScenarioLoader.Parse(TwoNetworks, "test.yaml");

            var report = Assert.Single(PortBindingInspector.Inspect(model, new[] { model.FindContainer(container)! }));

            Assert.Equal(status, report.StatusValue);
            Assert.Contains(named, report.Reason);
        }

        [Theory]
        // Docker 20.10.24, a container on a --ipv6 network with httpd on 0.0.0.0:80 and -p 18995:80: docker-proxy's :: side
        // forwards to fd00:abcd::2:80; 127.0.0.1:18995 answered, [::1]:18995 gave an empty reply.
        [InlineData("18995:80", "0.0.0.0:80", PortBindingStatus.Ok, "but docker-proxy forwards IPv6 clients of [::]:18995 to [fd00:abcd::2]:80, where nothing listens")]
        [InlineData("[::]:18995:80", "0.0.0.0:80", PortBindingStatus.NoListener, "docker-proxy forwards IPv6 clients of [::]:18995 to [fd00:abcd::2]:80")]
        [InlineData("0.0.0.0:18995:80", "0.0.0.0:80", PortBindingStatus.Ok, "httpd listens on 0.0.0.0:80.")]
        [InlineData("18995:80", "[::]:80", PortBindingStatus.Ok, "httpd listens on [::]:80.")]
        public void Inspect_ContainerWithIPv6_TheIPv6SideNeedsAnIPv6Listener(string publish, string listener, PortBindingStatus status, string reason)
        {
            var model = ScenarioLoader.Parse(@"
networks:
  - { name: v6net, subnet: 10.179.0.0/24 }
containers:
  - name: v6App
    network: v6net
    ipv6: fd00:abcd::2
    publish: ['" + publish + @"']
    sockets: [ { local: '" + listener + @"', state: listen, process: httpd } ]
", "test.yaml");

            var report = Assert.Single(PortBindingInspector.Inspect(model, new[] { model.FindContainer("v6App")! }));

            Assert.Equal(status, report.StatusValue);
            Assert.Contains(reason, report.Reason);
        }

        [Fact]
        public void Inspect_SocketsNotRead_IsUnknown()
        {
            var report = Report("notRead");

            Assert.Equal(PortBindingStatus.Unknown, report.StatusValue);
            Assert.Contains("unknown", report.Reason);
        }

        [Fact]
        public void Inspect_StoppedContainer_IsContainerStopped()
        {
            var report = Report("stopped");

            Assert.Equal(PortBindingStatus.ContainerStopped, report.StatusValue);
            Assert.Equal("docker start stopped", report.Remedy);
        }

        [Fact]
        public void Inspect_RestartingContainer_IsContainerStopped()
        {
            // Between restarts Docker has released the ports: no docker-proxy listens, docker port shows nothing.
            var model = ScenarioLoader.Parse("containers:\n  - { name: flappy, state: restarting, publish: ['18910:80'] }\n", "test.yaml");

            var report = Assert.Single(PortBindingInspector.Inspect(model, new[] { model.FindContainer("flappy")! }));

            Assert.Equal(PortBindingStatus.ContainerStopped, report.StatusValue);
            Assert.StartsWith("'flappy' is restarting", report.Reason);
        }

        [Fact]
        public void Inspect_InternalNetwork_SaysPublishedPortsDoNotWorkThere()
        {
            var report = Report("internalApp");

            Assert.Equal(PortBindingStatus.InternalNetwork, report.StatusValue);
            Assert.Contains("--internal", report.Reason);
            Assert.Contains("isolated", report.Reason);
        }

        [Fact]
        public void Inspect_EveryContainer_ListsEveryPublishedPort()
        {
            var model = ScenarioLoader.Parse(Lab, "test.yaml");

            var reports = PortBindingInspector.Inspect(model, model.Containers);

            Assert.Equal(model.Containers.Sum(c => c.Ports.Count), reports.Count);
        }
    
        [Fact]
        public void Inspect_ContainerOnlyOnMacvlan_NotPublishedReachedAtItsOwnAddress()
        {
            var report = Report("lanApp");

            Assert.Equal(PortBindingStatus.MacvlanNetwork, report.StatusValue);
            Assert.Contains("no docker-proxy, no DNAT", report.Reason);
            Assert.Contains("192.168.1.50:80", report.Reason);
            Assert.Contains("eth0", report.Reason);
            Assert.Equal("Connect to 192.168.1.50:80 from another machine on that LAN.", report.Remedy);
        }
    

        [Theory]
        [InlineData("0.0.0.0:80", PortBindingStatus.Ok, "A process of unknown name listens on 0.0.0.0:80.", "a process of unknown name on 0.0.0.0:80")]
        [InlineData("127.0.0.1:80", PortBindingStatus.LoopbackOnly, "A process of unknown name on 127.0.0.1:80 is bound to loopback only", "a process of unknown name on 127.0.0.1:80")]
        public void Inspect_ListenerOfUnknownProcess_SaysTheNameIsUnknown(string local, PortBindingStatus status, string reason, string listener)
        {
            var model = ScenarioLoader.Parse("containers:\n  - { name: web, publish: ['8080:80'], sockets: [ { protocol: tcp, local: '" + local + "', state: listen } ] }\n", "unnamed.yaml");

            var report = Assert.Single(PortBindingInspector.Inspect(model, new[] { model.FindContainer("web")! }));

            Assert.Equal(status, report.StatusValue);
            Assert.StartsWith(reason, report.Reason);
            Assert.Equal(listener, report.Listener);
        }
    }
}
