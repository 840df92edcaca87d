using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// What an operator sees for the usual mistakes: the offending input, a stable id, the right category and what to do.
    /// </summary>
    public sealed class ErrorMessageTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public ErrorMessageTests(PowerShellSession session) => _session = session;

        private ErrorRecord Caught(string command, IDictionary<string, object?>? parameters = null)
        {
            var result = _session.Run("try { " + command + " -ErrorAction Stop; 'went on' } catch { $_ }", parameters).AssertClean();
            return Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        }

        [Fact]
        public void MistypedBuiltInScenario_SuggestsTheBuiltInName()
        {
            var error = Caught("Get-DockerNetTopology -Scenario SeedLb");

            Assert.Equal("ScenarioNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("SeedLb' is neither a built-in scenario (SeedLab) nor an existing file.", error.Exception.Message);
            Assert.EndsWith("Did you mean: SeedLab?", error.Exception.Message);
            Assert.Contains("about_DockerNetTools_Scenarios", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void MissingScenarioFile_NoSuggestionWhenNothingIsClose()
        {
            var error = Caught("Get-DockerNetTopology -Scenario /nonexistent/incident.yaml");

            Assert.Equal("ScenarioNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal("Scenario '/nonexistent/incident.yaml' is neither a built-in scenario (SeedLab) nor an existing file.", error.Exception.Message);
        }

        [Theory]
        [InlineData("8080:80/tcpp", "Invalid proto: tcpp")]
        [InlineData("99999:80", "Invalid hostPort: 99999")]
        [InlineData("8000-8002:80-81", "Invalid ranges specified for container and host Ports: 80-81 and 8000-8002")]
        [InlineData("300.1.1.1:8080:80", "Invalid ip address: 300.1.1.1")]
        public void BadPublishSpec_NamesTheSpecDockersReasonAndTheSyntax(string spec, string dockerReason)
        {
            var result = _session.Run("Test-DockerNetPortConflict -Scenario SeedLab -Publish $spec",
                new Dictionary<string, object?> { ["spec"] = spec });

            var error = Assert.Single(result.Errors);
            Assert.Equal("PublishSpecInvalid,DockerNetTools.PowerShell.Commands.TestDockerNetPortConflictCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(spec, error.TargetObject);
            Assert.Equal("'" + spec + "' is not a publish spec docker run -p accepts: " + dockerReason + ".", error.Exception.Message);
            Assert.Contains("[hostIp:][hostPort:]containerPort[/tcp|udp|sctp]", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void ScenarioAndDockerHostTogether_TerminatingScenarioAndDockerHost()
        {
            var error = Caught("Get-DockerNetTopology -Scenario SeedLab -DockerHost unix:///nonexistent.sock");

            Assert.Equal("ScenarioAndDockerHost,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("-Scenario 'SeedLab' and -DockerHost 'unix:///nonexistent.sock' name two different hosts; a command reads one.",
                error.Exception.Message);
            Assert.Contains("not both", error.ErrorDetails.RecommendedAction);
        }

        // The results of a -Scenario command carry Scenario, which binds on the next command; a -DockerHost typed there wins.
        [Fact]
        public void TypedDockerHost_WinsOverTheScenarioFromThePipeline()
        {
            var error = Caught("Get-DockerNetInterface -Scenario SeedLab -Container nginx | Get-DockerNetSocket -DockerHost unix:///nonexistent.sock");

            Assert.Equal("DaemonUnreachable,DockerNetTools.PowerShell.Commands.GetDockerNetSocketCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("unix:///nonexistent.sock (from -DockerHost): there is no socket at /nonexistent.sock", error.Exception.Message);
        }

        [Fact]
        public void TypedScenario_WinsOverTheDockerHostFromThePipeline()
        {
            var result = _session.Run(
                "[pscustomobject]@{ Container = 'nginx2'; DockerHost = 'unix:///nonexistent.sock' } | Get-DockerNetPortBinding -Scenario SeedLab").AssertClean();

            Assert.NotEmpty(result.Output);
            Assert.All(result.Output, o => Assert.Equal("SeedLab", o.Properties["Scenario"].Value));
        }

        [Theory]
        [InlineData("unix:///nonexistent.sock", "there is no socket at /nonexistent.sock")]
        [InlineData("tcp://127.0.0.1:1", "the connection was refused")]
        public void UnreachableDaemon_ConnectionErrorNamingTheEndpoint(string endpoint, string reason)
        {
            var error = Caught("Get-DockerNetTopology -DockerHost $endpoint", new Dictionary<string, object?> { ["endpoint"] = endpoint });

            Assert.Equal("DaemonUnreachable,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("Cannot reach the Docker daemon at " + endpoint + " (from -DockerHost): " + reason, error.Exception.Message);
            Assert.Contains("-Scenario SeedLab", error.ErrorDetails.RecommendedAction);
        }

        // connect() on a path that is not a socket says ECONNREFUSED too; "nothing accepts connections" would send the
        // operator to restart dockerd when the path is simply wrong.
        [Fact]
        public void UnixEndpointOnARegularFile_SaysItIsNotASocket()
        {
            using var temp = new TempFolder();
            var path = Path.Combine(temp.Path, "docker.yaml");
            File.WriteAllText(path, "not a socket\n");

            var error = Caught("Get-DockerNetTopology -DockerHost $endpoint", new Dictionary<string, object?> { ["endpoint"] = "unix://" + path });

            Assert.Equal("DaemonUnreachable,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("(from -DockerHost): " + path + " is a regular file, not a socket (dockerd's is usually /var/run/docker.sock)", error.Exception.Message);
        }

        [Fact]
        public void ExportIntoAMissingFolder_SaysWhatToDo()
        {
            var error = Caught("Export-DockerNetScenario -Scenario SeedLab -Path /nonexistent/dir/lab.yaml");

            Assert.Equal("ScenarioDirectoryNotFound,DockerNetTools.PowerShell.Commands.ExportDockerNetScenarioCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("Cannot write /nonexistent/dir/lab.yaml: the folder /nonexistent/dir does not exist.", error.Exception.Message);
            // This runspace, like dnt and pwsh, finds New-Item (pwsh's Management module, from the PowerShell SDK).
            Assert.Contains("New-Item -ItemType Directory -Path '/nonexistent/dir'", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void ScenarioWithUnknownKeys_ListsEachWithDidYouMean()
        {
            using var temp = new TempFolder();
            var path = Path.Combine(temp.Path, "typo.yaml");
            File.WriteAllText(path, "containers:\n  - name: app\n    imagee: nginx\nnetworks:\n  - name: backend\n    subnett: 10.9.0.0/24\n");

            var error = Caught("Get-DockerNetTopology -Scenario $path", new Dictionary<string, object?> { ["path"] = path });

            Assert.Equal("ScenarioFileInvalid,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains(path + ":3:5: unknown key 'imagee' in a container. Did you mean: image?", error.Exception.Message);
            Assert.Contains(path + ":6:5: unknown key 'subnett' in a network. Did you mean: subnet, subnet6?", error.Exception.Message);
        }

        [Fact]
        public void ProbeOnAScenario_InvalidArgumentSayingItNeedsADaemon()
        {
            var error = Caught("Test-DockerNetReachability -Scenario SeedLab -Source ubuntuA -Destination nginx -Port 80 -Probe");

            Assert.Equal("ProbeRequiresLiveDaemon,DockerNetTools.PowerShell.Commands.TestDockerNetReachabilityCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("needs a live Docker daemon", error.Exception.Message);
            Assert.Contains("Drop -Probe", error.ErrorDetails.RecommendedAction);
        }

        // A listener's peer port is 0 ("*"), so -Port 0 used to list every listener as if it matched a port.
        [Fact]
        public void SocketPortZero_IsRefusedLikeAnyPortOutOfRange()
        {
            var error = Caught("Get-DockerNetSocket -Scenario SeedLab -Port 0");

            Assert.Equal("ParameterArgumentValidationError,DockerNetTools.PowerShell.Commands.GetDockerNetSocketCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("'Port'", error.Exception.Message);
            Assert.Contains("minimum allowed range of 1", error.Exception.Message);
        }
    }
}
