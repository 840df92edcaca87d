using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>ConvertTo-DockerNetDiagram on the SeedLab: DOT and Mermaid text, files, and the errors around Graphviz's dot.</summary>
    public sealed class ConvertToDockerNetDiagramTests : IClassFixture<PowerShellSession>, IDisposable
    {
        private const string CmdletId = "DockerNetTools.PowerShell.Commands.ConvertToDockerNetDiagramCommand";
        private const string BlockedPair = "Test-DockerNetReachability -Scenario SeedLab -Source ubuntuB -Destination 172.19.0.3 -Port 80";
        private readonly PowerShellSession _session;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "dg-diagram-" + Guid.NewGuid().ToString("N"));

        public ConvertToDockerNetDiagramTests(PowerShellSession session)
        {
            _session = session;
            Directory.CreateDirectory(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private ScriptResult Run(string script) => _session.Run(script, new Dictionary<string, object?> { ["folder"] = _folder });

        private string Text(string script) => (string)Assert.Single(Run(script).AssertClean().Output).BaseObject;

        // Every container with an interface row, every host veth and every bridge of the SeedLab, as Get-DockerNetInterface lists them.
        private IReadOnlyList<string> SeedLabNames() =>
            Run("Get-DockerNetInterface -Scenario SeedLab | ForEach-Object { $_.Container; $_.HostVeth; $_.Bridge } | Where-Object { $_ } | Sort-Object -Unique")
                .AssertClean().Output.Select(o => (string)o.BaseObject).ToList();

        [Fact]
        public void Topology_SeedLab_DotNamesEveryContainerVethAndBridgeOfTheNetworks()
        {
            var dot = Text("Get-DockerNetTopology -Scenario SeedLab | ConvertTo-DockerNetDiagram");

            Assert.StartsWith("digraph DockerNet {\n", dot, StringComparison.Ordinal);
            var names = Run("Get-DockerNetTopology -Scenario SeedLab | ForEach-Object { $_.Bridge; $_.Containers | ForEach-Object { $_.Name; $_.HostVeth } } | Where-Object { $_ }")
                .AssertClean().Output.Select(o => (string)o.BaseObject).ToList();
            Assert.Contains("docker0", names);
            Assert.Contains("ubuntuA", names);
            Assert.Contains(names, n => n.StartsWith("veth", StringComparison.Ordinal));
            foreach (var name in names) Assert.Contains(name, dot, StringComparison.Ordinal);
            Assert.Contains("172.17.0.0/16", dot, StringComparison.Ordinal);
            Assert.Contains("0.0.0.0:8080/tcp", dot, StringComparison.Ordinal);
        }

        [Fact]
        public void TopologyAndInterfaces_PipedTogether_OneDiagramEachContainerOnce()
        {
            var dot = Text("& { Get-DockerNetTopology -Scenario SeedLab; Get-DockerNetInterface -Scenario SeedLab } | ConvertTo-DockerNetDiagram");

            foreach (var name in SeedLabNames()) Assert.Contains(name, dot, StringComparison.Ordinal);
            // targetcontainer runs in sourcecontainer's namespace: drawn beside it, its veth once.
            Assert.Contains("uses sourcecontainer's namespace", dot, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(dot, "\\[label=\"veth71d8d08\""));
            Assert.Single(Regex.Matches(dot, "^digraph", RegexOptions.Multiline));
            Assert.Single(Regex.Matches(dot, "label=\"ubuntuA\";"));
            Assert.Single(Regex.Matches(dot, "\\[label=\"veth12bac60\""));
        }

        [Fact]
        public void Interfaces_Mermaid_FlowchartWithEveryName()
        {
            var mermaid = Text("Get-DockerNetInterface -Scenario SeedLab | ConvertTo-DockerNetDiagram -Format Mermaid");

            Assert.StartsWith("flowchart LR\n", mermaid, StringComparison.Ordinal);
            foreach (var name in SeedLabNames()) Assert.Contains(name, mermaid, StringComparison.Ordinal);
        }

        [Fact]
        public void Reachability_BlockedSeedLabPair_DroppingHopMarkedWithItsRule()
        {
            var dropped = (string)Assert.Single(Run(BlockedPair + " | ForEach-Object { $_.DroppedAt.Description }").AssertClean().Output).BaseObject;
            var dot = Text(BlockedPair + " | ConvertTo-DockerNetDiagram");

            Assert.Contains("DOCKER-ISOLATION-STAGE-2", dropped, StringComparison.Ordinal);
            var marked = Regex.Match(dot, "\\[label=\"DROPPED HERE: FORWARD\\\\n([^\"]*)\"");
            Assert.True(marked.Success, dot);
            Assert.Equal(dropped, marked.Groups[1].Value.Replace("\\n", " ", StringComparison.Ordinal));
            Assert.Single(Regex.Matches(dot, "DROPPED HERE"));
            Assert.Contains("ubuntuB -> 172.19.0.3 tcp/80: Blocked", dot, StringComparison.Ordinal);
        }

        [Fact]
        public void Path_DotAndMmd_FilesHoldTheTextOfEachFormat()
        {
            Run("Get-DockerNetTopology -Scenario SeedLab | ConvertTo-DockerNetDiagram -Path (Join-Path $folder seedlab.dot); " +
                BlockedPair + " | ConvertTo-DockerNetDiagram -Path (Join-Path $folder blocked.mmd)").AssertClean();

            Assert.Equal(Text("Get-DockerNetTopology -Scenario SeedLab | ConvertTo-DockerNetDiagram"), File.ReadAllText(Path.Combine(_folder, "seedlab.dot")));
            Assert.Equal(Text(BlockedPair + " | ConvertTo-DockerNetDiagram -Format Mermaid"), File.ReadAllText(Path.Combine(_folder, "blocked.mmd")));
        }

        [Fact]
        public void Path_PassThru_WritesTheFileInfo()
        {
            var file = Assert.Single(Run("Get-DockerNetTopology -Scenario SeedLab bridge | ConvertTo-DockerNetDiagram (Join-Path $folder bridge.gv) -PassThru")
                .AssertClean().Objects<FileInfo>());

            Assert.Equal(Path.Combine(_folder, "bridge.gv"), file.FullName);
            Assert.StartsWith("digraph", File.ReadAllText(file.FullName), StringComparison.Ordinal);
        }

        [Fact]
        public void Path_MermaidFormatWithSvg_DiagramFormatConflictAndNoFile()
        {
            var result = Run("Get-DockerNetTopology -Scenario SeedLab | ConvertTo-DockerNetDiagram -Format Mermaid -Path (Join-Path $folder x.svg)");

            Assert.Equal("DiagramFormatConflict," + CmdletId, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(Directory.GetFiles(_folder));
        }

        [Fact]
        public void Path_FolderMissing_DiagramFileWriteFailedNamingThePath()
        {
            var result = Run("Get-DockerNetTopology -Scenario SeedLab bridge | ConvertTo-DockerNetDiagram -Path (Join-Path $folder missing/bridge.dot)");

            var error = Assert.Single(result.Errors);
            Assert.Equal("DiagramFileWriteFailed," + CmdletId, error.FullyQualifiedErrorId);
            Assert.Contains(Path.Combine(_folder, "missing", "bridge.dot"), error.Exception.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(_folder));
        }

        [Fact]
        public void Input_NotAResult_PipelineInputNotSupportedAndTheRestDrawn()
        {
            var result = Run("& { 'ubuntuA'; Get-DockerNetTopology -Scenario SeedLab bridge } | ConvertTo-DockerNetDiagram");

            var error = Assert.Single(result.Errors);
            Assert.Equal("PipelineInputNotSupported," + CmdletId, error.FullyQualifiedErrorId);
            Assert.Contains("System.String", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("docker0", (string)Assert.Single(result.Output).BaseObject, StringComparison.Ordinal);
        }

        [Fact]
        public void Svg_NoDotOnPath_GraphvizNotFoundAndNoFile()
        {
            var svg = Path.Combine(_folder, "seedlab.svg");
            var dnt = DntRunner.Process(
                "try { Get-DockerNetTopology -Scenario SeedLab | ConvertTo-DockerNetDiagram -Path '" + svg + "' -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.ErrorDetails.RecommendedAction }",
                environment: new Dictionary<string, string> { ["PATH"] = _folder });

            Assert.Equal(0, dnt.ExitCode);
            Assert.StartsWith("GraphvizNotFound," + CmdletId + "\n", dnt.Output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("apt-get install graphviz", dnt.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(svg));
        }

        [Fact]
        public void Png_DotFails_GraphvizFailedQuotesItsErrorAndNoFile()
        {
            if (OperatingSystem.IsWindows()) return; // a shell script stands in for a broken dot
            var bin = Path.Combine(_folder, "bin");
            Directory.CreateDirectory(bin);
            var fake = Path.Combine(bin, "dot");
            File.WriteAllText(fake, "#!/bin/sh\ncat > /dev/null\necho 'Error: <stdin>: syntax error in line 1' >&2\nexit 1\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var png = Path.Combine(_folder, "blocked.png");

            var dnt = DntRunner.Process(
                "try { " + BlockedPair + " | ConvertTo-DockerNetDiagram -Path '" + png + "' -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }",
                environment: new Dictionary<string, string> { ["PATH"] = bin + ":/usr/bin:/bin" });

            Assert.StartsWith("GraphvizFailed," + CmdletId + "\n", dnt.Output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("syntax error in line 1", dnt.Output, StringComparison.Ordinal);
            Assert.Contains(fake, dnt.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(png));
        }
    }
}
