using System.Linq;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Dns
{
    public class NameResolverTests
    {
        // Two user-defined networks and the default bridge, with a few containers on each.
        internal const string Lab = @"
networks:
  - { name: second-bridge, subnet: 10.0.0.0/24, gateway: 10.0.0.1 }
  - { name: bridgetest, subnet: 172.18.0.0/16 }
containers:
  - { name: containerA, id: aaaaaaaaaaaa0000000000000000000000000000000000000000000000000001, network: second-bridge, ip: 10.0.0.2 }
  - { name: containerB, id: bbbbbbbbbbbb0000000000000000000000000000000000000000000000000002, network: second-bridge, ip: 10.0.0.3, hostname: bee }
  - { name: nodectn, network: bridgetest, ip: 172.18.0.4, aliases: [nodesql] }
  - { name: mysql, network: bridgetest, ip: 172.18.0.3, aliases: [sqll] }
  - { name: bridgeredis, network: bridgetest, ip: 172.18.0.5, aliases: [rediss] }
  - { name: ubuntuA, network: bridge, ip: 172.17.0.2 }
  - { name: ubuntuB, network: bridge, ip: 172.17.0.3, hostname: ubuntub-host }
  - { name: ubuntuC, network: second-bridge, ip: 10.0.0.4 }
";

        private static DockerHostModel Load(string yaml) => ScenarioLoader.Parse(yaml, "test.yaml");

        private static NameResolution Resolve(DockerHostModel model, string from, string name, RecordType type = RecordType.A) =>
            NameResolver.Resolve(model, model.FindContainer(from)!, name, type);

        [Fact]
        public void Resolve_ContainerNameOnSharedUserNetwork_AnswersFromEmbeddedDns()
        {
            var result = Resolve(Load(Lab), "containerA", "containerB");

            Assert.True(result.Resolved);
            var answer = Assert.Single(result.Answers);
            Assert.Equal("10.0.0.3", answer.IPAddress.ToString());
            Assert.Equal("containerB", answer.Container);
            Assert.Equal("second-bridge", answer.Network);
            Assert.Equal(NameSource.EmbeddedDns, answer.SourceValue);
            Assert.Equal(RecordKind.ContainerName, answer.RecordKindValue);
            Assert.Equal("127.0.0.11", answer.Server);
            Assert.False(result.RoundRobin);
        }

        [Theory]
        [InlineData("sqll", "172.18.0.3", "mysql")]
        [InlineData("rediss", "172.18.0.5", "bridgeredis")]
        [InlineData("SQLL", "172.18.0.3", "mysql")]
        public void Resolve_NetworkAlias_AnswersTheAliasedContainer(string name, string address, string container)
        {
            var result = Resolve(Load(Lab), "nodectn", name);

            var answer = Assert.Single(result.Answers);
            Assert.Equal(address, answer.IPAddress.ToString());
            Assert.Equal(container, answer.Container);
            Assert.Equal(RecordKind.Alias, answer.RecordKindValue);
            Assert.Equal("bridgetest", answer.Network);
        }

        [Fact]
        public void Resolve_NameIsCaseInsensitive()
        {
            var result = Resolve(Load(Lab), "containerA", "CONTAINERB");

            Assert.Equal("10.0.0.3", Assert.Single(result.Answers).IPAddress.ToString());
            Assert.Equal("CONTAINERB", result.Answers[0].Name);
        }

        [Fact]
        public void Resolve_ShortId_AnswersOnUserNetwork()
        {
            var result = Resolve(Load(Lab), "containerA", "bbbbbbbbbbbb");

            var answer = Assert.Single(result.Answers);
            Assert.Equal(RecordKind.ShortId, answer.RecordKindValue);
            Assert.Equal("containerB", answer.Container);
        }

        [Fact]
        public void Resolve_NetworkQualifiedName_AnswersFromThatNetwork()
        {
            var result = Resolve(Load(Lab), "containerA", "containerB.second-bridge");

            Assert.Equal("10.0.0.3", Assert.Single(result.Answers).IPAddress.ToString());
        }

        // moby#39204 (merged 2019, in Engine 20.10) adds a --hostname that differs from the container name to the endpoint's
        // aliases on every user-defined network. Checked on Docker 20.10.24: `docker run --name auditr-multi --hostname
        // auditr-hn --network auditr-zeta` shows Aliases ["2fcd5c917f0c","auditr-hn"], and nslookup auditr-hn 127.0.0.11
        // from another container of the network answers its address.
        [Fact]
        public void Resolve_HostnameOnEngine20_AnswersAsHostname()
        {
            var answer = Assert.Single(Resolve(Load(Lab), "containerA", "bee").Answers);
            Assert.Equal(RecordKind.Hostname, answer.RecordKindValue);
            Assert.Equal("10.0.0.3", answer.IPAddress.ToString());
            Assert.Equal(NameSource.EmbeddedDns, answer.SourceValue);
        }

        [Fact]
        public void Resolve_HostnameOnEngine19_IsNotRegistered()
        {
            var result = Resolve(Load("engine: { version: \"19.03.15\", apiVersion: \"1.40\" }\n" + Lab), "containerA", "bee");

            Assert.False(result.Resolved);
            Assert.Equal(NameResolutionFailure.HostnameNotRegistered, result.Failure);
            Assert.Contains("not hostnames", result.FailureReason);
            Assert.Contains("containerB", result.Remedy);
        }

        [Fact]
        public void Resolve_HostnameOnEngine25_AnswersAsHostname()
        {
            var model = Load("engine: { version: \"25.0.3\", apiVersion: \"1.44\" }\n" + Lab);

            var answer = Assert.Single(Resolve(model, "containerA", "bee").Answers);
            Assert.Equal(RecordKind.Hostname, answer.RecordKindValue);
            Assert.Equal("10.0.0.3", answer.IPAddress.ToString());
        }

        [Fact]
        public void Resolve_ContainerOnAnotherUserNetwork_FailsNamingBothNetworks()
        {
            var result = Resolve(Load(Lab), "nodectn", "containerB");

            Assert.Equal(NameResolutionFailure.NotOnSharedNetwork, result.Failure);
            Assert.Contains("second-bridge", result.FailureReason);
            Assert.Contains("bridgetest", result.FailureReason);
            Assert.Equal("docker network connect second-bridge nodectn", result.Remedy);
        }

        [Fact]
        public void Resolve_AliasHeldOnTwoUnsharedNetworks_SameExplanationWhateverTheContainerOrder()
        {
            const string networks = @"
networks:
  - { name: front1, subnet: 10.1.0.0/24 }
  - { name: front2, subnet: 10.2.0.0/24 }
  - { name: back, subnet: 10.3.0.0/24 }
containers:
  - { name: asker, network: back }
";
            const string web1 = "  - { name: web1, network: front1, aliases: [site] }\n";
            const string web2 = "  - { name: web2, network: front2, aliases: [site] }\n";
            var listed = Resolve(Load(networks + web1 + web2), "asker", "site");
            var reversed = Resolve(Load(networks + web2 + web1), "asker", "site");

            Assert.Equal(NameResolutionFailure.NotOnSharedNetwork, listed.Failure);
            Assert.Contains("'web1'", listed.FailureReason);
            Assert.Equal(listed.FailureReason, reversed.FailureReason);
            Assert.Equal(listed.Remedy, reversed.Remedy);
        }

        [Fact]
        public void Resolve_AliasOfAnotherNetwork_SaysAliasesArePerNetwork()
        {
            const string yaml = @"
networks:
  - { name: front, subnet: 10.1.0.0/24 }
  - { name: back, subnet: 10.2.0.0/24 }
containers:
  - { name: web, network: front, ip: 10.1.0.2 }
  - name: api
    network: front
    ip: 10.1.0.3
    networks:
      - { name: back, ip: 10.2.0.3, aliases: [internal-api] }
";
            var result = Resolve(Load(yaml), "web", "internal-api");

            Assert.Equal(NameResolutionFailure.NotOnSharedNetwork, result.Failure);
            Assert.Contains("alias of 'api' on back only", result.FailureReason);
            Assert.StartsWith("docker network connect back web", result.Remedy);
        }

        [Fact]
        public void Resolve_DefaultBridgeToDefaultBridge_HasNoEmbeddedDnsAndSuggestsUserNetworkOrLink()
        {
            var result = Resolve(Load(Lab), "ubuntuA", "ubuntuB");

            Assert.False(result.Resolved);
            Assert.Equal(NameResolutionFailure.NoEmbeddedDns, result.Failure);
            Assert.Contains("default bridge", result.FailureReason);
            Assert.Contains("no embedded DNS", result.FailureReason);
            Assert.Contains("docker network create", result.Remedy);
            Assert.Contains("docker network connect appnet ubuntuA", result.Remedy);
            Assert.Contains("docker network connect appnet ubuntuB", result.Remedy);
            Assert.Contains("--link ubuntuB", result.Remedy);
        }

        [Fact]
        public void Resolve_DefaultBridgeToUserNetworkContainer_SuggestsConnectingTheAsker()
        {
            var result = Resolve(Load(Lab), "ubuntuA", "containerB");

            Assert.Equal(NameResolutionFailure.NoEmbeddedDns, result.Failure);
            Assert.Equal("docker network connect second-bridge ubuntuA", result.Remedy);
        }

        [Fact]
        public void Resolve_OwnHostnameOnDefaultBridge_AnswersFromHostsFile()
        {
            var answer = Assert.Single(Resolve(Load(Lab), "ubuntuB", "ubuntub-host").Answers);

            Assert.Equal(NameSource.HostsFile, answer.SourceValue);
            Assert.Equal("/etc/hosts", answer.Server);
            Assert.Equal(RecordKind.Hostname, answer.RecordKindValue);
            Assert.Equal("172.17.0.3", answer.IPAddress.ToString());
        }

        internal const string Links = @"
containers:
  - { name: linktest1, id: e8ede99d09d1000000000000000000000000000000000000000000000000000a, ip: 172.17.0.2 }
  - { name: linktest2, ip: 172.17.0.3, links: [linktest1] }
  - { name: db, ip: 172.17.0.4, hostname: dbhost }
  - { name: app, ip: 172.17.0.5, links: [""db:database""] }
";

        [Fact]
        public void Resolve_LinkTargetOnDefaultBridge_AnswersFromHostsFile()
        {
            var result = Resolve(Load(Links), "linktest2", "linktest1");

            var answer = Assert.Single(result.Answers);
            Assert.Equal("172.17.0.2", answer.IPAddress.ToString());
            Assert.Equal(NameSource.HostsFile, answer.SourceValue);
            Assert.Equal(RecordKind.Link, answer.RecordKindValue);
            Assert.Equal("linktest1", answer.Container);
        }

        [Theory]
        [InlineData("database", RecordKind.Link)]
        [InlineData("db", RecordKind.Link)]
        [InlineData("dbhost", RecordKind.Hostname)]
        public void Resolve_LinkWithAlias_AnswersAliasNameAndTargetHostname(string name, RecordKind kind)
        {
            var answer = Assert.Single(Resolve(Load(Links), "app", name).Answers);

            Assert.Equal("172.17.0.4", answer.IPAddress.ToString());
            Assert.Equal(kind, answer.RecordKindValue);
        }

        [Fact]
        public void HostsFile_LinkLine_IsAliasThenHostnameThenName()
        {
            var model = Load(Links);
            var lines = HostsFileBuilder.Build(model, model.FindContainer("app")!).Select(e => e.ToString()).ToList();

            Assert.Contains("172.17.0.4\tdatabase dbhost db", lines);
            Assert.Equal("172.17.0.5\t" + model.FindContainer("app")!.Hostname, lines.Last());
            Assert.Equal("127.0.0.1\tlocalhost", lines[0]);
        }

        [Fact]
        public void Resolve_LinksAreOneWay()
        {
            var result = Resolve(Load(Links), "linktest1", "linktest2");

            Assert.Equal(NameResolutionFailure.NoEmbeddedDns, result.Failure);
        }

        [Fact]
        public void Resolve_StoppedLinkTarget_StillAnswersTheStaleHostsLineAndSaysSo()
        {
            var yaml = Links.Replace("ip: 172.17.0.2 }", "ip: 172.17.0.2, state: exited }");
            var result = Resolve(Load(yaml), "linktest2", "linktest1");

            if (result.Resolved)
                Assert.Contains(result.Notes, n => n.Contains("not running"));
            else
                Assert.Equal(NameResolutionFailure.TargetNotRunning, result.Failure);
        }

        [Fact]
        public void Resolve_LinkOnUserNetwork_IsAnEmbeddedDnsAliasForTheDeclarerOnly()
        {
            const string yaml = @"
networks:
  - { name: appnet, subnet: 10.9.0.0/24 }
containers:
  - { name: db, network: appnet, ip: 10.9.0.2 }
  - { name: app, network: appnet, ip: 10.9.0.3, links: [""db:database""] }
  - { name: other, network: appnet, ip: 10.9.0.4 }
";
            var model = Load(yaml);

            var answer = Assert.Single(Resolve(model, "app", "database").Answers);
            Assert.Equal(NameSource.EmbeddedDns, answer.SourceValue);
            Assert.Equal(RecordKind.Link, answer.RecordKindValue);

            var other = Resolve(model, "other", "database");
            Assert.Equal(NameResolutionFailure.NotOnSharedNetwork, other.Failure);
            Assert.Contains("declared by 'app'", other.FailureReason);
        }

        [Fact]
        public void Resolve_ExtraHost_AnswersFromHostsFile()
        {
            const string yaml = @"
containers:
  - { name: web, ip: 172.17.0.2, extraHosts: [""db.local:10.0.0.9""] }
";
            var answer = Assert.Single(Resolve(Load(yaml), "web", "db.local").Answers);

            Assert.Equal("10.0.0.9", answer.IPAddress.ToString());
            Assert.Equal(RecordKind.ExtraHost, answer.RecordKindValue);
            Assert.Null(answer.Container);
        }

        [Fact]
        public void Resolve_HostsFileShadowsEmbeddedDns_AnswersHostsFirstAndNotesTheDnsRecord()
        {
            const string yaml = @"
networks:
  - { name: appnet, subnet: 10.9.0.0/24 }
containers:
  - { name: db, network: appnet, ip: 10.9.0.2 }
  - { name: app, network: appnet, ip: 10.9.0.3, extraHosts: [""db:192.0.2.10""] }
";
            var result = Resolve(Load(yaml), "app", "db");

            var answer = Assert.Single(result.Answers);
            Assert.Equal("192.0.2.10", answer.IPAddress.ToString());
            Assert.Equal(NameSource.HostsFile, answer.SourceValue);
            Assert.Contains(result.Notes, n => n.Contains("10.9.0.2") && n.Contains("files dns"));
        }

        [Theory]
        [InlineData(RecordType.A, "127.0.0.1")]
        [InlineData(RecordType.AAAA, "::1")]
        public void Resolve_Localhost_AnswersLoopbackOfTheAskedFamily(RecordType type, string address)
        {
            var answer = Assert.Single(Resolve(Load(Lab), "containerA", "localhost", type).Answers);

            Assert.Equal(address, answer.IPAddress.ToString());
            Assert.Equal(RecordKind.Localhost, answer.RecordKindValue);
        }

        [Fact]
        public void Resolve_SharedAlias_ReturnsEveryAddressRoundRobin()
        {
            const string yaml = @"
networks:
  - { name: web, subnet: 10.5.0.0/24 }
containers:
  - { name: web1, network: web, ip: 10.5.0.2, aliases: [search] }
  - { name: web2, network: web, ip: 10.5.0.3, aliases: [search] }
  - { name: client, network: web, ip: 10.5.0.4 }
";
            var result = Resolve(Load(yaml), "client", "search");

            Assert.Equal(new[] { "10.5.0.2", "10.5.0.3" }, result.Answers.Select(a => a.IPAddress.ToString()).OrderBy(a => a));
            Assert.True(result.RoundRobin);
            Assert.All(result.Answers, a => Assert.True(a.RoundRobin));
            Assert.Contains(result.Notes, n => n.Contains("round robin"));
        }

        [Fact]
        public void Resolve_StoppedTarget_SaysDockerRemovedItsRecords()
        {
            var yaml = Lab.Replace("ip: 10.0.0.3, hostname: bee }", "ip: 10.0.0.3, hostname: bee, state: exited }");
            var result = Resolve(Load(yaml), "containerA", "containerB");

            Assert.Equal(NameResolutionFailure.TargetNotRunning, result.Failure);
            Assert.Contains("not running", result.FailureReason);
            Assert.Equal("docker start containerB", result.Remedy);
        }

        [Fact]
        public void Resolve_StoppedAsker_IsItsOwnFailure()
        {
            var yaml = Lab.Replace("network: second-bridge, ip: 10.0.0.2 }", "network: second-bridge, ip: 10.0.0.2, state: exited }");
            var result = Resolve(Load(yaml), "containerA", "containerB");

            Assert.Equal(NameResolutionFailure.AskerNotRunning, result.Failure);
            Assert.Equal("docker start containerA", result.Remedy);
        }

        [Fact]
        public void Resolve_ContainerThatDoesNotExistYet_IsNoSuchContainer()
        {
            const string yaml = @"
networks:
  - { name: second-bridge, subnet: 10.0.0.0/24, gateway: 10.0.0.1 }
containers:
  - { name: containerA, network: second-bridge }
";
            var result = Resolve(Load(yaml), "containerA", "containerB");

            Assert.False(result.Resolved);
            Assert.Equal(NameResolutionFailure.NoSuchContainer, result.Failure);
            Assert.Contains("No container", result.FailureReason);
            Assert.Contains("'containerB'", result.FailureReason);
        }

        [Fact]
        public void Resolve_Misspelling_SuggestsTheCloseName()
        {
            var result = Resolve(Load(Lab), "containerA", "contianerB");

            Assert.Equal(NameResolutionFailure.NoSuchContainer, result.Failure);
            Assert.Contains("Did you mean: containerB", result.FailureReason);
        }

        [Fact]
        public void Resolve_OutsideName_IsNeverAnsweredByTheModel()
        {
            var result = Resolve(Load(Lab), "containerA", "example.org");

            Assert.False(result.Resolved);
            Assert.Equal(NameResolutionFailure.OutsideModel, result.Failure);
            Assert.Contains("forward", result.FailureReason);
            Assert.Contains("cannot say", result.FailureReason);
        }

        private const string Modes = @"
networks:
  - { name: bridgetest, subnet: 172.18.0.0/16 }
containers:
  - { name: sourcecontainer, network: bridgetest, ip: 172.18.0.2 }
  - { name: targetcontainer, network: ""container:sourcecontainer"" }
  - { name: mysql, network: bridgetest, ip: 172.18.0.3, aliases: [sqll], publish: [""3306:3306""] }
  - { name: hostnettest, network: host }
  - { name: nonetest, network: none }
";

        [Fact]
        public void Resolve_FromContainerModeContainer_ResolvesAsItsNamespaceOwnerAndSaysSo()
        {
            var result = Resolve(Load(Modes), "targetcontainer", "sqll");

            var answer = Assert.Single(result.Answers);
            Assert.Equal("172.18.0.3", answer.IPAddress.ToString());
            Assert.Equal("targetcontainer", answer.From);
            Assert.Contains(result.Notes, n => n.Contains("container:sourcecontainer"));
        }

        [Fact]
        public void Resolve_ContainerModeTarget_HasNoRecordOfItsOwn()
        {
            var result = Resolve(Load(Modes), "mysql", "targetcontainer");

            Assert.Equal(NameResolutionFailure.TargetHasNoEndpoint, result.Failure);
            Assert.Contains("sourcecontainer", result.FailureReason);
            Assert.Contains("Resolve 'sourcecontainer'", result.Remedy);
        }

        [Fact]
        public void Resolve_FromHostMode_UsesTheHostsResolversAndPointsAtThePublishedPort()
        {
            var result = Resolve(Load(Modes), "hostnettest", "mysql");

            Assert.Equal(NameResolutionFailure.NoEmbeddedDns, result.Failure);
            Assert.Contains("--network host", result.FailureReason);
            Assert.Contains("localhost:3306", result.Remedy);
        }

        [Fact]
        public void Resolve_FromNoneMode_OnlyLocalhostResolves()
        {
            var model = Load(Modes);

            Assert.True(Resolve(model, "nonetest", "localhost").Resolved);
            var result = Resolve(model, "nonetest", "mysql");
            Assert.Equal(NameResolutionFailure.AskerHasNoNetwork, result.Failure);
            Assert.Contains("none", result.FailureReason);
        }

        [Fact]
        public void Resolve_AaaaWithoutIPv6_SaysTheNetworkHasNoIPv6()
        {
            var result = Resolve(Load(Lab), "containerA", "containerB", RecordType.AAAA);

            Assert.Equal(NameResolutionFailure.NoAddressOfType, result.Failure);
            Assert.Contains("IPv4 address only", result.FailureReason);
        }

        [Fact]
        public void Resolve_AaaaWithIPv6_AnswersTheIPv6Address()
        {
            const string yaml = @"
networks:
  - { name: v6net, subnet: 10.6.0.0/24 }
containers:
  - { name: a, network: v6net, ip: 10.6.0.2 }
  - { name: b, network: v6net, ip: 10.6.0.3 }
";
            var model = Load(yaml);
            model.FindContainer("b")!.Endpoints[0].IPv6Address = System.Net.IPAddress.Parse("fd00:6::3");

            var answer = Assert.Single(Resolve(model, "a", "b", RecordType.AAAA).Answers);
            Assert.Equal("fd00:6::3", answer.IPAddress.ToString());
        }

        [Theory]
        [InlineData("v6host", RecordType.A, "IPv6 address only (fd00::9)")]
        [InlineData("v4host", RecordType.AAAA, "IPv4 address only (10.9.0.9)")]
        public void Resolve_HostsEntryOfTheOtherFamilyOnly_SaysSoInsteadOfNoSuchName(string name, RecordType type, string expected)
        {
            const string yaml = @"
containers:
  - { name: l, network: bridge, extraHosts: ['v6host:fd00::9', 'v4host:10.9.0.9'] }
";
            var result = Resolve(Load(yaml), "l", name, type);

            Assert.False(result.Resolved);
            Assert.Equal(NameResolutionFailure.NoAddressOfType, result.Failure);
            Assert.Contains("/etc/hosts holds '" + name + "' with an " + expected, result.FailureReason);
        }

        // Checked on Docker 20.10.24: with auditr-db and auditr-multi on one user network and auditr-linker run with
        // --link auditr-multi:auditr-db, `nslookup auditr-db 127.0.0.11` in auditr-linker answers auditr-multi's address
        // only: the embedded DNS looks the asker's link aliases up before any name (libnetwork sandbox.ResolveName).
        private const string LinkAliasShadowsName = @"
networks:
  - { name: appnet, subnet: 10.9.0.0/24 }
containers:
  - { name: multi, network: appnet, ip: 10.9.0.2 }
  - { name: db, network: appnet, ip: 10.9.0.4 }
  - { name: linker, network: appnet, ip: 10.9.0.5, links: [""multi:db""] }
";

        [Fact]
        public void Resolve_LinkAliasNamedLikeAnotherContainer_AnswersTheLinkTargetOnly()
        {
            var result = Resolve(Load(LinkAliasShadowsName), "linker", "db");

            var answer = Assert.Single(result.Answers);
            Assert.Equal("10.9.0.2", answer.IPAddress.ToString());
            Assert.Equal("multi", answer.Container);
            Assert.Equal(RecordKind.Link, answer.RecordKindValue);
            Assert.False(result.RoundRobin);
        }

        // Checked on Docker 20.10.24: from auditr-linker, `nslookup AUDITR-DB 127.0.0.11` answered the container auditr-db
        // (10.91.1.4), `nslookup auditr-db` the link target: link aliases match exactly, names case-insensitively.
        [Fact]
        public void Resolve_LinkAliasInOtherCase_IsNotTheAliasButTheContainerName()
        {
            var answer = Assert.Single(Resolve(Load(LinkAliasShadowsName), "linker", "DB").Answers);
            Assert.Equal("10.9.0.4", answer.IPAddress.ToString());
            Assert.Equal(RecordKind.ContainerName, answer.RecordKindValue);
        }

        [Fact]
        public void Resolve_LinkAliasNamedLikeAnotherContainer_OthersStillGetTheContainer()
        {
            var answer = Assert.Single(Resolve(Load(LinkAliasShadowsName), "multi", "db").Answers);
            Assert.Equal("10.9.0.4", answer.IPAddress.ToString());
            Assert.Equal(RecordKind.ContainerName, answer.RecordKindValue);
        }

        // Checked on Docker 20.10.24: auditr-client run on auditr-zeta (eth0) and connected to auditr-alpha (eth1); for
        // auditr-multi, on both, `nslookup auditr-multi 127.0.0.11` answered its auditr-alpha address: the embedded DNS
        // walks the asker's endpoints in libnetwork's order (internal last, then by network name), not in eth order.
        [Fact]
        public void Resolve_NameOnTwoSharedNetworks_AnswersFromTheFirstNetworkByName()
        {
            const string yaml = @"
networks:
  - { name: zeta, subnet: 10.1.0.0/24 }
  - { name: alpha, subnet: 10.2.0.0/24 }
containers:
  - { name: multi, network: zeta, ip: 10.1.0.2, networks: [{ name: alpha, ip: 10.2.0.2 }] }
  - { name: client, network: zeta, ip: 10.1.0.3, networks: [{ name: alpha, ip: 10.2.0.3 }] }
";
            var result = Resolve(Load(yaml), "client", "multi");

            var answer = Assert.Single(result.Answers);
            Assert.Equal("10.2.0.2", answer.IPAddress.ToString());
            Assert.Equal("alpha", answer.Network);
            Assert.Contains(result.Notes, n => n.Contains("also registered on zeta (10.1.0.2)"));
        }
}
}
