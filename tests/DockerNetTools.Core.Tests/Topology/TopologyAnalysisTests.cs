using System.Linq;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Topology
{
    public sealed class TopologyAnalysisTests
    {
        private const string Lab = @"
networks:
  - name: second-bridge
    subnet: 10.0.0.0/24
    gateway: 10.0.0.1
  - name: bridgetest
  - name: quiet
    subnet: 192.168.50.0/24
    internal: true
    icc: false
  - name: lan
    driver: macvlan
    subnet: 192.168.1.0/24
    gateway: 192.168.1.1
    parent: eth0
containers:
  - name: ubuntuA
  - name: ubuntuB
  - name: ubuntuC
    network: second-bridge
  - name: sourcecontainer
    network: bridgetest
    aliases: [src]
  - name: targetcontainer
    network: container:sourcecontainer
  - name: nonetest
    network: none
  - name: hostnettest
    network: host
  - name: sidecar
    network: container:hostnettest
  - name: stopped
    state: exited
    network: second-bridge
  - name: multi
    network: second-bridge
    ip: 10.0.0.200
    networks:
      - { name: bridgetest, aliases: [api] }
  - name: lanbox
    network: lan
  - name: quiet1
    network: quiet
";

        private static readonly DockerHostModel Model = ScenarioLoader.Parse(Lab, "test.yaml");

        private static ContainerInterface Single(string container) =>
            Assert.Single(TopologyAnalysis.Interfaces(Model, Model.FindContainer(container)!));

        [Fact]
        public void Interfaces_UserDefinedBridge_RowShowsEth0VethPeerAndBridge()
        {
            var row = Single("ubuntuC");
            var network = Model.FindNetwork("second-bridge")!;

            Assert.Equal("eth0", row.Interface);
            Assert.Equal("10.0.0.2", row.IPAddress!.ToString());
            Assert.Equal(24, row.PrefixLength);
            Assert.Equal("10.0.0.1", row.Gateway!.ToString());
            Assert.Equal("second-bridge", row.Network);
            Assert.Equal("second-bridge", row.NetworkMode);
            Assert.Equal("br-" + network.Id.Substring(0, 12), row.Bridge);
            Assert.Matches("^veth[0-9a-f]{7}$", row.HostVeth);
            // The container's iflink is the host veth's ifindex, and that veth is enslaved to the bridge.
            var veth = Model.Host.Interfaces.Single(i => i.Name == row.HostVeth);
            Assert.Equal(veth.IfIndex, row.PeerIfIndex);
            Assert.Equal(row.Bridge, veth.Master);
            Assert.NotEqual(row.IfIndex, row.PeerIfIndex);
            Assert.Null(row.Note);
            Assert.Null(row.SharedWith);
        }

        [Fact]
        public void Interfaces_DefaultBridge_Docker0AndFirstAddress()
        {
            var row = Single("ubuntuA");

            Assert.Equal("172.17.0.2", row.IPAddress!.ToString());
            Assert.Equal("docker0", row.Bridge);
            Assert.Equal("bridge", row.Network);
            Assert.Equal("bridge", row.NetworkMode);
            Assert.Equal("02:42:ac:11:00:02", row.MacAddress);
        }

        [Fact]
        public void Interfaces_ContainerMode_ReportsTheOwnersInterfaceUnderItsOwnName()
        {
            var owner = Single("sourcecontainer");
            var shared = Single("targetcontainer");

            Assert.Equal("targetcontainer", shared.Container);
            Assert.Equal("container:sourcecontainer", shared.NetworkMode);
            Assert.Equal("sourcecontainer", shared.SharedWith);
            Assert.Equal("shares sourcecontainer's namespace", shared.Note);
            Assert.Equal(owner.Interface, shared.Interface);
            Assert.Equal(owner.IPAddress, shared.IPAddress);
            Assert.Equal(owner.HostVeth, shared.HostVeth);
            Assert.Equal(owner.IfIndex, shared.IfIndex);
            Assert.Equal("bridgetest", shared.Network);
        }

        [Fact]
        public void Interfaces_ContainerModeOfHostModeContainer_SaysBoth()
        {
            var row = Single("sidecar");

            Assert.Equal("hostnettest", row.SharedWith);
            Assert.Equal("host", row.Network);
            Assert.Contains("shares hostnettest's namespace", row.Note);
            Assert.Contains("host's interfaces", row.Note);
        }

        [Fact]
        public void Interfaces_NoneMode_OnlyLoopback()
        {
            var row = Single("nonetest");

            Assert.Equal("lo", row.Interface);
            Assert.Equal("127.0.0.1", row.IPAddress!.ToString());
            Assert.Equal(8, row.PrefixLength);
            Assert.Equal("none", row.Network);
            Assert.Null(row.HostVeth);
            Assert.Null(row.Bridge);
            Assert.Contains("loopback only", row.Note);
        }

        [Fact]
        public void Interfaces_HostMode_SaysItSharesTheHostsInterfaces()
        {
            var row = Single("hostnettest");

            Assert.Equal("host", row.Network);
            Assert.Equal("host", row.NetworkMode);
            Assert.Null(row.Interface);
            Assert.Null(row.HostVeth);
            Assert.Equal("shares the host's interfaces", row.Note);
        }

        [Fact]
        public void Interfaces_StoppedContainer_NoInterfaceAndSaysWhy()
        {
            var row = Single("stopped");

            Assert.Equal("second-bridge", row.Network);
            Assert.Null(row.Interface);
            Assert.Null(row.IPAddress);
            Assert.Null(row.HostVeth);
            Assert.StartsWith("exited", row.Note);
        }

        [Fact]
        public void Interfaces_RestartingContainer_NoInterfaceAndSaysWhy()
        {
            // docker inspect of a container waiting for its restart policy (Docker 20.10.24): Status "restarting",
            // Running true, Pid 0, IPAddress "" — the sandbox is gone until the next start.
            var model = ScenarioLoader.Parse("containers:\n  - { name: flappy, state: restarting, publish: ['18910:80'] }\n", "test.yaml");

            var row = Assert.Single(TopologyAnalysis.Interfaces(model, model.FindContainer("flappy")!));

            Assert.Equal("bridge", row.Network);
            Assert.Null(row.Interface);
            Assert.Null(row.IPAddress);
            Assert.StartsWith("restarting", row.Note);
            Assert.Empty(TopologyAnalysis.Describe(model, model.FindNetwork("bridge")!).Containers);
        }

        [Fact]
        public void Interfaces_TwoNetworks_Eth0ThenEth1InConnectOrder()
        {
            var rows = TopologyAnalysis.Interfaces(Model, Model.FindContainer("multi")!);

            Assert.Equal(new[] { "eth0", "eth1" }, rows.Select(r => r.Interface));
            Assert.Equal(new[] { "second-bridge", "bridgetest" }, rows.Select(r => r.Network));
            Assert.Equal("10.0.0.200", rows[0].IPAddress!.ToString());
            Assert.All(rows, r => Assert.Equal("second-bridge", r.NetworkMode));
            Assert.NotEqual(rows[0].HostVeth, rows[1].HostVeth);
            Assert.NotEqual(rows[0].Bridge, rows[1].Bridge);
        }

        [Fact]
        public void Interfaces_Macvlan_NoVethNoBridgeAndPeerIsTheParent()
        {
            var row = Single("lanbox");
            var parent = Model.Host.Interfaces.Single(i => i.Name == "eth0");

            Assert.Equal("192.168.1.2", row.IPAddress!.ToString());
            Assert.Null(row.HostVeth);
            Assert.Null(row.Bridge);
            Assert.Equal(parent.IfIndex, row.PeerIfIndex);
            Assert.Equal("macvlan on eth0: no veth, no bridge", row.Note);
        }

        private const string DualStackLab = @"
networks:
  - name: v6net
    subnet: 172.30.0.0/24
containers:
  - name: dual
    network: v6net
    ipv6: fd00:abcd::2
    networks:
      - { name: bridge, ipv6: 2001:db8:1::242:ac11:2 }
  - name: v4only
    network: v6net
  - name: follower
    network: container:dual
";

        [Fact]
        public void Interfaces_IPv6Endpoint_RowCarriesTheIPv6AddressOfEachInterface()
        {
            var model = ScenarioLoader.Parse(DualStackLab, "v6.yaml");

            var rows = TopologyAnalysis.Interfaces(model, model.FindContainer("dual")!);

            Assert.Equal(new[] { "eth0 172.30.0.2 fd00:abcd::2", "eth1 172.17.0.2 2001:db8:1::242:ac11:2" },
                rows.Select(r => r.Interface + " " + r.IPAddress + " " + r.IPv6Address));
            Assert.Null(Assert.Single(TopologyAnalysis.Interfaces(model, model.FindContainer("v4only")!)).IPv6Address);
            Assert.Equal("fd00:abcd::2", TopologyAnalysis.Interfaces(model, model.FindContainer("follower")!)[0].IPv6Address!.ToString());
        }

        [Fact]
        public void Describe_IPv6Endpoint_AttachedContainerCarriesItsIPv6Address()
        {
            var model = ScenarioLoader.Parse(DualStackLab, "v6.yaml");

            var topology = TopologyAnalysis.Describe(model, model.FindNetwork("v6net")!);

            Assert.Equal(new[] { "dual fd00:abcd::2", "v4only " }, topology.Containers.Select(c => c.Name + " " + c.IPv6Address));
            Assert.Equal("2001:db8:1::242:ac11:2",
                TopologyAnalysis.Describe(model, model.FindNetwork("bridge")!).Containers.Single(c => c.Name == "dual").IPv6Address!.ToString());
        }

        [Fact]
        public void Describe_Network_RunningContainersInAddressOrderWithPrefix()
        {
            var topology = TopologyAnalysis.Describe(Model, Model.FindNetwork("second-bridge")!);

            Assert.Equal(new[] { "ubuntuC 10.0.0.2/24", "multi 10.0.0.200/24" }, topology.Containers.Select(c => c.Name + " " + c.IPv4));
            Assert.Equal("10.0.0.0/24", topology.Subnet);
            Assert.Equal("10.0.0.1", topology.Gateway!.ToString());
            Assert.Equal("bridge", topology.Driver);
            Assert.StartsWith("br-", topology.Bridge);
            Assert.DoesNotContain(topology.Containers, c => c.Name == "stopped");
            Assert.All(topology.Containers, c => Assert.Matches("^veth[0-9a-f]{7}$", c.HostVeth));
        }

        [Fact]
        public void Describe_UserDefinedNetwork_CarriesAliases()
        {
            var topology = TopologyAnalysis.Describe(Model, Model.FindNetwork("bridgetest")!);

            Assert.Equal(new[] { "src" }, topology.Containers.Single(c => c.Name == "sourcecontainer").Aliases);
            Assert.Equal(new[] { "api" }, topology.Containers.Single(c => c.Name == "multi").Aliases);
            Assert.DoesNotContain(topology.Containers, c => c.Name == "targetcontainer");
        }

        [Theory]
        [InlineData("host", "hostnettest")]
        [InlineData("none", "nonetest")]
        public void Describe_HostAndNone_ListTheirContainersWithoutAddress(string network, string container)
        {
            var topology = TopologyAnalysis.Describe(Model, Model.FindNetwork(network)!);

            var attached = Assert.Single(topology.Containers);
            Assert.Equal(container, attached.Name);
            Assert.Null(attached.IPv4);
            Assert.Null(topology.Subnet);
            Assert.Null(topology.Bridge);
        }

        [Fact]
        public void Describe_InternalNetworkWithIccOff_ReportsBoth()
        {
            var topology = TopologyAnalysis.Describe(Model, Model.FindNetwork("quiet")!);

            Assert.True(topology.Internal);
            Assert.False(topology.IccEnabled);
            Assert.Equal("quiet1 192.168.50.2/24", Assert.Single(topology.Containers).ToString());
        }

        [Fact]
        public void Describe_DefaultBridge_IsDocker0WithIccOn()
        {
            var topology = TopologyAnalysis.Describe(Model, Model.FindNetwork("bridge")!);

            Assert.Equal("docker0", topology.Bridge);
            Assert.True(topology.IccEnabled);
            Assert.False(topology.Internal);
            Assert.Equal(new[] { "ubuntuA", "ubuntuB" }, topology.Containers.Select(c => c.Name));
        }
    }
}
