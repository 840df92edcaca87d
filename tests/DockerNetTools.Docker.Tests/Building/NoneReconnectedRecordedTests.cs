using System.Net;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Docker.Tests.Fakes;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Docker.Tests.Building
{
    /// <summary>
    /// Containers started with --network none and then moved onto a network with `docker network disconnect none c &amp;&amp;
    /// docker network connect reach-net1 c`, recorded on Docker 20.10.24: HostConfig.NetworkMode still says "none", while
    /// NetworkSettings.Networks holds reach-net1 only. reach-none was moved while running (it has eth0 10.61.1.4),
    /// reach-none5 while stopped (an endpoint without an address until it starts); reach-stillnone is still in none mode.
    /// </summary>
    public sealed class NoneReconnectedRecordedTests
    {
        private const string Engine = "engine-20.10-none-reconnected";

        [Fact]
        public async Task NoneModeMovedToANetwork_IsOnThatNetwork()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var moved = model.FindContainer("reach-none")!;
            Assert.Equal(NetworkModeKind.Network, moved.NetworkMode.Kind);
            Assert.Equal("reach-net1", moved.NetworkMode.Target);
            Assert.Equal(IPAddress.Parse("10.61.1.4"), moved.EndpointOn("reach-net1")!.IPAddress);

            var stopped = model.FindContainer("reach-none5")!;
            Assert.Equal(NetworkModeKind.Network, stopped.NetworkMode.Kind);
            Assert.NotNull(stopped.EndpointOn("reach-net1"));

            var still = model.FindContainer("reach-stillnone")!;
            Assert.Equal(NetworkModeKind.None, still.NetworkMode.Kind);
            Assert.Empty(still.Endpoints);
        }

        [Fact]
        public async Task NoneModeMovedToANetwork_ReachesItsNeighbours()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery("reach-none", "reach-db", null, null));
            Assert.True(result.Reachable, result.Verdict + ": " + result.Reason);
            Assert.Equal("reach-net1", result.NetworkUsed);
        }
    }
}
