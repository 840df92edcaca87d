using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Export-DockerNetScenario on a modelled host: the file reloads to the same answers; -NoClobber, -Force, -WhatIf.</summary>
    public sealed class ExportDockerNetScenarioTests : IClassFixture<PowerShellSession>, IDisposable
    {
        private const string CmdletId = "DockerNetTools.PowerShell.Commands.ExportDockerNetScenarioCommand";
        private readonly PowerShellSession _session;
        private readonly string _file = Path.Combine(Path.GetTempPath(), "dnt-export-" + Guid.NewGuid().ToString("N") + ".yaml");

        public ExportDockerNetScenarioTests(PowerShellSession session) => _session = session;

        public void Dispose()
        {
            if (File.Exists(_file)) File.SetAttributes(_file, FileAttributes.Normal);
            File.Delete(_file);
        }

        private ScriptResult Run(string script) => _session.Run(script, new Dictionary<string, object?> { ["file"] = _file });

        [Fact]
        public void Export_SeedLab_SnapshotGivesTheSameAnswers()
        {
            Run("Export-DockerNetScenario -Scenario SeedLab -Path $file").AssertClean();
            Assert.StartsWith("# DockerNetTools scenario", File.ReadAllText(_file));
            foreach (var query in new[]
            {
                "Get-DockerNetInterface | ForEach-Object { \"$($_.Container) $($_.Interface) $($_.HostVeth) $($_.Bridge) $($_.IPAddress) $($_.MacAddress)\" }",
                "Test-DockerNetReachability -Source ubuntuB, nodectn -Destination ubuntuA, ubuntuC, sqll -Port 3306 | ForEach-Object { \"$($_.Verdict) $($_.PathText)\" }",
                "Resolve-DockerNetName -Name sqll, rediss, linktest1 -From nodectn, linktest2 2>$null | ForEach-Object { \"$($_.From) $($_.Name) $($_.IPAddress) $($_.Source)\" }",
                "Get-DockerNetSocket | ForEach-Object { \"$($_.Container) $($_.LocalAddress):$($_.LocalPort) $($_.State) $($_.Process)\" }",
                "Get-DockerNetPortBinding | ForEach-Object { \"$($_.Container) $($_.HostPort) $($_.Status)\" }",
            })
            {
                var original = Run("& { " + query.Replace("| ForEach", "-Scenario SeedLab | ForEach") + " }").AssertClean().Output.Select(o => o.ToString()).ToList();
                var snapshot = Run("& { " + query.Replace("| ForEach", "-Scenario $file | ForEach") + " }").AssertClean().Output.Select(o => o.ToString()).ToList();
                Assert.NotEmpty(original);
                Assert.Equal(original, snapshot);
            }
        }

        [Fact]
        public void Export_NoClobberOnExistingFile_ScenarioFileExistsAndFileKept()
        {
            File.WriteAllText(_file, "keep me");
            var result = Run("Export-DockerNetScenario -Scenario SeedLab -Path $file -NoClobber");
            Assert.Equal("ScenarioFileExists," + CmdletId, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal("keep me", File.ReadAllText(_file));
        }

        [Fact]
        public void Export_ReadOnlyFile_NeedsForce()
        {
            File.WriteAllText(_file, "old");
            File.SetAttributes(_file, FileAttributes.ReadOnly);
            var refused = Run("Export-DockerNetScenario -Scenario SeedLab -Path $file");
            Assert.Equal("ScenarioFileReadOnly," + CmdletId, Assert.Single(refused.Errors).FullyQualifiedErrorId);
            Assert.Equal("old", File.ReadAllText(_file));

            Run("Export-DockerNetScenario -Scenario SeedLab -Path $file -Force").AssertClean();
            Assert.StartsWith("# DockerNetTools scenario", File.ReadAllText(_file));
        }

        [Fact]
        public void Export_WhatIf_WritesNothing()
        {
            Run("Export-DockerNetScenario -Scenario SeedLab -Path $file -WhatIf").AssertClean();
            Assert.False(File.Exists(_file));
        }

        [Fact]
        public void Export_PassThru_ReturnsTheFile()
        {
            var item = Assert.Single(Run("Export-DockerNetScenario -Scenario SeedLab -Path $file -PassThru").AssertClean().Output);
            Assert.Equal(_file, item.Properties["FullName"].Value);
        }
    }
}
