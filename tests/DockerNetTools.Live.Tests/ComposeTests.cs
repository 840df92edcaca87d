using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using DockerNetTools.Backends.Compose;
using DockerNetTools.Live.Tests.Infrastructure;
using DockerNetTools.Model;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// A compose project of real shape checked against the real Compose: what the module models from the files equals
    /// `docker compose config --format json` and what `docker compose up -d` then creates, and the answers it gives
    /// before `up` (the stack modelled on top of the live host) equal the answers read from the live host after it.
    /// The stack: web/app/db with an internal backend network, an alias per network, a fixed address, a scaled service,
    /// a port range and a long-syntax port on 127.0.0.1, network_mode service: and none, a profile, an override file that
    /// adds an alias, a service and the default network's subnet, and a .env that names the project and the subnets.
    /// </summary>
    public sealed class ComposeTests : IDisposable
    {
        private readonly ITestOutputHelper _output;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "dnt-compose-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly string _project = "compose-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        private readonly int _octet = 100 + new Random().Next(0, 50) * 3;
        private readonly int[] _ports = LiveStacks.FreePorts(3);

        public ComposeTests(ITestOutputHelper output)
        {
            _output = output;
            Directory.CreateDirectory(_folder);
            File.WriteAllText(Path.Combine(_folder, ".env"),
                "COMPOSE_PROJECT_NAME=" + _project + "\n" +
                "# the front network's subnet\n" +
                "FRONT_SUBNET=10.68." + _octet + ".0/24\n" +
                "export WEB_PORT=" + _ports[0] + "\n" +
                "WEB_PORT_END='" + (_ports[0] + 1) + "'\n" +
                "ADMIN_PORT=\"" + _ports[2] + "\"\n");
            File.WriteAllText(Path.Combine(_folder, "compose.yaml"), $@"
x-busybox: &busybox
  image: dnt-busybox:latest
  pull_policy: never
x-httpd: &httpd
  <<: *busybox
  command: httpd -f -p 80
  expose: [""80""]
services:
  web:
    <<: *httpd
    command: [sh, -c, ""httpd -p 81; exec httpd -f -p 80""]
    ports:
      - ""127.0.0.1:${{WEB_PORT}}-${{WEB_PORT_END}}:80-81""
      - target: 80
        published: ""${{ADMIN_PORT}}""
        host_ip: 127.0.0.1
        protocol: tcp
        mode: host
    networks:
      front:
        aliases: [www]
        priority: 10
      back: {{}}
  app:
    <<: *httpd
    deploy:
      replicas: 2
    networks: [back]
  db:
    <<: *httpd
    expose: [""80"", ""${{DB_PORT:-5432}}""]
    hostname: database
    networks:
      back:
        ipv4_address: 10.68.{_octet + 1}.10
        aliases: [postgres]
  side:
    <<: *busybox
    command: sleep 3600
    network_mode: ""service:web""
  lone:
    <<: *busybox
    command: sleep 3600
    network_mode: none
  debug:
    <<: *busybox
    command: sleep 3600
    profiles: [debug]
    networks: [front, back]
networks:
  front:
    ipam:
      config:
        - subnet: ${{FRONT_SUBNET}}
  back:
    internal: true
    ipam:
      config:
        - subnet: 10.68.{_octet + 1}.0/24
          gateway: 10.68.{_octet + 1}.254
");
            File.WriteAllText(Path.Combine(_folder, "compose.override.yaml"), $@"
services:
  app:
    networks:
      back:
        aliases: [api]
  cache:
    image: dnt-busybox:latest
    pull_policy: never
    command: httpd -f -p 80
    expose: [""80""]
    container_name: {_project}-the-cache
networks:
  default:
    ipam:
      config:
        - subnet: 10.68.{_octet + 2}.0/24
");
        }

        public void Dispose()
        {
            try { Directory.Delete(_folder, true); } catch (IOException) { }
        }

        [ComposeFact]
        public async Task Stack_ModelEqualsComposeConfigAndUp_PredictionsEqualLiveAnswers()
        {
            var options = new ComposeOptions { Files = new[] { _folder }, WorkingDirectory = _folder };

            // 1. What Compose itself makes of the files, without and with the profile.
            var config = Config();
            var expected = Expected(config);
            _output.WriteLine("config: " + string.Join(" | ", expected.Select(e => e.Key + " = " + string.Join(", ", e.Value))));
            Assert.Equal(_project, config.GetProperty("name").GetString());
            Assert.Equal(_project, ComposeLoader.ProjectName(options));
            var withProfile = Expected(Config("--profile", "debug"));
            Assert.Contains(_project + "-debug-1", withProfile["containers"]);

            // 2. The module's model of the stack on top of the live host, before anything is created.
            var before = await OwnLab.ReadModelAsync();
            Assert.DoesNotContain(before.Containers, c => c.Name.StartsWith(_project, StringComparison.Ordinal));
            var modelled = ComposeLoader.Build(options, before);
            ComposeFacts.AssertSame(expected, Facts(modelled), "the module's model vs docker compose config");
            var modelledWithProfile = ComposeLoader.Build(new ComposeOptions { Files = options.Files, WorkingDirectory = _folder, Profiles = new[] { "debug" } }, before);
            Assert.Equal(withProfile["containers"].OrderBy(x => x), ProjectContainers(modelledWithProfile).Select(c => c.Name).OrderBy(x => x));

            using var session = new ModuleRunspace();
            var variables = new Dictionary<string, object?>
            {
                ["folder"] = _folder,
                ["endpoint"] = LiveDaemon.Endpoint,
                ["names"] = ProjectContainers(modelled).Select(c => c.Name).ToArray(),
                ["lookups"] = new[] { "web", "www", "app", "api", "db", "postgres", "database", "cache", _project + "-app-2", "lone", "side" },
            };
            var queries = new Dictionary<string, string>
            {
                ["reachability icmp"] = "Test-DockerNetReachability -Source $names -Destination $names",
                ["reachability tcp/80"] = "Test-DockerNetReachability -Source $names -Destination $names -Port 80",
                ["names"] = "Resolve-DockerNetName -Name $lookups -From $names",
                ["port bindings"] = "Get-DockerNetPortBinding -Container $names",
                ["interfaces"] = "Get-DockerNetInterface -Container $names",
                // Compose's labels: services where a container is expected, the project filter.
                ["by service"] = "Test-DockerNetReachability -Source web, app, lone -Destination db, www, postgres -Port 80",
                ["names by service"] = "Resolve-DockerNetName -Name db, www -From web, side, db",
                ["project"] = "Get-DockerNetInterface -Project " + _project,
            };
            var predictions = queries.ToDictionary(q => q.Key, q => ComposeAnswers.Rows(session.Run(q.Value + " -ComposeFile $folder -DockerHost $endpoint", variables), modelled));
            // Every prediction in the test's output: a failure below then shows the rows, not xunit's first five.
            foreach (var prediction in predictions) _output.WriteLine("predicted " + prediction.Key + ":\n  " + string.Join("\n  ", prediction.Value));
            // -Project on the networks: each with its projects and its containers' services (the runspace has no Sort-Object).
            List<string> ProjectNetworks(string from) => session.Run("Get-DockerNetTopology " + from + " -Project " + _project, variables).Output
                .Select(o => (DockerNetTools.Analysis.Topology.NetworkTopology)o.BaseObject)
                .Select(n => n.Name + " " + string.Join(",", n.Projects) + " " + string.Join(",", n.Containers.Select(c => c.Name + "/" + c.Service).OrderBy(c => c, StringComparer.Ordinal)))
                .ToList();
            var predictedNetworks = ProjectNetworks("-ComposeFile $folder -DockerHost $endpoint");
            Assert.Contains(predictedNetworks, n => n.StartsWith(_project + "_back " + _project + " " + _project + "-app-1/app,", StringComparison.Ordinal));
            Assert.Contains(predictions["by service"], r => r.Contains("Source=" + _project + "-web-1;"));
            Assert.Contains(predictions["project"], r => r.Contains("Project=" + _project + ";") && r.Contains("Service=db;"));
            var undetermined = session.Run("Test-DockerNetReachability -ComposeFile $folder -DockerHost $endpoint -Source " + _project + "-app-1 -Destination db -Port 81", variables);
            var verdict = Assert.Single(undetermined.Output);
            Assert.Equal("Undetermined", ModuleRunspace.Text(verdict, "Verdict"));
            Assert.Contains("neither publishes nor exposes", ModuleRunspace.Text(verdict, "Reason"));
            var assumed = session.Run("Test-DockerNetReachability -ComposeFile $folder -DockerHost $endpoint -Source " + _project + "-app-1 -Destination db -Port 5432", variables);
            Assert.Contains("assumed from `expose: 5432`", ModuleRunspace.Text(Assert.Single(assumed.Output), "PathText"));

            // 3. The real thing.
            try
            {
                var up = ComposeCli.Run(_folder, TimeSpan.FromMinutes(3), "up", "-d");
                Assert.True(up.Ok, "docker compose up -d failed: " + up);
                await LiveStacks.WaitForHttpdAsync(ProjectContainers(modelled).Where(c => c.NetworkMode.Kind != NetworkModeKind.Container && c.NetworkMode.Kind != NetworkModeKind.None && !c.Name.EndsWith("-lone-1", StringComparison.Ordinal)).Select(c => c.Name));

                var after = await OwnLab.ReadModelAsync();
                ComposeFacts.AssertSame(expected, Facts(after), "the live host after up vs docker compose config");
                ComposeFacts.AssertSame(Facts(modelled), Facts(after), "the module's model before up vs the live host after it");
                Assert.Equal("database", after.FindContainer(_project + "-db-1")!.Hostname);

                var engine28 = int.Parse(after.Engine.Version.Split('.')[0], CultureInfo.InvariantCulture) >= 28;
                var differences = new List<string>();
                foreach (var query in queries)
                {
                    var live = ComposeAnswers.Rows(session.Run(query.Value + " -DockerHost $endpoint", variables), after);
                    var predicted = predictions[query.Key];
                    // lone runs no server and publishes or exposes nothing: before up, its port 80 is unknown (Undetermined), not closed.
                    var unknown = predicted.Where(p => p.Contains("Verdict=Undetermined")).ToList();
                    Assert.All(unknown, p => Assert.Contains("Destination=" + _project + "-lone-1", p));
                    predicted = predicted.Except(unknown).ToList();
                    live = live.Where(l => !unknown.Any(u => ComposeAnswers.Pair(u) == ComposeAnswers.Pair(l))).ToList();
                    _output.WriteLine(query.Key + ": " + live.Count + " answers live, " + predicted.Count + " predicted");
                    Assert.True(live.Count > 0, query.Key + " gave nothing on the live host");
                    differences.AddRange(ComposeAnswers.Differences(query.Key, predicted, live, engine28, new[] { _project + "-web-1", _project + "-side-1" }));
                }
                Assert.True(differences.Count == 0, string.Join("\n", differences));
                // Live networks come in creation order, and Compose creates a project's networks concurrently: compare as sets.
                Assert.Equal(predictedNetworks.OrderBy(n => n, StringComparer.Ordinal),
                    ProjectNetworks("-DockerHost $endpoint").OrderBy(n => n, StringComparer.Ordinal));
                Assert.Contains(predictions["reachability tcp/80"], r => r.Contains("Verdict=Reachable"));
                Assert.Contains(predictions["reachability tcp/80"], r => r.Contains("Verdict=Blocked") || r.Contains("Verdict=Unreachable"));
                Assert.Contains(predictions["names"], r => r.Contains("Name=postgres"));
            }
            finally
            {
                var down = ComposeCli.Run(_folder, TimeSpan.FromMinutes(2), "down", "--remove-orphans", "--timeout", "1");
                _output.WriteLine("down: " + down);
            }
        }

        private JsonElement Config(params string[] extra) => ComposeFacts.Config(_folder, extra);

        private static Dictionary<string, SortedSet<string>> Expected(JsonElement config) => ComposeFacts.Expected(config);

        private IEnumerable<ContainerInfo> ProjectContainers(DockerHostModel model) => ComposeFacts.ProjectContainers(model, _project);

        private Dictionary<string, SortedSet<string>> Facts(DockerHostModel model) => ComposeFacts.Of(model, _project);
    }
}
