using System.Linq;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Scenario
{
    public sealed class SeedLabTests
    {
        private readonly DockerHostModel _model = ScenarioLoader.Load(ScenarioCatalog.SeedLab);

        private EndpointInfo Endpoint(string container) => _model.FindContainer(container)!.Endpoints.Single();

        [Fact]
        public void SeedLab_Seed003_NamespacesContainer4And5OnBr0AsTheNoteBuildsThem()
        {
            Assert.Equal(new[] { "container4", "container5" }, _model.Host.Namespaces.Select(n => n.Name));
            foreach (var (name, veth, peer, address) in new[] { ("container4", "veth4", "brid4", "10.201.0.4/24"), ("container5", "veth5", "brid5", "10.201.0.5/24") })
            {
                var ns = _model.Host.FindNamespace(name)!;
                var inside = Assert.Single(ns.Interfaces);
                Assert.Equal((veth, peer, "br0", address), (inside.Name, inside.Peer, _model.Host.BridgeOf(inside), Assert.Single(inside.Addresses).ToString()));
                Assert.Equal("default via 10.201.0.1 dev " + veth, Assert.Single(ns.Routes).ToString());
                Assert.True(ns.SocketsKnown);
                Assert.Empty(ns.Sockets);
            }
            Assert.DoesNotContain(_model.Containers, c => c.Name == "container4" || c.Name == "container5");
        }

        [Fact]
        public void SeedLab_UbuntuC_Is10002OnSecondBridgeBehindBrBridge()
        {
            var ubuntuC = Endpoint("ubuntuC");
            var network = _model.FindNetwork("second-bridge")!;
            Assert.Equal("second-bridge", ubuntuC.NetworkName);
            Assert.Equal("10.0.0.2", ubuntuC.IPAddress!.ToString());
            Assert.Equal(24, ubuntuC.PrefixLength);
            Assert.Equal("10.0.0.1", ubuntuC.Gateway!.ToString());
            Assert.Matches("^br-[0-9a-f]{12}$", network.BridgeName);
            Assert.Equal(network.BridgeName, _model.Host.Interfaces.Single(i => i.Name == ubuntuC.HostVeth).Master);
        }

        [Fact]
        public void SeedLab_UbuntuAAndB_AreOnDocker0WithTheNotesAddresses()
        {
            var ubuntuA = Endpoint("ubuntuA");
            Assert.Equal("172.17.0.2", ubuntuA.IPAddress!.ToString());
            Assert.Equal("02:42:ac:11:00:02", ubuntuA.MacAddress);
            Assert.Equal("docker0", _model.Host.Interfaces.Single(i => i.Name == ubuntuA.HostVeth).Master);
            Assert.Equal("172.17.0.5", Endpoint("ubuntuB").IPAddress!.ToString());
        }

        [Fact]
        public void SeedLab_TargetContainer_SharesSourceContainersNamespaceAndMysql()
        {
            var target = _model.FindContainer("targetcontainer")!;
            var owner = _model.NamespaceOwner(target)!;
            Assert.Equal("sourcecontainer", owner.Name);
            Assert.Empty(target.Endpoints);
            Assert.Equal("172.18.0.2", owner.Endpoints.Single().IPAddress!.ToString());
            Assert.Contains(owner.Sockets, s => s.LocalPort == 3306 && s.State == SocketState.Listen);
            Assert.Contains(owner.Sockets, s => s.Process == "node" && s.RemotePort == 3306 && s.RemoteAddress.ToString() == "127.0.0.1");
        }

        [Fact]
        public void SeedLab_NoneAndHostContainers_HaveNoEndpoints()
        {
            foreach (var name in new[] { "nonetest", "ubuntu-none" })
            {
                var container = _model.FindContainer(name)!;
                Assert.Equal(NetworkModeKind.None, container.NetworkMode.Kind);
                Assert.Empty(container.Endpoints);
            }
            var host = _model.FindContainer("hostnettest")!;
            Assert.Equal(NetworkModeKind.Host, host.NetworkMode.Kind);
            Assert.Empty(host.Endpoints);
            Assert.Equal(_model.Host.Hostname, host.Hostname);
        }

        [Fact]
        public void SeedLab_Bridgetest_HoldsTheAliasLabWithItsConnections()
        {
            Assert.Equal("172.18.0.0/16", _model.FindNetwork("bridgetest")!.Subnet.ToString());
            var sql = _model.Containers.Single(c => c.Endpoints.Any(e => e.Aliases.Contains("sqll")));
            Assert.Equal("172.18.0.3", sql.Endpoints[0].IPAddress!.ToString());
            Assert.Contains(sql.Ports, p => p.HostPort == 3306 && p.ContainerPort == 3306);
            var redis = _model.FindContainer("bridgeredis")!;
            Assert.Equal(new[] { "rediss" }, redis.Endpoints[0].Aliases);
            Assert.Contains("rediss", redis.Endpoints[0].DnsNames);
            var node = _model.FindContainer("nodectn")!;
            Assert.Equal(new[] { "nodesql" }, node.Endpoints[0].Aliases);
            var established = node.Sockets.Where(s => s.State == SocketState.Established).Select(s => s.RemoteAddress + ":" + s.RemotePort);
            Assert.Equal(new[] { "172.18.0.3:3306", "172.18.0.4:6379" }, established);
        }

        [Fact]
        public void SeedLab_PortsAndListeners_MatchTheColorAppLab()
        {
            Assert.Null(_model.FindContainer("yellowColorApp"));
            Assert.Equal("0.0.0.0:8003->3000/tcp", _model.FindContainer("blueColorApp")!.Ports.Single().ToString());
            var green = _model.FindContainer("greenColorApp")!;
            Assert.Equal(3030, green.Ports.Single().ContainerPort);
            Assert.DoesNotContain(green.Sockets, s => s.LocalPort == 3030);
            Assert.Contains(green.Sockets, s => s.LocalPort == 3000 && s.State == SocketState.Listen);
            Assert.Empty(_model.FindContainer("nginx")!.Ports);
        }

        [Fact]
        public void SeedLab_LinksAndMultiNetworkContainers()
        {
            var link = _model.FindContainer("linktest2")!.Links.Single();
            Assert.Equal("linktest1", link.Target);
            Assert.Equal(new[] { "bridge", "new-bridge" }, _model.FindContainer("webserver1")!.Endpoints.Select(e => e.NetworkName));
            Assert.Equal(new[] { "new-bridge" }, _model.FindContainer("webserver4")!.Endpoints.Select(e => e.NetworkName));
            Assert.Equal("172.19.0.0/16", _model.FindNetwork("new-bridge")!.Subnet.ToString());
            var kindNewton = _model.FindContainer("kind_newton")!;
            Assert.Equal("bridgetest", kindNewton.NetworkMode.Target);
            Assert.Equal(new[] { "bridge" }, kindNewton.Endpoints.Select(e => e.NetworkName));
        }

        [Fact]
        public void SeedLab_EveryVethPairs_ContainerIfIndexWithHostVeth()
        {
            var hostIndexes = _model.Host.Interfaces.Select(i => i.IfIndex).ToList();
            Assert.Equal(hostIndexes.Count, hostIndexes.Distinct().Count());
            foreach (var endpoint in _model.Containers.SelectMany(c => c.Endpoints))
            {
                var veth = _model.Host.Interfaces.Single(i => i.Name == endpoint.HostVeth);
                Assert.Equal(endpoint.HostIfIndex, veth.IfIndex);
                Assert.Equal(endpoint.IfIndex + 1, endpoint.HostIfIndex);
            }
        }

        [Fact]
        public void Load_SeedLabTwice_GivesFreshEqualModels()
        {
            var again = ScenarioLoader.Load("seedlab");
            Assert.NotSame(_model, again);
            Assert.Equal(_model.Containers.Select(c => c.Id), again.Containers.Select(c => c.Id));
        }
    }
}
