using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.Docker.Probing;
using DockerNetTools.Live.Tests.Infrastructure;
using DockerNetTools.Model;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// Seed 003's lab rebuilt by hand on this machine, under this test's own names and subnet: a bridge ns-br0
    /// (10.75.0.1/24), network namespaces ns-c4 and ns-c5 joined to it by veth pairs (ns-h4/ns-v4, ns-h5/ns-v5, 10.75.0.4
    /// and .5, default route via 10.75.0.1), a listener in ns-c5 and a process in a namespace of its own (unshare -n).
    /// Everything is removed in DisposeAsync, even after a failure; nothing leaves the machine.
    /// </summary>
    public sealed class NamespaceLab : IAsyncLifetime
    {
        public const string Bridge = "ns-br0";
        public const string Gateway = "10.75.0.1";
        public const int ListenPort = 7075;
        public static readonly string[] Namespaces = { "ns-c4", "ns-c5" };

        private readonly List<Process> _processes = new List<Process>();

        public string? Problem { get; private set; }

        public int UnsharedPid { get; private set; }

        public static string Address(int n) => "10.75.0." + n;

        public Task InitializeAsync()
        {
            if (LiveDaemon.Problem != null)
            {
                Problem = LiveDaemon.Problem;
                return Task.CompletedTask;
            }
            try
            {
                Remove();
                // The note's commands, with this test's names (seed 003, "실습").
                Ip("link", "add", Bridge, "type", "bridge");
                Ip("link", "set", Bridge, "up");
                Ip("addr", "add", Gateway + "/24", "brd", "10.75.0.255", "dev", Bridge);
                foreach (var n in new[] { 4, 5 })
                {
                    var ns = "ns-c" + n;
                    Ip("netns", "add", ns);
                    Ip("link", "add", "ns-h" + n, "type", "veth", "peer", "name", "ns-v" + n);
                    Ip("link", "set", "ns-v" + n, "netns", ns);
                    Ip("netns", "exec", ns, "ip", "a", "add", Address(n) + "/24", "dev", "ns-v" + n);
                    Ip("netns", "exec", ns, "ip", "link", "set", "dev", "lo", "up");
                    Ip("netns", "exec", ns, "ip", "link", "set", "dev", "ns-v" + n, "up");
                    Ip("link", "set", "ns-h" + n, "master", Bridge);
                    Ip("link", "set", "dev", "ns-h" + n, "up");
                    Ip("netns", "exec", ns, "ip", "route", "add", "default", "via", Gateway);
                }
                _processes.Add(Start("ip", "netns", "exec", "ns-c5", "busybox", "nc", "-l", "-p", ListenPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var unshared = Start("unshare", "-n", "sleep", "120");
                _processes.Add(unshared);
                UnsharedPid = unshared.Id;
                Thread.Sleep(300);
            }
            catch (Exception exception)
            {
                Problem = "building the namespace lab failed: " + exception.Message;
            }
            return Task.CompletedTask;
        }

        public void EnsureBuilt()
        {
            if (Problem != null) Assert.Fail(Problem);
        }

        /// <summary>A real ping (busybox, one echo, at most 2 s): true when answered.</summary>
        public static bool Ping(string from, string address) =>
            !OutsideWorldLab.Run("ip", "netns", "exec", from, "busybox", "ping", "-c", "1", "-W", "2", address).StartsWith("exit ", StringComparison.Ordinal);

        public Task DisposeAsync()
        {
            foreach (var process in _processes)
            {
                try { process.Kill(); } catch (InvalidOperationException) { }
                process.Dispose();
            }
            Remove();
            return Task.CompletedTask;
        }

        /// <summary>Everything of this lab, whether or not it exists (a namespace takes its veth end, and so the pair, with it).</summary>
        private static void Remove()
        {
            foreach (var ns in Namespaces) OutsideWorldLab.Run("ip", "netns", "del", ns);
            foreach (var veth in new[] { "ns-h4", "ns-h5" }) OutsideWorldLab.Run("ip", "link", "del", veth);
            OutsideWorldLab.Run("ip", "link", "del", Bridge);
        }

        private static Process Start(string tool, params string[] args)
        {
            var info = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) info.ArgumentList.Add(arg);
            return Process.Start(info)!;
        }

        private static void Ip(params string[] args)
        {
            var output = OutsideWorldLab.Run("ip", args);
            if (output.StartsWith("exit ", StringComparison.Ordinal)) throw new InvalidOperationException("ip " + string.Join(" ", args) + " failed: " + output);
        }
    }

    /// <summary>Namespaces Docker did not make, read from the live host, and the reachability answers against real pings.</summary>
    public sealed class HostNamespaceTests : IClassFixture<NamespaceLab>
    {
        private readonly NamespaceLab _lab;
        private readonly ITestOutputHelper _output;

        public HostNamespaceTests(NamespaceLab lab, ITestOutputHelper output)
        {
            _lab = lab;
            _output = output;
        }

        [LiveFact]
        public async Task Read_SeedLabRebuilt_NamespacesWithVethPeersBridgeRoutesAndSockets()
        {
            _lab.EnsureBuilt();
            Assert.True(LinuxNative.IsRoot, "the live tests run as root on the daemon's host");

            var model = await OwnLab.ReadModelAsync();

            foreach (var n in new[] { 4, 5 })
            {
                var ns = model.Host.FindNamespace("ns-c" + n);
                Assert.True(ns != null, "ns-c" + n + " not read; namespaces: " + string.Join(", ", model.Host.Namespaces.Select(x => x.Name)));
                Assert.Equal(NamespaceOrigin.Named, ns!.Origin);
                var veth = Assert.Single(ns.Interfaces);
                Assert.Equal(("ns-v" + n, NamespaceLab.Address(n) + "/24", "ns-h" + n, NamespaceLab.Bridge),
                    (veth.Name, veth.Addresses.Single(a => !a.IsIPv6).ToString(), veth.Peer, model.Host.BridgeOf(veth)));
                Assert.Equal(model.Host.Interfaces.Single(i => i.Name == "ns-h" + n).IfIndex, veth.PeerIfIndex);
                Assert.Contains(ns.Routes, r => r.IsDefault && !r.IsIPv6 && r.Gateway?.ToString() == NamespaceLab.Gateway);
                Assert.True(ns.SocketsKnown);
            }
            Assert.Contains(model.Host.FindNamespace("ns-c5")!.Sockets, s => s.LocalPort == NamespaceLab.ListenPort && s.State == SocketState.Listen);

            var bridge = Assert.Single(NamespaceTopology.HostBridges(model), b => b.Name == NamespaceLab.Bridge);
            Assert.Equal(("10.75.0.0/24", NamespaceLab.Gateway), (bridge.Subnet, bridge.Gateway?.ToString()));
            Assert.Equal(new[] { "ns-c4", "ns-c5" }, bridge.Containers.Select(c => c.Name));

            var unshared = model.Host.FindNamespace("pid " + _lab.UnsharedPid);
            Assert.True(unshared != null, "the unshare -n process' namespace was not read");
            Assert.Equal((NamespaceOrigin.Process, "sleep"), (unshared!.Origin, unshared.Process));
        }

        [LiveFact]
        public async Task Reachability_BetweenNamespacesAndToTheBridge_AgreesWithRealPings()
        {
            _lab.EnsureBuilt();
            var model = await OwnLab.ReadModelAsync();

            var toHost = Predict(model, "ns-c4", NamespaceLab.Gateway);
            Assert.Equal(ReachabilityVerdict.Reachable, toHost.VerdictValue);
            Assert.True(NamespaceLab.Ping("ns-c4", NamespaceLab.Gateway), "ns-c4 could not ping its bridge " + NamespaceLab.Gateway);

            // Inside ns-br0: with br_netfilter (bridge-nf-call-iptables=1) FORWARD sees the frames, and Docker's FORWARD
            // policy DROP stops them, the reason seed 003 runs `iptables --policy FORWARD ACCEPT`; without it the bridge alone carries them.
            var between = Predict(model, "ns-c4", NamespaceLab.Address(5));
            Assert.True(between.VerdictValue == ReachabilityVerdict.Reachable || between.VerdictValue == ReachabilityVerdict.Blocked, between.Reason);
            Assert.Equal(between.VerdictValue == ReachabilityVerdict.Reachable, NamespaceLab.Ping("ns-c4", NamespaceLab.Address(5)));
            var listener = Predict(model, "ns-c4", NamespaceLab.Address(5), NamespaceLab.ListenPort);
            Assert.Equal(between.VerdictValue, listener.VerdictValue);
            if (between.VerdictValue == ReachabilityVerdict.Reachable) return;

            // The other answer too: a DOCKER-USER rule for this bridge only (the seed's wider policy change is not ours to
            // make on a shared machine), removed again whatever happens.
            var rule = new[] { "DOCKER-USER", "-i", NamespaceLab.Bridge, "-o", NamespaceLab.Bridge, "-j", "ACCEPT" };
            var inserted = OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-I" }.Concat(rule).ToArray());
            Assert.False(inserted.StartsWith("exit ", StringComparison.Ordinal), inserted);
            try
            {
                var opened = Predict(await OwnLab.ReadModelAsync(), "ns-c4", NamespaceLab.Address(5));
                Assert.Equal(ReachabilityVerdict.Reachable, opened.VerdictValue);
                Assert.True(NamespaceLab.Ping("ns-c4", NamespaceLab.Address(5)), "the ping between ns-c4 and ns-c5 failed after the ACCEPT rule");
            }
            finally
            {
                OutsideWorldLab.Run("iptables", new[] { "-w", "5", "-D" }.Concat(rule).ToArray());
            }
        }

        private ReachabilityResult Predict(DockerHostModel model, string source, string destination, int? port = null)
        {
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, destination, port));
            _output.WriteLine(result + ": " + result.Verdict + " | " + result.PathText);
            return result;
        }
    }
}
