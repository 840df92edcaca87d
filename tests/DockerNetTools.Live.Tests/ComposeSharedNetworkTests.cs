using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DockerNetTools.Backends.Compose;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// Two stacks in two folders on one `external: true` network the test creates: stack A is up, and what the module
    /// models for stack B on top of that live host equals `docker compose config` and what `up -d` then creates; the
    /// answers across the stacks predicted before B's `up` equal the live answers after it, and real probes inside the
    /// containers (busybox nc and nslookup, bounded) agree with them. A's orders and B's shop share the network; A's
    /// ledger and B's basket are each on their own project's private network, out of the other stack's reach and names.
    /// Every container forwards unknown names to its own loopback (dns: 127.0.0.1), so no lookup leaves the host.
    /// </summary>
    public sealed class ComposeSharedNetworkTests : IDisposable
    {
        private readonly ITestOutputHelper _output;
        private static readonly string Tag = Guid.NewGuid().ToString("N").Substring(0, 6);
        private readonly string _root = Path.Combine(Path.GetTempPath(), "dnt-compose-shared-" + Tag);
        private readonly string _network = "c3-shared-" + Tag;
        private readonly string _projectA = "c3-a" + Tag;
        private readonly string _projectB = "c3-b" + Tag;
        private readonly int _octet = new Random().Next(0, 80) * 3;
        private readonly int _port = LiveStacks.FreePorts(1)[0];

        public ComposeSharedNetworkTests(ITestOutputHelper output)
        {
            _output = output;
            Directory.CreateDirectory(FolderA);
            Directory.CreateDirectory(FolderB);
            const string busybox = @"
x-httpd: &httpd
  image: dnt-busybox:latest
  pull_policy: never
  command: httpd -f -p 80
  expose: [""80""]
  dns: [127.0.0.1]
";
            var shared = "  shared:\n    name: " + _network + "\n    external: true\n";
            File.WriteAllText(Path.Combine(FolderA, "compose.yaml"), "name: " + _projectA + busybox + $@"
services:
  orders:
    <<: *httpd
    networks:
      shared:
        aliases: [orders-api]
      inner: {{}}
  ledger:
    <<: *httpd
    networks: [inner]
networks:
{shared}  inner:
    ipam:
      config:
        - subnet: 10.71.{_octet + 1}.0/24
");
            File.WriteAllText(Path.Combine(FolderB, "compose.yaml"), "name: " + _projectB + busybox + $@"
services:
  shop:
    <<: *httpd
    ports: [""127.0.0.1:{_port}:80""]
    networks:
      shared:
        aliases: [storefront]
        ipv4_address: 10.71.{_octet}.10
      default: {{}}
  basket:
    <<: *httpd
networks:
{shared}  default:
    ipam:
      config:
        - subnet: 10.71.{_octet + 2}.0/24
");
        }

        private string FolderA => Path.Combine(_root, "a");

        private string FolderB => Path.Combine(_root, "b");

        private string A(string service) => _projectA + "-" + service + "-1";

        private string B(string service) => _projectB + "-" + service + "-1";

        public void Dispose()
        {
            try { Directory.Delete(_root, true); } catch (IOException) { }
        }

        [ComposeFact]
        public async Task StackBOnStackAsNetwork_ModelEqualsConfigAndUp_CrossStackAnswersEqualLiveAndProbes()
        {
            var options = new ComposeOptions { Files = new[] { FolderB }, WorkingDirectory = FolderB };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                DockerCli.Must("network", "create", "--subnet", "10.71." + _octet + ".0/24", _network);
                var upA = ComposeCli.Run(FolderA, TimeSpan.FromMinutes(2), "up", "-d");
                Assert.True(upA.Ok, "docker compose up -d of stack A failed: " + upA);
                await LiveStacks.WaitForHttpdAsync(new[] { A("orders"), A("ledger") });

                // 1. Stack B as Compose reads it, and as the module models it on the live host where A runs.
                var expected = ComposeFacts.Expected(ComposeFacts.Config(FolderB));
                Assert.Contains(_network, expected["net " + B("shop")]);
                var before = await OwnLab.ReadModelAsync();
                Assert.DoesNotContain(before.Containers, c => c.Name.StartsWith(_projectB, StringComparison.Ordinal));
                var modelled = ComposeLoader.Build(options, before);
                _output.WriteLine(clock.Elapsed + " stack A up, B modelled");
                ComposeFacts.AssertSame(expected, ComposeFacts.Of(modelled, _projectB), "the module's model of stack B vs docker compose config");

                using var session = new ModuleRunspace();
                var containers = new[] { A("orders"), A("ledger"), B("shop"), B("basket") };
                var variables = new Dictionary<string, object?>
                {
                    ["folder"] = FolderB,
                    ["endpoint"] = LiveDaemon.Endpoint,
                    ["names"] = containers,
                    ["stackB"] = new[] { B("shop"), B("basket") },
                    ["lookups"] = new[] { "shop", "storefront", "basket", "orders", "orders-api", "ledger" },
                };
                var queries = new Dictionary<string, string>
                {
                    ["reachability tcp/80"] = "Test-DockerNetReachability -Source $names -Destination $names -Port 80",
                    ["names"] = "Resolve-DockerNetName -Name $lookups -From $names",
                    // Service names where a container is expected: orders is A's (live), shop and basket B's (modelled, then live).
                    ["by service"] = "Test-DockerNetReachability -Source orders, shop -Destination shop, storefront, basket, orders-api, ledger -Port 80",
                    ["port bindings"] = "Get-DockerNetPortBinding -Container $stackB",
                    ["interfaces"] = "Get-DockerNetInterface -Container $names",
                };
                var predictions = queries.ToDictionary(q => q.Key, q => ComposeAnswers.Rows(session.Run(q.Value + " -ComposeFile $folder -DockerHost $endpoint", variables), modelled));
                _output.WriteLine(clock.Elapsed + " predicted");
                foreach (var prediction in predictions) _output.WriteLine(prediction.Key + " predicted:\n  " + string.Join("\n  ", prediction.Value));

                // What the stacks are for, before B's up: A's orders reaches B's shop by its service name and alias over the
                // shared network; neither stack reaches or resolves the other's private service.
                var byService = predictions["by service"];
                Assert.Contains(byService, r => r.Contains("Destination=shop;") && r.Contains("Source=" + A("orders") + ";") && r.Contains("Verdict=Reachable"));
                Assert.Contains(byService, r => r.Contains("Destination=storefront;") && r.Contains("Source=" + A("orders") + ";") && r.Contains("Verdict=Reachable"));
                Assert.Contains(byService, r => r.Contains("Destination=orders-api;") && r.Contains("Source=" + B("shop") + ";") && r.Contains("Verdict=Reachable"));
                Assert.Contains(byService, r => r.Contains("Destination=basket;") && r.Contains("Source=" + A("orders") + ";") && r.Contains("Verdict=NameNotResolved"));
                Assert.Contains(byService, r => r.Contains("Destination=ledger;") && r.Contains("Source=" + B("shop") + ";") && r.Contains("Verdict=NameNotResolved"));
                Assert.Contains(predictions["reachability tcp/80"], r => r.Contains("Source=" + A("orders") + ";") && r.Contains("Destination=" + B("basket") + ";") && !r.Contains("Verdict=Reachable"));
                Assert.Contains(predictions["names"], r => r.Contains("From=" + A("orders") + ";") && r.Contains("IPAddress=<address of " + B("shop") + ">;") && r.Contains("Name=shop;"));
                Assert.Contains(predictions["names"], r => r.StartsWith("error NameNotResolved", StringComparison.Ordinal) && r.Contains("'basket' does not resolve from '" + A("orders") + "'"));

                // 2. The real thing.
                var upB = ComposeCli.Run(FolderB, TimeSpan.FromMinutes(2), "up", "-d");
                Assert.True(upB.Ok, "docker compose up -d of stack B failed: " + upB);
                await LiveStacks.WaitForHttpdAsync(containers);
                var after = await OwnLab.ReadModelAsync();
                _output.WriteLine(clock.Elapsed + " stack B up");
                ComposeFacts.AssertSame(expected, ComposeFacts.Of(after, _projectB), "the live host after B's up vs docker compose config");
                ComposeFacts.AssertSame(ComposeFacts.Of(modelled, _projectB), ComposeFacts.Of(after, _projectB), "the module's model of B before up vs the live host after it");

                var engine28 = int.Parse(after.Engine.Version.Split('.')[0], CultureInfo.InvariantCulture) >= 28;
                var differences = new List<string>();
                var answers = new Dictionary<string, ModuleRunspace.Result>();
                foreach (var query in queries)
                {
                    answers[query.Key] = session.Run(query.Value + " -DockerHost $endpoint", variables);
                    var live = ComposeAnswers.Rows(answers[query.Key], after);
                    Assert.True(live.Count > 0, query.Key + " gave nothing on the live host");
                    differences.AddRange(ComposeAnswers.Differences(query.Key, predictions[query.Key], live, engine28, new[] { A("orders"), B("shop") }));
                }
                Assert.True(differences.Count == 0, string.Join("\n", differences));
                _output.WriteLine(clock.Elapsed + " live answers compared");

                // 3. Real probes across the stacks agree with those answers: nslookup prints Resolve-DockerNetName's
                // addresses, and nc connects exactly where Test-DockerNetReachability says Reachable (by name: its
                // Verdict; to the destination's address: its AddressVerdict). The probes run side by side (each bounded).
                var resolved = answers["names"].Output.ToLookup(o => ModuleRunspace.Text(o, "From") + " " + ModuleRunspace.Text(o, "Name"), o => ModuleRunspace.Text(o, "IPAddress"));
                var lookups = new[] { (A("orders"), "shop"), (A("orders"), "storefront"), (A("orders"), "basket"), (B("shop"), "orders-api"), (B("shop"), "ledger"), (B("basket"), "orders") }
                    .Select(async p => (p.Item1, p.Item2, Expected: resolved[p.Item1 + " " + p.Item2].OrderBy(a => a, StringComparer.Ordinal).ToList(), Seen: await LookupAsync(p.Item1, p.Item2))).ToList();
                var byName = answers["by service"].Output.Select(o => (From: ModuleRunspace.Text(o, "Source"), Target: ModuleRunspace.Text(o, "Destination"), Verdict: ModuleRunspace.Text(o, "Verdict")));
                var crossStack = answers["reachability tcp/80"].Output
                    .Select(o => (From: ModuleRunspace.Text(o, "Source"), Target: ModuleRunspace.Text(o, "DestinationAddress"), Verdict: ModuleRunspace.Text(o, "AddressVerdict"), To: ModuleRunspace.Text(o, "Destination")))
                    .Where(r => r.From.StartsWith(_projectA, StringComparison.Ordinal) != r.To.StartsWith(_projectA, StringComparison.Ordinal))
                    .Select(r => (r.From, r.Target, r.Verdict));
                // The ones expected to fail wait out their bound: start them first.
                var connects = byName.Concat(crossStack).OrderBy(p => p.Verdict == "Reachable").ToList()
                    .Select(async p => (p.From, p.Target, p.Verdict, Connected: (await ExecAsync(p.From, "timeout", "2", "nc", "-w", "1", p.Target, "80")).Ok)).ToList();
                var probes = new List<string>();
                foreach (var (from, name, expectedAddresses, seen) in await Task.WhenAll(lookups))
                {
                    probes.Add(from + " nslookup " + name + ": [" + string.Join(",", seen) + "] module: [" + string.Join(",", expectedAddresses) + "]");
                    if (!expectedAddresses.SequenceEqual(seen)) differences.Add(probes.Last());
                }
                foreach (var (from, target, verdict, connected) in await Task.WhenAll(connects))
                {
                    probes.Add(from + " nc " + target + " 80: " + (connected ? "connected" : "failed") + ", module: " + verdict);
                    if ((verdict == "Reachable") != connected) differences.Add(probes.Last());
                }
                _output.WriteLine(clock.Elapsed + " probed");
                Assert.Contains(probes, p => p.Contains(" nc " + "shop 80: connected", StringComparison.Ordinal));
                Assert.Contains(probes, p => p.Contains(" nc " + "basket 80: failed", StringComparison.Ordinal));
                Assert.True(differences.Count == 0, "probes disagree:\n" + string.Join("\n", differences));
                _output.WriteLine(string.Join("\n", probes));
            }
            finally
            {
                _output.WriteLine("down B: " + ComposeCli.Run(FolderB, TimeSpan.FromMinutes(1), "down", "--remove-orphans", "--timeout", "1"));
                _output.WriteLine("down A: " + ComposeCli.Run(FolderA, TimeSpan.FromMinutes(1), "down", "--remove-orphans", "--timeout", "1"));
                _output.WriteLine("network rm: " + DockerCli.Run("network", "rm", _network));
            }
        }

        private static readonly System.Threading.SemaphoreSlim ExecSlots = new System.Threading.SemaphoreSlim(8);

        // docker exec, at most eight at a time (two cores, and the daemon serves the other execs meanwhile).
        private static async Task<DockerCli.Result> ExecAsync(string container, params string[] command)
        {
            await ExecSlots.WaitAsync();
            try { return await DockerCli.RunAsync(TimeSpan.FromSeconds(10), new[] { "exec", container }.Concat(command).ToArray()); }
            finally { ExecSlots.Release(); }
        }

        // The addresses busybox nslookup prints for name through the container's resolver; none when it fails. A name
        // the embedded DNS does not know goes on to 127.0.0.1 in the container, which answers nothing, so the lookup
        // waits out its own timeout: one second, one try.
        private static async Task<List<string>> LookupAsync(string from, string name) =>
            (await ExecAsync(from, "timeout", "3", "nslookup", "-timeout=1", "-retry=1", name)).Stdout.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("Address", StringComparison.Ordinal) && !l.Contains("127.0.0.11", StringComparison.Ordinal))
                .Select(l => l.Substring(l.IndexOf(':', StringComparison.Ordinal) + 1).Trim())
                .OrderBy(a => a, StringComparer.Ordinal)
                .ToList();
    }
}
