using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Diagnostics;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>Destinations given as names (resolved from the source) and as IP addresses.</summary>
    public class DestinationTests
    {
        private const string Lab = @"
host:
  addresses: [192.168.1.10]
networks:
  - name: bridgetest
    subnet: 172.18.0.0/16
  - name: other
containers:
  - name: nodectn
    network: bridgetest
    aliases: [nodesql]
  - name: mysql1
    network: bridgetest
    aliases: [sqll]
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:3306"", state: listen, process: mysqld }
  - name: web1
    network: bridgetest
    aliases: [web]
  - name: web2
    network: bridgetest
    aliases: [web]
  - name: hidden
    network: other
    aliases: [secret]
  - name: ubuntuA
  - name: ubuntuB
    links: [""ubuntuA:pal""]
  - name: gone
    network: bridgetest
    aliases: [ghost]
    state: exited
";

        [Fact]
        public void Analyze_AliasOnSharedNetwork_ResolvedThenReachable()
        {
            var result = Ask(Lab, "nodectn", "sqll", 3306);
            Verdict(result, ReachabilityVerdict.Reachable, "'sqll' resolves to 172.18.0.3", "alias sqll on bridgetest", "127.0.0.11");
            Assert.Equal("mysql1", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_SharedAlias_SaysDockerRoundRobins()
        {
            var result = Ask(Lab, "nodectn", "web");
            Verdict(result, ReachabilityVerdict.Reachable, "one of 2 addresses", "round-robins");
        }

        [Fact]
        public void Analyze_AliasOnNetworkNotShared_NameNotResolvedWithReasonAndFix()
        {
            var result = Ask(Lab, "nodectn", "secret");
            Verdict(result, ReachabilityVerdict.NameNotResolved, "'hidden' is on other and 'nodectn' is on bridgetest", "embedded DNS answers only");
            Assert.Equal("docker network connect other nodectn", result.Remedy);
        }

        [Fact]
        public void Analyze_NameFromDefaultBridge_NoEmbeddedDns()
        {
            var result = Ask(Lab, "ubuntuA", "sqll");
            Verdict(result, ReachabilityVerdict.NameNotResolved, "only on the default bridge network, which has no embedded DNS");
        }

        [Fact]
        public void Analyze_LinkAlias_ResolvedThroughEtcHosts()
        {
            var result = Ask(Lab, "ubuntuB", "pal");
            Verdict(result, ReachabilityVerdict.Reachable, "/etc/hosts (--link pal)");
            Assert.Equal("ubuntuA", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_UnknownName_NameNotResolvedWithSuggestion()
        {
            var result = Ask(Lab, "nodectn", "nodectm");
            Verdict(result, ReachabilityVerdict.NameNotResolved, "No container, network alias or /etc/hosts entry named 'nodectm'", "Did you mean: nodectn");
        }

        [Fact]
        public void Analyze_AliasOfStoppedContainer_NameNotResolved()
        {
            var result = Ask(Lab, "nodectn", "ghost");
            Verdict(result, ReachabilityVerdict.NameNotResolved, "Container 'gone' is not running (exited)");
            Assert.Equal("docker start gone", result.Remedy);
        }

        [Fact]
        public void Analyze_UnusedAddressOnBridgeSubnet_NothingThere()
        {
            var result = Ask(Lab, "nodectn", "172.18.0.200", 80);
            Verdict(result, ReachabilityVerdict.NoSuchAddress, "No container on network bridgetest", "172.18.0.200");
        }

        [Fact]
        public void Analyze_AddressOfAContainer_FindsTheOwner()
        {
            var result = Ask(Lab, "nodectn", "172.18.0.3", 3306);
            Verdict(result, ReachabilityVerdict.Reachable);
            Assert.Equal("mysql1", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_OwnGatewayAddress_IsTheHost()
        {
            var result = Ask(Lab, "nodectn", "172.18.0.1");
            Verdict(result, ReachabilityVerdict.Reachable, "reaches the host at 172.18.0.1");
        }

        [Fact]
        public void Analyze_AddressOutsideTheHost_FollowsTheHostsRouteOut()
        {
            var result = Ask(Lab, "nodectn", "203.0.113.7");
            Verdict(result, ReachabilityVerdict.Reachable, "203.0.113.7 is outside this host", "MASQUERADE");
        }

        private const string Shadow = @"
networks:
  - name: front
  - name: back
containers:
  - name: app
    network: front
  - name: db
    network: back
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:5432"", state: listen, process: postgres }
  - name: pg
    network: front
    aliases: [db]
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:5432"", state: listen, process: postgres }
";

        [Fact]
        public void Analyze_AliasShadowsAContainerName_FollowsWhatTheSourceResolves()
        {
            var result = Ask(Shadow, "app", "db", 5432);
            Verdict(result, ReachabilityVerdict.Reachable, "'db' resolves to", "alias db on front", "container db (on back) has that name too");
            Assert.Equal("pg", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_AddHostShadowsAContainerName_EtcHostsWins()
        {
            var lab = Shadow.Replace("  - name: app\n    network: front\n", "  - name: app\n    network: front\n    extraHosts: [\"pg:10.77.0.9\"]\n");
            var result = Ask(lab, "app", "pg", 5432);
            Verdict(result, ReachabilityVerdict.Reachable, "'pg' resolves to 10.77.0.9", "/etc/hosts", "10.77.0.9 is outside this host", "container pg (on front) has that name too");
        }

        [Fact]
        public void Analyze_HostnameShadowsAContainerName_FollowsTheEmbeddedDns()
        {
            // Engine 20.10 registers a --hostname that differs from the name as an alias on the container's networks.
            var lab = Shadow.Replace("  - name: pg\n    network: front\n", "  - name: pg\n    network: front\n    hostname: other\n")
                            .Replace("  - name: app\n    network: front\n", "  - name: app\n    network: front\n  - name: web\n    network: front\n    hostname: db2\n  - name: db2\n    network: back\n");
            var result = Ask(lab, "app", "db2");
            Verdict(result, ReachabilityVerdict.Reachable, "'db2' resolves to");
            Assert.Equal("web", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_ContainerNameThatResolvesToItself_ContainerAnalysis()
        {
            var result = Ask(Shadow, "pg", "app");
            Verdict(result, ReachabilityVerdict.Reachable, "both on front");
            Assert.Equal("app", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_ContainerNameThatDoesNotResolve_StillAnalysesTheContainer()
        {
            var result = Ask(Shadow, "db", "app");
            Verdict(result, ReachabilityVerdict.NameNotResolved, "'app' does not resolve from db", "By its address 172.18.0.2 it would be Blocked", "share no network");
            Assert.Equal(ReachabilityVerdict.Blocked, result.AddressVerdictValue);
            Assert.Equal("app", result.DestinationContainer);
        }

        [Theory]
        [InlineData("300.1.1.1", "not an IPv4 address")]
        [InlineData("172.18.0", "not an IPv4 address")]
        [InlineData("fd00::1::2", "not an IPv6 address")]
        [InlineData("172.18.0.3:3306", "give the port with -Port")]
        public void Analyze_MalformedAddress_DestinationInvalid(string destination, string message)
        {
            var error = Assert.Throws<DockerNetException>(() => Ask(Lab, "nodectn", destination));
            Assert.Equal("ReachabilityDestinationInvalid", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Equal(destination, error.Target);
            Assert.Contains(message, error.Message);
        }

        [Fact]
        public void Analyze_BareNumber_IsANameNotAnAddress()
        {
            // IPAddress.TryParse reads "10" as 0.0.0.10; Docker and ping users mean a name.
            var result = Ask(Lab, "nodectn", "10");
            Verdict(result, ReachabilityVerdict.NameNotResolved, "'10'");
        }

        [Fact]
        public void Analyze_BracketedIPv6Loopback_IsLoopback()
        {
            var result = Ask(Lab, "nodectn", "[::1]");
            Verdict(result, ReachabilityVerdict.Reachable, "talks to itself");
        }

        [Fact]
        public void Analyze_UnknownSource_ContainerNotFound()
        {
            var error = Assert.Throws<DockerNetException>(() => Ask(Lab, "nodect", "sqll"));
            Assert.Equal("ContainerNotFound", error.ErrorId);
            Assert.Equal("nodect", error.Target);
        }
    
        [Fact]
        public void Analyze_LinkAliasNamedLikeAnotherContainer_TestsTheLinkTargetAndNamesTheShadowed()
        {
            const string yaml = @"
networks:
  - { name: appnet, subnet: 10.9.0.0/24 }
containers:
  - { name: multi, network: appnet, ip: 10.9.0.2 }
  - { name: db, network: appnet, ip: 10.9.0.4 }
  - { name: linker, network: appnet, ip: 10.9.0.5, links: [""multi:db""] }
";
            var result = Ask(yaml, "linker", "db");
            Verdict(result, ReachabilityVerdict.Reachable, "'db' resolves to 10.9.0.2 in linker via --link db", "container db (on appnet) has that name too");
            Assert.Equal("multi", result.DestinationContainer);
            Assert.Equal("10.9.0.2", result.DestinationAddress?.ToString());
        }
}
}
