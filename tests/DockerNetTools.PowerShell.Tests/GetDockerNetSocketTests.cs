using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Analysis.Sockets;
using DockerNetTools.Model;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Get-DockerNetSocket on SeedLab, through the real engine.</summary>
    public sealed class GetDockerNetSocketTests : IClassFixture<PowerShellSession>, System.IDisposable
    {
        private readonly PowerShellSession _session;
        private readonly TempFolder _temp = new TempFolder();

        public GetDockerNetSocketTests(PowerShellSession session) => _session = session;

        public void Dispose() => _temp.Dispose();

        /// <summary>A scenario with one socket of root (uid 0, inode 0 as written), one of an unknown owner, and a TIME_WAIT.</summary>
        private string Lab()
        {
            var path = System.IO.Path.Combine(_temp.Path, "sockets.yaml");
            System.IO.File.WriteAllText(path, @"containers:
  - name: web
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:22"", state: listen, process: sshd, uid: 0, inode: 0 }
      - { protocol: tcp, local: ""0.0.0.0:80"", state: listen }
      - { protocol: tcp, local: ""172.17.0.2:80"", remote: ""172.17.0.9:41000"", state: TIME-WAIT }
      - { protocol: tcp, local: ""172.17.0.2:80"", remote: ""172.17.0.9:41002"", state: estab }
");
            return path;
        }

        [Fact]
        public void SeedLab_MySqlContainerShowsMysqldListeningOn3306()
        {
            var rows = _session.Run("Get-DockerNetSocket -Scenario SeedLab -Container gifted_hodgkin -State Listen -Port 3306").AssertClean().Objects<SocketRow>();

            var row = Assert.Single(rows);
            Assert.Equal("mysqld", row.Process);
            Assert.Equal(nameof(SocketState.Listen), row.State);
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
            Assert.Contains(target, r => r.State == nameof(SocketState.Listen) && r.LocalPort == 3306 && r.Process == "mysqld");
        }

        [Fact]
        public void ProtocolFilter_Udp_KeepsOnlyUdpRows()
        {
            var rows = _session.Run("Get-DockerNetSocket -Scenario SeedLab -Protocol Udp").AssertClean().Objects<SocketRow>();

            Assert.All(rows, r => Assert.True(r.Protocol == nameof(SocketProtocol.Udp) || r.Protocol == nameof(SocketProtocol.Udp6)));
        }

        [Fact]
        public void Pipeline_FromInterfaceRows_ByContainerProperty()
        {
            var rows = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Container bridgeredis | Get-DockerNetSocket -Scenario SeedLab -State Listen")
                .AssertClean().Objects<SocketRow>();

            Assert.Contains(rows, r => r.Container == "bridgeredis" && r.LocalPort == 6379);
        }

        [Theory]
        [InlineData("time_wait")]
        [InlineData("TIME-WAIT")]
        [InlineData("TimeWait")]
        [InlineData("timewait")]
        public void State_AcceptsEverySpellingTheScenarioFilesAccept(string spelling)
        {
            var rows = _session.Run("Get-DockerNetSocket -Scenario $path -State $state",
                new Dictionary<string, object?> { ["path"] = Lab(), ["state"] = spelling }).AssertClean().Objects<SocketRow>();

            Assert.Equal(nameof(SocketState.TimeWait), Assert.Single(rows).State);
        }

        [Fact]
        public void State_SsAbbreviationsAndSeveralAtOnce()
        {
            var rows = _session.Run("Get-DockerNetSocket -Scenario $path -State estab, LISTEN",
                new Dictionary<string, object?> { ["path"] = Lab() }).AssertClean().Objects<SocketRow>();

            Assert.Equal(new[] { nameof(SocketState.Established), nameof(SocketState.Listen) }, rows.Select(r => r.State).Distinct().OrderBy(s => s, StringComparer.Ordinal));
        }

        [Fact]
        public void State_Unknown_ErrorListsTheStatesAsTheViewShowsThem()
        {
            var result = _session.Run("Get-DockerNetSocket -Scenario SeedLab -State waiting");

            var error = result.TerminatingError ?? Assert.Single(result.Errors);
            Assert.StartsWith("ParameterArgumentTransformationError,", error.FullyQualifiedErrorId, System.StringComparison.Ordinal);
            Assert.Contains("'waiting' is not a socket state. Use one of: Listen, Established, TimeWait, CloseWait, Unconnected", error.Exception.Message,
                System.StringComparison.Ordinal);
            Assert.Contains("time_wait, TIME-WAIT, estab", error.Exception.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void State_TabCompletion_OffersTheViewsNames()
        {
            const string line = "Get-DockerNetSocket -State Time";
            var completions = _session.Run(
                "(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }",
                new Dictionary<string, object?> { ["line"] = line }).AssertClean();

            Assert.Equal(new[] { "TimeWait" }, completions.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public void UidAndInode_UnknownAreEmpty_RootIsZero()
        {
            var rows = _session.Run("Get-DockerNetSocket -Scenario $path -State Listen", new Dictionary<string, object?> { ["path"] = Lab() })
                .AssertClean().Objects<SocketRow>();

            var root = Assert.Single(rows, r => r.LocalPort == 22);
            Assert.Equal(0, root.Uid);
            Assert.Equal(0, root.Inode);
            var unknown = Assert.Single(rows, r => r.LocalPort == 80);
            Assert.Null(unknown.Uid);
            Assert.Null(unknown.Inode);
            // The list view shows nothing for unknown, 0 for root.
            var shown = DntRunner.InProcess("Get-DockerNetSocket -Scenario '" + Lab() + "' -State Listen | Format-List LocalPort, Uid, Inode").Output;
            Assert.Matches(@"LocalPort : 22\s+Uid       : 0\s+Inode     : 0", shown);
            Assert.Matches(@"LocalPort : 80\s+Uid       :\s+Inode     :\s", shown);
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
