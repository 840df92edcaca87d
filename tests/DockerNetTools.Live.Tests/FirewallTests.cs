using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Docker.Probing;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// pub (httpd on 80) on the default bridge publishes 80 on an ephemeral host port; inside is only on an --internal network,
    /// outside only on an ordinary user network. Traffic only between these containers and the host's bridge gateways.
    /// </summary>
    public sealed class FirewallLab : OwnLab
    {
        public FirewallLab() : base("fw") { }

        protected override void Build()
        {
            Network("int", "--internal");
            Network("usr");
            Run("pub", new[] { "-p", "80" }, "httpd", "-f", "-p", "80", "-h", "/www");
            Run("inside", new[] { "--network", Name("int") }, "sleep", "3600");
            Run("outside", new[] { "--network", Name("usr") }, "sleep", "3600");
            Run("peer", Array.Empty<string>(), "sleep", "3600");
            Run("hostnet", new[] { "--network", "host" }, "sleep", "3600");
        }

        protected override Task WaitUntilReadyAsync() => WaitForListenerAsync("pub", "127.0.0.1", 80);
    }

    /// <summary>The live backend reads the host's rules (iptables-save, as root), and reachability follows them to the probe's answer.</summary>
    public sealed class FirewallTests : IClassFixture<FirewallLab>
    {
        private readonly FirewallLab _lab;
        private readonly ITestOutputHelper _output;

        public FirewallTests(FirewallLab lab, ITestOutputHelper output)
        {
            _lab = lab;
            _output = output;
        }

        private async Task<ReachabilityResult> CheckAsync(string source, string destination, int port, Model.DockerHostModel? model = null)
        {
            model ??= _lab.Model;
            using var prober = new DaemonProber(model, DockerEndpointResolver.Resolve(null, null), ProcFs.Host, NullOperationLog.Instance, () => LinuxNative.IsRoot);
            for (var attempt = 1; ; attempt++)
            {
                var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(_lab.Name(source), destination, port));
                var warning = await ModelProbe.CheckAsync(prober, model, result, TimeSpan.FromSeconds(2), CancellationToken.None);
                _output.WriteLine(result + " | " + result.PathText + " | observed " + result.Observation + (warning != null ? " | WARNING " + warning : string.Empty));
                if (result.Observation?.OutcomeValue != ProbeOutcome.NotRun || attempt == 2) return result;
            }
        }

        private int PublishedPort => _lab.Container("pub").Ports.First(p => p.HostPort > 0).HostPort;

        private string Gateway(string network) => _lab.Model.FindNetwork(_lab.Name(network))!.Gateway!.ToString();

        [LiveFact]
        public void ReadModel_AsRoot_HoldsTheHostsRules()
        {
            _lab.EnsureBuilt();
            Assert.True(LinuxNative.IsRoot, "the live tests run as root on the daemon's host (the test daemon needs it)");
            var rules = _lab.Model.Host.Firewall;
            Assert.NotNull(rules);
            var bridge = _lab.Model.FindNetwork(_lab.Name("usr"))!.BridgeName;
            Assert.Contains(rules!.Table("nat")!.Chain("DOCKER")!.Rules, r => r.Text == "-A DOCKER -i " + bridge + " -j RETURN");
        }

        [LiveFact]
        public async Task InternalContainer_GatewayPublishedPort_DnatedAndDropped_AgreesWithTheProbe()
        {
            _lab.EnsureBuilt();
            var bridge = _lab.Model.FindNetwork(_lab.Name("int"))!.BridgeName;

            var result = await CheckAsync("inside", Gateway("int"), PublishedPort);

            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.Contains("-i " + bridge + " -j DROP", result.Path.Last().Description);
            Assert.Equal(ProbeOutcome.TimedOut, result.Observation?.OutcomeValue);
            Assert.True(result.ProbeAgrees, result + " | " + result.Observation);
        }

        [LiveFact]
        public async Task UserNetworkContainer_GatewayPublishedPort_DockerProxy_AgreesWithTheProbe()
        {
            _lab.EnsureBuilt();

            var result = await CheckAsync("outside", Gateway("usr"), PublishedPort);

            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
            Assert.Contains(result.Path, h => h.Device == "docker-proxy");
            Assert.Equal(ProbeOutcome.Reachable, result.Observation?.OutcomeValue);
            Assert.True(result.ProbeAgrees, result + " | " + result.Observation);
        }

        [LiveFact]
        public async Task SameNetwork_DockerUserDrop_FollowsBridgeNfCall_AgreesWithTheProbe()
        {
            _lab.EnsureBuilt();
            // Whether bridged frames cross FORWARD is the namespace's own sysctl (present while br_netfilter is loaded; 1 on the
            // project's machine): with 1 the DOCKER-USER rule drops traffic inside the default bridge, without it the bridge switches it.
            const string sysctl = "/proc/sys/net/bridge/bridge-nf-call-iptables";
            var crossesForward = File.Exists(sysctl) && File.ReadAllText(sysctl).Trim() == "1";
            var pub = _lab.Address("pub");
            var rule = new[] { "DOCKER-USER", "-s", _lab.Address("peer") + "/32", "-d", pub + "/32", "-p", "tcp", "--dport", "80", "-j", "DROP" };
            var inserted = OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-I" }.Concat(rule).ToArray());
            Assert.False(inserted.StartsWith("exit ", StringComparison.Ordinal), inserted);
            try
            {
                var model = await OwnLab.ReadModelAsync();
                Assert.Equal(crossesForward, model.Host.BridgeNfCall == true);
                var result = await CheckAsync("peer", pub, 80, model);

                if (crossesForward)
                {
                    Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
                    Assert.Contains("net.bridge.bridge-nf-call-iptables is 1", result.Reason, StringComparison.Ordinal);
                    Assert.Contains("-A DOCKER-USER -s " + _lab.Address("peer") + "/32 -d " + pub + "/32 -p tcp -m tcp --dport 80 -j DROP", result.Path.Last().Description, StringComparison.Ordinal);
                    Assert.Equal(ProbeOutcome.TimedOut, result.Observation?.OutcomeValue);
                }
                else
                {
                    Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
                    Assert.Equal(ProbeOutcome.Reachable, result.Observation?.OutcomeValue);
                }
                Assert.True(result.ProbeAgrees, result + " | " + result.Observation);
            }
            finally
            {
                OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-D" }.Concat(rule).ToArray());
            }
        }

        [LiveFact]
        public async Task HostNetworkSource_OutputDrop_ReadFromTheHost_AgreesWithTheProbe()
        {
            _lab.EnsureBuilt();
            var pub = _lab.Address("pub");
            var open = await CheckAsync("hostnet", pub, 80);
            Assert.Equal(ReachabilityVerdict.Reachable, open.VerdictValue);
            Assert.Contains("OUTPUT accepts it", open.Reason, StringComparison.Ordinal);
            Assert.True(open.ProbeAgrees, open + " | " + open.Observation);

            // Only this lab's container and port, in the daemon's namespace's filter OUTPUT; removed even when an assertion fails.
            var rule = new[] { "OUTPUT", "-d", pub + "/32", "-p", "tcp", "--dport", "80", "-j", "DROP" };
            var inserted = OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-I" }.Concat(rule).ToArray());
            Assert.False(inserted.StartsWith("exit ", StringComparison.Ordinal), inserted);
            try
            {
                var model = await OwnLab.ReadModelAsync();
                var result = await CheckAsync("hostnet", pub, 80, model);

                Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
                Assert.Contains("-A OUTPUT -d " + pub + "/32 -p tcp -m tcp --dport 80 -j DROP", result.Reason, StringComparison.Ordinal);
                Assert.Equal(ProbeOutcome.TimedOut, result.Observation?.OutcomeValue);
                Assert.True(result.ProbeAgrees, result + " | " + result.Observation);

                // The published port through the gateway: nat OUTPUT DNATs it to pub, and filter OUTPUT then drops it too.
                var published = await CheckAsync("hostnet", Gateway("usr"), PublishedPort, model);
                Assert.Equal(ReachabilityVerdict.Blocked, published.VerdictValue);
                Assert.Contains(published.Path, h => h.Description.Contains("-j DNAT --to-destination " + pub + ":80", StringComparison.Ordinal));
                Assert.Contains("leaves through OUTPUT", published.Reason, StringComparison.Ordinal);
                Assert.True(published.ProbeAgrees, published + " | " + published.Observation);
            }
            finally
            {
                OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-D" }.Concat(rule).ToArray());
            }
        }
    }
}
