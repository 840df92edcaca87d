using System.Linq;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Get-DockerNetPortBinding on SeedLab, through the real engine.</summary>
    public sealed class GetDockerNetPortBindingTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public GetDockerNetPortBindingTests(PowerShellSession session) => _session = session;

        [Fact]
        public void SeedLab_GreenColorApp8004IsNoListenerAndSuggestsTheRealPort()
        {
            var report = Assert.Single(_session.Run("Get-DockerNetPortBinding -Scenario SeedLab -Container greenColorApp").AssertClean().Objects<PortBindingReport>());

            Assert.Equal(PortBindingStatus.NoListener, report.Status);
            Assert.Equal(8004, report.HostPort);
            Assert.Equal(3030, report.ContainerPort);
            Assert.Contains("listens on 3000/tcp", report.Reason);
            Assert.Contains("-p 8004:3000", report.Remedy);
        }

        [Fact]
        public void SeedLab_EveryPublishedPortListed_OnlyGreenIsBroken()
        {
            var reports = _session.Run("Get-DockerNetPortBinding -Scenario SeedLab").AssertClean().Objects<PortBindingReport>();

            Assert.Contains(reports, r => r.Container == "blueColorApp" && r.HostPort == 8003 && r.Status == PortBindingStatus.Ok);
            Assert.Contains(reports, r => r.Container == "webserver4" && r.HostPort == 8082);
            Assert.Equal(new[] { "greenColorApp" }, reports.Where(r => r.Status != PortBindingStatus.Ok).Select(r => r.Container));
        }

        [Fact]
        public void StatusFilterAndPipeline_ByContainerProperty()
        {
            var reports = _session.Run("[pscustomobject]@{ Container = 'greenColorApp' }, [pscustomobject]@{ Name = 'blueColorApp' } | " +
                                       "Get-DockerNetPortBinding -Scenario SeedLab -Status NoListener").AssertClean().Objects<PortBindingReport>();

            Assert.Equal("greenColorApp", Assert.Single(reports).Container);
        }

        [Fact]
        public void DefaultView_ShowsStatusAndReason()
        {
            var result = DntRunner.InProcess("Get-DockerNetPortBinding -Scenario SeedLab -Container greenColorApp");

            Assert.Matches(@"greenColorApp\s+0\.0\.0\.0:8004\s+3030/tcp\s+NoListener", result.Output);
        }
    }
}
