using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Connect-DockerNet / Disconnect-DockerNet: the session default. Each test opens its own runspace.</summary>
    public sealed class ConnectDockerNetTests
    {
        [Fact]
        public void Connect_SeedLab_LaterCmdletsNeedNoScenario()
        {
            using var session = new PowerShellSession();
            session.Run("Connect-DockerNet -Scenario SeedLab").AssertClean();

            var row = Assert.Single(session.Run("Get-DockerNetInterface -Container ubuntuC").AssertClean().Objects<ContainerInterface>());
            Assert.Equal("10.0.0.2", row.IPAddress!.ToString());
        }

        [Fact]
        public void Connect_PassThru_ReturnsTheConnectionAsChecked()
        {
            using var session = new PowerShellSession();
            // The connection type lives in the cmdlet assembly, which the tests only load through Import-Module: read it as a PSObject.
            var connection = Assert.Single(session.Run("Connect-DockerNet seedlab -PassThru").AssertClean().Output);

            Assert.Equal("DockerNetTools.PowerShell.DockerNetConnection", connection.BaseObject.GetType().FullName);
            Assert.Equal("Scenario", connection.Properties["Backend"].Value.ToString());
            Assert.Equal("SeedLab", connection.Properties["Target"].Value);
            Assert.Equal("scenario SeedLab", connection.Properties["Source"].Value);
            Assert.True((int)connection.Properties["ContainerCount"].Value > 20);
            Assert.True((int)connection.Properties["NetworkCount"].Value >= 6);
        }

        [Fact]
        public void Connect_MissingScenarioFile_FailsAtConnectTime()
        {
            using var session = new PowerShellSession();
            // try/catch only catches a terminating error: a non-terminating one would let 'went on' through.
            var result = session.Run("try { Connect-DockerNet -Scenario ./no-such-lab.yaml; 'went on' } catch { $_ }").AssertClean();

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal("ScenarioNotFound,DockerNetTools.PowerShell.Commands.ConnectDockerNetCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        }

        [Fact]
        public void Connect_RelativePath_ResolvedAgainstPwdAndKeptAbsolute()
        {
            using var temp = new TempFolder();
            File.WriteAllText(Path.Combine(temp.Path, "lab.yaml"), "containers:\n  - name: only\n");
            using var session = new PowerShellSession();
            var vars = new Dictionary<string, object?> { ["dir"] = temp.Path };

            var connection = Assert.Single(session.Run(
                "$null = $ExecutionContext.SessionState.Path.SetLocation($dir); Connect-DockerNet ./lab.yaml -PassThru", vars)
                .AssertClean().Output);
            Assert.Equal(Path.Combine(temp.Path, "lab.yaml"), connection.Properties["Target"].Value);

            // Moving elsewhere does not break the session default.
            var rows = session.Run("$null = $ExecutionContext.SessionState.Path.SetLocation([System.IO.Path]::GetTempPath()); Get-DockerNetInterface")
                .AssertClean().Objects<ContainerInterface>();
            Assert.Equal("only", Assert.Single(rows).Container);
        }

        [Fact]
        public void Connect_OneRunspace_DoesNotChangeAnother()
        {
            using var connected = new PowerShellSession();
            using var other = new PowerShellSession();
            connected.Run("Connect-DockerNet -Scenario SeedLab").AssertClean();

            var disconnect = other.Run("Disconnect-DockerNet -Verbose 4>&1 | ForEach-Object { $_.Message }").AssertClean();
            Assert.Equal("There was no session default to clear.", Assert.Single(disconnect.Output).BaseObject);
        }

        [Fact]
        public void Disconnect_AfterConnect_ClearsTheDefault()
        {
            using var session = new PowerShellSession();
            session.Run("Connect-DockerNet -Scenario SeedLab").AssertClean();

            var first = session.Run("Disconnect-DockerNet -Verbose 4>&1 | ForEach-Object { $_.Message }").AssertClean();
            var second = session.Run("Disconnect-DockerNet -Verbose 4>&1 | ForEach-Object { $_.Message }").AssertClean();

            Assert.StartsWith("Disconnected from SeedLab", (string)Assert.Single(first.Output).BaseObject);
            Assert.Equal("There was no session default to clear.", Assert.Single(second.Output).BaseObject);
        }
    }

    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dnt-tests-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
