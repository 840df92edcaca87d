using System.Linq;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Core.Tests.Swarm
{
    public class SwarmScenarioTests
    {
        [Fact]
        public void Load_TwoNodes_PlacesTasksAndAddressesLikeDocker()
        {
            var model = SwarmKit.Load();
            var swarm = model.Swarm!;
            Assert.Equal(new[] { "swarm-n1", "swarm-n2" }, swarm.Nodes.Select(n => n.Hostname));
            Assert.Equal("swarm-n1", swarm.LocalNode!.Hostname);
            Assert.Equal(SwarmNodeRole.Manager, swarm.LocalNode.Role);
            Assert.False(swarm.LocalNode.Ipvs);

            var web = swarm.FindService("web")!;
            // The ingress port puts the service on the ingress network too; the VIP comes first, then the tasks (as on Docker 20.10.24).
            Assert.Equal(new[] { "ingress", "swarm-ov" }, web.Networks);
            Assert.Equal("10.66.1.2", web.VirtualIPs["swarm-ov"].ToString());
            var tasks = swarm.TasksOf(web).ToList();
            Assert.Equal(new[] { "web.1", "web.2" }, tasks.Select(t => t.Name));
            Assert.Equal(new[] { "swarm-n1", "swarm-n2" }, tasks.Select(t => swarm.FindNode(t.NodeId)!.Hostname));
            Assert.Equal(new[] { "10.66.1.3", "10.66.1.4" }, tasks.Select(t => t.Addresses["swarm-ov"].ToString()));

            var db = swarm.FindService("db")!;
            Assert.Empty(db.VirtualIPs);
            Assert.Equal(SwarmPublishMode.Host, db.Ports.Single().Mode);
            Assert.Equal("swarm-n2", swarm.FindNode(swarm.TasksOf(db).Single().NodeId)!.Hostname);

            // The local node's task is a container of the model, on the overlays and docker_gwbridge.
            var container = model.FindContainer(tasks[0].ContainerName)!;
            Assert.Equal(new[] { "ingress", "swarm-ov", "docker_gwbridge" }, container.Endpoints.Select(e => e.NetworkName));
            Assert.Equal("10.66.1.3", container.EndpointOn("swarm-ov")!.IPAddress!.ToString());
            Assert.Null(model.FindContainer(tasks[1].ContainerName));

            var overlay = model.FindNetwork("swarm-ov")!;
            Assert.Equal(4097, overlay.Vni);
            Assert.True(overlay.Attachable);
            Assert.Equal(4096, model.FindNetwork("ingress")!.Vni);
        }

        [Fact]
        public void Writer_SwarmModel_ReloadsToTheSameSwarm()
        {
            var model = SwarmKit.Load();
            var yaml = ScenarioWriter.ToYaml(model, "again");
            var again = ScenarioLoader.Parse(yaml, "again.yaml");
            Assert.Equal(model.Swarm!.Nodes.Select(n => n.Id + n.Address + n.Role + n.Ipvs), again.Swarm!.Nodes.Select(n => n.Id + n.Address + n.Role + n.Ipvs));
            Assert.Equal(model.Swarm.LocalNodeId, again.Swarm.LocalNodeId);
            string Tasks(DockerHostModel m) => string.Join(";", m.Swarm!.Tasks.Select(t => t.Name + "@" + t.NodeId + "=" + string.Join(",", t.Addresses.Select(a => a.Key + ":" + a.Value))));
            Assert.Equal(Tasks(model), Tasks(again));
            Assert.Equal(model.Swarm.Services.Select(s => s.Name + s.EndpointMode + string.Join(",", s.Ports) + string.Join(",", s.VirtualIPs.Values)),
                again.Swarm.Services.Select(s => s.Name + s.EndpointMode + string.Join(",", s.Ports) + string.Join(",", s.VirtualIPs.Values)));
            Assert.Equal(model.Containers.Select(c => c.Name), again.Containers.Select(c => c.Name));
            Assert.Equal(4097, again.FindNetwork("swarm-ov")!.Vni);
            Assert.True(again.FindNetwork("ingress")!.Ingress);
        }

        [Theory]
        [InlineData("nodes: [{ hostname: a }]", "needs an 'address'")]
        [InlineData("nodes: [{ hostname: a, address: 198.18.66.1 }]\nservices: [{ name: s, networks: [nope] }]", "network nope not found")]
        [InlineData("nodes: [{ hostname: a, address: 198.18.66.1 }]\nservices: [{ name: s, publish: ['80:80'] }]", "ingress network")]
        [InlineData("nodes: [{ hostname: a, address: 198.18.66.1, role: boss }]", "unknown role 'boss'")]
        [InlineData("networks: [{ name: b, vni: 4097 }]", "are for overlay networks")]
        public void Load_BadSwarmKeys_ScenarioFileInvalid(string yaml, string expected)
        {
            var error = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse(yaml, "bad.yaml"));
            Assert.Equal(ErrorIds.ScenarioFileInvalid, error.ErrorId);
            Assert.Contains(expected, error.Message, System.StringComparison.Ordinal);
        }
    }
}
