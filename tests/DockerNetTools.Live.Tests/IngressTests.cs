using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Live.Tests.Infrastructure;
using DockerNetTools.Model;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// A client outside the host: a network namespace of its own joined to the daemon's namespace by a veth pair (daemon
    /// side 198.18.62.1/24, client 198.18.62.2/24; on Engine 28 the tests run inside dnt-e28, so the pair joins that
    /// namespace, not the machine's), with a route to the lab's bridge subnet via 198.18.62.1, as a LAN host with a route to
    /// it would have. web publishes httpd's 80 on an ephemeral port of every address; local publishes it on 127.0.0.1 only.
    /// Everything is removed in DisposeAsync, even after a failure; packets stay inside these namespaces.
    /// </summary>
    public sealed class IngressLab : OwnLab, IAsyncLifetime
    {
        public const string HostSideAddress = "198.18.62.1";
        public const string ClientAddress = "198.18.62.2";
        private readonly string _tag = Guid.NewGuid().ToString("N").Substring(0, 6);
        private bool _namespaceMade;

        public IngressLab() : base("ingress") { }

        public string Namespace => "ingress-" + _tag;
        private string HostSide => "ingh" + _tag;
        private string ClientSide => "ingc" + _tag;

        /// <summary>The lab network's subnet, in this project's 10.62.0.0/16 for the ingress tests.</summary>
        public string Subnet { get; } = "10.62." + (10 + new Random().Next(200)).ToString(CultureInfo.InvariantCulture) + ".0/24";

        protected override void Build()
        {
            Ip("netns", "add", Namespace);
            _namespaceMade = true;
            Ip("link", "add", HostSide, "type", "veth", "peer", "name", ClientSide);
            Ip("link", "set", ClientSide, "netns", Namespace);
            Ip("addr", "add", HostSideAddress + "/24", "dev", HostSide);
            Ip("link", "set", HostSide, "up");
            Ip("netns", "exec", Namespace, "ip", "addr", "add", ClientAddress + "/24", "dev", ClientSide);
            Ip("netns", "exec", Namespace, "ip", "link", "set", ClientSide, "up");
            Ip("netns", "exec", Namespace, "ip", "link", "set", "lo", "up");
            Ip("netns", "exec", Namespace, "ip", "route", "add", Subnet, "via", HostSideAddress);

            Network("net", "--subnet", Subnet);
            Run("web", new[] { "--network", Name("net"), "-p", "80" }, "httpd", "-f", "-p", "80", "-h", "/www");
            Run("local", new[] { "--network", Name("net"), "-p", "127.0.0.1::80" }, "httpd", "-f", "-p", "80", "-h", "/www");
        }

        protected override async Task WaitUntilReadyAsync()
        {
            await WaitForListenerAsync("web", "127.0.0.1", 80);
            await WaitForListenerAsync("local", "127.0.0.1", 80);
        }

        /// <summary>The host port a container's 80/tcp is published on.</summary>
        public int HostPort(DockerHostModel model, string shortName) =>
            model.FindContainer(Name(shortName))!.Ports.First(p => p.ContainerPort == 80 && p.HostPort > 0).HostPort;

        /// <summary>An HTTP GET from the client namespace (busybox nc -w 2, bounded to 5 s): true when an HTTP answer came back.</summary>
        public bool Fetch(string address, int port) =>
            OutsideWorldLab.Run("ip", "netns", "exec", Namespace, "timeout", "5", "busybox", "sh", "-c",
                "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | busybox nc -w 2 " + address + " " + port.ToString(CultureInfo.InvariantCulture)).Contains("HTTP/1.", StringComparison.Ordinal);

        public new async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (_namespaceMade)
            {
                foreach (var pid in OutsideWorldLab.Run("ip", "netns", "pids", Namespace).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (int.TryParse(pid.Trim(), out var id))
                    {
                        try { Process.GetProcessById(id).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
                    }
                }
                OutsideWorldLab.Run("ip", "netns", "del", Namespace);
                OutsideWorldLab.Run("ip", "link", "del", HostSide);
            }
        }

        private static void Ip(params string[] args)
        {
            var output = OutsideWorldLab.Run("ip", args);
            if (output.StartsWith("exit ", StringComparison.Ordinal)) throw new InvalidOperationException("ip " + string.Join(" ", args) + " failed: " + output);
        }
    }

    /// <summary>
    /// Ingress from outside the host, on Engine 20.10 and 28: each prediction (from the host's real rules, read live) against
    /// a real connection from the client namespace, and the same answer again from the host's snapshot.
    /// </summary>
    public sealed class IngressTests : IClassFixture<IngressLab>
    {
        private readonly IngressLab _lab;
        private readonly ITestOutputHelper _output;

        public IngressTests(IngressLab lab, ITestOutputHelper output)
        {
            _lab = lab;
            _output = output;
        }

        private ReachabilityResult Predict(DockerHostModel model, string destination, int port)
        {
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(IngressLab.ClientAddress, destination, port));
            _output.WriteLine(result + " | " + result.PathText);
            // The same question on the host's snapshot (Export-DockerNetScenario's writer, read back) gives the same answer.
            var snapshot = ScenarioLoader.Parse(ScenarioWriter.ToYaml(model), "snapshot.yaml");
            var again = ReachabilityAnalyzer.Analyze(snapshot, new ReachabilityQuery(IngressLab.ClientAddress, destination, port));
            Assert.True(result.Verdict == again.Verdict && result.Reason == again.Reason, "the snapshot says " + again);
            return result;
        }

        [LiveFact]
        public async Task PublishedPort_InputDropForThatPort_ForwardedPastItAndTheFetchWorks()
        {
            _lab.EnsureBuilt();
            var port = _lab.HostPort(_lab.Model, "web");
            // Only for this lab's host-side address and port (as ufw deny would close the port): it cannot touch another test's traffic.
            var rule = new[] { "INPUT", "-d", IngressLab.HostSideAddress + "/32", "-p", "tcp", "-m", "tcp", "--dport", port.ToString(CultureInfo.InvariantCulture), "-j", "DROP" };
            var inserted = OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-I" }.Concat(rule).ToArray());
            Assert.False(inserted.StartsWith("exit ", StringComparison.Ordinal), inserted);
            try
            {
                var model = await OwnLab.ReadModelAsync();
                var result = Predict(model, IngressLab.HostSideAddress, port);

                Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
                Assert.Equal(_lab.Name("web"), result.DestinationContainer);
                Assert.Contains("-j DNAT --to-destination " + _lab.Address("web") + ":80", result.PathText, StringComparison.Ordinal);
                Assert.Contains("Note: INPUT's rule -A INPUT -d " + IngressLab.HostSideAddress + "/32 -p tcp -m tcp --dport " + port
                                + " -j DROP (iptables filter INPUT) would drop it, but does not apply", result.Reason, StringComparison.Ordinal);

                var report = PortBindingInspector.Inspect(model, new[] { model.FindContainer(_lab.Name("web"))! }).First(r => r.HostIp == "0.0.0.0");
                _output.WriteLine(report.Exposure + ": " + report.ExposureReason + " | " + report.Warning);
                Assert.Equal(PortExposure.Anyone, report.ExposureValue);
                Assert.StartsWith("the INPUT rule -A INPUT -d " + IngressLab.HostSideAddress + "/32 -p tcp -m tcp --dport " + port + " -j DROP (filter INPUT) appears to block", report.Warning, StringComparison.Ordinal);
                Assert.True(_lab.Fetch(IngressLab.HostSideAddress, port), "the client's fetch of the published port did not get through, though the prediction says the INPUT drop does not apply");
            }
            finally
            {
                OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-D" }.Concat(rule).ToArray());
            }
        }

        [LiveFact]
        public void PublishedOnLoopbackOnly_NothingTakesItOnTheHostAddressAndTheFetchFails()
        {
            _lab.EnsureBuilt();
            var port = _lab.HostPort(_lab.Model, "local");

            var result = Predict(_lab.Model, IngressLab.HostSideAddress, port);

            Assert.Equal(ReachabilityVerdict.NoListener, result.VerdictValue);
            Assert.Contains(_lab.Name("local") + " publishes 127.0.0.1:" + port + "->80/tcp, on the loopback address only", result.Reason, StringComparison.Ordinal);
            var report = PortBindingInspector.Inspect(_lab.Model, new[] { _lab.Container("local") }).Single();
            Assert.Equal(PortExposure.LoopbackOnly, report.ExposureValue);
            Assert.False(_lab.Fetch(IngressLab.HostSideAddress, port), "the client reached a port published on 127.0.0.1 only");
        }

        [LiveFact]
        public void DirectRoutedAccess_PublishedPortOnTheContainersAddress_AcceptedOn2010DroppedInRawFrom28()
        {
            _lab.EnsureBuilt();
            var address = _lab.Address("web");

            var result = Predict(_lab.Model, address, 80);
            var fetched = _lab.Fetch(address, 80);

            if (_lab.Model.Engine.MajorVersion >= 28)
            {
                Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
                Assert.Contains("-A PREROUTING -d " + address + "/32 ! -i ", result.Reason, StringComparison.Ordinal);
                Assert.False(fetched, "Engine 28's raw PREROUTING rule should drop the client's packet to " + address);
            }
            else
            {
                Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
                Assert.Contains("-A DOCKER -d " + address + "/32 ! -i ", result.PathText, StringComparison.Ordinal);
                Assert.True(fetched, "Engine 20.10 accepts direct access to a published container port, but the client's fetch of " + address + ":80 failed");
            }

            // An unpublished port on the same address: FORWARD's policy (20.10: DROP, dockerd set it) or the raw drop (28).
            var unpublished = Predict(_lab.Model, address, 81);
            Assert.Equal(ReachabilityVerdict.Blocked, unpublished.VerdictValue);
        }
    }
}
