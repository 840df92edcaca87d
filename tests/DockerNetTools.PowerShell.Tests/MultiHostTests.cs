using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// Several hosts in one command, on modelled hosts (SeedLab and a snapshot of it under another name): the rows of
    /// every host in the order named, each with its Daemon; one host that fails is a non-terminating error naming it;
    /// the cmdlets that answer about one host refuse several. The contexts' side is in ContextParameterTests (it owns
    /// DOCKER_CONFIG), the live daemons' in the live MultiHostTests.
    /// </summary>
    public sealed class MultiHostTests : IDisposable
    {
        private readonly TempFolder _folder = new TempFolder();
        private readonly PowerShellSession _session = new PowerShellSession();
        private readonly string _lab2;

        public MultiHostTests()
        {
            // A second host: SeedLab written out under another name, with one container renamed so the hosts differ.
            _lab2 = Path.Combine(_folder.Path, "lab2.yaml");
            _session.Run("Export-DockerNetScenario -Scenario SeedLab -Path $path -Name lab2", new System.Collections.Generic.Dictionary<string, object?> { ["path"] = _lab2 })
                .AssertClean();
            File.WriteAllText(_lab2, File.ReadAllText(_lab2).Replace("name: ubuntuA", "name: ubuntuA2", StringComparison.Ordinal));
        }

        public void Dispose()
        {
            _session.Dispose();
            _folder.Dispose();
        }

        /// <summary>The error that stopped <paramref name="command"/> (try/catch catches a terminating error only); fails when none did.</summary>
        private ErrorRecord Terminating(string command)
        {
            var result = _session.Run("try { " + command + "; 'went on' } catch { $_ }");
            return Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        }

        private static string Text(PSObject row, string property) => row.Properties[property]?.Value?.ToString() ?? "(none)";

        [Fact]
        public void TwoScenarios_RowsOfEachInTheNamedOrder_WithTheirDaemon()
        {
            var result = _session.Run("Get-DockerNetInterface -Scenario '" + _lab2 + "', SeedLab -Container ubuntuA*").AssertClean();

            Assert.Equal(new[] { _lab2 + " ubuntuA2", "SeedLab ubuntuA" }, result.Output.Select(o => Text(o, "Daemon") + " " + Text(o, "Container")));
            // The note the next cmdlet binds is each row's own host.
            Assert.Equal(new[] { _lab2, "SeedLab" }, result.Output.Select(o => Text(o, "Scenario")));
        }

        [Fact]
        public void OneHost_StillCarriesItsDaemon()
        {
            var result = _session.Run("Get-DockerNetTopology -Scenario SeedLab -Network bridgetest").AssertClean();

            Assert.Equal("SeedLab", Text(Assert.Single(result.Output), "Daemon"));
            Assert.DoesNotContain(result.Output[0].TypeNames, t => t.EndsWith("#Hosts", StringComparison.Ordinal));
        }

        [Fact]
        public void SeveralHosts_RowsTakeTheHostsView()
        {
            var result = _session.Run("Get-DockerNetTopology -Scenario SeedLab, '" + _lab2 + "' -Network bridgetest").AssertClean();

            Assert.Equal(2, result.Output.Count);
            Assert.All(result.Output, o => Assert.Equal("DockerNetTools.Analysis.Topology.NetworkTopology#Hosts", o.TypeNames[0]));
        }

        [Fact]
        public void OneHostFails_NonTerminatingErrorNamingIt_TheOthersAnswered()
        {
            var missing = Path.Combine(_folder.Path, "missing.yaml");
            var result = _session.Run("Get-DockerNetTopology -Scenario SeedLab, '" + missing + "', '" + _lab2 + "' -Network bridgetest");

            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors);
            Assert.Equal("ScenarioNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(missing, error.TargetObject);
            Assert.StartsWith("Host '" + missing + "': ", error.ErrorDetails.Message, StringComparison.Ordinal);
            Assert.Equal(new[] { "SeedLab", _lab2 }, result.Output.Select(o => Text(o, "Daemon")));
        }

        [Fact]
        public void OneHostOnly_AFailureStaysTerminating()
        {
            var error = Terminating("Get-DockerNetTopology -Scenario '" + Path.Combine(_folder.Path, "missing.yaml") + "'");

            Assert.Equal("ScenarioNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
        }

        [Fact]
        public void RowsOfTwoHostsPiped_EachLeadsTheNextCmdletToItsOwnHost()
        {
            var result = _session.Run("Get-DockerNetTopology -Scenario SeedLab, '" + _lab2 + "' -Network bridge | Get-DockerNetInterface -Container ubuntuA*").AssertClean();

            Assert.Equal(new[] { "SeedLab ubuntuA", _lab2 + " ubuntuA2" }, result.Output.Select(o => Text(o, "Daemon") + " " + Text(o, "Container")));
        }

        [Theory]
        [InlineData("Get-DockerNetPortBinding -Container greenColorApp", "greenColorApp")]
        [InlineData("Get-DockerNetSocket -Container gifted_hodgkin -State Listen -Port 3306", "gifted_hodgkin")]
        public void PortBindingsAndSockets_OfEveryHost(string command, string container)
        {
            var result = _session.Run(command + " -Scenario SeedLab, '" + _lab2 + "'").AssertClean();

            Assert.Equal(new[] { "SeedLab", _lab2 }, result.Output.Select(o => Text(o, "Daemon")).Distinct());
            Assert.All(result.Output, o => Assert.Equal(container, Text(o, "Container")));
            Assert.All(result.Output, o => Assert.EndsWith("#Hosts", o.TypeNames[0], StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("Test-DockerNetReachability ubuntuA ubuntuB -Scenario SeedLab, {lab2}", "TestDockerNetReachabilityCommand")]
        [InlineData("Resolve-DockerNetName -Name ubuntuA -From ubuntuB -Scenario SeedLab, {lab2}", "ResolveDockerNetNameCommand")]
        [InlineData("Test-DockerNetPortConflict 8001:80 -Scenario SeedLab, {lab2}", "TestDockerNetPortConflictCommand")]
        [InlineData("Test-DockerNetReachability ubuntuA ubuntuB -Probe -Scenario SeedLab, {lab2}", "TestDockerNetReachabilityCommand")]
        [InlineData("Get-DockerNetTopology -ComposeFile {lab2} -Scenario SeedLab, {lab2}", "GetDockerNetTopologyCommand")]
        public void OneHostCommands_RefuseSeveral_ManyHostsNotSupported(string command, string cmdlet)
        {
            var error = Terminating(command.Replace("{lab2}", "'" + _lab2 + "'", StringComparison.Ordinal));

            Assert.Equal("ManyHostsNotSupported,DockerNetTools.PowerShell.Commands." + cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains(_lab2, error.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void SameHostTwice_ReadOnce()
        {
            var result = _session.Run("Get-DockerNetTopology -Scenario SeedLab, SeedLab -Network bridgetest").AssertClean();

            var row = Assert.Single(result.Output);
            Assert.DoesNotContain(row.TypeNames, t => t.EndsWith("#Hosts", StringComparison.Ordinal));
        }

        // Export-DockerNetScenario of several hosts, from the folder that holds lab2.yaml (so its name as typed is ./lab2.yaml).
        private ScriptResult InFolder(string script) =>
            _session.Run("Set-Location -LiteralPath '" + _folder.Path + "'; " + script);

        [Fact]
        public void ExportTwoHosts_OneFileEachNamedAfterItsHost_ThatReloadsToItsAnswers()
        {
            Directory.CreateDirectory(Path.Combine(_folder.Path, "out"));
            var result = InFolder("Export-DockerNetScenario -Scenario SeedLab, ./lab2.yaml -Path out -PassThru | ForEach-Object Name").AssertClean();

            Assert.Equal(new[] { "SeedLab.yaml", "lab2.yaml" }, result.Output.Select(o => o.ToString()));
            var reloaded = InFolder("Get-DockerNetInterface -Scenario out/lab2.yaml, out/SeedLab.yaml -Container ubuntuA* | ForEach-Object Container").AssertClean();
            Assert.Equal(new[] { "ubuntuA2", "ubuntuA" }, reloaded.Output.Select(o => o.ToString()));
            Assert.Contains("name: lab2\n", File.ReadAllText(Path.Combine(_folder.Path, "out", "lab2.yaml")), StringComparison.Ordinal);
        }

        [Fact]
        public void ExportTwoHosts_OneHostFails_TheOtherWritten()
        {
            Directory.CreateDirectory(Path.Combine(_folder.Path, "out"));
            var result = InFolder("Export-DockerNetScenario -Scenario ./missing.yaml, ./lab2.yaml -Path out");

            Assert.Equal("./missing.yaml", Assert.Single(result.Errors).TargetObject);
            Assert.Equal(new[] { "lab2.yaml" }, Directory.GetFiles(Path.Combine(_folder.Path, "out")).Select(Path.GetFileName));
        }

        [Fact]
        public void ExportTwoHosts_NoClobberOnOneFile_NothingWritten()
        {
            var output = Directory.CreateDirectory(Path.Combine(_folder.Path, "out")).FullName;
            File.WriteAllText(Path.Combine(output, "lab2.yaml"), "earlier");

            var error = Terminating("Set-Location -LiteralPath '" + _folder.Path + "'; Export-DockerNetScenario -Scenario SeedLab, ./lab2.yaml -Path out -NoClobber");

            Assert.Equal("ScenarioFileExists,DockerNetTools.PowerShell.Commands.ExportDockerNetScenarioCommand", error.FullyQualifiedErrorId);
            Assert.Equal(new[] { "lab2.yaml" }, Directory.GetFiles(output).Select(Path.GetFileName));
            Assert.Equal("earlier", File.ReadAllText(Path.Combine(output, "lab2.yaml")));
        }

        [Theory]
        [InlineData("-Path out.yaml", "ScenarioFolderRequired")]
        [InlineData("-Path out -Name snap", "ManyHostsNotSupported")]
        [InlineData("-Path .", "ScenarioFileNameClash")]
        public void ExportTwoHosts_AmbiguousInput_RefusedBeforeAnythingIsWritten(string arguments, string errorId)
        {
            // SeedLab and ./SeedLab.yaml are two hosts that would share SeedLab.yaml.
            File.Copy(_lab2, Path.Combine(_folder.Path, "SeedLab.yaml"));
            Directory.CreateDirectory(Path.Combine(_folder.Path, "out"));
            var hosts = errorId == "ScenarioFileNameClash" ? "SeedLab, ./SeedLab.yaml" : "SeedLab, ./lab2.yaml";

            var error = Terminating("Set-Location -LiteralPath '" + _folder.Path + "'; Export-DockerNetScenario -Scenario " + hosts + " " + arguments);

            Assert.Equal(errorId + ",DockerNetTools.PowerShell.Commands.ExportDockerNetScenarioCommand", error.FullyQualifiedErrorId);
            Assert.Empty(Directory.GetFiles(Path.Combine(_folder.Path, "out")));
            Assert.Equal(new[] { "SeedLab.yaml", "lab2.yaml" }, Directory.GetFiles(_folder.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }
    }
}
