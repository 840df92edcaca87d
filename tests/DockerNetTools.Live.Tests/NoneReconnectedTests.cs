using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Live.Tests.Infrastructure;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// A container started with --network none and then given a network without being recreated:
    /// `docker network disconnect none c` then `docker network connect net c` (Docker refuses the connect while the
    /// container is still on none: "container cannot be connected to multiple networks with one of the networks in
    /// private (none) mode"). HostConfig.NetworkMode stays "none" afterwards, also across a restart (Engine 20.10.24 and
    /// 28.5.2), while NetworkSettings.Networks holds the new network: the endpoints, not the create-time mode, say
    /// where the container is.
    /// </summary>
    public sealed class NoneReconnectedLab : OwnLab
    {
        public NoneReconnectedLab() : base("none") { }

        protected override void Build()
        {
            Network("net");
            Run("was-none", new[] { "--network", "none" }, "httpd", "-f", "-p", "80", "-h", "/www");
            Run("client", new[] { "--network", Name("net") }, "sleep", "3600");
            DockerCli.Must("network", "disconnect", "none", Name("was-none"));
            DockerCli.Must("network", "connect", Name("net"), Name("was-none"));
        }

        protected override async Task WaitUntilReadyAsync() => await WaitForListenerAsync("client", Name("was-none"), 80);
    }

    public sealed class NoneReconnectedTests : IClassFixture<NoneReconnectedLab>
    {
        private readonly NoneReconnectedLab _lab;

        public NoneReconnectedTests(NoneReconnectedLab lab) => _lab = lab;

        [LiveFact]
        public void Model_NoneThenConnected_HasTheEndpointOfItsNewNetwork()
        {
            _lab.EnsureBuilt();
            Assert.Equal("none", DockerCli.Must("inspect", "-f", "{{.HostConfig.NetworkMode}}", _lab.Name("was-none")).Trim());

            var container = _lab.Container("was-none");
            Assert.NotEqual(NetworkModeKind.None, container.NetworkMode.Kind);
            var endpoint = Assert.Single(container.Endpoints);
            Assert.Equal(_lab.Name("net"), endpoint.NetworkName);
            Assert.Equal(DockerCli.Must("exec", _lab.Name("was-none"), "cat", "/sys/class/net/eth0/ifindex").Trim(), endpoint.IfIndex.ToString(CultureInfo.InvariantCulture));
        }

        [LiveFact]
        public void Reachability_ClientToNoneThenConnected_AgreesWithRealFetch()
        {
            _lab.EnsureBuilt();
            var result = ReachabilityAnalyzer.Analyze(_lab.Model,
                new ReachabilityQuery(_lab.Name("client"), _lab.Address("was-none"), 80, ReachabilityProtocol.Tcp));
            var fetched = DockerCli.Run("exec", _lab.Name("client"), "sh", "-c",
                "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + _lab.Address("was-none") + " 80");

            Assert.True(fetched.Ok && fetched.Stdout.Contains("200 OK"), "the real fetch failed: " + fetched);
            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
        }
    }
}
