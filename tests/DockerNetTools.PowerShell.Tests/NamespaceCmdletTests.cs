using System.Linq;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Seed 003's namespaces (container4, container5 on br0) through the cmdlets: names split from containers' without errors.</summary>
    public sealed class NamespaceCmdletTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public NamespaceCmdletTests(PowerShellSession session) => _session = session;

        [Fact]
        public void Interface_NamespaceAndContainerByName_BothWithoutContainerNotFound()
        {
            var rows = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Container ubuntuA, container4").AssertClean().Objects<ContainerInterface>().ToList();

            Assert.Equal(new[] { ("ubuntuA", "Container"), ("container4", "Namespace") }, rows.Select(r => (r.Container, r.Kind)));
        }

        [Fact]
        public void Interface_HostBridgeByNetworkOrPiped_OnlyItsNamespaces()
        {
            var byName = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Network br0").AssertClean().Objects<ContainerInterface>();
            var piped = _session.Run("Get-DockerNetTopology -Scenario SeedLab -Network br0 | Get-DockerNetInterface").AssertClean().Objects<ContainerInterface>();

            Assert.Equal(new[] { "container4", "container5" }, byName.Select(r => r.Container));
            Assert.Equal(new[] { "container4", "container5" }, piped.Select(r => r.Container));
        }

        [Fact]
        public void Topology_HostBridgeByName_OriginHostWithoutNetworkNotFound()
        {
            var network = Assert.Single(_session.Run("Get-DockerNetTopology -Scenario SeedLab -Network br0").AssertClean().Objects<NetworkTopology>());

            Assert.Equal(("Host", "10.201.0.0/24", (bool?)null), (network.Origin, network.Subnet, network.Icc));
        }

        [Fact]
        public void Reachability_NamespaceSource_AnsweredForItsAddress()
        {
            var result = Assert.Single(_session.Run("Test-DockerNetReachability -Scenario SeedLab -Source container4 -Destination 10.201.0.5").AssertClean().Objects<ReachabilityResult>());

            Assert.Equal(nameof(ReachabilityVerdict.Reachable), result.Verdict);
        }
    }
}
