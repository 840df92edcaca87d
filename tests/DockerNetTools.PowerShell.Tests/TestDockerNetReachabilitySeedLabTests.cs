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
        public void SeedLab_UbuntuBToUbuntuA_NameDoesNotResolveButTheAddressIsReachable()
        {
            var result = Ask("-Source ubuntuB -Destination ubuntuA");
            Verdict(result, "NameNotResolved", "'ubuntuA' does not resolve from ubuntuB", "no embedded DNS", "By its address 172.17.0.2 it would be Reachable", "both on bridge (docker0)");
            Assert.Equal(false, result.Properties["NameResolves"].Value);
            Assert.Equal("Reachable", Text(result, "AddressVerdict"));
            Verdict(Ask("-Source ubuntuB -Destination 172.17.0.2"), "Reachable", "both on bridge (docker0)");
        }

        [Fact]
        public void SeedLab_UbuntuBToUbuntuC_NameDoesNotResolveAndTheAddressIsBlockedAcrossBridges()
        {
            var result = Ask("-Source ubuntuB -Destination ubuntuC");
            Verdict(result, "NameNotResolved", "'ubuntuC' does not resolve from ubuntuB", "By its address 10.0.0.2 it would be Blocked", "share no network", "DOCKER-ISOLATION-STAGE-1/2");
            Assert.Equal("Blocked", Text(result, "AddressVerdict"));
            Assert.Equal("docker network connect second-bridge ubuntuB", Text(Ask("-Source ubuntuB -Destination 10.0.0.2"), "Remedy"));
        }

        [Fact]
        public void SeedLab_Nonetest_ReachesNothing()
        {
            var result = Ask("-Source nonetest -Destination 172.17.0.2");
            Verdict(result, "NoNetwork", "nonetest uses --network none", "reach nothing but itself");
            Assert.Equal("docker network disconnect none nonetest && docker network connect bridge nonetest", Text(result, "Remedy"));
        }

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
        public void SeedLab_Quiet_FalseWhenTheNameDoesNotResolve()
        {
            // ubuntuA's address answers, but the name does not resolve on the default bridge: the application fails.
            Assert.Equal(new object[] { false, false, true },
                _session.Run("Test-DockerNetReachability -Scenario SeedLab ubuntuB ubuntuA, ubuntuC, 172.17.0.2 -Quiet").AssertClean().Output.Select(o => o.BaseObject));
            Assert.Equal(new object[] { true },
                _session.Run("Test-DockerNetReachability -Scenario SeedLab nodectn sqll -Port 3306 -Quiet").AssertClean().Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void SeedLab_GreenColorAppNoListener_TheSameRemedyAsGetDockerNetPortBinding()
        {
            var reach = Ask("-Source ubuntuA -Destination 172.17.0.1 -Port 8004");
            var binding = _session.Run("Get-DockerNetPortBinding -Scenario SeedLab -Container greenColorApp").AssertClean().Output.Single();
            Verdict(reach, "NoListener", "listens on tcp/3030");
            Assert.Contains("-p 8004:3000 instead of -p 8004:3030", Text(reach, "Remedy"));
            Assert.Equal(Text(binding, "Remedy"), Text(reach, "Remedy"));
            Assert.Equal("greenColorApp listens on 3000/tcp: connect to that port, or make the service listen on 3030/tcp.",
                Text(Ask("-Source ubuntuA -Destination 172.17.0.8 -Port 3030"), "Remedy"));
        }

        [Fact]
        public void SeedLab_GetDockerNetInterfacePipedIn_OneAnswerPerContainer()
        {
            var output = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Container ubuntuA, containerA, nonetest | Test-DockerNetReachability -Scenario SeedLab -Destination ubuntuC")
                .AssertClean().Output;
            Assert.Equal(new[] { "ubuntuA", "containerA", "nonetest" }, output.Select(r => Text(r, "Source")));
            Assert.Equal(new[] { "NameNotResolved", "Reachable", "NameNotResolved" }, output.Select(r => Text(r, "Verdict")));
            Assert.Equal(new[] { "Blocked", "Reachable", "NoNetwork" }, output.Select(r => Text(r, "AddressVerdict")));
        }
    }
}
