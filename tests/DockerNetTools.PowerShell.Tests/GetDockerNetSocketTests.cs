using System.Linq;
using DockerNetTools.Analysis.Sockets;
using DockerNetTools.Model;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Get-DockerNetSocket on SeedLab, through the real engine.</summary>
    public sealed class GetDockerNetSocketTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public GetDockerNetSocketTests(PowerShellSession session) => _session = session;

        [Fact]
        public void SeedLab_MySqlContainerShowsMysqldListeningOn3306()
        {
            var rows = _session.Run("Get-DockerNetSocket -Scenario SeedLab -Container gifted_hodgkin -State Listen -Port 3306").AssertClean().Objects<SocketRow>();

            var row = Assert.Single(rows);
            Assert.Equal("mysqld", row.Process);
            Assert.Equal(SocketState.Listen, row.State);
            Assert.Equal(3306, row.LocalPort);
        }

        [Fact]
        public void SeedLab_TargetContainerReportsSourceContainersSocketsAndSaysItShares()
        {
            var source = _session.Run("Get-DockerNetSocket -Scenario SeedLab -Container sourcecontainer").AssertClean().Objects<SocketRow>();
            var target = _session.Run("Get-DockerNetSocket -Scenario SeedLab -Container targetcontainer").AssertClean().Objects<SocketRow>();

            Assert.NotEmpty(target);
            Assert.Equal(source.Select(r => (r.Protocol, r.LocalAddress, r.LocalPort, r.RemoteAddress, r.RemotePort, r.State)),
                target.Select(r => (r.Protocol, r.LocalAddress, r.LocalPort, r.RemoteAddress, r.RemotePort, r.State)));
            Assert.All(target, r => Assert.Equal("sourcecontainer", r.Namespace));
            Assert.All(target, r => Assert.Equal(new[] { "sourcecontainer" }, r.SharedWith));
            Assert.Contains(target, r => r.State == SocketState.Listen && r.LocalPort == 3306 && r.Process == "mysqld");
        }

        [Fact]
        public void ProtocolFilter_Udp_KeepsOnlyUdpRows()
        {
            var rows = _session.Run("Get-DockerNetSocket -Scenario SeedLab -Protocol Udp").AssertClean().Objects<SocketRow>();

            Assert.All(rows, r => Assert.True(r.Protocol == SocketProtocol.Udp || r.Protocol == SocketProtocol.Udp6));
        }

        [Fact]
        public void Pipeline_FromInterfaceRows_ByContainerProperty()
        {
            var rows = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Container bridgeredis | Get-DockerNetSocket -Scenario SeedLab -State Listen")
                .AssertClean().Objects<SocketRow>();

            Assert.Contains(rows, r => r.Container == "bridgeredis" && r.LocalPort == 6379);
        }

        [Fact]
        public void UnknownSockets_AreAWarningNotAnEmptyAnswer()
        {
            using var temp = new TempFolder();
            var path = System.IO.Path.Combine(temp.Path, "unknown.yaml");
            System.IO.File.WriteAllText(path, "containers:\n  - { name: web }\n");

            var result = _session.Run("Get-DockerNetSocket -Scenario $path -Container web",
                new System.Collections.Generic.Dictionary<string, object?> { ["path"] = path }).AssertClean();

            Assert.Empty(result.Output);
            Assert.Contains("unknown, not absent", Assert.Single(result.Warnings).Message);
        }

        [Fact]
        public void DefaultView_GroupsByContainerAndNamesTheSharedNamespace()
        {
            var result = DntRunner.InProcess("Get-DockerNetSocket -Scenario SeedLab -Container targetcontainer");

            Assert.Contains("Container: targetcontainer (namespace of sourcecontainer), shared with sourcecontainer", result.Output);
            Assert.Matches(@"tcp6\s+Listen\s+0\s+0\s+\[::\]:3306\s+\[::\]:\*\s+mysqld", result.Output);
        }
    }
}
