using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Docker.Probing;
using DockerNetTools.Live.Tests.Infrastructure;
using DockerNetTools.Model;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// Two user-defined bridges: web (alias site, httpd on 80) and client on front, other (httpd on 80, published on an
    /// ephemeral host port) and dead (httpd on 80, but published to 3030: a dead forward) on back. Traffic only between
    /// these containers and the host's bridge gateways.
    /// </summary>
    public sealed class ProbeLab : OwnLab
    {
        public ProbeLab() : base("pr") { }

        protected override void Build()
        {
            Network("front");
            Network("back");
            Run("web", new[] { "--network", Name("front"), "--network-alias", "site" }, "httpd", "-f", "-p", "80", "-h", "/www");
            Run("client", new[] { "--network", Name("front") }, "sleep", "3600");
            Run("other", new[] { "--network", Name("back"), "-p", "80" }, "httpd", "-f", "-p", "80", "-h", "/www");
            Run("dead", new[] { "--network", Name("back"), "-p", "3030" }, "httpd", "-f", "-p", "80", "-h", "/www");
        }

        protected override async Task WaitUntilReadyAsync()
        {
            await WaitForListenerAsync("client", Name("web"), 80);
            await WaitForListenerAsync("other", "127.0.0.1", 80);
        }
    }

    /// <summary>Probes from inside the source's namespace agree with the model; a DOCKER-USER rule makes them disagree, and the cmdlet warns.</summary>
    public sealed class ProbeTests : IClassFixture<ProbeLab>
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
        private readonly ProbeLab _lab;
        private readonly ITestOutputHelper _output;

        public ProbeTests(ProbeLab lab, ITestOutputHelper output)
        {
            _lab = lab;
            _output = output;
        }

        /// <summary>The setns prober (this test runs as root on the daemon's host), or the exec one when <paramref name="asRoot"/> is false.</summary>
        private IReachabilityProber Prober(bool asRoot = true) =>
            new DaemonProber(_lab.Model, DockerEndpointResolver.Resolve(null, null), ProcFs.Host, NullOperationLog.Instance, () => asRoot && LinuxNative.IsRoot);

        private async Task<ReachabilityResult> CheckAsync(IReachabilityProber prober, string source, string destination, int? port)
        {
            // A probe that could not even finish (docker exec slowed down by the other test assemblies on 2 cores) is
            // NotRun, which says nothing about the model: try such a probe once more before judging.
            for (var attempt = 1; ; attempt++)
            {
                var result = ReachabilityAnalyzer.Analyze(_lab.Model, new ReachabilityQuery(_lab.Name(source), _lab.Name(destination), port));
                var warning = await ModelProbe.CheckAsync(prober, _lab.Model, result, Timeout, CancellationToken.None);
                _output.WriteLine(result + " | observed " + result.Observation + (warning != null ? " | WARNING " + warning : string.Empty));
                if (result.Observation?.OutcomeValue != ProbeOutcome.NotRun || attempt == 2) return result;
            }
        }

        public static IEnumerable<object?[]> Pairs() => new[]
        {
            new object?[] { "client", "web", 80, ReachabilityVerdict.Reachable, ProbeOutcome.Reachable },
            new object?[] { "client", "web", null, ReachabilityVerdict.Reachable, ProbeOutcome.Reachable },
            new object?[] { "client", "web", 81, ReachabilityVerdict.NoListener, ProbeOutcome.Refused },
            // other is on another network: its name does not resolve from client, and its address is blocked (what the probe checks).
            new object?[] { "client", "other", 80, ReachabilityVerdict.NameNotResolved, ProbeOutcome.TimedOut },
            new object?[] { "client", "other", null, ReachabilityVerdict.NameNotResolved, ProbeOutcome.TimedOut },
        };

        [LiveFact]
        public async Task Probe_Setns_AgreesWithTheModel()
        {
            _lab.EnsureBuilt();
            Assert.True(LinuxNative.IsRoot, "the live tests run as root on the daemon's host (the test daemon needs it)");
            using var prober = Prober();
            foreach (var row in Pairs())
            {
                var result = await CheckAsync(prober, (string)row[0]!, (string)row[1]!, (int?)row[2]);
                Assert.Equal((ReachabilityVerdict)row[3]!, result.VerdictValue);
                Assert.Equal((ProbeOutcome)row[4]!, result.Observation?.OutcomeValue);
                Assert.StartsWith("setns", result.ProbeMethod);
                Assert.True(result.ProbeAgrees, result + " | " + result.Observation);
            }
        }

        [LiveFact]
        public async Task Probe_ThroughExec_AgreesWithTheModel()
        {
            _lab.EnsureBuilt();
            using var prober = Prober(asRoot: false);
            foreach (var row in Pairs())
            {
                var result = await CheckAsync(prober, (string)row[0]!, (string)row[1]!, (int?)row[2]);
                Assert.Equal((ProbeOutcome)row[4]!, result.Observation?.OutcomeValue);
                Assert.StartsWith("exec", result.ProbeMethod);
                Assert.True(result.ProbeAgrees, result + " | " + result.Observation);
            }
        }

        [LiveFact]
        public async Task ProbeResolve_UserDefinedNetwork_AgreesWithTheModel()
        {
            _lab.EnsureBuilt();
            foreach (var asRoot in new[] { true, false })
            {
                using var prober = Prober(asRoot);
                var client = _lab.Container("client");
                foreach (var name in new[] { "site", _lab.Name("web"), _lab.Name("other") })
                {
                    var prediction = NameResolver.Resolve(_lab.Model, client, name);
                    var (observation, warning) = await ModelProbe.CheckAsync(prober, _lab.Model, prediction, Timeout, CancellationToken.None);
                    _output.WriteLine(name + ": " + (prediction.Resolved ? string.Join(", ", prediction.Answers) : prediction.Failure.ToString()) + " | " + observation);
                    Assert.Null(warning);
                    Assert.Equal(prediction.Resolved ? ProbeOutcome.Resolved : ProbeOutcome.NotResolved, observation.OutcomeValue);
                    if (prediction.Resolved) Assert.Equal(new[] { _lab.Address("web") }, observation.Addresses.Select(a => a.ToString()));
                    Assert.Equal(asRoot ? ProbeMethods.SetnsDns : ProbeMethods.ExecNslookup, observation.Method);
                }
            }
        }

        /// <summary>
        /// Through the client's gateway to ports published by containers on the other bridge: docker-proxy takes both. For
        /// the dead forward it accepts and hangs up at once (Closed), for other's httpd the connection stays open (Reachable).
        /// </summary>
        [LiveFact]
        public async Task Probe_PublishedPortsThroughDockerProxy_HangUpTellsTheDeadForward()
        {
            _lab.EnsureBuilt();
            using var prober = Prober();
            var gateway = _lab.Container("client").Endpoints.Single().Gateway!.ToString();
            foreach (var (publisher, verdict, outcome) in new[]
            {
                ("dead", ReachabilityVerdict.NoListener, ProbeOutcome.Closed),
                ("other", ReachabilityVerdict.Reachable, ProbeOutcome.Reachable),
            })
            {
                var port = _lab.Container(publisher).Ports.First(p => string.IsNullOrEmpty(p.HostIp) || p.HostIp == "0.0.0.0").HostPort;
                var result = ReachabilityAnalyzer.Analyze(_lab.Model, new ReachabilityQuery(_lab.Name("client"), gateway, port));
                var warning = await ModelProbe.CheckAsync(prober, _lab.Model, result, Timeout, CancellationToken.None);
                _output.WriteLine(result + " | observed " + result.Observation + (warning != null ? " | WARNING " + warning : string.Empty));
                Assert.Equal(verdict, result.VerdictValue);
                Assert.Contains("docker-proxy", result.PathText);
                Assert.Equal(outcome, result.Observation?.OutcomeValue);
                Assert.True(result.ProbeAgrees, result + " | " + result.Observation);
            }
        }

        [LiveFact]
        public async Task Probe_TargetOutsideTheHost_RefusedBeforeAnyPacket()
        {
            _lab.EnsureBuilt();
            using var prober = Prober();
            var error = await Assert.ThrowsAsync<DockerNetException>(() =>
                prober.ProbeConnectAsync(_lab.Container("client"), IPAddress.Parse("198.51.100.7"), 80, ReachabilityProtocol.Tcp, Timeout, CancellationToken.None));
            Assert.Equal("ProbeTargetOutsideHost", error.ErrorId);
        }

        [LiveFact]
        public void TestReachabilityProbe_Cmdlet_AgreesThenDockerUserDropMakesItDisagreeAndWarn()
        {
            _lab.EnsureBuilt();
            var client = _lab.Address("client");
            var web = _lab.Address("web");
            var variables = new Dictionary<string, object?> { ["src"] = _lab.Name("client"), ["dst"] = _lab.Name("web") };
            using var session = new ModuleRunspace();
            const string script = "Test-DockerNetReachability -Source $src -Destination $dst -Port 80 -Probe";

            // Other test classes build labs on the same daemon at the same time: only the probe's own warnings count here.
            var agreeing = session.Run(script, variables);
            _output.WriteLine(string.Join("\n", agreeing.Warnings.Select(w => w.Message).Concat(agreeing.Errors.Select(e => e.ToString()))));
            Assert.Empty(agreeing.Errors);
            Assert.DoesNotContain(agreeing.Warnings, w => w.Message.StartsWith("Model predicted", StringComparison.Ordinal));
            var before = Assert.Single(agreeing.Output);
            Assert.Equal("Reachable", ModuleRunspace.Text(before, "Observed"));
            Assert.Equal(true, ModuleRunspace.Property(before, "ProbeAgrees"));

            // A rule the model does not read, between two of this lab's containers only: an nftables table of the bridge family
            // (its forward hook sees frames a bridge switches, before br_netfilter hands them to iptables). A DOCKER-USER rule no
            // longer serves: the model reads it, and with bridge-nf-call-iptables on (as here) it predicts the drop itself.
            var table = "dnt_probe_" + Guid.NewGuid().ToString("N").Substring(0, 8);
            Nft("add", "table", "bridge", table);
            try
            {
                Nft("add", "chain", "bridge", table, "forward", "{ type filter hook forward priority -200; policy accept; }");
                Nft("add", "rule", "bridge", table, "forward", "ip", "saddr", client, "ip", "daddr", web, "tcp", "dport", "80", "drop");
                var disagreeing = session.Run(script, variables);
                var after = Assert.Single(disagreeing.Output);
                _output.WriteLine(string.Join("\n", disagreeing.Warnings.Select(w => w.Message)));
                Assert.Equal("Reachable", ModuleRunspace.Text(after, "Verdict"));
                Assert.Equal("TimedOut", ModuleRunspace.Text(after, "Observed"));
                Assert.Equal(false, ModuleRunspace.Property(after, "ProbeAgrees"));
                var warning = Assert.Single(disagreeing.Warnings, w => w.Message.StartsWith("Model predicted", StringComparison.Ordinal)).Message;
                Assert.StartsWith("Model predicted Reachable for " + _lab.Name("client") + " -> " + _lab.Name("web") + " (" + web + ") tcp/80", warning);
                Assert.Contains("but the probe timed out", warning);
                Assert.Contains("a host firewall", warning);
            }
            finally
            {
                Nft("delete", "table", "bridge", table);
            }
        }

        [LiveFact]
        public void ResolveNameProbe_Cmdlet_ObservedNextToThePrediction()
        {
            _lab.EnsureBuilt();
            using var session = new ModuleRunspace();
            var variables = new Dictionary<string, object?> { ["from"] = _lab.Name("client"), ["other"] = _lab.Name("other") };

            var resolved = session.Run("Resolve-DockerNetName -Name site -From $from -Probe", variables);
            Assert.Empty(resolved.Errors);
            var answer = Assert.Single(resolved.Output);
            Assert.Equal(_lab.Address("web"), ModuleRunspace.Text(answer, "IPAddress"));
            Assert.Equal("Resolved", ModuleRunspace.Text(answer, "Observed"));
            Assert.Equal(true, ModuleRunspace.Property(answer, "ProbeAgrees"));
            Assert.Equal("DockerNetTools.Analysis.Dns.NameAnswer#Probed", answer.TypeNames[0]);

            // Across networks the prediction is an error; the real lookup's outcome is quoted in it.
            var missing = session.Run("Resolve-DockerNetName -Name $other -From $from -Probe", variables);
            Assert.Empty(missing.Output);
            var error = Assert.Single(missing.Errors);
            Assert.StartsWith("NameNotResolved,", error.FullyQualifiedErrorId);
            Assert.Contains("Probe (setns hosts+DNS): NotResolved", error.Exception.Message);
            Assert.DoesNotContain(missing.Warnings, w => w.Message.StartsWith("Model predicted", StringComparison.Ordinal));
        }

        private static void Nft(params string[] arguments) => Run("nft", arguments);

        private static void Run(string tool, string[] arguments)
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, tool + " " + string.Join(" ", arguments) + " failed: " + error);
        }
    }
}
