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

        [Fact]
        public void Export_PathIsAFolder_ScenarioPathIsDirectorySuggestingAFileInside()
        {
            var folder = Path.GetDirectoryName(_file)!;
            var result = _session.Run("Export-DockerNetScenario -Scenario SeedLab -Path $folder", new Dictionary<string, object?> { ["folder"] = folder });

            var error = Assert.Single(result.Errors);
            Assert.Equal("ScenarioPathIsDirectory," + CmdletId, error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("Cannot write " + folder + ": it is a folder. -Path names the scenario file to write.", error.Exception.Message);
            Assert.Equal("Give a file name inside it: -Path " + Path.Combine(folder, "scenario.yaml"), error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void Export_MissingFolderWhereTheSessionHasNewItem_RecommendsNewItem()
        {
            var folder = Path.Combine(Path.GetDirectoryName(_file)!, "dnt-missing-" + Guid.NewGuid().ToString("N"));
            var path = Path.Combine(folder, "lab.yaml");
            var result = _session.Run("& { function New-Item { }; Export-DockerNetScenario -Scenario SeedLab -Path $path }",
                new Dictionary<string, object?> { ["path"] = path });

            var error = Assert.Single(result.Errors);
            Assert.Equal("ScenarioDirectoryNotFound," + CmdletId, error.FullyQualifiedErrorId);
            Assert.Equal("Create the folder first (New-Item -ItemType Directory -Path '" + folder + "'), or give a -Path in an existing folder.",
                error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void Export_InDnt_MissingFolderRecommendsNewItem()
        {
            // dnt has pwsh's Management module (the PowerShell SDK), so the folder can be made in dnt itself.
            var folder = Path.Combine(Path.GetDirectoryName(_file)!, "dnt-missing-" + Guid.NewGuid().ToString("N"));
            var result = DntRunner.InProcess("Export-DockerNetScenario -Scenario SeedLab -Path '" + Path.Combine(folder, "lab.yaml") + "'");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("Recommended action: Create the folder first (New-Item -ItemType Directory -Path '" + folder + "')", result.Error + result.Output);
        }

        [Fact]
        public void Export_ParentIsAFile_SaysSo()
        {
            File.WriteAllText(_file, "a file");
            var path = Path.Combine(_file, "lab.yaml");
            var result = _session.Run("Export-DockerNetScenario -Scenario SeedLab -Path $path", new Dictionary<string, object?> { ["path"] = path });

            var error = Assert.Single(result.Errors);
            Assert.Equal("ScenarioDirectoryNotFound," + CmdletId, error.FullyQualifiedErrorId);
            Assert.Equal("Cannot write " + path + ": " + _file + " is a file, not a folder.", error.Exception.Message);
        }

        // A write that fails part way (here: a file-size limit of 8 KiB, below SeedLab's ~16 KiB) leaves neither a
        // half-written scenario nor a changed file, and is ScenarioFileWriteFailed, not a raw .NET exception.
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async System.Threading.Tasks.Task Export_WriteFailsPartWay_LeavesNothingHalfWritten(bool fileExisted)
        {
            if (!OperatingSystem.IsLinux()) return; // ulimit -f and SIGXFSZ are how the failure is made
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dnt-export-limit-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                var path = Path.Combine(folder, "lab.yaml");
                if (fileExisted) File.WriteAllText(path, "keep me");
                var start = new System.Diagnostics.ProcessStartInfo("/bin/sh")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                // SIGXFSZ ignored, so the write fails with EFBIG instead of killing dnt; no W^X double mapping, which needs a large file.
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$1\" \"$2\"");
                start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
                start.ArgumentList.Add(Repository.DntDll);
                start.ArgumentList.Add("Export-DockerNetScenario -Scenario SeedLab -Path '" + path + "'");
                start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
                using var process = System.Diagnostics.Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using (var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(1)))
                    await process.WaitForExitAsync(timeout.Token);
                var printed = await stdout + await stderr;

                Assert.Equal(1, process.ExitCode);
                Assert.Contains("(ScenarioFileWriteFailed," + CmdletId + ")", printed);
                Assert.Contains("the file would be larger than the file system or the process's file-size limit (ulimit -f) allows.", printed);
                Assert.Equal(fileExisted ? new[] { "lab.yaml" } : Array.Empty<string>(), Directory.GetFiles(folder).Select(Path.GetFileName).ToArray());
                if (fileExisted) Assert.Equal("keep me", File.ReadAllText(path));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
