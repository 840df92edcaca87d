using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Docker.Probing;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// An "outside world" on this machine: a network namespace joined to the host by a veth pair (host side 198.18.67.1/24,
    /// outside 198.18.67.2/24, 198.18.0.0/15 being the range reserved for such test networks), with busybox httpd on 8080
    /// and no route back to Docker's subnets (a LAN router does not know them). Everything is removed in DisposeAsync, even
    /// after a failure; packets never leave through the machine's real uplink.
    /// </summary>
    public sealed class OutsideWorldLab : OwnLab, IAsyncLifetime
    {
        public const string OutsideAddress = "198.18.67.2";
        public const int HttpPort = 8080;
        public const string TestZone = "edge.test";
        private readonly string _tag = Guid.NewGuid().ToString("N").Substring(0, 6);
        private readonly string _www = Path.Combine(Path.GetTempPath(), "dnt-edge-www-" + Guid.NewGuid().ToString("N"));
        private bool _namespaceMade;

        public OutsideWorldLab() : base("edge") { }

        public string Namespace => "dntedge" + _tag;
        private string HostSide => "dnte" + _tag;
        private string OutsideSide => "dnto" + _tag;

        /// <summary>The masquerade-off network's subnet, in this project's 10.67.0.0/16 for the edge tests.</summary>
        public string NoMasqueradeSubnet { get; } = "10.67." + (10 + new Random().Next(200)).ToString(CultureInfo.InvariantCulture) + ".0/24";

        protected override void Build()
        {
            Directory.CreateDirectory(_www);
            File.WriteAllText(Path.Combine(_www, "index.html"), "outside\n");
            Ip("netns", "add", Namespace);
            _namespaceMade = true;
            Ip("link", "add", HostSide, "type", "veth", "peer", "name", OutsideSide);
            Ip("link", "set", OutsideSide, "netns", Namespace);
            Ip("addr", "add", "198.18.67.1/24", "dev", HostSide);
            Ip("link", "set", HostSide, "up");
            Ip("netns", "exec", Namespace, "ip", "addr", "add", OutsideAddress + "/24", "dev", OutsideSide);
            Ip("netns", "exec", Namespace, "ip", "link", "set", OutsideSide, "up");
            Ip("netns", "exec", Namespace, "ip", "link", "set", "lo", "up");
            Ip("netns", "exec", Namespace, "busybox", "httpd", "-p", HttpPort.ToString(CultureInfo.InvariantCulture), "-h", _www);
            // The test zone: every name under edge.test is the outside address; nothing else is answered or forwarded.
            Ip("netns", "exec", Namespace, "dnsmasq", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=" + OutsideAddress,
                "--address=/" + TestZone + "/" + OutsideAddress, "--user=root", "--group=root", "--pid-file=" + Path.Combine(_www, "dnsmasq.pid"));

            Network("nomasq", "--subnet", NoMasqueradeSubnet, "-o", "com.docker.network.bridge.enable_ip_masquerade=false");
            Run("client", Array.Empty<string>(), "sleep", "3600");
            Run("unnated", new[] { "--network", Name("nomasq") }, "sleep", "3600");
            Network("usr");
            Run("resolver", new[] { "--network", Name("usr"), "--dns", OutsideAddress }, "sleep", "3600");
        }

        /// <summary>An HTTP GET from a container to the outside namespace: true when the page came back (nc -w 2, bounded).</summary>
        public bool Fetch(string from)
        {
            var result = DockerCli.Run("exec", Name(from), "sh", "-c",
                "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + OutsideAddress + " " + HttpPort.ToString(CultureInfo.InvariantCulture));
            return result.Stdout.Contains("outside", StringComparison.Ordinal);
        }

        /// <summary>The lab's containers and networks (OwnLab), then the namespace, its veth pair and the page; IAsyncLifetime is re-implemented so xunit calls this one.</summary>
        /// <summary>A real lookup through the container's resolver (the embedded DNS, which forwards to its --dns); the addresses it printed, bounded to 6 s.</summary>
        public string Lookup(string from, string name) =>
            DockerCli.Run("exec", Name(from), "timeout", "6", "nslookup", name).Stdout;

        public new async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (_namespaceMade)
            {
                // The httpd this lab started, by its pid in the namespace; then the namespace (its veth end goes with it, and the pair with that).
                foreach (var pid in Run("ip", "netns", "pids", Namespace).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (int.TryParse(pid.Trim(), out var id))
                    {
                        try { Process.GetProcessById(id).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
                    }
                }
                Run("ip", "netns", "del", Namespace);
                Run("ip", "link", "del", HostSide);
            }
            if (Directory.Exists(_www)) Directory.Delete(_www, recursive: true);
        }

        private static void Ip(params string[] args)
        {
            var output = Run("ip", args);
            if (output.StartsWith("exit ", StringComparison.Ordinal)) throw new InvalidOperationException("ip " + string.Join(" ", args) + " failed: " + output);
        }

        /// <summary>Runs a tool (bounded to 10 s); its output, or "exit N: stderr" when it failed.</summary>
        internal static string Run(string tool, params string[] args)
        {
            var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args) info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10000))
            {
                process.Kill();
                return "exit -1: timed out";
            }
            return process.ExitCode == 0 ? stdout.Result : "exit " + process.ExitCode + ": " + stderr.Result;
        }
    }

    /// <summary>Egress to an address outside the host: the prediction (routes, FORWARD, MASQUERADE) against a real HTTP fetch.</summary>
    public sealed class EgressTests : IClassFixture<OutsideWorldLab>
    {
        private readonly OutsideWorldLab _lab;
        private readonly ITestOutputHelper _output;

        public EgressTests(OutsideWorldLab lab, ITestOutputHelper output)
        {
            _lab = lab;
            _output = output;
        }

        private ReachabilityResult Predict(Model.DockerHostModel model, string source)
        {
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(_lab.Name(source), OutsideWorldLab.OutsideAddress, OutsideWorldLab.HttpPort));
            _output.WriteLine(result + " | " + result.PathText);
            return result;
        }

        [LiveFact]
        public void Egress_DefaultBridge_ReachableThroughMasqueradeAndTheFetchWorks()
        {
            _lab.EnsureBuilt();
            Assert.True(LinuxNative.IsRoot, "the live tests run as root on the daemon's host");

            var result = Predict(_lab.Model, "client");

            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
            Assert.Contains(result.Path, h => h.Device.Contains("POSTROUTING", StringComparison.Ordinal) && h.Description.Contains("MASQUERADE", StringComparison.Ordinal)
                                               && h.Description.Contains("-> 198.18.67.1", StringComparison.Ordinal));
            Assert.Equal("198.18.67.1", result.Path[result.Path.Count - 1].Address?.ToString());
            Assert.True(_lab.Fetch("client"), "the real fetch from the default bridge to the outside namespace failed");
        }

        [LiveFact]
        public void Egress_MasqueradeOff_ReplyHasNoWayBackAndTheFetchTimesOut()
        {
            _lab.EnsureBuilt();

            var result = Predict(_lab.Model, "unnated");

            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.Contains("has no way back", result.Reason, StringComparison.Ordinal);
            Assert.False(_lab.Fetch("unnated"), "the fetch from the masquerade-off network came back, though the outside has no route to " + _lab.NoMasqueradeSubnet);
        }

        [LiveFact]
        public async Task Egress_DockerUserDrop_ReadFromTheHostBlocksItAndTheFetchFails()
        {
            _lab.EnsureBuilt();
            var source = _lab.Address("client");
            // Specific to this lab's container and outside address, so it cannot touch another test's traffic.
            var rule = new[] { "DOCKER-USER", "-s", source + "/32", "-d", OutsideWorldLab.OutsideAddress + "/32", "-j", "DROP" };
            var inserted = OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-I" }.Concat(rule).ToArray());
            Assert.False(inserted.StartsWith("exit ", StringComparison.Ordinal), inserted);
            try
            {
                var model = await OwnLab.ReadModelAsync();
                var result = Predict(model, "client");

                Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
                Assert.Contains("-A DOCKER-USER -s " + source + "/32 -d " + OutsideWorldLab.OutsideAddress + "/32 -j DROP", result.Reason, StringComparison.Ordinal);
                Assert.False(_lab.Fetch("client"), "the fetch got through the DOCKER-USER drop");
            }
            finally
            {
                OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-D" }.Concat(rule).ToArray());
            }
            Assert.True(_lab.Fetch("client"), "after the rule was removed the fetch should work again");
        }
    
        /// <summary>
        /// True when this process runs in a named network namespace of `ip netns` (Engine 28's dnt-e28), whose net.* sysctls are
        /// its own; `ip netns identify` names it, and names none in the machine's own (whose /proc/1/ns/net root cannot read here).
        /// </summary>
        private static bool InOwnNetworkNamespace() =>
            OutsideWorldLab.Run("ip", "netns", "identify") is var name && !name.StartsWith("exit ", StringComparison.Ordinal) && name.Trim().Length > 0;

        [LiveFact]
        public async Task Egress_IpForwardOff_BlockedAndTheFetchFails()
        {
            _lab.EnsureBuilt();
            const string sysctl = "/proc/sys/net/ipv4/ip_forward";
            var before = File.ReadAllText(sysctl).Trim();
            Assert.Equal(before == "1", _lab.Model.Host.Forwarding);
            if (!InOwnNetworkNamespace())
            {
                // Engine 20.10 runs in the machine's own namespace, whose ip_forward this test never changes: only the reading is checked there.
                _output.WriteLine("the daemon's namespace is the machine's own: ip_forward is read (" + before + "), not switched off");
                return;
            }

            // Engine 28.5 in dnt-e28: net.ipv4.ip_forward is that namespace's own; restored even when an assertion fails.
            try
            {
                File.WriteAllText(sysctl, "0");
                var model = await OwnLab.ReadModelAsync();
                Assert.False(model.Host.Forwarding);
                var result = Predict(model, "client");

                Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
                Assert.Contains("net.ipv4.ip_forward is 0", result.Reason, StringComparison.Ordinal);
                Assert.Equal("net.ipv4.ip_forward", result.Path[result.Path.Count - 1].Device);
                Assert.StartsWith("sysctl -w net.ipv4.ip_forward=1", result.Remedy, StringComparison.Ordinal);
                Assert.False(_lab.Fetch("client"), "the fetch got through with ip_forward 0");
            }
            finally
            {
                File.WriteAllText(sysctl, before);
            }
            Assert.True(_lab.Fetch("client"), "with ip_forward back to " + before + " the fetch should work again");
        }

        [LiveFact]
        public async Task Egress_DockerSubnetCoversTheOutsideAddress_GoesToTheBridgeAndTheFetchFails()
        {
            _lab.EnsureBuilt();
            // A /28 inside the outside link's /24 (the longer prefix wins), its gateway away from the host's 198.18.67.1.
            var network = _lab.Name("overlap");
            var created = DockerCli.Run("network", "create", "--subnet", "198.18.67.0/28", "--gateway", "198.18.67.14", network);
            Assert.True(created.Ok, created.ToString());
            try
            {
                var model = await OwnLab.ReadModelAsync();
                var bridge = model.FindNetwork(network)!.BridgeName;
                var result = Predict(model, "client");

                Assert.Equal(ReachabilityVerdict.NoSuchAddress, result.VerdictValue);
                Assert.Equal(network, result.NetworkUsed);
                Assert.Contains("Docker network " + network + "'s 198.18.67.0/28 on " + bridge + " is the longer prefix", result.Reason, StringComparison.Ordinal);
                Assert.Contains("198.18.67.0/24", result.Reason, StringComparison.Ordinal);
                Assert.Contains("swallows it", result.Remedy, StringComparison.Ordinal);
                Assert.Contains("--subnet elsewhere", result.Remedy, StringComparison.Ordinal);
                Assert.False(_lab.Fetch("client"), "the fetch reached the outside namespace though " + network + " covers its address");
            }
            finally
            {
                DockerCli.Run("network", "rm", network);
            }
            Assert.True(_lab.Fetch("client"), "with " + network + " removed the fetch should work again");
        }

        [LiveFact]
        public async Task OutsideName_ForwardedToTheContainersDns_WayOpenThenDroppedByDockerUser()
        {
            _lab.EnsureBuilt();
            var name = "www." + OutsideWorldLab.TestZone;
            var resolver = _lab.Container("resolver");

            var open = Analysis.Dns.NameResolver.Resolve(_lab.Model, resolver, name);
            _output.WriteLine(open.FailureReason);
            Assert.Equal(Analysis.Dns.NameResolutionFailure.OutsideModel, open.Failure);
            Assert.Contains("forwards it to " + OutsideWorldLab.OutsideAddress + " (its own --dns)", open.FailureReason, StringComparison.Ordinal);
            Assert.Contains("the way to " + OutsideWorldLab.OutsideAddress + " is open", open.FailureReason, StringComparison.Ordinal);
            Assert.Contains(OutsideWorldLab.OutsideAddress, _lab.Lookup("resolver", name), StringComparison.Ordinal);

            var rule = new[] { "DOCKER-USER", "-s", _lab.Address("resolver") + "/32", "-d", OutsideWorldLab.OutsideAddress + "/32", "-p", "udp", "--dport", "53", "-j", "DROP" };
            var inserted = OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-I" }.Concat(rule).ToArray());
            Assert.False(inserted.StartsWith("exit ", StringComparison.Ordinal), inserted);
            try
            {
                var model = await OwnLab.ReadModelAsync();
                var closed = Analysis.Dns.NameResolver.Resolve(model, model.FindContainer(_lab.Name("resolver"))!, name);
                _output.WriteLine(closed.FailureReason);

                Assert.Equal(Analysis.Dns.NameResolutionFailure.UpstreamUnreachable, closed.Failure);
                Assert.Contains("-A DOCKER-USER -s " + _lab.Address("resolver") + "/32 -d " + OutsideWorldLab.OutsideAddress + "/32 -p udp -m udp --dport 53 -j DROP", closed.FailureReason, StringComparison.Ordinal);
                Assert.DoesNotContain(OutsideWorldLab.OutsideAddress, _lab.Lookup("resolver", name).Split(new[] { "Name:" }, StringSplitOptions.None).Skip(1).FirstOrDefault() ?? string.Empty, StringComparison.Ordinal);
            }
            finally
            {
                OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-D" }.Concat(rule).ToArray());
            }
        }
}
}
