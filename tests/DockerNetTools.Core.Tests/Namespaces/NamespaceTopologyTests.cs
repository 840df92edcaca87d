using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Analysis.Sockets;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.Backends.Scenario;

namespace DockerNetTools.Tests.Namespaces
{
    /// <summary>Namespaces of ip netns on the interface and topology maps, and their sockets.</summary>
    public sealed class NamespaceTopologyTests
    {
        [Fact]
        public void Interfaces_Namespace_RowWithVethPeerBridgeAndGateway()
        {
            var model = ScenarioLoader.Parse(NamespaceScenarioTests.Lab, "lab.yaml");

            var row = Assert.Single(NamespaceTopology.Interfaces(model, model.Host.FindNamespace("container4")!));

            Assert.Equal(InterfaceOwner.Namespace, row.KindValue);
            Assert.Equal(("container4", "veth4", "brid4", "br0", "br0", "10.201.0.4", 24, "10.201.0.1", "netns"),
                (row.Container, row.Interface, row.HostVeth, row.Bridge, row.Network, row.IPAddress!.ToString(), row.PrefixLength!.Value, row.Gateway!.ToString(), row.NetworkMode));
            Assert.Equal(model.Host.Interfaces.Single(i => i.Name == "brid4").IfIndex, row.PeerIfIndex);
            Assert.Contains("not a Docker container", row.Note);
        }

        [Fact]
        public void Interfaces_ProcessNamespaceWithoutInterfaces_LoopbackOnlyNamingTheProcess()
        {
            var model = ScenarioLoader.Parse(NamespaceScenarioTests.Lab, "lab.yaml");

            var row = Assert.Single(NamespaceTopology.Interfaces(model, model.Host.FindNamespace("pid 4242")!));

            Assert.Equal("lo", row.Interface);
            Assert.Contains("process 4242 (unshare)", row.Note);
            Assert.Contains("loopback only", row.Note);
        }

        [Fact]
        public void HostBridges_Br0_AHostNetworkWithTheNamespacesOnIt()
        {
            var model = ScenarioLoader.Parse(NamespaceScenarioTests.Lab, "lab.yaml");

            var br0 = Assert.Single(NamespaceTopology.HostBridges(model));

            Assert.Equal(("br0", NetworkOrigin.Host, "bridge", "10.201.0.0/24", "10.201.0.1"), (br0.Name, br0.OriginValue, br0.Driver, br0.Subnet, br0.Gateway!.ToString()));
            Assert.Equal(new[] { "container4 10.201.0.4/24", "container5 10.201.0.5/24" }, br0.Containers.Select(c => c.ToString()));
            Assert.All(br0.Containers, c => Assert.Equal(InterfaceOwner.Namespace, c.KindValue));
            Assert.Equal(new[] { "brid4", "brid5" }, br0.Containers.Select(c => c.HostVeth));
        }

        [Fact]
        public void HostBridges_DockersBridges_AreNotListedAgain()
        {
            var model = ScenarioLoader.Load("SeedLab");

            Assert.Equal(new[] { "br0" }, NamespaceTopology.HostBridges(model).Select(b => b.Name));
            Assert.All(model.Networks.Select(n => TopologyAnalysis.Describe(model, n)), n => Assert.Equal(NetworkOrigin.Docker, n.OriginValue));
        }

        [Fact]
        public void QueryNamespaces_KnownAndUnknownSockets_RowsAndAnIssue()
        {
            var model = ScenarioLoader.Parse(NamespaceScenarioTests.Lab, "lab.yaml");

            var result = SocketQuery.QueryNamespaces(model.Host.Namespaces.Take(2));

            var row = Assert.Single(result.Rows);
            Assert.Equal(("container4", "netns container4", 8080, "nc"), (row.Container, row.Namespace, row.LocalPort, row.Process));
            var issue = Assert.Single(result.Issues);
            Assert.Equal(SocketIssueKind.SocketsUnknown, issue.Kind);
            Assert.Contains("'container5'", issue.Reason);
        }

        [Theory]
        [InlineData("10.201.0.4", true)]
        [InlineData("10.201.0.9", false)]
        public void IsOnHost_ABridgedNamespacesAddress_IsAProbeTargetOnTheHost(string address, bool onHost)
        {
            var model = ScenarioLoader.Parse(NamespaceScenarioTests.Lab, "lab.yaml");

            Assert.Equal(onHost, ProbeTargets.IsOnHost(model, IPAddress.Parse(address)));
        }
    }
}
