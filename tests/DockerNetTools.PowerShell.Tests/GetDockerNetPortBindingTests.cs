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

            Assert.Equal(nameof(PortBindingStatus.NoListener), report.Status);
            Assert.Equal(8004, report.HostPort);
            Assert.Equal(3030, report.ContainerPort);
            Assert.Contains("listens on 3000/tcp", report.Reason);
            Assert.Contains("-p 8004:3000", report.Remedy);
        }

        [Fact]
        public void SeedLab_EveryPublishedPortListed_OnlyGreenIsBroken()
        {
            var reports = _session.Run("Get-DockerNetPortBinding -Scenario SeedLab").AssertClean().Objects<PortBindingReport>();

            Assert.Contains(reports, r => r.Container == "blueColorApp" && r.HostPort == 8003 && r.Status == nameof(PortBindingStatus.Ok));
            Assert.Contains(reports, r => r.Container == "webserver4" && r.HostPort == 8082);
            Assert.Equal(new[] { "greenColorApp" }, reports.Where(r => r.Status != nameof(PortBindingStatus.Ok)).Select(r => r.Container));
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

        [Fact]
        public void DefaultView_NoStatusWraps()
        {
            using var temp = new TempFolder();
            var path = System.IO.Path.Combine(temp.Path, "stopped.yaml");
            System.IO.File.WriteAllText(path,
                "networks:\n  - { name: lan, driver: macvlan, subnet: 192.168.1.0/24, parent: eth0 }\n"
                + "containers:\n  - { name: stoppedApp, state: exited, publish: ['8100:80'] }\n"
                + "  - { name: lanApp, network: lan, ip: 192.168.1.50, publish: ['8300:80'] }\n");

            var result = DntRunner.InProcess("Get-DockerNetPortBinding -Scenario '" + path + "'");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Matches(@"(?m)^stoppedApp\s+0\.0\.0\.0:8100\s+80/tcp\s+ContainerStopped\s+\S", result.Output);
            Assert.Matches(@"(?m)^lanApp\s+0\.0\.0\.0:8300\s+80/tcp\s+MacvlanNetwork\s+\S", result.Output);
        }
    }
}
