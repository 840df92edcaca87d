using System.Linq;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Ports
{
    public class PortConflictCheckerTests
    {
        private const string Lab = @"
host:
  listeners:
    - { protocol: tcp, local: ""0.0.0.0:22"", process: sshd, pid: 812 }
    - { protocol: tcp6, local: ""[::]:9090"", process: prometheus, pid: 900 }
    - { protocol: tcp, local: ""0.0.0.0:18001"", process: docker-proxy, pid: 950 }
networks:
  - { name: isolated, subnet: 10.20.0.0/24, internal: true }
containers:
  - name: blueColorApp
    publish: [""8003:3000""]
    sockets: [ { protocol: tcp, local: ""0.0.0.0:3000"", state: listen, process: node } ]
  - name: greenColorApp
    publish: [""8004:3030""]
  - { name: loopbackApp, publish: [""127.0.0.2:9000:9000""] }
  - { name: stoppedApp, state: exited, publish: [""8100:80""] }
  - { name: internalApp, network: isolated, publish: [""8200:80""] }
  - name: hostnettest
    network: host
    sockets: [ { protocol: tcp, local: ""0.0.0.0:8080"", state: listen, process: httpd, pid: 700 } ]
";

        private static PortConflictChecker Checker(string? engine = null) =>
            new PortConflictChecker(ScenarioLoader.Parse((engine ?? string.Empty) + Lab, "test.yaml"));

        private static PortConflict One(PortConflictChecker checker, string publish) => Assert.Single(checker.Check(publish));

        [Fact]
        public void Check_PortPublishedByRunningContainer_ConflictsInDockersWords()
        {
            var result = One(Checker(), "8003:3000");

            Assert.True(result.Conflict);
            Assert.True(result.StartFails);
            Assert.Equal("blueColorApp", result.ConflictsWith);
            Assert.Equal(PortHolderKind.Container, result.HolderKind);
            Assert.Equal("Bind for 0.0.0.0:8003 failed: port is already allocated", result.Reason);
            Assert.Equal("0.0.0.0", result.HostIp);
            Assert.Equal(8003, result.HostPort);
            Assert.Equal(TransportProtocol.Tcp, result.Protocol);
            Assert.Equal(8005, result.SuggestedHostPort);
            Assert.Contains("-p 8005:3000", result.Explanation);
            Assert.Contains("docker rm -f blueColorApp", result.Explanation);
        }

        [Fact]
        public void Check_SamePortOtherProtocol_NeverConflicts()
        {
            var result = One(Checker(), "8003:3000/udp");

            Assert.False(result.Conflict);
            Assert.Equal(TransportProtocol.Udp, result.Protocol);
            Assert.StartsWith("Free: ", result.Reason);
        }

        [Fact]
        public void Check_SpecificAddressUnderAWildcardPublish_FailsWhenTheUserlandProxyBinds()
        {
            var result = One(Checker(), "127.0.0.1:8003:3000");

            Assert.True(result.StartFails);
            Assert.Equal("blueColorApp", result.ConflictsWith);
            Assert.Equal("Error starting userland proxy: listen tcp4 127.0.0.1:8003: bind: address already in use", result.Reason);
            Assert.Equal("127.0.0.1", result.HostIp);
        }

        [Fact]
        public void Check_SpecificAddressUnderAWildcardWithProxyOff_FailsOnTheDummyProxysBind()
        {
            // Before Engine 28, --userland-proxy=false still binds the port: libnetwork's dummyProxy listens on it.
            var result = One(Checker("engine: { userlandProxy: false }\n"), "127.0.0.1:8003:3000");

            Assert.True(result.Conflict);
            Assert.True(result.StartFails);
            Assert.Equal("blueColorApp", result.ConflictsWith);
            Assert.Equal("listen tcp4 127.0.0.1:8003: bind: address already in use", result.Reason);
        }

        [Fact]
        public void Check_HostProcessWithProxyOff_StillConflicts()
        {
            var result = One(Checker("engine: { userlandProxy: false }\n"), "22:2222");

            Assert.True(result.StartFails);
            Assert.Equal("host process sshd (pid 812)", result.ConflictsWith);
            Assert.Equal("listen tcp4 0.0.0.0:22: bind: address already in use", result.Reason);
        }

        [Fact]
        public void Check_Engine28_UsesItsOwnBindWording()
        {
            var checker = Checker("engine: { version: \"28.5.1\", apiVersion: \"1.51\" }\n");

            Assert.Equal("Bind for 0.0.0.0:8003 failed: port is already allocated", One(checker, "8003:3000").Reason);
            Assert.Equal("failed to bind host port for 127.0.0.1:8003:<container IP>:3000/tcp: address already in use", One(checker, "127.0.0.1:8003:3000").Reason);
        }

        [Fact]
        public void Check_HostProcessListener_ConflictsNamingTheProcess()
        {
            var result = One(Checker(), "22:2222");

            Assert.True(result.StartFails);
            Assert.Equal("host process sshd (pid 812)", result.ConflictsWith);
            Assert.Equal(PortHolderKind.HostProcess, result.HolderKind);
            Assert.Equal("Error starting userland proxy: listen tcp4 0.0.0.0:22: bind: address already in use", result.Reason);
        }

        [Fact]
        public void Check_HostProcessOnDualStackWildcard_BlocksIPv4Too()
        {
            var result = One(Checker(), "9090:80");

            Assert.Equal("host process prometheus (pid 900)", result.ConflictsWith);
            Assert.Equal("Error starting userland proxy: listen tcp4 0.0.0.0:9090: bind: address already in use", result.Reason);
        }

        [Fact]
        public void Check_HostModeContainerListener_NamesTheContainer()
        {
            var result = One(Checker(), "8080:80");

            Assert.True(result.Conflict);
            Assert.Equal("hostnettest", result.ConflictsWith);
            Assert.Equal(PortHolderKind.HostModeContainer, result.HolderKind);
            Assert.Contains("--network host", result.Explanation);
        }

        [Theory]
        [InlineData("8100:80")]   // stoppedApp: a stopped container holds nothing
        [InlineData("8200:80")]   // internalApp: no port mapping on an --internal network
        [InlineData("18001:80")]  // docker-proxy's socket without a publish behind it is not a host service
        [InlineData("127.0.0.1:9000:9000")] // loopbackApp holds 127.0.0.2 only
        [InlineData("8010:80")]
        public void Check_FreePort_DoesNotConflict(string publish)
        {
            var result = One(Checker(), publish);

            Assert.False(result.Conflict);
            Assert.Null(result.ConflictsWith);
            Assert.Equal(PortHolderKind.None, result.HolderKind);
        }

        [Fact]
        public void Check_IPv6AddressUnderAnAllAddressesPublish_ConflictsOnTcp6()
        {
            var result = One(Checker(), "[::1]:8003:3000");

            Assert.Equal("blueColorApp", result.ConflictsWith);
            Assert.Equal("Error starting userland proxy: listen tcp6 [::1]:8003: bind: address already in use", result.Reason);
        }

        [Fact]
        public void Check_SamePortTwiceInOneRequest_SecondIsAlreadyAllocated()
        {
            var checker = Checker();

            Assert.False(One(checker, "8080:80/udp").Conflict);
            var second = One(checker, "8080:81/udp");
            Assert.True(second.Conflict);
            Assert.Equal(PortHolderKind.SameRequest, second.HolderKind);
            Assert.Equal("Bind for 0.0.0.0:8080 failed: port is already allocated", second.Reason);
        }

        [Fact]
        public void Check_Range_AnswersEachPort()
        {
            var results = Checker().Check("8002-8004:3000-3002");

            Assert.Equal(new[] { false, true, true }, results.Select(r => r.Conflict));
            Assert.Equal(new[] { null, "blueColorApp", "greenColorApp" }, results.Select(r => r.ConflictsWith));
        }

        [Fact]
        public void Check_NoHostPort_LetsDockerPick()
        {
            var result = One(Checker(), "3000");

            Assert.False(result.Conflict);
            Assert.Equal(0, result.HostPort);
            Assert.Contains("ephemeral", result.Reason);
        }

        [Fact]
        public void Check_BadSpec_ThrowsPublishSpecInvalid()
        {
            var error = Assert.Throws<DockerNetException>(() => Checker().Check("80:http"));

            Assert.Equal("PublishSpecInvalid", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        }
    }
}
