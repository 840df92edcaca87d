using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Mistyped names, destinations and scenario paths: one clear error with a catalogue id, never a misleading answer.</summary>
    public sealed class InputErrorTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public InputErrorTests(PowerShellSession session) => _session = session;

        [Theory]
        [InlineData("bad name", "'bad name' cannot be looked up: it contains a blank.")]
        [InlineData("a..b", "'a..b' cannot be looked up: it has an empty label (two dots in a row, or a leading dot).")]
        public void ResolveName_NameNoResolverCanAskFor_OneNameInvalidErrorNoWarning(string name, string message)
        {
            var result = _session.Run("Resolve-DockerNetName -Scenario SeedLab -Name $name, sqll -From nodectn",
                new Dictionary<string, object?> { ["name"] = name });

            var error = Assert.Single(result.Errors);
            Assert.Equal("NameInvalid,DockerNetTools.PowerShell.Commands.ResolveDockerNetNameCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(name, error.TargetObject);
            Assert.StartsWith(message, error.Exception.Message);
            Assert.DoesNotContain("docker run", error.ErrorDetails.RecommendedAction);
            Assert.Empty(result.Warnings);
            Assert.Single(result.Output); // sqll is still answered
        }

        [Theory]
        [InlineData("sqll:3306", "'sqll:3306' looks like name:port; give the port with -Port (-Destination sqll -Port 3306).")]
        [InlineData("172.18.0.3:3306", "'172.18.0.3:3306' looks like address:port; give the port with -Port (-Destination 172.18.0.3 -Port 3306).")]
        public void TestReachability_DestinationWithPort_SuggestsPortForNameAndAddressAlike(string destination, string message)
        {
            var result = _session.Run("Test-DockerNetReachability -Scenario SeedLab -Source nodectn -Destination $destination",
                new Dictionary<string, object?> { ["destination"] = destination });

            var error = Assert.Single(result.Errors);
            Assert.Equal("ReachabilityDestinationInvalid,DockerNetTools.PowerShell.Commands.TestDockerNetReachabilityCommand", error.FullyQualifiedErrorId);
            Assert.Equal(message, error.Exception.Message);
        }

        [Fact]
        public void TestReachability_DestinationWithBlank_DestinationInvalidNotANameNotResolvedVerdict()
        {
            var result = _session.Run("Test-DockerNetReachability -Scenario SeedLab -Source nodectn -Destination 'bad name' -Port 80");

            var error = Assert.Single(result.Errors);
            Assert.Equal("ReachabilityDestinationInvalid,DockerNetTools.PowerShell.Commands.TestDockerNetReachabilityCommand", error.FullyQualifiedErrorId);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void Scenario_AFolder_ScenarioFileUnreadableSayingItIsAFolder()
        {
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dnt-scenario-folder-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                File.WriteAllText(Path.Combine(folder, "lab.yaml"), "containers: []\n");
                var result = _session.Run("try { Get-DockerNetTopology -Scenario $folder -ErrorAction Stop } catch { $_ }",
                    new Dictionary<string, object?> { ["folder"] = folder }).AssertClean();

                var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
                Assert.Equal("ScenarioFileUnreadable,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.Equal("Cannot read scenario '" + folder + "': it is a folder, not a scenario file.", error.Exception.Message);
                Assert.Equal("Give the path of a scenario YAML file inside it (for example " + Path.Combine(folder, "lab.yaml") + ").",
                    error.ErrorDetails.RecommendedAction);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
