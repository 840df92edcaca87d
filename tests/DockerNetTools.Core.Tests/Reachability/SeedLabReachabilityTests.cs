using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>The seed notes' labs, on the built-in SeedLab scenario.</summary>
    public class SeedLabReachabilityTests
    {
        private static readonly DockerHostModel SeedLab = ScenarioLoader.Load(ScenarioCatalog.SeedLab);

        [Fact]
        public void SeedLab_UbuntuBToUbuntuA_NameDoesNotResolveButTheAddressIsReachableOnDocker0()
        {
            var result = Ask(SeedLab, "ubuntuB", "ubuntuA");
            Verdict(result, ReachabilityVerdict.NameNotResolved, "'ubuntuA' does not resolve from ubuntuB", "only on the default bridge network, which has no embedded DNS",
                "By its address 172.17.0.2 it would be Reachable: ubuntuB and ubuntuA are both on bridge (docker0)");
            Assert.Equal(ReachabilityVerdict.Reachable, result.AddressVerdictValue);
            Assert.StartsWith("docker network create appnet && docker network connect appnet ubuntuB && docker network connect appnet ubuntuA", result.Remedy);
            Assert.Equal("172.17.0.2", result.DestinationAddress!.ToString());
            Assert.Contains(Veth(SeedLab, "ubuntuA", "bridge"), Devices(result));
        }

        [Fact]
        public void SeedLab_UbuntuBToUbuntuC_NameDoesNotResolveAndTheAddressIsBlockedAcrossBridges()
        {
            var result = Ask(SeedLab, "ubuntuB", "ubuntuC");
            Verdict(result, ReachabilityVerdict.NameNotResolved, "'ubuntuC' does not resolve from ubuntuB", "only on the default bridge network",
                "By its address 10.0.0.2 it would be Blocked", "share no network", "DOCKER-ISOLATION-STAGE-1/2");
            Assert.Equal(ReachabilityVerdict.Blocked, result.AddressVerdictValue);
            Assert.Equal("docker network connect second-bridge ubuntuB", result.Remedy);
            Assert.Equal("10.0.0.2", result.DestinationAddress!.ToString());
            Assert.Contains("DOCKER-ISOLATION-STAGE-2 drops docker0 -> " + Bridge(SeedLab, "second-bridge"), result.PathText);
        }

        [Theory]
        [InlineData("ubuntuA")]
        [InlineData("172.17.0.1")]
        [InlineData("nginx2")]
        public void SeedLab_Nonetest_ReachesNothing(string destination)
        {
            var result = Ask(SeedLab, "nonetest", destination);
            ByAddress(result, ReachabilityVerdict.NoNetwork, "nonetest uses --network none", "reach nothing but itself");
            Assert.StartsWith("docker network disconnect none nonetest && docker network ", result.Remedy);
        }

        [Fact]
        public void SeedLab_TargetcontainerToSourcecontainersMysqlOnLocalhost_Reachable()
        {
            var result = Ask(SeedLab, "targetcontainer", "localhost", 3306);
            Verdict(result, ReachabilityVerdict.Reachable, "targetcontainer shares sourcecontainer's namespace (container:sourcecontainer)", "loopback", "tcp/3306 is answered");
            Assert.Contains("(mysqld)", result.PathText);
            Assert.Equal("loopback", result.NetworkUsed);
        }

        [Fact]
        public void SeedLab_TargetcontainerToSourcecontainerByName_SameNamespace()
        {
            var result = Ask(SeedLab, "targetcontainer", "sourcecontainer", 3306);
            Verdict(result, ReachabilityVerdict.Reachable, "share sourcecontainer's namespace");
        }

        [Fact]
        public void SeedLab_NodectnToSqllByAlias_Reachable()
        {
            var result = Ask(SeedLab, "nodectn", "sqll", 3306);
            Verdict(result, ReachabilityVerdict.Reachable, "alias sqll on bridgetest");
            Assert.Equal("bridgetest", result.NetworkUsed);
        }

        [Fact]
        public void SeedLab_UbuntuBToWebserver4_BlockedWithPublishedPortAsAlternative()
        {
            var result = Ask(SeedLab, "ubuntuB", "webserver4", 80);
            ByAddress(result, ReachabilityVerdict.Blocked, "share no network");
            Assert.Contains(result.Alternatives, a => a.ToString() == "172.17.0.1:8082 (published 8082->80/tcp on webserver4, via docker-proxy)");
        }
    }
}
