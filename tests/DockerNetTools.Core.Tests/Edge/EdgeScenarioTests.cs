using System.Linq;
using System.Net;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Edge
{
    /// <summary>The scenario keys of the host's edge: host.routes, host.forwarding(6), host.resolvers, engine.dns and a container's dns.</summary>
    public sealed class EdgeScenarioTests
    {
        private const string Edge =
            "engine:\n  dns: [198.18.67.53, 9.9.9.9]\n"
            + "host:\n  uplink: ens3\n  addresses: [192.168.1.10]\n"
            + "  routes:\n"
            + "    - { destination: default, gateway: 192.168.1.1, interface: ens3, metric: 100 }\n"
            + "    - { destination: 10.8.0.0/16, gateway: 10.8.0.1, interface: tun0 }\n"
            + "    - { destination: 192.168.1.0/24, interface: ens3 }\n"
            + "    - { destination: '::/0', gateway: 'fe80::1', interface: ens3 }\n"
            + "    - { destination: 'fd00:8::/64', interface: wg0 }\n"
            + "  forwarding: false\n  forwarding6: true\n  resolvers: [127.0.0.53, 192.168.1.1]\n"
            + "containers:\n  - name: a\n    dns: [1.1.1.1]\n  - name: b\n";

        [Fact]
        public void Read_EdgeKeys_FillTheModel()
        {
            var model = ScenarioLoader.Parse(Edge, "edge.yaml");

            Assert.Equal(new[] { "default via 192.168.1.1 dev ens3 metric 100", "10.8.0.0/16 via 10.8.0.1 dev tun0", "192.168.1.0/24 dev ens3", "::/0 via fe80::1 dev ens3", "fd00:8::/64 dev wg0" },
                model.Host.Routes!.Select(r => r.ToString()));
            Assert.True(model.Host.Routes![3].IsIPv6 && model.Host.Routes[3].IsDefault);
            Assert.False(model.Host.Forwarding);
            Assert.True(model.Host.Forwarding6);
            Assert.Equal(new[] { "127.0.0.53", "192.168.1.1" }, model.Host.Resolvers!.Select(a => a.ToString()));
            Assert.Equal(new[] { "198.18.67.53", "9.9.9.9" }, model.Engine.Dns!.Select(a => a.ToString()));
            Assert.Equal(new[] { "1.1.1.1" }, model.FindContainer("a")!.Dns.Select(a => a.ToString()));
            Assert.Empty(model.FindContainer("b")!.Dns);
        }

        [Fact]
        public void Read_NoEdgeKeys_UnknownRoutesForwardingResolversAndNoEngineDns()
        {
            var model = ScenarioLoader.Parse("containers:\n  - name: a\n", "edge.yaml");

            Assert.Null(model.Host.Routes);
            Assert.Null(model.Host.Forwarding);
            Assert.Null(model.Host.Forwarding6);
            Assert.Null(model.Host.Resolvers);
            Assert.Empty(model.Engine.Dns!);
        }

        [Fact]
        public void Write_EdgeKeys_ReloadToTheSameValues()
        {
            var original = ScenarioLoader.Parse(Edge, "edge.yaml");

            var yaml = ScenarioWriter.ToYaml(original);
            var reloaded = ScenarioLoader.Parse(yaml, "copy.yaml");

            Assert.Contains("destination: default", yaml);
            Assert.Equal(original.Host.Routes!.Select(r => r.ToString()), reloaded.Host.Routes!.Select(r => r.ToString()));
            Assert.Equal(original.Host.Forwarding, reloaded.Host.Forwarding);
            Assert.Equal(original.Host.Forwarding6, reloaded.Host.Forwarding6);
            Assert.Equal(original.Host.Resolvers, reloaded.Host.Resolvers);
            Assert.Equal(original.Engine.Dns, reloaded.Engine.Dns);
            Assert.Equal(original.FindContainer("a")!.Dns, reloaded.FindContainer("a")!.Dns);
        }

        [Fact]
        public void Write_NoEdgeKeys_WritesNone()
        {
            var yaml = ScenarioWriter.ToYaml(ScenarioLoader.Parse("containers:\n  - name: a\n", "edge.yaml"));

            Assert.DoesNotContain("routes:", yaml);
            Assert.DoesNotContain("forwarding", yaml);
            Assert.DoesNotContain("resolvers:", yaml);
            Assert.DoesNotContain("dns:", yaml);
        }

        [Theory]
        [InlineData("host:\n  routes:\n    - { gateway: 10.0.0.1 }\n", "bad.yaml:3:7: a route needs a 'destination' (a CIDR such as 10.8.0.0/16, or default)")]
        [InlineData("host:\n  routes:\n    - { destination: 10.8.0.0/33 }\n", "bad.yaml:3:22: invalid route destination '10.8.0.0/33': use a CIDR such as 10.8.0.0/16 or fd00:8::/64, or default")]
        [InlineData("host:\n  routes:\n    - { destination: 10.8.0.1/16 }\n", "bad.yaml:3:22: invalid prefix for given prefix length: 10.8.0.1/16 has host bits set (ip route refuses it)")]
        [InlineData("host:\n  routes:\n    - { destination: 10.8.0.0/16, gateway: 10.8.0.x }\n", "bad.yaml:3:44: invalid gateway address: 10.8.0.x")]
        [InlineData("host:\n  routes:\n    - { destination: 10.8.0.0/16, gateway: 'fd00::1' }\n", "bad.yaml:3:44: gateway fd00::1 is not the same address family as destination 10.8.0.0/16")]
        [InlineData("host:\n  routes:\n    - { destination: default, interface: a-very-long-interface }\n", "bad.yaml:3:42: invalid interface name 'a-very-long-interface': at most 15 characters, no spaces, '/' or ':'")]
        [InlineData("host:\n  routes:\n    - { destination: default, via: 10.0.0.1 }\n", "bad.yaml:3:31: unknown key 'via' in a route. Known keys: destination, gateway, interface, metric.")]
        [InlineData("host:\n  forwarding: maybe\n", "bad.yaml:2:15: 'forwarding' must be true or false, not 'maybe'")]
        [InlineData("host:\n  resolvers: [192.168.1.300]\n", "bad.yaml:2:15: invalid nameserver address: 192.168.1.300")]
        [InlineData("engine:\n  dns: [dns.google]\n", "bad.yaml:2:9: invalid DNS server address: dns.google")]
        [InlineData("containers:\n  - name: a\n  - name: b\n    network: 'container:a'\n    dns: [1.1.1.1]\n", "bad.yaml:5:5: conflicting options: dns and the network mode")]
        public void Read_BadEdgeKey_ErrorAtFileLineColumn(string yaml, string expected)
        {
            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse(yaml, "bad.yaml"));

            Assert.Contains(expected, ScenarioLoader.ErrorLines(ex));
        }
    }
}
