using System.Linq;
using System.Management.Automation;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Get-DockerNetTopology on the built-in SeedLab, through the real engine.</summary>
    public sealed class GetDockerNetTopologyTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public GetDockerNetTopologyTests(PowerShellSession session) => _session = session;

        [Fact]
        public void SeedLab_SecondBridge_SubnetGatewayBridgeAndContainers()
        {
            var network = Assert.Single(_session.Run("Get-DockerNetTopology -Scenario SeedLab -Network second-bridge")
                .AssertClean().Objects<NetworkTopology>());

            Assert.Equal("10.0.0.0/24", network.Subnet);
            Assert.Equal("10.0.0.1", network.Gateway!.ToString());
            Assert.Matches("^br-[0-9a-f]{12}$", network.Bridge);
            Assert.Equal(network.Id.Substring(0, 12), network.Bridge!.Substring(3));
            Assert.Equal("10.0.0.2/24", network.Containers.Single(c => c.Name == "ubuntuC").IPv4);
            Assert.Contains(network.Containers, c => c.Name == "containerA");
            Assert.Contains(network.Containers, c => c.Name == "containerB");
        }

        [Fact]
        public void SeedLab_DefaultBridge_IsDocker0WithUbuntuA()
        {
            var network = Assert.Single(_session.Run("Get-DockerNetTopology -Scenario SeedLab bridge").AssertClean().Objects<NetworkTopology>());

            Assert.Equal("docker0", network.Bridge);
            Assert.Equal("172.17.0.0/16", network.Subnet);
            Assert.Equal("172.17.0.2/16", network.Containers.Single(c => c.Name == "ubuntuA").IPv4);
        }

        [Fact]
        public void SeedLab_AllNetworks_IncludeTheSeedNotesNetworks()
        {
            var names = _session.Run("Get-DockerNetTopology -Scenario SeedLab").AssertClean().Objects<NetworkTopology>().Select(n => n.Name).ToList();

            foreach (var expected in new[] { "bridge", "host", "none", "second-bridge", "bridgetest", "new-bridge" }) Assert.Contains(expected, names);
        }

        [Fact]
        public void Wildcard_SelectsMatchingNetworks()
        {
            var names = _session.Run("Get-DockerNetTopology -Scenario SeedLab -Network '*-bridge'").AssertClean()
                .Objects<NetworkTopology>().Select(n => n.Name).OrderBy(n => n).ToList();

            Assert.Equal(new[] { "new-bridge", "second-bridge" }, names);
        }

        [Fact]
        public void UnknownNetwork_NonTerminatingObjectNotFound()
        {
            var result = _session.Run("Get-DockerNetTopology -Scenario SeedLab -Network second-bridg");

            var error = Assert.Single(result.Errors);
            Assert.Equal("NetworkNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("second-bridge", error.Exception.Message);
        }

        [Fact]
        public void OutputType_IsDeclared()
        {
            var types = _session.Run("(Get-Command Get-DockerNetTopology).OutputType | ForEach-Object { $_.Type.FullName }").AssertClean();

            Assert.Equal(typeof(NetworkTopology).FullName, Assert.Single(types.Output).BaseObject);
        }
    }
}
