using System.Linq;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Tests.Scenario
{
    /// <summary>
    /// Interface indexes are per network namespace. From Engine 28 the container side of a veth is created inside the
    /// container's namespace, so every container's eth0 is ifindex 2 (seen on 28.5.2: eth0 = 2 in each container, its
    /// host peer 84, 86, …), the same number as the host's own eth0; on 20.10 the pair is made on the host and moved, so
    /// the container keeps a host-unique number (119). A snapshot of an Engine 28 host must load.
    /// </summary>
    public sealed class InterfaceIndexTests
    {
        private const string Engine28Shape =
            "host: { uplinkIfIndex: 2 }\n" +
            "networks:\n  - { name: front, subnet: 10.9.0.0/24, bridgeIfIndex: 3 }\n" +
            "containers:\n" +
            "  - { name: web, network: front, ifIndex: 2, hostIfIndex: 84 }\n" +
            "  - { name: api, network: front, ifIndex: 2, hostIfIndex: 86 }\n";

        [Fact]
        public void Parse_ContainersWithTheHostsIndexes_LoadsEachInItsOwnNamespace()
        {
            var model = ScenarioLoader.Parse(Engine28Shape, "e28.yaml");

            Assert.Equal(2, model.Host.Interfaces.Single(i => i.Name == "eth0").IfIndex);
            Assert.Equal(new[] { 2, 2 }, model.Containers.Select(c => c.Endpoints.Single().IfIndex));
            Assert.Equal(new[] { 84, 86 }, model.Containers.Select(c => c.Endpoints.Single().HostIfIndex));
        }

        [Theory]
        [InlineData("containers:\n  - { name: a, ifIndex: 1 }\n", "bad.yaml:2:25: ifindex 1 of a on bridge is already used by lo")]
        [InlineData("networks:\n  - { name: n }\ncontainers:\n  - name: a\n    ifIndex: 7\n    networks: [ { name: n, ifIndex: 7 } ]\n",
            "bad.yaml:6:37: ifindex 7 of a on n is already used by a on bridge")]
        [InlineData("host: { uplinkIfIndex: 2 }\ncontainers:\n  - { name: a, hostIfIndex: 2 }\n", "bad.yaml:3:29: ifindex 2 of a's host veth on bridge is already used by eth0")]
        public void Parse_IndexTakenInTheSameNamespace_Refused(string yaml, string expected)
        {
            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse(yaml, "bad.yaml"));
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void Parse_DerivedIndex_SkipsTheContainersOwnExplicitIndex()
        {
            var model = ScenarioLoader.Parse("networks:\n  - { name: n }\ncontainers:\n  - name: a\n    networks: [ { name: n, ifIndex: 5 } ]\n", "x.yaml");
            var indexes = model.Containers.Single().Endpoints.Select(e => e.IfIndex).ToList();

            Assert.Equal(indexes.Count, indexes.Distinct().Count());
            Assert.Contains(5, indexes);
        }
    }
}
