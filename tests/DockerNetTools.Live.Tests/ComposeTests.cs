using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
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
        private readonly int[] _ports = FreePorts(3);

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
            AssertFacts(expected, Facts(modelled, c => c.Name), "the module's model vs docker compose config");
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
            var predictions = queries.ToDictionary(q => q.Key, q => Answers(session.Run(q.Value + " -ComposeFile $folder -DockerHost $endpoint", variables), modelled));
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
                await WaitForHttpdAsync(ProjectContainers(modelled).Where(c => c.NetworkMode.Kind != NetworkModeKind.Container && c.NetworkMode.Kind != NetworkModeKind.None && !c.Name.EndsWith("-lone-1", StringComparison.Ordinal)).Select(c => c.Name));

                var after = await OwnLab.ReadModelAsync();
                AssertFacts(expected, Facts(after, c => c.Name), "the live host after up vs docker compose config");
                AssertFacts(Facts(modelled, c => c.Name), Facts(after, c => c.Name), "the module's model before up vs the live host after it");
                Assert.Equal("database", after.FindContainer(_project + "-db-1")!.Hostname);

                var engine28 = int.Parse(after.Engine.Version.Split('.')[0], CultureInfo.InvariantCulture) >= 28;
                var differences = new List<string>();
                foreach (var query in queries)
                {
                    var live = Answers(session.Run(query.Value + " -DockerHost $endpoint", variables), after);
                    var predicted = predictions[query.Key];
                    // lone runs no server and publishes or exposes nothing: before up, its port 80 is unknown (Undetermined), not closed.
                    var unknown = predicted.Where(p => p.Contains("Verdict=Undetermined")).ToList();
                    Assert.All(unknown, p => Assert.Contains("Destination=" + _project + "-lone-1", p));
                    predicted = predicted.Except(unknown).ToList();
                    live = live.Where(l => !unknown.Any(u => Pair(u) == Pair(l))).ToList();
                    _output.WriteLine(query.Key + ": " + live.Count + " answers live, " + predicted.Count + " predicted");
                    Assert.True(live.Count > 0, query.Key + " gave nothing on the live host");
                    if (engine28)
                    {
                        // Engine 28 names the interfaces of a container created with several networks in no predictable
                        // order (moby#49935, compose#12776); the model keeps Compose's priority order, so eth numbers and
                        // the network an unreachable multi-network destination is reported on are compared without it.
                        live = live.Select(Unordered).ToList();
                        predicted = predicted.Select(Unordered).ToList();
                    }
                    foreach (var missing in Without(live, predicted)) differences.Add(query.Key + " live only: " + missing);
                    foreach (var extra in Without(predicted, live)) differences.Add(query.Key + " predicted only: " + extra);
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

        private JsonElement Config(params string[] extra)
        {
            var result = ComposeCli.Run(_folder, TimeSpan.FromSeconds(60), extra.Concat(new[] { "config", "--format", "json" }).ToArray());
            Assert.True(result.Ok, "docker compose config failed: " + result);
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }

        // "containers", "networks", and per container "net <container>", "aliases <container> <network>", "ports <container>", "mode <container>", "ip <container> <network>".
        private static Dictionary<string, SortedSet<string>> Expected(JsonElement config)
        {
            var facts = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            SortedSet<string> Fact(string key) => facts.TryGetValue(key, out var set) ? set : facts[key] = new SortedSet<string>(StringComparer.Ordinal);
            var project = config.GetProperty("name").GetString()!;
            var networkNames = config.TryGetProperty("networks", out var networks)
                ? networks.EnumerateObject().ToDictionary(n => n.Name, n => n.Value.GetProperty("name").GetString()!)
                : new Dictionary<string, string>();
            var firstContainer = new Dictionary<string, string>();
            foreach (var service in config.GetProperty("services").EnumerateObject())
            {
                var s = service.Value;
                var replicas = s.TryGetProperty("deploy", out var deploy) && deploy.TryGetProperty("replicas", out var r) ? r.GetInt32()
                    : s.TryGetProperty("scale", out var scale) ? scale.GetInt32() : 1;
                var names = s.TryGetProperty("container_name", out var cn) ? new List<string> { cn.GetString()! }
                    : Enumerable.Range(1, replicas).Select(i => project + "-" + service.Name + "-" + i).ToList();
                firstContainer[service.Name] = names[0];
                foreach (var name in names)
                {
                    Fact("containers").Add(name);
                    Fact("mode " + name).Add(s.TryGetProperty("network_mode", out var mode) ? mode.GetString()! : "networks");
                    if (s.TryGetProperty("networks", out var attached))
                    {
                        foreach (var network in attached.EnumerateObject())
                        {
                            var real = networkNames[network.Name];
                            Fact("networks").Add(real);
                            Fact("net " + name).Add(real);
                            var aliases = Fact("aliases " + name + " " + real);
                            aliases.Add(name);
                            aliases.Add(service.Name);
                            if (network.Value.ValueKind == JsonValueKind.Object)
                            {
                                if (network.Value.TryGetProperty("aliases", out var list)) foreach (var alias in list.EnumerateArray()) aliases.Add(alias.GetString()!);
                                if (network.Value.TryGetProperty("ipv4_address", out var ip)) Fact("ip " + name + " " + real).Add(ip.GetString()!);
                            }
                        }
                    }
                    if (s.TryGetProperty("ports", out var ports))
                        foreach (var port in ports.EnumerateArray())
                            Fact("ports " + name).Add(port.GetProperty("host_ip").GetString() + ":" + port.GetProperty("published").GetString() + "->" + port.GetProperty("target").GetInt32() + "/" + port.GetProperty("protocol").GetString());
                }
            }
            // network_mode service:x names the container it shares, as Docker records it.
            foreach (var key in facts.Keys.Where(k => k.StartsWith("mode ", StringComparison.Ordinal)).ToList())
            {
                var mode = facts[key].Single();
                if (mode.StartsWith("service:", StringComparison.Ordinal)) facts[key] = new SortedSet<string> { "container:" + firstContainer[mode.Substring(8)] };
            }
            return facts;
        }

        private IEnumerable<ContainerInfo> ProjectContainers(DockerHostModel model) =>
            model.Containers.Where(c => c.Name.StartsWith(_project + "-", StringComparison.Ordinal));

        private Dictionary<string, SortedSet<string>> Facts(DockerHostModel model, Func<ContainerInfo, string> name)
        {
            var facts = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            SortedSet<string> Fact(string key) => facts.TryGetValue(key, out var set) ? set : facts[key] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var container in ProjectContainers(model))
            {
                var n = name(container);
                Fact("containers").Add(n);
                var kind = container.NetworkMode.Kind;
                if (kind == NetworkModeKind.Container)
                {
                    var target = model.FindContainer(container.NetworkMode.Target!);
                    Fact("mode " + n).Add("container:" + (target?.Name ?? container.NetworkMode.Target));
                    continue;
                }
                Fact("mode " + n).Add(kind == NetworkModeKind.None ? "none" : kind == NetworkModeKind.Host ? "host" : "networks");
                if (kind == NetworkModeKind.None) continue;
                foreach (var endpoint in container.Endpoints)
                {
                    Fact("networks").Add(endpoint.NetworkName);
                    Fact("net " + n).Add(endpoint.NetworkName);
                    var aliases = Fact("aliases " + n + " " + endpoint.NetworkName);
                    // Engine 20.10 adds the short id and the hostname to the aliases it reports (28 moved them to DNSNames).
                    foreach (var alias in endpoint.Aliases.Where(a => a != container.ShortId && a != container.Hostname)) aliases.Add(alias);
                    if (endpoint.IPAddress != null && endpoint.IPAddress.ToString().EndsWith(".10", StringComparison.Ordinal)) Fact("ip " + n + " " + endpoint.NetworkName).Add(endpoint.IPAddress.ToString());
                }
                foreach (var port in container.Ports) Fact("ports " + n).Add(port.HostIp + ":" + port.HostPort + "->" + port.ContainerPort + "/" + port.Protocol.ToString().ToLowerInvariant());
            }
            return facts;
        }

        private static void AssertFacts(Dictionary<string, SortedSet<string>> expected, Dictionary<string, SortedSet<string>> actual, string what)
        {
            var differences = new List<string>();
            foreach (var key in expected.Keys.Union(actual.Keys).OrderBy(k => k, StringComparer.Ordinal))
            {
                var e = expected.TryGetValue(key, out var x) ? string.Join(", ", x) : "(none)";
                var a = actual.TryGetValue(key, out var y) ? string.Join(", ", y) : "(none)";
                if (e != a) differences.Add(key + ": expected " + e + ", got " + a);
            }
            Assert.True(differences.Count == 0, what + ":\n" + string.Join("\n", differences));
        }

        // An answer as its properties' text, with what differs by construction between a model and a real host taken out:
        // veth names and ifindexes, bridge names and ids, and the addresses Docker hands out in the order containers
        // happen to start (replaced by the container that holds them).
        private static List<string> Answers(ModuleRunspace.Result result, DockerHostModel model)
        {
            var addresses = model.Containers.SelectMany(c => c.Endpoints.Where(e => e.IPAddress != null).Select(e => (e.IPAddress!.ToString(), c.Name)))
                .GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Name);
            var ignored = new HashSet<string>(StringComparer.Ordinal) { "Path", "PathText", "HostVeth", "Bridge", "IfIndex", "PeerIfIndex", "MacAddress", "Scenario", "DockerHost", "ComposeFile", "ProjectName", "Profile", "Reason", "Listener" };
            return result.Output.Select(o => string.Join("; ", o.Properties.Where(p => p.IsGettable && !ignored.Contains(p.Name))
                    .OrderBy(p => p.Name, StringComparer.Ordinal)
                    .Select(p => p.Name + "=" + Replace(Text(p), addresses)))
                    // Engine 20.10 registers a container's hostname among its endpoint aliases (28 among its DNS names).
                    .Replace("RecordKind=Hostname", "RecordKind=Alias"))
                .Concat(result.Errors.Select(e => "error " + e.FullyQualifiedErrorId + ": " + e.Exception.Message))
                .Select(row => row.Replace(model.Source, "<host>"))
                // Suggestions come from every container on the daemon, and other tests' labs come and go meanwhile.
                .Select(row => DidYouMean.Replace(row, string.Empty))
                .ToList();
        }

        private static readonly System.Text.RegularExpressions.Regex InterfaceName = new System.Text.RegularExpressions.Regex("; Interface=eth[0-9]+");
        private static readonly System.Text.RegularExpressions.Regex BlockedOn = new System.Text.RegularExpressions.Regex("; (NetworkUsed|Remedy)=[^;]*(?=;.*(Verdict=Blocked|Verdict=NameNotResolved|Destination=[^;]*-(web|side)-1;))");

        private static readonly System.Text.RegularExpressions.Regex NetworkList = new System.Text.RegularExpressions.Regex(@"is on ([^ ,:]+(, [^ ,:]+)+)");

        private static string Unordered(string row) =>
            NetworkList.Replace(BlockedOn.Replace(InterfaceName.Replace(row, string.Empty), string.Empty),
                m => "is on " + string.Join(", ", m.Groups[1].Value.Split(", ").OrderBy(n => n, StringComparer.Ordinal)));

        /// <summary>The rows of <paramref name="a"/> left after taking out one equal row of <paramref name="b"/> for each (a multiset difference).</summary>
        private static List<string> Without(List<string> a, List<string> b)
        {
            var left = new List<string>(a);
            foreach (var row in b) left.Remove(row);
            return left;
        }

        private static readonly System.Text.RegularExpressions.Regex DidYouMean = new System.Text.RegularExpressions.Regex(@" Did you mean: [^?]*\?");

        private static string Pair(string row) =>
            string.Join(";", row.Split("; ").Where(p => p.StartsWith("Source=", StringComparison.Ordinal) || p.StartsWith("Destination=", StringComparison.Ordinal)));

        private static string Replace(string text, Dictionary<string, string> addresses) =>
            addresses.TryGetValue(text, out var name) ? "<address of " + name + ">" : text;

        private static string Text(PSPropertyInfo property)
        {
            object? value;
            try { value = property.Value; } catch (GetValueException) { return string.Empty; }
            return value switch
            {
                null => string.Empty,
                string s => s,
                System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(v => v?.ToString())) + "]",
                _ => value.ToString() ?? string.Empty,
            };
        }

        private static async Task WaitForHttpdAsync(IEnumerable<string> containers)
        {
            foreach (var container in containers)
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    if (DockerCli.Run("exec", container, "nc", "-w", "1", "127.0.0.1", "80").Ok) break;
                    await Task.Delay(100);
                }
        }

        private static int[] FreePorts(int count)
        {
            // A run of `count` consecutive free ports (the range publish needs two in a row).
            var random = new Random();
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var first = random.Next(40000, 60000);
                var listeners = new List<TcpListener>();
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, first + i);
                        listener.Start();
                        listeners.Add(listener);
                    }
                    return Enumerable.Range(first, count).ToArray();
                }
                catch (SocketException)
                {
                }
                finally
                {
                    foreach (var listener in listeners) listener.Stop();
                }
            }
            throw new InvalidOperationException("no free port run found");
        }
    }
}
