using System.Linq;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Scenario
{
    public sealed class ScenarioDerivationTests
    {
        private const string TwoNetworks = @"
networks:
  - name: first
  - name: pinned
    subnet: 172.18.0.0/16
  - name: second
containers:
  - name: a
  - name: b
    ip: 172.17.0.2
  - name: c
  - name: d
    network: second
    aliases: [db]
    networks:
      - first
";

        [Fact]
        public void Parse_EmptyScenario_HasDockersThreeNetworks()
        {
            var model = ScenarioLoader.Parse("containers: []", "test.yaml");
            Assert.Equal(new[] { "bridge", "host", "none" }, model.Networks.Select(n => n.Name));
            var bridge = model.Networks[0];
            Assert.True(bridge.IsDefaultBridge);
            Assert.Equal("docker0", bridge.BridgeName);
            Assert.Equal("172.17.0.0/16", bridge.Subnet.ToString());
            Assert.Equal("172.17.0.1", bridge.Gateway!.ToString());
            Assert.Equal(64, bridge.Id.Length);
            Assert.Equal("null", model.Networks[2].Driver);
            Assert.Null(model.Networks[1].Subnet);
        }

        [Fact]
        public void Parse_NetworksWithoutSubnet_TakeDefaultPoolsSkippingTakenOnes()
        {
            var model = ScenarioLoader.Parse(TwoNetworks, "test.yaml");
            Assert.Equal("172.19.0.0/16", model.FindNetwork("first")!.Subnet.ToString());
            Assert.Equal("172.18.0.0/16", model.FindNetwork("pinned")!.Subnet.ToString());
            Assert.Equal("172.20.0.0/16", model.FindNetwork("second")!.Subnet.ToString());
            Assert.Equal("172.20.0.1", model.FindNetwork("second")!.Gateway!.ToString());
        }

        [Fact]
        public void Parse_BridgeNames_AreDocker0AndBrWithTwelveHexOfId()
        {
            var model = ScenarioLoader.Parse(TwoNetworks, "test.yaml");
            var first = model.FindNetwork("first")!;
            Assert.Equal("br-" + first.Id.Substring(0, 12), first.BridgeName);
            Assert.NotEqual(first.Id, model.FindNetwork("second")!.Id);
            Assert.Equal(first.Id, ScenarioLoader.Parse(TwoNetworks, "again.yaml").FindNetwork("first")!.Id);
        }

        [Fact]
        public void Parse_Addresses_ExplicitReservedFirstThenInContainerOrder()
        {
            var model = ScenarioLoader.Parse(TwoNetworks, "test.yaml");
            Assert.Equal("172.17.0.3", model.FindContainer("a")!.Endpoints[0].IPAddress!.ToString());
            Assert.Equal("172.17.0.2", model.FindContainer("b")!.Endpoints[0].IPAddress!.ToString());
            Assert.Equal("172.17.0.4", model.FindContainer("c")!.Endpoints[0].IPAddress!.ToString());
            var d = model.FindContainer("d")!;
            Assert.Equal(new[] { "second", "first" }, d.Endpoints.Select(e => e.NetworkName));
            Assert.Equal("172.20.0.2", d.Endpoints[0].IPAddress!.ToString());
            Assert.Equal("172.19.0.2", d.Endpoints[1].IPAddress!.ToString());
            Assert.Equal(16, d.Endpoints[0].PrefixLength);
            Assert.Equal("172.20.0.1", d.Endpoints[0].Gateway!.ToString());
        }

        [Fact]
        public void Parse_Mac_Is0242FollowedByTheAddressBytes()
        {
            var model = ScenarioLoader.Parse(TwoNetworks, "test.yaml");
            Assert.Equal("02:42:ac:11:00:02", model.FindContainer("b")!.Endpoints[0].MacAddress);
            Assert.Equal("02:42:ac:14:00:02", model.FindContainer("d")!.Endpoints[0].MacAddress);
        }

        [Fact]
        public void Parse_Interfaces_NumberedLikeTheKernelWithVethPairsTogether()
        {
            var model = ScenarioLoader.Parse(TwoNetworks, "test.yaml");
            var host = model.Host.Interfaces;
            Assert.Equal(new[] { "lo", "eth0", "docker0" }, host.Take(3).Select(i => i.Name));
            Assert.Equal(new[] { 1, 2, 3 }, host.Take(3).Select(i => i.IfIndex));
            // Bridges of bridge networks follow docker0 in the order listed: first, pinned, second = 4, 5, 6.
            Assert.Equal(6, host.Single(i => i.Name == model.FindNetwork("second")!.BridgeName).IfIndex);

            var a = model.FindContainer("a")!.Endpoints[0];
            Assert.Equal("eth0", a.InterfaceName);
            Assert.Equal(7, a.IfIndex);
            Assert.Equal(8, a.HostIfIndex);
            Assert.Matches("^veth[0-9a-f]{7}$", a.HostVeth);
            var veth = host.Single(i => i.Name == a.HostVeth);
            Assert.Equal(8, veth.IfIndex);
            Assert.Equal("docker0", veth.Master);

            var d = model.FindContainer("d")!;
            Assert.Equal(new[] { "eth0", "eth1" }, d.Endpoints.Select(e => e.InterfaceName));
            Assert.Equal(new[] { 13, 15 }, d.Endpoints.Select(e => e.IfIndex));
            Assert.Equal(new[] { 14, 16 }, d.Endpoints.Select(e => e.HostIfIndex));
            Assert.Equal(model.FindNetwork("first")!.BridgeName, host.Single(i => i.Name == d.Endpoints[1].HostVeth).Master);
            Assert.Equal("172.19.0.1", host.Single(i => i.Name == model.FindNetwork("first")!.BridgeName).Addresses.Single().ToString());
        }

        [Fact]
        public void Parse_DnsNames_NameAliasesShortIdOnUserNetworksOnly()
        {
            var model = ScenarioLoader.Parse(TwoNetworks, "test.yaml");
            var d = model.FindContainer("d")!;
            Assert.Equal(d.ShortId, d.Hostname);
            Assert.Equal(new[] { "d", "db", d.ShortId }, d.Endpoints[0].DnsNames);
            Assert.Equal(new[] { "d", d.ShortId }, d.Endpoints[1].DnsNames);
            Assert.Empty(model.FindContainer("a")!.Endpoints[0].DnsNames);
        }

        [Fact]
        public void Parse_HostnameGiven_JoinsDnsNames()
        {
            var model = ScenarioLoader.Parse("networks: [{name: n}]\ncontainers:\n  - {name: web, hostname: www, network: n}\n", "test.yaml");
            var web = model.FindContainer("web")!;
            Assert.Equal(new[] { "web", web.ShortId, "www" }, web.Endpoints[0].DnsNames);
        }

        [Fact]
        public void Parse_SharedNamespaces_HaveNoEndpointsAndBorrowHostnames()
        {
            var model = ScenarioLoader.Parse(@"
host: { hostname: lab }
containers:
  - { name: src, hostname: db }
  - { name: tgt, network: 'container:src' }
  - { name: h, network: host }
  - { name: n, network: none }
", "test.yaml");
            var tgt = model.FindContainer("tgt")!;
            Assert.Empty(tgt.Endpoints);
            Assert.Equal("db", tgt.Hostname);
            Assert.Same(model.FindContainer("src"), model.NamespaceOwner(tgt));
            Assert.Equal("lab", model.FindContainer("h")!.Hostname);
            Assert.Empty(model.FindContainer("h")!.Endpoints);
            Assert.Empty(model.FindContainer("n")!.Endpoints);
            Assert.Equal(NetworkModeKind.None, model.FindContainer("n")!.NetworkMode.Kind);
        }

        [Fact]
        public void Parse_Sockets_DefaultsAndNamespaceOwners()
        {
            var model = ScenarioLoader.Parse(@"
host:
  listeners:
    - { local: '0.0.0.0:22', process: sshd }
containers:
  - name: db
    sockets:
      - { local: '0.0.0.0:3306', process: mysqld }
      - { protocol: tcp, local: '[::]:33060', process: mysqld }
      - { protocol: udp, local: '127.0.0.11:53' }
      - { local: '172.17.0.2:3306', remote: '172.17.0.3:41000', recvQ: 0, sendQ: 12 }
      - { local: '127.0.0.1:5000', remote: '127.0.0.1:3306', state: TIME_WAIT }
  - name: client
    network: 'container:db'
    sockets:
      - { local: '127.0.0.1:41500', remote: '127.0.0.1:3306', state: established, process: mysql }
  - name: web
    network: host
    sockets:
      - { local: '0.0.0.0:8080', process: httpd }
  - name: quiet
", "test.yaml");
            var db = model.FindContainer("db")!;
            Assert.True(db.SocketsKnown);
            Assert.Equal(6, db.Sockets.Count);
            Assert.Equal(SocketState.Listen, db.Sockets[0].State);
            Assert.Equal(SocketProtocol.Tcp6, db.Sockets[1].Protocol);
            Assert.Equal(SocketState.Unconnected, db.Sockets[2].State);
            Assert.Equal(SocketProtocol.Udp, db.Sockets[2].Protocol);
            Assert.Equal(SocketState.Established, db.Sockets[3].State);
            Assert.Equal(12, db.Sockets[3].SendQ);
            Assert.Equal(SocketState.TimeWait, db.Sockets[4].State);
            Assert.Equal("mysql", db.Sockets[5].Process);
            var client = model.FindContainer("client")!;
            Assert.Empty(client.Sockets);
            Assert.True(client.SocketsKnown);
            Assert.Equal(new[] { 22, 8080 }, model.Host.Sockets.Select(s => s.LocalPort));
            Assert.False(model.FindContainer("quiet")!.SocketsKnown);
        }

        [Fact]
        public void Parse_LinksExtraHostsAndPorts_AreFilledIn()
        {
            var model = ScenarioLoader.Parse(@"
containers:
  - name: linktest1
  - name: linktest2
    links: [linktest1, 'linktest1:lt']
    extraHosts: ['db.local:10.0.0.9', 'host.docker.internal:host-gateway']
    publish: ['8000-8001:80-81', '127.0.0.1:9000:9000/udp']
", "test.yaml");
            var c = model.FindContainer("linktest2")!;
            Assert.Equal(new[] { "linktest1/linktest1", "linktest1/lt" }, c.Links.Select(l => l.Target + "/" + l.Alias));
            Assert.Equal(new[] { "db.local=10.0.0.9", "host.docker.internal=172.17.0.1" }, c.ExtraHosts.Select(h => h.Hostname + "=" + h.Address));
            Assert.Equal(new[] { "0.0.0.0:8000->80/tcp", "0.0.0.0:8001->81/tcp", "127.0.0.1:9000->9000/udp" }, c.Ports.Select(p => p.ToString()));
        }

        [Fact]
        public void Parse_IccAndEngine_FollowOptionsAndDaemonFlags()
        {
            var model = ScenarioLoader.Parse(@"
engine: { version: '29.0.1', firewall: nftables, icc: false, userlandProxy: false }
networks:
  - { name: quiet, options: { com.docker.network.bridge.enable_icc: 'false' } }
  - { name: loud, icc: true, internal: true }
", "test.yaml");
            Assert.False(model.FindNetwork("bridge")!.IccEnabled);
            Assert.False(model.FindNetwork("quiet")!.IccEnabled);
            Assert.True(model.FindNetwork("loud")!.IccEnabled);
            Assert.True(model.FindNetwork("loud")!.Internal);
            Assert.Equal(29, model.Engine.MajorVersion);
            Assert.Equal(FirewallBackend.Nftables, model.Engine.Firewall);
            Assert.False(model.Engine.UserlandProxy);
        }

        [Fact]
        public void Parse_StoppedContainer_KeepsNetworkButNoAddress()
        {
            var model = ScenarioLoader.Parse("containers:\n  - { name: old, state: exited, publish: ['80:80'] }\n  - { name: new }\n", "test.yaml");
            var old = model.FindContainer("old")!;
            Assert.False(old.IsRunning);
            Assert.Equal("bridge", old.Endpoints.Single().NetworkName);
            Assert.Null(old.Endpoints[0].IPAddress);
            Assert.Null(old.Endpoints[0].HostVeth);
            Assert.Single(old.Ports);
            Assert.Equal("172.17.0.2", model.FindContainer("new")!.Endpoints[0].IPAddress!.ToString());
        }
    }
}
