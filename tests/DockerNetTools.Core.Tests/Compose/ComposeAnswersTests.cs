using System.Linq;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Compose
{
    /// <summary>
    /// Answers about Compose-made containers, alike for a what-if and a live host (both carry Compose's labels): project
    /// and service on the rows, a service name where a container is expected, and remedies said as edits of the file.
    /// </summary>
    public class ComposeAnswersTests
    {
        private const string Stack = @"
services:
  web:
    image: x
    ports: [""8080:80""]
    networks: [front, back]
  db:
    image: x
    expose: [""5432""]
    networks:
      back:
        aliases: [postgres]
  app:
    image: x
    scale: 2
    networks: [back]
  public:
    image: x
    expose: [""80""]
    networks: [front]
  lone:
    image: x
    network_mode: none
networks:
  front:
  back:
    internal: true
";

        [Fact]
        public void Labels_EveryContainer_ProjectServiceNumberAsUpSetsThem()
        {
            using var kit = new ComposeKit();
            var file = kit.Write("compose.yaml", Stack);
            var model = kit.Build();
            var app2 = model.FindContainer("proj-app-2")!;
            Assert.Equal("proj", app2.ComposeProject);
            Assert.Equal("app", app2.ComposeService);
            Assert.Equal(2, app2.ComposeNumber);
            Assert.False(app2.ComposeOneOff);
            Assert.Equal(file, app2.Labels[ComposeLabels.ConfigFiles]);

            var rows = TopologyAnalysis.Interfaces(model, model.FindContainer("proj-web-1")!);
            Assert.All(rows, r => Assert.Equal(("proj", "web"), (r.Project, r.Service)));
            var back = TopologyAnalysis.Describe(model, model.FindNetwork("proj_back")!);
            Assert.Equal("proj", back.Project);
            Assert.Equal(new[] { "proj" }, back.Projects);
            Assert.All(back.Containers, c => Assert.Equal("proj", c.Project));
            Assert.Contains(back.Containers, c => c.Service == "db");
            var bridge = TopologyAnalysis.Describe(model, model.FindNetwork("bridge")!);
            Assert.Null(bridge.Project);
            Assert.Empty(bridge.Projects);
        }

        [Fact]
        public void ServiceName_AsSource_IsReplicaOneAndReportedByItsName()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", Stack);
            var model = kit.Build();
            var result = Ask(model, "app", "db", 5432);
            Assert.Equal("proj-app-1", result.Source);
            Verdict(result, ReachabilityVerdict.Reachable);
            Assert.Same(model.FindContainer("proj-app-1"), Analysis.Common.ContainerLookup.Require(model, "app"));
        }

        [Fact]
        public void ServiceName_InSeveralProjects_ContainerAmbiguousListsThem()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", Stack);
            var other = ScenarioLoader.Parse(
                "containers:\n  - name: blog-web-1\n    labels: { com.docker.compose.project: blog, com.docker.compose.service: web, com.docker.compose.container-number: \"1\" }\n",
                "base.yaml");
            var model = kit.Build(baseHost: other);
            var error = Assert.Throws<DockerNetException>(() => Ask(model, "web", "db"));
            Assert.Equal(ErrorIds.ContainerAmbiguous, error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Contains("blog-web-1 (project blog), proj-web-1 (project proj)", error.Message);
            // A container with that very name wins over any service.
            var named = ScenarioLoader.Parse("containers:\n  - name: web\n  - name: blog-web-1\n    labels: { com.docker.compose.project: blog, com.docker.compose.service: web }\n", "base.yaml");
            Assert.Equal("web", Ask(kit.Build(baseHost: named), "web", "db").Source);
        }

        [Fact]
        public void Remedies_ComposeContainers_EditTheFileNotDockerNetworkConnect()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", Stack);
            var model = kit.Build();

            var apart = Ask(model, "public", "db", 5432);
            Assert.Equal(ReachabilityVerdict.NameNotResolved, apart.Verdict);
            Assert.Equal("In Compose: add `back` to services.public.networks in compose.yaml, then docker compose up -d", apart.Remedy);

            var none = Ask(model, "lone", "proj-web-1", 80);
            Assert.Equal(ReachabilityVerdict.NoNetwork, none.AddressVerdict);
            Assert.StartsWith("In Compose: replace `network_mode: none` of services.lone in compose.yaml with `networks: [", none.Remedy);

            var unknown = Ask(model, "app", "db", 22);
            Verdict(unknown, ReachabilityVerdict.Undetermined, "neither publishes nor exposes");
            Assert.Equal("If the service listens on 22, say so in compose.yaml: `expose: [\"22\"]` under services.db (or publish it with `ports:`).", unknown.Remedy);

            var name = NameResolver.Resolve(model, model.FindContainer("proj-public-1")!, "postgres");
            Assert.False(name.Resolved);
            Assert.DoesNotContain("docker network connect", name.Remedy);
            Assert.Contains("services.public.networks", name.Remedy);

            // The same shapes by hand (no labels): Docker's commands.
            var byHand = Load("networks:\n  - { name: back, internal: true }\n  - { name: front }\ncontainers:\n  - { name: dbc, network: back, sockets: [{ protocol: tcp, local: '0.0.0.0:5432', state: LISTEN }] }\n  - { name: pub, network: front }\n");
            Assert.Equal("docker network connect back pub", Ask(byHand, "pub", "dbc", 5432).Remedy);
        }

        [Fact]
        public void AddressVerdict_ServiceOrAliasNotResolvingFromTheSource_IsTheHoldersAddressVerdict()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", Stack);
            var model = kit.Build();
            foreach (var destination in new[] { "db", "postgres", "proj-db-1" })
            {
                var result = Ask(model, "public", destination, 5432);
                Assert.Equal(ReachabilityVerdict.NameNotResolved, result.Verdict);
                Assert.Equal("proj-db-1", result.DestinationContainer);
                Assert.NotNull(result.AddressVerdict);
                Assert.NotEqual(ReachabilityVerdict.Reachable, result.AddressVerdict);
            }
        }

        [Fact]
        public void Export_ComposeWhatIf_KeepsAssumedSocketsAndLabels()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", Stack);
            var model = kit.Build();
            var yaml = ScenarioWriter.ToYaml(model);
            Assert.Contains("socketsAssumed: true", yaml);
            var reloaded = ScenarioLoader.Parse(yaml, "export.yaml");
            var db = reloaded.FindContainer("proj-db-1")!;
            Assert.True(db.SocketsAssumed);
            Assert.Equal("db", db.ComposeService);
            Verdict(Ask(reloaded, "app", "db", 22), ReachabilityVerdict.Undetermined, "neither publishes nor exposes");
            Verdict(Ask(reloaded, "app", "db", 5432), ReachabilityVerdict.Reachable);
        }

        [Fact]
        public void Scenario_SocketsAssumedWithoutSockets_IsAnError()
        {
            var error = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse("containers:\n  - name: ab\n    socketsAssumed: true\n", "lab.yaml"));
            Assert.Contains(ScenarioLoader.ErrorLines(error), l => l.StartsWith("lab.yaml:3:5: socketsAssumed needs the container's sockets", System.StringComparison.Ordinal));
        }
    }
}
