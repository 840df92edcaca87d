using System.Linq;
using System.Net;
using System.Threading.Tasks;
using DockerNetTools.Docker.Tests.Fakes;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Docker.Tests.Building
{
    /// <summary>
    /// The model built from responses recorded on this project's Debian Docker 20.10 (API 1.41): no DNSNames, the short
    /// id inside Aliases, no Gateway in the default bridge's IPAM, no FirewallBackend in /info.
    /// Lab: t1 (default bridge, also on nt1 as "extra"), t2 (nt1 10.0.0.0/24, alias foo, -p 18001:80,
    /// -p 127.0.0.1::81/udp, --add-host), t3 (--link t1:one), t4 (container:t2), t5 (host), t6 (none),
    /// t7 (created, on the internal ICC-off network "quiet").
    /// </summary>
    public sealed class Engine2010RecordedTests
    {
        private const string Engine = "engine-20.10";

        [Fact]
        public async Task Engine_Api141_NegotiatesDaemonVersionAndAssumesIptables()
        {
            var (model, daemon, _) = await Recorded.ReadAsync(Engine);

            Assert.Equal("20.10.24+dfsg1", model.Engine.Version);
            Assert.Equal(20, model.Engine.MajorVersion);
            Assert.Equal("1.41", model.Engine.ApiVersion);
            Assert.Equal(FirewallBackend.Iptables, model.Engine.Firewall);
            Assert.True(model.Engine.UsesIsolationChains);
            Assert.True(model.Engine.InterContainerCommunication);
            Assert.All(daemon.Requests.Skip(1), r => Assert.StartsWith("/v1.41/", r));
        }

        [Fact]
        public async Task DefaultBridge_WithoutIpamGateway_TakesTheGatewayTheEndpointsUse()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var bridge = model.FindNetwork("bridge")!;
            Assert.True(bridge.IsDefaultBridge);
            Assert.Equal("docker0", bridge.BridgeName);
            Assert.Equal(IPAddress.Parse("172.17.0.1"), bridge.Gateway);

            var nt1 = model.FindNetwork("nt1")!;
            Assert.Equal("10.0.0.0/24", nt1.Subnet.ToString());
            Assert.Equal("br-" + nt1.Id.Substring(0, 12), nt1.BridgeName);

            var quiet = model.FindNetwork("quiet")!;
            Assert.True(quiet.Internal);
            Assert.False(quiet.IccEnabled);
        }

        [Fact]
        public async Task Aliases_Api141_DropTheShortIdAndDeriveDnsNames()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var t2 = model.FindContainer("t2")!;
            var endpoint = Assert.Single(t2.Endpoints);
            Assert.Equal(new[] { "foo" }, endpoint.Aliases);
            Assert.Equal(new[] { "t2", "foo", t2.ShortId }, endpoint.DnsNames);
            Assert.Equal(IPAddress.Parse("10.0.0.2"), endpoint.IPAddress);
            Assert.Equal("02:42:0a:00:00:02", endpoint.MacAddress);

            var t1 = model.FindContainer("t1")!;
            Assert.Equal(2, t1.Endpoints.Count);
            Assert.Empty(t1.EndpointOn("bridge")!.DnsNames); // the default bridge has no embedded DNS
            Assert.Equal(new[] { "extra" }, t1.EndpointOn("nt1")!.Aliases);
        }

        [Fact]
        public async Task Ports_Api141_WildcardAndLoopbackEphemeral()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var ports = model.FindContainer("t2")!.Ports.Select(p => p.ToString()).OrderBy(p => p).ToList();
            Assert.Equal(new[] { "0.0.0.0:18001->80/tcp", "127.0.0.1:32768->81/udp" }, ports);
        }

        [Fact]
        public async Task ExtraHosts_HostGateway_IsTheDefaultBridgeGateway()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var hosts = model.FindContainer("t2")!.ExtraHosts.ToDictionary(h => h.Hostname, h => h.Address);
            Assert.Equal(IPAddress.Parse("1.2.3.4"), hosts["h1"]);
            Assert.Equal(IPAddress.Parse("172.17.0.1"), hosts["gw"]);
        }

        [Fact]
        public async Task Modes_Api141_LinkContainerHostNoneAndCreated()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var link = Assert.Single(model.FindContainer("t3")!.Links);
            Assert.Equal(("t1", "one"), (link.Target, link.Alias));
            Assert.Equal(NetworkModeKind.Bridge, model.FindContainer("t3")!.NetworkMode.Kind); // "default" on 20.10

            var t4 = model.FindContainer("t4")!;
            Assert.Equal("container:t2", t4.NetworkMode.ToString());
            Assert.Same(model.FindContainer("t2"), model.NamespaceOwner(t4));

            Assert.Empty(model.FindContainer("t5")!.Endpoints);
            Assert.Equal(NetworkModeKind.Host, model.FindContainer("t5")!.NetworkMode.Kind);
            Assert.Empty(model.FindContainer("t6")!.Endpoints);

            var t7 = model.FindContainer("t7")!;
            Assert.Equal(ContainerState.Created, t7.State);
            Assert.Equal(0, t7.Pid);
            Assert.Equal(new[] { "q1" }, t7.EndpointOn("quiet")!.Aliases);
            Assert.True(model.FindContainer("t1")!.Pid > 0);
        }
    }
}
