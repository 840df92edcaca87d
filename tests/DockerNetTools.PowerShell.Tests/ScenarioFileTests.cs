using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text.RegularExpressions;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>A broken scenario file stops the cmdlet with ScenarioFileInvalid naming file:line:column and the reason.</summary>
    public sealed class ScenarioFileTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public ScenarioFileTests(PowerShellSession session) => _session = session;

        [Theory]
        [InlineData("containers:\n  - name: a\n    network: nosuch\n", 3, "network nosuch not found")]
        [InlineData("containers:\n  - name: a\n    ip: 172.17.0.9\n  - name: b\n    ip: 172.17.0.9\n", 5, "172.17.0.9")]
        [InlineData("networks:\n  - name: n\n    subnet: 10.1.0.0/24\ncontainers:\n  - name: a\n    network: n\n    ip: 10.2.0.5\n", 7, "10.2.0.5")]
        [InlineData("containers:\n  - name: a\n    network: none\n    networks:\n      - { name: bridge }\n", 5,
            "container cannot be connected to multiple networks with one of the networks in private (none) mode")]
        [InlineData("containers:\n  - name: t\n    network: container:ghost\n", 3, "ghost")]
        [InlineData("containers:\n  - name: a\n    network: [oops\n", 4, "YAML syntax error")]
        public void MalformedScenario_TerminatingScenarioFileInvalidWithFileLineColumn(string yaml, int line, string reason)
        {
            using var temp = new TempFolder();
            var path = Path.Combine(temp.Path, "bad.yaml");
            File.WriteAllText(path, yaml);

            var result = _session.Run("try { Get-DockerNetInterface -Scenario $path; 'went on' } catch { $_ }",
                new Dictionary<string, object?> { ["path"] = path }).AssertClean();

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal("ScenarioFileInvalid,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Matches(new Regex("(?m)^" + Regex.Escape(path) + ":" + line + @":\d+: .*" + Regex.Escape(reason)), error.Exception.Message);
        }

        [Fact]
        public void MissingScenarioFile_TerminatingScenarioNotFound()
        {
            var result = _session.Run("try { Get-DockerNetTopology -Scenario ./missing-lab.yaml; 'went on' } catch { $_ }").AssertClean();

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal("ScenarioNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        }
    }
}
