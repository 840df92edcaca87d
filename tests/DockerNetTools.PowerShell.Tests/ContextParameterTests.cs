using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// -Context on every cmdlet and on Connect-DockerNet, without a daemon: the errors, tab completion and the context
    /// behind a failing connection. The store is a throwaway DOCKER_CONFIG laid out as `docker context create` writes it
    /// (the Docker tests check that layout against the real CLI); the live tests read a daemon through a context.
    /// </summary>
    public sealed class ContextParameterTests : IDisposable
    {
        private readonly TempFolder _config = new TempFolder();
        private readonly string? _previousConfig = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        private readonly PowerShellSession _session;

        public ContextParameterTests()
        {
            Store("lab-alpha", "unix:///nonexistent-alpha.sock");
            Store("lab-beta", "unix:///nonexistent-beta.sock");
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", _config.Path);
            _session = new PowerShellSession();
        }

        public void Dispose()
        {
            _session.Dispose();
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", _previousConfig);
            _config.Dispose();
        }

        private void Store(string name, string host)
        {
            var id = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
            var folder = Path.Combine(_config.Path, "contexts", "meta", id);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "meta.json"),
                "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        }

        private ErrorRecord Caught(string command)
        {
            var result = _session.Run("try { " + command + " -ErrorAction Stop; 'went on' } catch { $_ }").AssertClean();
            return Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        }

        [Fact]
        public void UnknownContext_ContextNotFoundWithTheClosestNames()
        {
            var error = Caught("Get-DockerNetTopology -Context lab-alpah");

            Assert.Equal("ContextNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("There is no docker context 'lab-alpah' in " + _config.Path + ". Did you mean: lab-alpha?", error.Exception.Message);
            Assert.Contains("docker context ls", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        }

        [Fact]
        public void ConnectUnknownContext_FailsAtConnectTime()
        {
            var error = Caught("Connect-DockerNet -Context nope");

            Assert.Equal("ContextNotFound,DockerNetTools.PowerShell.Commands.ConnectDockerNetCommand", error.FullyQualifiedErrorId);
        }

        [Fact]
        public void ContextsDaemon_IsTheOneRead_AndNamedInTheError()
        {
            var error = Caught("Get-DockerNetInterface -Context lab-beta");

            Assert.Equal("DaemonUnreachable,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand", error.FullyQualifiedErrorId);
            Assert.Contains("unix:///nonexistent-beta.sock (from -Context lab-beta)", error.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ContextAndDockerHost_Refused()
        {
            var error = Caught("Get-DockerNetTopology -Context lab-alpha -DockerHost unix:///other.sock");

            Assert.Equal("ContextAndDockerHost,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        }

        [Fact]
        public void ScenarioAndContext_Refused()
        {
            var error = Caught("Get-DockerNetTopology -Scenario SeedLab -Context lab-alpha");

            Assert.Equal("ScenarioAndDockerHost,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal("-Scenario 'SeedLab' and -Context 'lab-alpha' name two different hosts; a command reads one.", error.Exception.Message);
        }

        [Fact]
        public void TypedScenario_WinsOverTheContextFromThePipeline()
        {
            var result = _session.Run(
                "[pscustomobject]@{ Container = 'nginx2'; Context = 'lab-beta' } | Get-DockerNetPortBinding -Scenario SeedLab").AssertClean();

            Assert.NotEmpty(result.Output);
        }

        [Fact]
        public void ConnectContext_IsTheSessionDefault_UntilDisconnect()
        {
            // Connect reads the daemon at once: an unreachable one fails there, and no default is set.
            var connect = Caught("Connect-DockerNet -Context lab-alpha");
            Assert.Equal("DaemonUnreachable,DockerNetTools.PowerShell.Commands.ConnectDockerNetCommand", connect.FullyQualifiedErrorId);
            Assert.Contains("(from -Context lab-alpha)", connect.Exception.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Get-DockerNetTopology -Context lab", "lab-alpha,lab-beta")]
        [InlineData("Get-DockerNetSocket -Context lab-b", "lab-beta")]
        [InlineData("Connect-DockerNet -Context de", "default")]
        public void Context_CompletesTheStoredContexts(string line, string expected)
        {
            var completions = _session.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }",
                new Dictionary<string, object?> { ["line"] = line }).AssertClean();

            Assert.Equal(expected.Split(','), completions.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public void ContextWildcard_EveryMatchingContext_AnErrorNamingEachUnreachableOne()
        {
            var result = _session.Run("Get-DockerNetInterface -Context lab-*");

            Assert.Null(result.TerminatingError);
            Assert.Equal(new object[] { "lab-alpha", "lab-beta" }, result.Errors.Select(e => e.TargetObject));
            Assert.All(result.Errors, e => Assert.Equal("DaemonUnreachable,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand", e.FullyQualifiedErrorId));
            Assert.StartsWith("Host 'lab-beta': ", result.Errors[1].ErrorDetails.Message, StringComparison.Ordinal);
            Assert.Contains("unix:///nonexistent-beta.sock", result.Errors[1].ErrorDetails.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ContextStar_TheDefaultAndTheStoredContexts_InTheCliOrder()
        {
            // default is DOCKER_HOST or the platform socket, which may answer or not on this machine: either way it is read
            // first, and the stored contexts (unreachable) follow by name, lab-alpha once although named twice.
            var result = _session.Run("Get-DockerNetTopology -Context *, lab-alpha");

            Assert.Null(result.TerminatingError);
            var failed = result.Errors.Select(e => (string)e.TargetObject).ToList();
            Assert.Equal(new[] { "lab-alpha", "lab-beta" }, failed.Where(t => t != "default"));
            Assert.True(failed.FirstOrDefault() == "default" || result.Output.Any(o => (string)o.Properties["Daemon"].Value == "default"),
                "The default context was neither answered nor reported.");
        }

        [Fact]
        public void ContextWildcardMatchingNothing_ContextNotFound()
        {
            var result = _session.Run("try { Get-DockerNetTopology -Context prod-*; 'went on' } catch { $_ }");
            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);

            Assert.Equal("ContextNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal("No docker context matches 'prod-*' in " + _config.Path + ".", error.Exception.Message);
        }

        [Fact]
        public void UnknownContextAmongSeveral_ContextNotFoundForThatOneOnly()
        {
            var result = _session.Run("Get-DockerNetTopology -Context lab-alpah, lab-beta");

            Assert.Null(result.TerminatingError);
            Assert.Equal(new[] { "ContextNotFound", "DaemonUnreachable" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal("lab-alpah", result.Errors[0].TargetObject);
        }
    }
}
