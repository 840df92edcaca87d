using System.Linq;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>
    /// A destination given by name is what the application dials: when the name does not resolve from the source, the
    /// verdict is NameNotResolved (with the DNS reason and fix first), and the result still says what the container's
    /// address would give (AddressVerdict, the address's path).
    /// </summary>
    public class NameResolvesTests
    {
        private static readonly DockerHostModel SeedLab = ScenarioLoader.Load(ScenarioCatalog.SeedLab);

        private const string WebDb = @"
networks:
  - { name: frontend, subnet: 10.61.1.0/24 }
  - { name: backend, subnet: 10.61.2.0/24 }
containers:
  - { name: web, network: frontend, ip: 10.61.1.2 }
  - name: db
    network: backend
    ip: 10.61.2.2
    aliases: [postgres]
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:5432"", state: listen, process: postgres }
  - name: api
    network: backend
    ip: 10.61.2.3
  - name: legacy
    network: frontend
    ip: 10.61.1.3
    extraHosts: [""db:10.61.2.2""]
";

        [Fact]
        public void Analyze_NameOnAnotherNetwork_NameNotResolvedFirstThenTheAddressVerdict()
        {
            var result = Ask(WebDb, "web", "db", 5432);

            Verdict(result, ReachabilityVerdict.NameNotResolved, "'db' is on backend and 'web' is on frontend", "embedded DNS answers only",
                "By its address 10.61.2.2 it would be Blocked: web (frontend) and db (backend) share no network", "DOCKER-ISOLATION-STAGE-1/2");
            Assert.StartsWith("'db' does not resolve from web", result.Reason);
            Assert.False(result.NameResolves);
            Assert.Equal(ReachabilityVerdict.Blocked, result.AddressVerdictValue);
            Assert.Equal("docker network connect backend web", result.Remedy);
            Assert.Equal("db", result.DestinationContainer);
            Assert.Equal("10.61.2.2", result.DestinationAddress!.ToString());
            Assert.Contains("DOCKER-ISOLATION-STAGE-2 drops", result.PathText);
        }

        [Fact]
        public void Analyze_NameOnTheDefaultBridge_NameNotResolvedThoughTheAddressIsReachable()
        {
            var result = Ask(SeedLab, "ubuntuA", "ubuntuB");

            Verdict(result, ReachabilityVerdict.NameNotResolved, "only on the default bridge network, which has no embedded DNS",
                "By its address 172.17.0.5 it would be Reachable: ubuntuA and ubuntuB are both on bridge (docker0)");
            Assert.StartsWith("'ubuntuB' does not resolve from ubuntuA", result.Reason);
            Assert.False(result.NameResolves);
            Assert.Equal(ReachabilityVerdict.Reachable, result.AddressVerdictValue);
            Assert.StartsWith("docker network create appnet && docker network connect appnet ubuntuA && docker network connect appnet ubuntuB", result.Remedy);
            Assert.Contains(Veth(SeedLab, "ubuntuB", "bridge"), Devices(result));
        }

        [Fact]
        public void Analyze_TheSameContainerByAddress_ReachableAndNoNameQuestion()
        {
            var result = Ask(SeedLab, "ubuntuA", "172.17.0.5");

            Verdict(result, ReachabilityVerdict.Reachable, "both on bridge (docker0)");
            Assert.Null(result.NameResolves);
            Assert.Equal(ReachabilityVerdict.Reachable, result.AddressVerdictValue);
        }

        [Fact]
        public void Analyze_AliasThatResolves_StaysReachable()
        {
            var result = Ask(SeedLab, "nodectn", "sqll", 3306);

            Verdict(result, ReachabilityVerdict.Reachable, "alias sqll on bridgetest");
            Assert.True(result.NameResolves);
            Assert.Equal(ReachabilityVerdict.Reachable, result.AddressVerdictValue);
        }

        [Fact]
        public void Analyze_ContainerNameOnASharedUserNetwork_Resolves()
        {
            var result = Ask(SeedLab, "nodectn", "bridgeredis", 6379);

            Verdict(result, ReachabilityVerdict.Reachable, "both on bridgetest");
            Assert.True(result.NameResolves);
        }

        [Fact]
        public void Analyze_NameOnlyInALink_ResolvesThroughEtcHosts()
        {
            var result = Ask(SeedLab, "linktest2", "linktest1");

            Verdict(result, ReachabilityVerdict.Reachable, "/etc/hosts (--link linktest1)", "both on bridge");
            Assert.True(result.NameResolves);
        }

        [Fact]
        public void Analyze_LinkedContainersOwnName_ResolvesBesideTheAlias()
        {
            // --link ubuntuA:pal writes "172.17.0.2 pal <id> ubuntuA" into ubuntuB's /etc/hosts.
            const string yaml = @"
containers:
  - { name: ubuntuA, ip: 172.17.0.2 }
  - { name: ubuntuB, ip: 172.17.0.3, links: [""ubuntuA:pal""] }
";
            var result = Ask(yaml, "ubuntuB", "ubuntuA");

            Verdict(result, ReachabilityVerdict.Reachable, "both on bridge");
            Assert.True(result.NameResolves);
            Assert.Equal("ubuntuA", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_NameOnlyInAnAddHostLine_ResolvesAndTheAddressDecides()
        {
            var result = Ask(WebDb, "legacy", "db", 5432);

            Verdict(result, ReachabilityVerdict.Blocked, "'db' resolves to 10.61.2.2 in legacy via /etc/hosts (--add-host db)", "share no network");
            Assert.True(result.NameResolves);
            Assert.Equal(ReachabilityVerdict.Blocked, result.AddressVerdictValue);
        }

        [Fact]
        public void Analyze_ShortIdOnASharedUserNetwork_ResolvesLikeDocker()
        {
            // Docker 20.10.24: the 12-character short id is an alias on every user-defined network ("nslookup 1e2ce22cbefb" answered).
            var model = Load(WebDb);
            var api = model.FindContainer("api")!;
            var result = Ask(model, "db", api.ShortId);

            Verdict(result, ReachabilityVerdict.Reachable, "both on backend");
            Assert.True(result.NameResolves);
            Assert.Equal("api", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_FullId_IsNoDnsNameButNamesTheContainer()
        {
            // Docker 20.10.24: nslookup of the 64-character id fails in the container's resolver (a label has at most 63).
            var model = Load(WebDb);
            var api = model.FindContainer("api")!;
            var result = Ask(model, "db", api.Id);

            Verdict(result, ReachabilityVerdict.NameNotResolved, "has 64 characters and DNS allows 63", "By its address 10.61.2.3 it would be Reachable");
            Assert.False(result.NameResolves);
            Assert.Equal("Use the short id " + api.ShortId + " or the name 'api' (on a user-defined network both are on).", result.Remedy);
        }

        [Theory]
        [InlineData(8)]
        [InlineData(20)]
        public void Analyze_OtherIdPrefixes_DoNotResolveButNameTheContainer(int length)
        {
            // Docker 20.10.24: an 8- or 20-character prefix gets no answer, and the full id is longer than a DNS label (63).
            var model = Load(WebDb);
            var api = model.FindContainer("api")!;
            var result = Ask(model, "db", api.Id.Substring(0, length));

            Verdict(result, ReachabilityVerdict.NameNotResolved, "only the 12-character short id (" + api.ShortId + ")",
                "By its address 10.61.2.3 it would be Reachable");
            Assert.False(result.NameResolves);
            Assert.Equal(ReachabilityVerdict.Reachable, result.AddressVerdictValue);
            Assert.Equal("api", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_UnknownName_NoAddressVerdict()
        {
            var result = Ask(WebDb, "web", "dbb", 5432);

            Verdict(result, ReachabilityVerdict.NameNotResolved, "'dbb' does not resolve from web", "Did you mean: db");
            Assert.False(result.NameResolves);
            Assert.Null(result.AddressVerdict);
            Assert.Null(result.DestinationAddress);
        }

        [Fact]
        public void Analyze_NameNotResolvedAndTheServiceListensElsewhere_RemedyFixesBoth()
        {
            const string yaml = @"
containers:
  - { name: client, ip: 172.17.0.2 }
  - name: app
    ip: 172.17.0.3
    sockets:
      - { protocol: tcp6, local: ""[::]:3000"", state: listen, process: node }
";
            var result = Ask(yaml, "client", "app", 3030);

            Verdict(result, ReachabilityVerdict.NameNotResolved, "By its address 172.17.0.3 it would be NoListener: Nothing in app's namespace listens on tcp/3030");
            Assert.Equal(ReachabilityVerdict.NoListener, result.AddressVerdictValue);
            Assert.StartsWith("docker network create appnet && docker network connect appnet client && docker network connect appnet app", result.Remedy);
            Assert.EndsWith("; then: app listens on 3000/tcp: connect to that port, or make the service listen on 3030/tcp.", result.Remedy);
        }

        [Fact]
        public void Analyze_NoneSourceByName_NameNotResolvedThenNoNetwork()
        {
            var result = Ask(SeedLab, "nonetest", "ubuntuA");

            Verdict(result, ReachabilityVerdict.NameNotResolved, "nonetest' uses network mode none", "By address it would be NoNetwork: nonetest uses --network none");
            Assert.Equal(ReachabilityVerdict.NoNetwork, result.AddressVerdictValue);
            Assert.Equal("docker network disconnect none nonetest && docker network create appnet && docker network connect appnet nonetest && docker network connect appnet ubuntuA", result.Remedy);

            var byAddress = Ask(SeedLab, "nonetest", "172.17.0.2");
            Verdict(byAddress, ReachabilityVerdict.NoNetwork, "nonetest uses --network none");
            Assert.Equal("docker network disconnect none nonetest && docker network connect bridge nonetest", byAddress.Remedy);
        }
    }
}
