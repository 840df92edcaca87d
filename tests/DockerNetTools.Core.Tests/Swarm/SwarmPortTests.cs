using System.Linq;
using DockerNetTools.Analysis.Ports;
using Xunit;

namespace DockerNetTools.Core.Tests.Swarm
{
    public class SwarmPortTests
    {
        private static PortConflict Check(string yaml, string publish) =>
            new PortConflictChecker(SwarmKit.Load(yaml)).Check(publish).Single();

        [Fact]
        public void IngressPort_NodeWithIpvs_TakenByTheRoutingMesh()
        {
            var conflict = Check(SwarmKit.TwoNodes.Replace("ipvs: false", "ipvs: true", System.StringComparison.Ordinal), "8080:80");
            Assert.True(conflict.Conflict);
            Assert.Equal(PortHolderKind.SwarmService, conflict.HolderKindValue);
        }

        [Fact]
        public void IngressPort_NodeWithoutIpvs_NothingReservesIt()
        {
            Assert.False(Check(SwarmKit.TwoNodes, "8080:80").Conflict);
        }

        [Fact]
        public void HostModePort_OnlyWhereATaskRuns()
        {
            Assert.False(Check(SwarmKit.TwoNodes, "5432:5432").Conflict);
            var onN2 = SwarmKit.TwoNodes.Replace(", role: manager, ipvs: false, local: true", ", role: manager, ipvs: false", System.StringComparison.Ordinal)
                .Replace("address: 198.18.66.12 }", "address: 198.18.66.12, local: true }", System.StringComparison.Ordinal);
            var conflict = Check(onN2, "5432:5432");
            Assert.True(conflict.Conflict);
            Assert.Equal(PortHolderKind.SwarmService, conflict.HolderKindValue);
        }
    }
}
