using System.Linq;
using System.Management.Automation;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>The seed notes' reachability labs on the built-in SeedLab, through the PowerShell engine.</summary>
    public sealed class TestDockerNetReachabilitySeedLabTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public TestDockerNetReachabilitySeedLabTests(PowerShellSession session) => _session = session;

        private PSObject Ask(string arguments) =>
            _session.Run("Test-DockerNetReachability -Scenario SeedLab " + arguments).AssertClean().Output.Single();

        private static string Text(PSObject result, string property) => result.Properties[property].Value?.ToString() ?? string.Empty;

        private static void Verdict(PSObject result, string verdict, params string[] reasonParts)
        {
            Assert.Equal(verdict, Text(result, "Verdict"));
            Assert.Equal(verdict == "Reachable", result.Properties["Reachable"].Value);
            foreach (var part in reasonParts) Assert.Contains(part, Text(result, "Reason"));
        }

        [Fact]
        public void SeedLab_UbuntuBToUbuntuA_Reachable() =>
            Verdict(Ask("-Source ubuntuB -Destination ubuntuA"), "Reachable", "both on bridge (docker0)");

        [Fact]
        public void SeedLab_UbuntuBToUbuntuC_BlockedAcrossBridges()
        {
            var result = Ask("-Source ubuntuB -Destination ubuntuC");
            Verdict(result, "Blocked", "share no network", "DOCKER-ISOLATION-STAGE-1/2");
            Assert.Equal("docker network connect second-bridge ubuntuB", Text(result, "Remedy"));
        }

        [Fact]
        public void SeedLab_Nonetest_ReachesNothing() =>
            Verdict(Ask("-Source nonetest -Destination ubuntuA"), "NoNetwork", "nonetest uses --network none", "reach nothing but itself");

        [Fact]
        public void SeedLab_TargetcontainerToMysqlOnLocalhost_Reachable()
        {
            var result = Ask("-Source targetcontainer -Destination localhost -Port 3306");
            Verdict(result, "Reachable", "loopback", "tcp/3306 is answered");
            Assert.Equal("loopback", Text(result, "NetworkUsed"));
        }

        [Fact]
        public void SeedLab_NodectnToSqllByAlias_Reachable() =>
            Verdict(Ask("-Source nodectn -Destination sqll -Port 3306"), "Reachable", "alias sqll on bridgetest");

        [Fact]
        public void SeedLab_Quiet_UbuntuBToUbuntuAAndUbuntuC() =>
            Assert.Equal(new object[] { true, false },
                _session.Run("Test-DockerNetReachability -Scenario SeedLab ubuntuB ubuntuA, ubuntuC -Quiet").AssertClean().Output.Select(o => o.BaseObject));

        [Fact]
        public void SeedLab_GetDockerNetInterfacePipedIn_OneAnswerPerContainer()
        {
            var output = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Container ubuntuA, containerA, nonetest | Test-DockerNetReachability -Scenario SeedLab -Destination ubuntuC")
                .AssertClean().Output;
            Assert.Equal(new[] { "ubuntuA", "containerA", "nonetest" }, output.Select(r => Text(r, "Source")));
            Assert.Equal(new[] { "Blocked", "Reachable", "NoNetwork" }, output.Select(r => Text(r, "Verdict")));
        }
    }
}
