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
            Assert.Equal(ReachabilityVerdict.NameNotResolved, apart.VerdictValue);
            Assert.Equal("In Compose: add `back` to services.public.networks in compose.yaml, then docker compose up -d", apart.Remedy);

            var none = Ask(model, "lone", "proj-web-1", 80);
            Assert.Equal(ReachabilityVerdict.NoNetwork, none.AddressVerdictValue);
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
                Assert.Equal(ReachabilityVerdict.NameNotResolved, result.VerdictValue);
                Assert.Equal("proj-db-1", result.DestinationContainer);
                Assert.NotNull(result.AddressVerdict);
                Assert.NotEqual(ReachabilityVerdict.Reachable, result.AddressVerdictValue);
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
        public void Alias_ShadowingAnotherServicesName_BothAnswerRoundRobin()
        {
            // Checked on Engine 20.10: two containers with the alias b on one network, nslookup b answers both addresses.
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", "services:\n  a:\n    image: x\n    expose: [\"80\"]\n    networks:\n      default:\n        aliases: [b]\n  b:\n    image: x\n    expose: [\"80\"]\n  c:\n    image: x\n");
            var model = kit.Build();
            var answer = NameResolver.Resolve(model, model.FindContainer("proj-c-1")!, "b");
            Assert.Equal(new[] { "proj-a-1", "proj-b-1" }, answer.Answers.Select(a => a.Container).OrderBy(n => n));
            Assert.All(answer.Answers, a => Assert.True(a.RoundRobin));
            Verdict(Ask(model, "c", "b", 80), ReachabilityVerdict.Reachable, "(one of 2 addresses; Docker's DNS round-robins them)");
        }

        [Fact]
        public void Subnet_OverlappingAnExistingNetwork_DockersRefusalAtTheLine()
        {
            using var kit = new ComposeKit();
            var file = kit.Write("compose.yaml", "services:\n  a:\n    image: x\nnetworks:\n  default:\n    ipam:\n      config:\n        - subnet: 10.64.5.0/24\n");
            var baseHost = ScenarioLoader.Parse("networks:\n  - { name: legacy, subnet: 10.64.0.0/16 }\n", "base.yaml");
            Assert.Equal(new[] { file + ":8:19: Pool overlaps with other one on this address space (10.64.5.0/24 of proj_default overlaps 10.64.0.0/16 of legacy)" },
                kit.Errors(baseHost: baseHost));
        }

        [Fact]
        public void DefaultPools_RunningOut_DockersRefusal()
        {
            // Docker's default pools: 172.17-31.0.0/16 and 192.168.0-240.0/20, 31 networks in all, the default bridge holds one.
            using var kit = new ComposeKit();
            var keys = Enumerable.Range(0, 31).Select(i => "n" + i).ToList();
            var file = kit.Write("compose.yaml", "services:\n  a:\n    image: x\n    networks: [" + string.Join(", ", keys) + "]\nnetworks:\n" + string.Concat(keys.Select(k => "  " + k + ":\n")));
            var errors = kit.Errors();
            // Networks are created in key order (n0, n1, n10, …, n9): the last one, n9 at line 15, finds no pool left.
            Assert.Equal(new[] { file + ":15:3: could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network" }, errors);
            keys.RemoveAt(30);
            kit.Write("compose.yaml", "services:\n  a:\n    image: x\n    networks: [" + string.Join(", ", keys) + "]\nnetworks:\n" + string.Concat(keys.Select(k => "  " + k + ":\n")));
            Assert.Equal(30, kit.Build().Networks.Count(n => n.ComposeProject == "proj"));
        }

        [Fact]
        public void TwoStacks_OnASharedExternalNetwork_ReachEachOtherByService()
        {
            using var first = new ComposeKit("shop");
            first.Write("compose.yaml", "services:\n  api:\n    image: x\n    expose: [\"8080\"]\n    networks: [shared]\nnetworks:\n  shared:\n    name: compose-shared\n");
            using var second = new ComposeKit("blog");
            second.Write("compose.yaml", "services:\n  web:\n    image: x\n    networks: [shared, default]\nnetworks:\n  shared:\n    name: compose-shared\n    external: true\n");
            var model = second.Build(baseHost: first.Build());
            var shared = TopologyAnalysis.Describe(model, model.FindNetwork("compose-shared")!);
            Assert.Equal("shop", shared.Project);
            Assert.Equal(new[] { "blog", "shop" }, shared.Projects.OrderBy(p => p));
            var result = Ask(model, "web", "api", 8080);
            Assert.Equal("blog-web-1", result.Source);
            Verdict(result, ReachabilityVerdict.Reachable);
            // blog's own default network is not shared: the name of its web resolves for shop's api only on compose-shared.
            var back = NameResolver.Resolve(model, model.FindContainer("shop-api-1")!, "web");
            Assert.Equal("compose-shared", Assert.Single(back.Answers).Network);
        }

        [Fact]
        public void Scenario_SocketsAssumedWithoutSockets_IsAnError()
        {
            var error = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse("containers:\n  - name: ab\n    socketsAssumed: true\n", "lab.yaml"));
            Assert.Contains(ScenarioLoader.ErrorLines(error), l => l.StartsWith("lab.yaml:3:5: socketsAssumed needs the container's sockets", System.StringComparison.Ordinal));
        }
    }
}
