using System.Linq;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Namespaces
{
    /// <summary>Scenario key host.namespaces: network namespaces Docker did not make (seed 003's ip netns lab), read, checked and written.</summary>
    public sealed class NamespaceScenarioTests
    {
        internal const string Lab =
            "host:\n  addresses: [192.168.0.5]\n"
            + "  interfaces:\n"
            + "    - { name: br0, addresses: [10.201.0.1] }\n"
            + "    - { name: brid4, master: br0 }\n"
            + "    - { name: brid5, master: br0, ifIndex: 40 }\n"
            + "  namespaces:\n"
            + "    - name: container4\n"
            + "      inode: 4026532300\n"
            + "      interfaces:\n"
            + "        - { name: veth4, addresses: [10.201.0.4/24], peer: brid4, mac: '6a:01:02:03:04:04' }\n"
            + "      routes:\n"
            + "        - { destination: default, gateway: 10.201.0.1 }\n"
            + "      sockets:\n"
            + "        - { protocol: tcp, local: '0.0.0.0:8080', process: nc }\n"
            + "    - name: container5\n"
            + "      interfaces:\n"
            + "        - { name: veth5, ifIndex: 7, addresses: [10.201.0.5/24], peer: brid5 }\n"
            + "      routes:\n"
            + "        - { destination: default, gateway: 10.201.0.1, interface: veth5 }\n"
            + "    - name: pid 4242\n"
            + "      pid: 4242\n"
            + "      process: unshare\n"
            + "      interfaces: []\n"
            + "containers:\n  - name: web\n";

        [Fact]
        public void Read_Namespaces_FillTheModelWithPeersRoutesAndSockets()
        {
            var model = ScenarioLoader.Parse(Lab, "lab.yaml");

            Assert.Equal(new[] { "container4", "container5", "pid 4242" }, model.Host.Namespaces.Select(n => n.Name));
            var c4 = model.Host.FindNamespace("container4")!;
            Assert.Equal(NamespaceOrigin.Named, c4.Origin);
            Assert.Equal(4026532300L, c4.Inode);
            var veth4 = Assert.Single(c4.Interfaces);
            Assert.Equal("10.201.0.4/24", Assert.Single(veth4.Addresses).ToString());
            Assert.Equal("brid4", veth4.Peer);
            Assert.Equal("br0", model.Host.BridgeOf(veth4));
            Assert.Equal(model.Host.Interfaces.Single(i => i.Name == "brid4").IfIndex, veth4.PeerIfIndex);
            Assert.Equal(2, veth4.IfIndex);
            Assert.Equal("default via 10.201.0.1 dev veth4", Assert.Single(c4.Routes).ToString());
            Assert.True(c4.SocketsKnown);
            Assert.Equal(8080, Assert.Single(c4.Sockets).LocalPort);

            var c5 = model.Host.FindNamespace("container5")!;
            Assert.Equal(7, c5.Interfaces[0].IfIndex);
            Assert.Equal(40, c5.Interfaces[0].PeerIfIndex);
            Assert.False(c5.SocketsKnown);

            var process = model.Host.FindNamespace("pid 4242")!;
            Assert.Equal(NamespaceOrigin.Process, process.Origin);
            Assert.Equal(4242, process.ProcessId);
            Assert.Equal("unshare", process.Process);
        }

        [Fact]
        public void Read_NoNamespacesKey_NoNamespaces()
        {
            Assert.Empty(ScenarioLoader.Parse("containers:\n  - name: a\n", "a.yaml").Host.Namespaces);
        }

        [Fact]
        public void Write_Namespaces_ReloadToTheSameNamespaces()
        {
            var original = ScenarioLoader.Parse(Lab, "lab.yaml");

            var yaml = ScenarioWriter.ToYaml(original);
            var reloaded = ScenarioLoader.Parse(yaml, "copy.yaml");

            Assert.Contains("namespaces:", yaml);
            Assert.Equal(Describe(original), Describe(reloaded));
            Assert.True(reloaded.Host.FindNamespace("container4")!.SocketsKnown);
            Assert.False(reloaded.Host.FindNamespace("container5")!.SocketsKnown);
        }

        [Theory]
        [InlineData("host:\n  namespaces:\n    - { name: a, interfaces: [{ name: veth0, peer: nothere }] }\n",
            "bad.yaml:3:52: peer nothere of a's veth0 is no host interface: list it under host.interfaces (with master: the bridge it is on)")]
        [InlineData("host:\n  interfaces: [{ name: h0 }]\n  namespaces:\n    - { name: a, interfaces: [{ name: veth0, peer: h0 }] }\n    - { name: b, interfaces: [{ name: veth1, peer: h0 }] }\n",
            "bad.yaml:5:52: host interface h0 is already the peer of a's veth0: a veth has one peer")]
        [InlineData("host:\n  namespaces:\n    - { name: a }\n    - { name: a }\n",
            "bad.yaml:4:7: Cannot create namespace file \"/var/run/netns/a\": File exists (namespace a is listed twice)")]
        [InlineData("host:\n  namespaces:\n    - { name: a, interfaces: [{ name: veth0, addresses: [10.201.0.4] }] }\n",
            "bad.yaml:3:58: invalid interface address '10.201.0.4': give address/prefix, such as 10.201.0.4/24")]
        [InlineData("host:\n  namespaces:\n    - { name: 'a/b' }\n",
            "bad.yaml:3:15: invalid namespace name 'a/b': ip netns names a file under /var/run/netns, so no '/'")]
        [InlineData("host:\n  namespaces:\n    - { name: a, color: red }\n",
            "bad.yaml:3:18: unknown key 'color' in a network namespace. Known keys: name, pid, process, inode, interfaces, routes, sockets.")]
        public void Read_BadNamespace_ErrorAtFileLineColumn(string yaml, string expected)
        {
            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse(yaml, "bad.yaml"));

            Assert.Contains(expected, ScenarioLoader.ErrorLines(ex));
        }

        private static string[] Describe(DockerHostModel model) =>
            model.Host.Namespaces.Select(n => string.Join(" ", n.Name, n.Origin, n.ProcessId, n.Process, n.Inode,
                string.Join(",", n.Interfaces.Select(i => i.Name + "#" + i.IfIndex + "@" + i.Peer + "#" + i.PeerIfIndex + "=" + string.Join("+", i.Addresses) + "/" + i.MacAddress)),
                string.Join(",", n.Routes), string.Join(",", n.Sockets))).ToArray();
    }
}
