using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// A lab with what the answers depend on: two user-defined bridges, an alias, a published port, the default bridge
    /// with a legacy link, a container: namespace, none, and a container started with a secret in its environment.
    /// </summary>
    public sealed class SnapshotLab : OwnLab
    {
        public const string Secret = "dnt-secret-value-7Qx9";

        public SnapshotLab() : base("sn") { }

        public int PublishedPort { get; private set; }

        public IReadOnlyList<string> ShortNames { get; } = new[] { "web", "client", "other", "dflt1", "dflt2", "side", "lone", "vault" };

        protected override void Build()
        {
            PublishedPort = FreePort();
            Network("front");
            Network("back");
            Run("web", new[] { "--network", Name("front"), "--network-alias", "site", "-p", "127.0.0.1:" + PublishedPort + ":80" }, "httpd", "-f", "-p", "80", "-h", "/www");
            Run("client", new[] { "--network", Name("front") }, "sleep", "3600");
            Run("other", new[] { "--network", Name("back") }, "httpd", "-f", "-p", "8080", "-h", "/www");
            Run("dflt1", Array.Empty<string>(), "httpd", "-f", "-p", "80", "-h", "/www");
            Run("dflt2", new[] { "--link", Name("dflt1") + ":db" }, "sleep", "3600");
            Run("side", new[] { "--network", "container:" + Name("web") }, "httpd", "-f", "-p", "127.0.0.1:9000", "-h", "/www");
            Run("lone", new[] { "--network", "none" }, "sleep", "3600");
            Run("vault", new[] { "--network", Name("front"), "-e", "SECRET=" + Secret, "--hostname", "vaulthost" }, "sleep", "3600");
        }

        protected override async Task WaitUntilReadyAsync()
        {
            await WaitForListenerAsync("client", Name("web"), 80);
            await WaitForListenerAsync("web", "127.0.0.1", 9000);
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }

    /// <summary>Export-DockerNetScenario of the live host, then every cmdlet gives the same answers on the snapshot as on the daemon.</summary>
    public sealed class SnapshotTests : IClassFixture<SnapshotLab>, IDisposable
    {
        private readonly SnapshotLab _lab;
        private readonly ITestOutputHelper _output;
        private readonly string _file = Path.Combine(Path.GetTempPath(), "dnt-snapshot-" + Guid.NewGuid().ToString("N") + ".yaml");
        private readonly ModuleRunspace _session = new ModuleRunspace();

        public SnapshotTests(SnapshotLab lab, ITestOutputHelper output)
        {
            _lab = lab;
            _output = output;
        }

        public void Dispose()
        {
            _session.Dispose();
            File.Delete(_file);
        }

        [LiveFact]
        public void Export_LiveLab_SameAnswersOnTheSnapshot()
        {
            _lab.EnsureBuilt();
            var names = _lab.ShortNames.Select(_lab.Name).ToArray();
            var variables = new Dictionary<string, object?> { ["file"] = _file, ["names"] = names, ["lookups"] = names.Concat(new[] { "site", "db", "vaulthost", "localhost" }).ToArray() };
            var export = _session.Run("Export-DockerNetScenario -Path $file -PassThru", variables);
            Assert.Empty(export.Errors);
            Assert.Equal(_file, ModuleRunspace.Text(Assert.Single(export.Output), "FullName"));

            var text = File.ReadAllText(_file);
            Assert.DoesNotContain(SnapshotLab.Secret, text);
            Assert.DoesNotContain("SECRET", text);
            Assert.Contains(_lab.Name("vault"), text);

            var queries = new Dictionary<string, string>
            {
                ["interfaces"] = "Get-DockerNetInterface -Container $names",
                ["reachability icmp"] = "Test-DockerNetReachability -Source $names -Destination $names",
                ["reachability tcp/80"] = "Test-DockerNetReachability -Source $names -Destination $names -Port 80",
                ["reachability by name"] = "Test-DockerNetReachability -Source $names -Destination site, db -Port 80",
                ["names"] = "Resolve-DockerNetName -Name $lookups -From $names",
                ["port bindings"] = "Get-DockerNetPortBinding -Container $names",
                ["listening sockets"] = "Get-DockerNetSocket -Container $names -State Listen",
            };
            var differences = new List<string>();
            var seen = new Dictionary<string, List<string>>();
            foreach (var query in queries)
            {
                var live = Answers(_session.Run(query.Value, variables));
                var snapshot = Answers(_session.Run(query.Value + " -Scenario $file", variables));
                seen[query.Key] = live;
                _output.WriteLine(query.Key + ": " + live.Count + " answers live, " + snapshot.Count + " on the snapshot");
                Assert.True(live.Count > 0, query.Key + " gave nothing on the live daemon");
                foreach (var missing in live.Except(snapshot)) differences.Add(query.Key + " live only: " + missing);
                foreach (var extra in snapshot.Except(live)) differences.Add(query.Key + " snapshot only: " + extra);
            }
            Assert.True(differences.Count == 0, string.Join("\n", differences));

            // The lab really exercises what it should: kernel veths, both verdicts, DNS and hosts-file answers, the publish, listeners.
            Assert.Contains(seen["interfaces"], r => System.Text.RegularExpressions.Regex.IsMatch(r, "HostVeth=veth[0-9a-f]{7}"));
            Assert.Contains(seen["reachability tcp/80"], r => r.Contains("Verdict=Reachable"));
            Assert.Contains(seen["reachability tcp/80"], r => r.Contains("Verdict=Blocked"));
            Assert.Contains(seen["reachability tcp/80"], r => r.Contains("Verdict=NoListener"));
            Assert.Contains(seen["names"], r => r.Contains("Name=site") && r.Contains("Source=EmbeddedDns"));
            Assert.Contains(seen["names"], r => r.Contains("Name=db") && r.Contains("Source=HostsFile"));
            Assert.Contains(seen["port bindings"], r => r.Contains("HostPort=" + _lab.PublishedPort));
            Assert.Contains(seen["listening sockets"], r => r.Contains("LocalPort=9000"));
        }

        /// <summary>Each output object as its properties' text, each error as its id and message, the model's own name replaced.</summary>
        private List<string> Answers(ModuleRunspace.Result result)
        {
            var rows = result.Output.Select(Flatten)
                .Concat(result.Errors.Select(e => "error " + e.FullyQualifiedErrorId + ": " + e.Exception.Message))
                .Select(r => Normalize(r))
                .ToList();
            return rows;
        }

        private string Normalize(string row)
        {
            var endpoint = LiveDaemon.Endpoint;
            return row.Replace("scenario " + _file, "<host>").Replace(_file, "<host>").Replace(endpoint, "<host>");
        }

        // Scenario/DockerHost notes say where a result came from (so the next cmdlet in a pipeline reads the same host), not what it says.
        private static string Flatten(PSObject item) =>
            string.Join("; ", item.Properties
                .Where(p => p.IsGettable && !(p is PSNoteProperty && (p.Name == "Scenario" || p.Name == "DockerHost")))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => p.Name + "=" + Text(SafeValue(p))));

        private static object? SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (GetValueException)
            {
                return null;
            }
        }

        private static string Text(object? value) => value switch
        {
            null => "",
            string s => s,
            System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(v => v?.ToString())) + "]",
            _ => value.ToString() ?? "",
        };
    }
}
