using System.Linq;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>-Probe needs real traffic: on a scenario it stops at once with ProbeRequiresLiveDaemon, before any output.</summary>
    public sealed class ProbeOnScenarioTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public ProbeOnScenarioTests(PowerShellSession session)
        {
            _session = session;
        }

        [Theory]
        [InlineData("Test-DockerNetReachability -Scenario SeedLab -Source ubuntuB -Destination ubuntuA -Probe", "TestDockerNetReachabilityCommand")]
        [InlineData("Test-DockerNetReachability -Scenario SeedLab -Source ubuntuB -Destination ubuntuA -Port 80 -Probe -Quiet", "TestDockerNetReachabilityCommand")]
        [InlineData("Resolve-DockerNetName -Scenario SeedLab -Name sqll -From nodectn -Probe", "ResolveDockerNetNameCommand")]
        public void Probe_OnScenario_TerminatingProbeRequiresLiveDaemon(string script, string command)
        {
            // ThrowTerminatingError stops the command (statement-terminating), so the script sees one error and no output.
            var result = _session.Run(script);
            var error = Assert.Single(result.Errors);
            Assert.Equal("ProbeRequiresLiveDaemon,DockerNetTools.PowerShell.Commands." + command, error.FullyQualifiedErrorId);
            Assert.Contains("scenario SeedLab", error.Exception.Message);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void Probe_SessionDefaultScenario_AlsoRefused()
        {
            var result = _session.Run("Connect-DockerNet -Scenario SeedLab | Out-Null; try { Test-DockerNetReachability ubuntuB ubuntuA -Probe } finally { Disconnect-DockerNet }");
            Assert.Equal("ProbeRequiresLiveDaemon", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',').First());
            Assert.Empty(result.Output);
        }
    }
}
