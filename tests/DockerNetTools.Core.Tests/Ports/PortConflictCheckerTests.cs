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
  addresses: [192.168.1.10]
  listeners:
    - { protocol: tcp, local: ""0.0.0.0:22"", process: sshd, pid: 812 }
    - { protocol: tcp6, local: ""[::]:9090"", process: prometheus, pid: 900 }
    - { protocol: tcp, local: ""0.0.0.0:18001"", process: docker-proxy, pid: 950 }
networks:
  - { name: isolated, subnet: 10.20.0.0/24, internal: true }
  - { name: lan, driver: macvlan, subnet: 192.168.1.0/24, parent: eth0 }
containers:
  - name: blueColorApp
    publish: [""8003:3000""]
    sockets: [ { protocol: tcp, local: ""0.0.0.0:3000"", state: listen, process: node } ]
  - name: greenColorApp
    publish: [""8004:3030""]
  - { name: loopbackApp, publish: [""127.0.0.2:9000:9000""] }
  - { name: stoppedApp, state: exited, publish: [""8100:80""] }
  - { name: internalApp, network: isolated, publish: [""8200:80""] }
  - { name: lanApp, network: lan, ip: 192.168.1.50, publish: [""8300:80""] }
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
            Assert.Equal(PortHolderKind.Container, result.HolderKindValue);
            Assert.Equal("Bind for 0.0.0.0:8003 failed: port is already allocated", result.Reason);
            Assert.Equal("0.0.0.0", result.HostIp);
            Assert.Equal(8003, result.HostPort);
            Assert.Equal(TransportProtocol.Tcp, result.ProtocolValue);
            Assert.Equal(8005, result.SuggestedHostPort);
            Assert.Contains("-p 8005:3000", result.Explanation);
            Assert.Contains("or free it: docker stop blueColorApp (a stopped container holds no host port)", result.Explanation);
        }

        [Fact]
        public void Check_SamePortOtherProtocol_NeverConflicts()
        {
            var result = One(Checker(), "8003:3000/udp");

            Assert.False(result.Conflict);
            Assert.Equal(TransportProtocol.Udp, result.ProtocolValue);
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

        // Docker 20.10.24: polish-a -p 127.0.0.1:18931:80, then docker run -p 18931:80 fails with "driver failed programming
        // external connectivity on endpoint polish-b (…): Error starting userland proxy: listen tcp4 0.0.0.0:18931: bind:
        // address already in use": the allocator keys on the exact address, so the wildcard is allocated, and its bind fails.
        [Fact]
        public void Check_WildcardNextToSpecificAddressOfTheSamePort_FailsToBindNotToAllocate()
        {
            var checker = new PortConflictChecker(ScenarioLoader.Parse("containers:\n  - { name: polish-a, publish: ['127.0.0.1:18931:80'] }\n", "pair.yaml"));

            var result = One(checker, "18931:80");

            Assert.True(result.StartFails);
            Assert.Equal("polish-a", result.ConflictsWith);
            Assert.Equal("Error starting userland proxy: listen tcp4 0.0.0.0:18931: bind: address already in use", result.Reason);
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
            Assert.Equal(PortHolderKind.HostProcess, result.HolderKindValue);
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
        public void Check_AllAddressesWhereIPv4IsBoundAndIPv6Allocated_FailsOnTheIPv4BindFirstBeforeEngine28()
        {
            // Before Engine 28 libnetwork maps a -p without address as 0.0.0.0 (allocate, then bind) and only then as
            // :: (allocate, then bind): a host process on 127.0.0.1 ends docker run before the IPv6 allocation is tried.
            // Seen on Docker 20.10.24: "Error starting userland proxy: listen tcp4 0.0.0.0:18082: bind: address already in use".
            var model = ScenarioLoader.Parse(@"
host:
  addresses: [192.168.1.10]
  listeners: [ { protocol: tcp, local: ""127.0.0.1:8500"", process: python3, pid: 24320 } ]
containers:
  - { name: v6App, publish: [""[::]:8500:80""] }
", "test.yaml");

            var result = One(new PortConflictChecker(model), "8500:80");

            Assert.True(result.Conflict);
            Assert.Equal(PortHolderKind.HostProcess, result.HolderKindValue);
            Assert.Equal("host process python3 (pid 24320)", result.ConflictsWith);
            Assert.Equal("Error starting userland proxy: listen tcp4 0.0.0.0:8500: bind: address already in use", result.Reason);
            Assert.Equal("Bind for :::8500 failed: port is already allocated", One(new PortConflictChecker(model), "[::]:8500:80").Reason);
        }

        [Fact]
        public void Check_PortOfARestartingContainer_IsFree()
        {
            // Docker 20.10.24: while 'flappy' (--restart always, exiting at once) waits to restart, docker run -p 18910:80
            // succeeds; the ports are released between restarts.
            var model = ScenarioLoader.Parse("containers:\n  - { name: flappy, state: restarting, publish: ['18910:80'] }\n", "test.yaml");

            var result = One(new PortConflictChecker(model), "18910:80");

            Assert.False(result.Conflict);
            Assert.Contains("'flappy'", result.Reason);
        }

        [Fact]
        public void Check_HostModeContainerListener_NamesTheContainer()
        {
            var result = One(Checker(), "8080:80");

            Assert.True(result.Conflict);
            Assert.Equal("hostnettest", result.ConflictsWith);
            Assert.Equal(PortHolderKind.HostModeContainer, result.HolderKindValue);
            Assert.Contains("--network host", result.Explanation);
        }

        [Theory]
        [InlineData("8100:80")]   // stoppedApp: a stopped container holds nothing
        [InlineData("8200:80")]   // internalApp: no port mapping on an --internal network
        [InlineData("18001:80")]  // docker-proxy's socket without a publish behind it is not a host service
        [InlineData("127.0.0.1:9000:9000")] // loopbackApp holds 127.0.0.2 only
        [InlineData("8010:80")]
        [InlineData("8300:80")]   // lanApp: Docker publishes nothing for a container only on a macvlan network
        [InlineData("192.168.1.10:9000:80")] // the host's own uplink address
        [InlineData("172.17.0.1:9000:80")]   // docker0's address is the host's too
        [InlineData("127.0.0.2:9001:80")]    // all of 127.0.0.0/8 is the host's loopback
        public void Check_FreePort_DoesNotConflict(string publish)
        {
            var result = One(Checker(), publish);

            Assert.False(result.Conflict);
            Assert.Null(result.ConflictsWith);
            Assert.Equal(PortHolderKind.None, result.HolderKindValue);
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
            Assert.Equal(PortHolderKind.SameRequest, second.HolderKindValue);
            Assert.Equal("Bind for 0.0.0.0:8080 failed: port is already allocated", second.Reason);
        }

        [Fact]
        public void Check_Range_AnswersEachPort()
        {
            var results = Checker().Check("8002-8004:3000-3002");

            Assert.Equal(new[] { false, true, true }, results.Select(r => r.Conflict));
            Assert.Equal(new[] { null, "blueColorApp", "greenColorApp" }, results.Select(r => r.ConflictsWith));
            // Ranges of equal length map one to one: each container port gets its own host port, never another one.
            Assert.Equal(new[] { 8002, 8003, 8004 }, results.Select(r => r.HostPort));
            Assert.All(results, r => Assert.Null(r.HostPortRange));
        }

        [Fact]
        public void Check_HostRangeWithTakenFirstPorts_TakesTheFirstFreePort()
        {
            var result = One(Checker(), "8003-8006:3000");

            Assert.False(result.Conflict);
            Assert.Equal(8005, result.HostPort);
            Assert.Equal("8003-8006", result.HostPortRange);
            Assert.Equal(new[] { 8003, 8004 }, result.TakenHostPorts);
            Assert.Equal("Free: Docker takes 8005 of 8003-8006 (taken: 8003 by 'blueColorApp'; 8004 by 'greenColorApp').", result.Reason);
        }

        [Fact]
        public void Check_HostRangeAllPublished_AllPortsAreAllocated()
        {
            var result = One(Checker(), "8003-8004:3000");

            Assert.True(result.Conflict);
            Assert.True(result.StartFails);
            Assert.Equal("all ports are allocated", result.Reason);
            Assert.Equal("blueColorApp, greenColorApp", result.ConflictsWith);
            Assert.Equal(PortHolderKind.Several, result.HolderKindValue);
            Assert.Equal(8005, result.SuggestedHostPort);
            Assert.Contains("-p 8005:3000", result.Explanation);
        }

        [Fact]
        public void Check_HostRangeChosenPortBoundByHostProcessBeforeEngine28_FailsWithoutRetry()
        {
            // libnetwork 20.10 allocatePort: "There is no point in immediately retrying to map an explicitly chosen port."
            var result = One(Checker(), "22-23:2222");

            Assert.True(result.Conflict);
            Assert.Equal(22, result.HostPort);
            Assert.Equal("host process sshd (pid 812)", result.ConflictsWith);
            Assert.Equal("Error starting userland proxy: listen tcp4 0.0.0.0:22: bind: address already in use", result.Reason);
        }

        [Fact]
        public void Check_HostRangeChosenPortBoundByHostProcessOnEngine28_RetriesTheNextPort()
        {
            var result = One(Checker("engine: { version: \"28.5.1\", apiVersion: \"1.51\" }\n"), "22-23:2222");

            Assert.False(result.Conflict);
            Assert.Equal(23, result.HostPort);
            Assert.Equal(new[] { 22 }, result.TakenHostPorts);
        }

        [Fact]
        public void Check_HostRangeThenSamePortAgain_SecondSeesTheChosenPort()
        {
            var checker = Checker();

            Assert.Equal(8005, One(checker, "8003-8006:3000").HostPort);
            Assert.Equal(8006, One(checker, "8003-8006:3001").HostPort);
        }

        [Theory]
        [InlineData("", "Error starting userland proxy: listen tcp4 10.0.0.5:9000: bind: cannot assign requested address")]
        [InlineData("engine: { userlandProxy: false }\n", "listen tcp4 10.0.0.5:9000: bind: cannot assign requested address")]
        [InlineData("engine: { version: \"28.5.1\", apiVersion: \"1.51\" }\n", "failed to bind host port for 10.0.0.5:9000:<container IP>:80/tcp: cannot assign requested address")]
        public void Check_HostAddressTheHostDoesNotHave_CannotAssignRequestedAddress(string engine, string reason)
        {
            var result = One(Checker(engine), "10.0.0.5:9000:80");

            Assert.True(result.Conflict);
            Assert.True(result.StartFails);
            Assert.Null(result.ConflictsWith);
            Assert.Equal(PortHolderKind.AddressNotOnHost, result.HolderKindValue);
            Assert.Equal(reason, result.Reason);
            Assert.Contains("192.168.1.10", result.Explanation);
            Assert.Contains("-p 9000:80", result.Explanation);
        }

        [Fact]
        public void Check_IPv6LinkLocalHostAddress_InvalidArgumentEvenWhenTheHostHasIt()
        {
            // -p has no room for a zone (fe80::…%eth0), so the bind has no scope id and the kernel refuses it. Docker 20.10.24,
            // with fe80::fc:ff:fe00:1 on eth0: "Error starting userland proxy: listen tcp6 [fe80::fc:ff:fe00:1]:18805: bind: invalid argument".
            var model = ScenarioLoader.Parse("host:\n  addresses: [192.0.2.2, fe80::fc:ff:fe00:1]\n", "test.yaml");

            var result = One(new PortConflictChecker(model), "[fe80::fc:ff:fe00:1]:18805:80");

            Assert.True(result.Conflict);
            Assert.True(result.StartFails);
            Assert.Equal(PortHolderKind.AddressNotOnHost, result.HolderKindValue);
            Assert.Equal("Error starting userland proxy: listen tcp6 [fe80::fc:ff:fe00:1]:18805: bind: invalid argument", result.Reason);
            Assert.Contains("link-local", result.Explanation);
        }

        [Fact]
        public void Check_PortOfAStoppedContainer_FreeWithANoteOnDockerStart()
        {
            var result = One(Checker(), "8100:81");

            Assert.False(result.Conflict);
            Assert.StartsWith("Free: nothing publishes or listens on 0.0.0.0:8100/tcp.", result.Reason);
            Assert.Contains("'stoppedApp'", result.Reason);
            Assert.Contains("docker start stoppedApp fails with \"Bind for 0.0.0.0:8100 failed: port is already allocated\"", result.Reason);
        }

        [Fact]
        public void Check_PortOfAStoppedContainerOtherProtocol_NoNote()
        {
            var result = One(Checker(), "8100:81/udp");

            Assert.DoesNotContain("stoppedApp", result.Reason);
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
    

        // A socket whose process /proc did not give (another user's process read without root, a scenario without
        // process:) is named as such, never "host process a process".
        private const string UnnamedLab = @"
host:
  listeners:
    - { protocol: tcp, local: ""0.0.0.0:7070"", pid: 4242 }
    - { protocol: tcp, local: ""0.0.0.0:7071"" }
containers:
  - name: hostApp
    network: host
    sockets: [ { protocol: tcp, local: ""0.0.0.0:7072"", state: listen } ]
";

        [Theory]
        [InlineData("7070:80", "a host process of unknown name (pid 4242)")]
        [InlineData("7071:80", "a host process of unknown name and pid")]
        public void Check_HostListenerOfUnknownProcess_SaysTheNameIsUnknown(string publish, string holder)
        {
            var result = One(new PortConflictChecker(ScenarioLoader.Parse(UnnamedLab, "unnamed.yaml")), publish);

            Assert.True(result.StartFails);
            Assert.Equal(PortHolderKind.HostProcess, result.HolderKindValue);
            Assert.Equal(holder, result.ConflictsWith);
            var port = publish.Substring(0, 4);
            Assert.StartsWith("A" + holder.Substring(1) + " listens on 0.0.0.0:" + port + "/tcp in the host's namespace. Use another host port", result.Explanation);
            Assert.EndsWith(", or stop that process.", result.Explanation);
            Assert.DoesNotContain("a process", result.Explanation);
        }

        [Fact]
        public void Check_HostModeContainerListenerOfUnknownProcess_SaysTheNameIsUnknown()
        {
            var result = One(new PortConflictChecker(ScenarioLoader.Parse(UnnamedLab, "unnamed.yaml")), "7072:80");

            Assert.Equal("hostApp", result.ConflictsWith);
            Assert.StartsWith("'hostApp' uses the host's network (--network host) and a process of unknown name and pid listens on 0.0.0.0:7072/tcp.", result.Explanation);
        }
    }
}
