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
        public void Analyze_AddressOutsideTheHost_Undetermined()
        {
            var result = Ask(Lab, "nodectn", "203.0.113.7");
            Verdict(result, ReachabilityVerdict.Undetermined, "not a container, gateway or host address");
        }

        [Fact]
        public void Analyze_UnknownSource_ContainerNotFound()
        {
            var error = Assert.Throws<DockerNetException>(() => Ask(Lab, "nodect", "sqll"));
            Assert.Equal("ContainerNotFound", error.ErrorId);
            Assert.Equal("nodect", error.Target);
        }
    }
}
