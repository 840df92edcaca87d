using System.Linq;
using System.Management.Automation;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Test-DockerNetPortConflict on SeedLab, through the real engine.</summary>
    public sealed class TestDockerNetPortConflictTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public TestDockerNetPortConflictTests(PowerShellSession session) => _session = session;

        [Fact]
        public void SeedLab_8003ConflictsWithBlueColorAppInDockersWords()
        {
            var result = Assert.Single(_session.Run("Test-DockerNetPortConflict -Scenario SeedLab -Publish '8003:3000'").AssertClean().Objects<PortConflict>());

            Assert.True(result.Conflict);
            Assert.Equal("blueColorApp", result.ConflictsWith);
            Assert.Equal("Bind for 0.0.0.0:8003 failed: port is already allocated", result.Reason);
            Assert.Equal("0.0.0.0", result.HostIp);
            Assert.Equal(8003, result.HostPort);
        }

        [Fact]
        public void Pipeline_SpecsByValue_AreCheckedTogetherLikeOneDockerRun()
        {
            var results = _session.Run("'8090:80', '8090:81', '8003:3000/udp' | Test-DockerNetPortConflict -Scenario SeedLab").AssertClean().Objects<PortConflict>();

            Assert.Equal(new[] { false, true, false }, results.Select(r => r.Conflict));
            Assert.Equal(nameof(PortHolderKind.SameRequest), results[1].HolderKind);
        }

        [Fact]
        public void BadSpec_IsPublishSpecInvalidAndTheOthersStillAnswer()
        {
            var result = _session.Run("Test-DockerNetPortConflict -Scenario SeedLab -Publish '80:http', '8003:3000'");

            var error = Assert.Single(result.Errors);
            Assert.Equal("PublishSpecInvalid,DockerNetTools.PowerShell.Commands.TestDockerNetPortConflictCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("80:http", error.TargetObject);
            Assert.Equal("blueColorApp", Assert.Single(result.Objects<PortConflict>()).ConflictsWith);
        }

        [Fact]
        public void HostListener_NamesTheHostProcess()
        {
            var result = Assert.Single(_session.Run("Test-DockerNetPortConflict -Scenario SeedLab 22:22").AssertClean().Objects<PortConflict>());

            Assert.StartsWith("host process sshd", result.ConflictsWith);
            Assert.Equal("Error starting userland proxy: listen tcp4 0.0.0.0:22: bind: address already in use", result.Reason);
        }

        [Fact]
        public void DefaultView_HostRangeShowsThePortDockerTakes()
        {
            var result = DntRunner.InProcess("Test-DockerNetPortConflict -Scenario SeedLab -Publish '8003-8006:3000'");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Matches(@"(?m)^8003-8006:3000 \(8005\)\s+False\s+Free: Docker takes 8005 of 8003-8006", result.Output);
        }
    }
}
