using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Analysis.Swarm;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// A two-node swarm of this machine's own (.ci/docker-test-daemon.sh swarm start 2: two dockerd processes, Engine 20.10
    /// or with DNT_ENGINE=28 Engine 28.5, in network namespaces swarm-n1 and swarm-n2, 198.18.66.11 and .12 on a bridge;
    /// DNT_SWARM_NAME, DNT_SWARM_PREFIX, DNT_SWARM_NET and DNT_SWARM_POOL move it as they move the script's), started once
    /// for this class and removed afterwards (the daemons, their roots and the namespaces). An attachable overlay and a
    /// two-replica httpd service, one task per node. Never on the shared test daemons: swarm init would add ingress and
    /// docker_gwbridge there.
    /// </summary>
    public sealed class SwarmLab : IAsyncLifetime
    {
        public static readonly string Name = Setting("DNT_SWARM_NAME", "swarm");
        public static readonly string Manager = "unix://" + Setting("DNT_SWARM_PREFIX", "/tmp/dnt-swarm") + "-n1/docker.sock";

        /// <summary>The first three octets of the node addresses: node i is &lt;Net&gt;.1i.</summary>
        public static readonly string Net = Setting("DNT_SWARM_NET", "198.18.66");

        /// <summary>The overlay's subnet, inside the swarm's address pool (a /16).</summary>
        public static readonly string OverlaySubnet = string.Join(".", Setting("DNT_SWARM_POOL", "10.66.0.0/16").Split('.').Take(2)) + ".9.0/24";

        public const string Service = "swarm-t-web";
        public const string Overlay = "swarm-t-ov";
        public const string IngressPort = "18081";

        /// <summary>Node i's network namespace (and hostname).</summary>
        public static string Node(int i) => Name + "-n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public static string NodeAddress(int i) => Net + ".1" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string Setting(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

        public static string? Problem { get; } = FindProblem();

        public DockerHostModel Model { get; private set; } = new DockerHostModel();

        /// <summary>The task container on the manager (the node the model is read from).</summary>
        public string LocalTask { get; private set; } = string.Empty;

        public static string Script => Path.Combine(RepoRoot() ?? ".", ".ci", "docker-test-daemon.sh");

        /// <summary>The built dnt host of this configuration (bin/&lt;Configuration&gt;/net10.0, as the tests themselves).</summary>
        public static string DntDll
        {
            get
            {
                var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
                return Path.Combine(RepoRoot() ?? ".", "src", "DockerNetTools.Host", "bin", framework.Parent!.Name, framework.Name, "dnt.dll");
            }
        }

        private static string? FindProblem()
        {
            if (RepoRoot() == null) return "the repository's .ci/docker-test-daemon.sh was not found";
            if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal)) return "the swarm lab needs root (dockerd in network namespaces)";
            return null;
        }

        private static string? RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, ".ci", "docker-test-daemon.sh"))) return dir.FullName;
            return null;
        }

        public async Task InitializeAsync()
        {
            if (Problem != null) return;
            Must(Run("bash", Script, "swarm", "start", "2"));
            // A kept lab (DNT_SWARM_KEEP=1) is made anew: the overlay is free only once the old service's tasks are gone.
            Docker("service", "rm", Service);
            for (var i = 0; i < 30 && Docker("network", "inspect", Overlay).Code == 0; i++)
            {
                Docker("network", "rm", Overlay);
                await Task.Delay(1000);
            }
            Must(Docker("network", "create", "-d", "overlay", "--attachable", "--subnet", OverlaySubnet, Overlay));
            Must(Docker("service", "create", "-d", "--name", Service, "--network", Overlay, "--replicas", "2", "--placement-pref", "spread=node.id", "--publish", IngressPort + ":80",
                "dnt-busybox:latest", "httpd", "-f", "-p", "80", "-h", "/www"));
            for (var i = 0; i < 60; i++)
            {
                var states = Docker("service", "ps", Service, "--filter", "desired-state=running", "--format", "{{.CurrentState}}").Stdout;
                if (states.Split('\n').Count(l => l.StartsWith("Running", StringComparison.Ordinal)) == 2) break;
                await Task.Delay(1000);
            }
            var backend = DockerDaemonBackend.Create(Manager, null);
            // Not the packet filter: read from this process it would be the namespace the tests run in, not swarm-n1's
            // (the firewall test runs the module inside swarm-n1's namespace for that).
            Model = await backend.GetHostModelAsync(ModelParts.All & ~ModelParts.Firewall, NullOperationLog.Instance, CancellationToken.None);
            LocalTask = Model.Swarm!.Tasks.Single(t => t.Running && t.ServiceName == Service && t.NodeId == Model.Swarm.LocalNodeId).ContainerName;
        }

        public Task DisposeAsync()
        {
            if (Problem == null && Environment.GetEnvironmentVariable("DNT_SWARM_KEEP") != "1")
            {
                Docker("service", "rm", Service);
                Docker("network", "rm", Overlay);
                Run("bash", Script, "swarm", "stop");
            }
            return Task.CompletedTask;
        }

        public static (int Code, string Stdout) Docker(params string[] args) =>
            Run("docker", new[] { "-H", Manager }.Concat(args).ToArray());

        public static (int Code, string Stdout) Run(string file, params string[] args)
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000)) process.Kill(true);
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }

        private static void Must((int Code, string Stdout) result)
        {
            if (result.Code != 0) throw new InvalidOperationException(result.Stdout);
        }
    }

    public sealed class SwarmLiveFactAttribute : FactAttribute
    {
        public SwarmLiveFactAttribute()
        {
            if (SwarmLab.Problem is { } problem && !Infrastructure.LiveDaemon.IsCi) Skip = "Swarm live test skipped: " + problem;
        }
    }

    /// <summary>The swarm answers against the real swarm: DNS by nslookup, reachability by ping and nc from a task.</summary>
    [Trait("Category", "Swarm")]
    public sealed class SwarmTests : IClassFixture<SwarmLab>
    {
        private readonly SwarmLab _lab;

        public SwarmTests(SwarmLab lab) => _lab = lab;

        private (int Code, string Stdout) Exec(string command) =>
            SwarmLab.Docker("exec", _lab.LocalTask, "sh", "-c", command);

        [SwarmLiveFact]
        public void Model_ReadFromTheManager_HasBothNodesTheServiceAndTheOverlay()
        {
            var swarm = _lab.Model.Swarm!;
            Assert.Equal(new[] { SwarmLab.NodeAddress(1), SwarmLab.NodeAddress(2) }, swarm.Nodes.Select(n => n.Address!.ToString()).OrderBy(a => a, StringComparer.Ordinal));
            var service = swarm.FindService(SwarmLab.Service)!;
            Assert.Equal(2, swarm.TasksOf(service).Select(t => t.NodeId).Distinct().Count());
            var overlay = _lab.Model.FindNetwork(SwarmLab.Overlay)!;
            Assert.True(overlay.Attachable);
            Assert.NotNull(overlay.Vni);
            // This machine's kernel: the model says what /proc and /sys say.
            Assert.Equal(File.Exists("/proc/net/ip_vs") || Directory.Exists("/sys/module/ip_vs"), swarm.LocalNode!.Ipvs);
        }

        [SwarmLiveFact]
        public void TasksName_PredictedAddresses_AreWhatNslookupAnswers()
        {
            var result = ReachabilityAnalyzer.Analyze(_lab.Model, new ReachabilityQuery(_lab.LocalTask, "tasks." + SwarmLab.Service));
            Assert.True(result.NameResolves);
            var swarm = _lab.Model.Swarm!;
            var predicted = SwarmDns.Answers(swarm, swarm.FindService(SwarmLab.Service)!, SwarmLab.Overlay, true).Select(a => a.ToString()).OrderBy(a => a, StringComparer.Ordinal);
            var lookup = Exec("nslookup tasks." + SwarmLab.Service + " 127.0.0.11");
            var real = lookup.Stdout.Split('\n').Where(l => l.StartsWith("Address", StringComparison.Ordinal) && !l.Contains("127.0.0.11", StringComparison.Ordinal))
                .Select(l => l.Substring(l.IndexOf(':', StringComparison.Ordinal) + 1).Trim()).OrderBy(a => a, StringComparer.Ordinal);
            Assert.Equal(predicted, real);
        }

        [SwarmLiveFact]
        public void ServiceNames_ResolveDockerNetName_AgreesWithNslookup()
        {
            var from = _lab.Model.FindContainer(_lab.LocalTask)!;
            foreach (var name in new[] { SwarmLab.Service, "tasks." + SwarmLab.Service })
            {
                var predicted = DockerNetTools.Analysis.Dns.NameResolver.Resolve(_lab.Model, from, name).Answers.Select(a => a.IPAddress.ToString()).OrderBy(a => a, StringComparer.Ordinal);
                Assert.Equal(predicted, Lookup(name));
            }
        }

        private IEnumerable<string> Lookup(string name) =>
            Exec("nslookup " + name + " 127.0.0.11").Stdout.Split('\n')
                .Where(l => l.StartsWith("Address", StringComparison.Ordinal) && !l.Contains("127.0.0.11", StringComparison.Ordinal))
                .Select(l => l.Substring(l.IndexOf(':', StringComparison.Ordinal) + 1).Trim()).OrderBy(a => a, StringComparer.Ordinal);

        [SwarmLiveFact]
        public void IngressPort_PortConflictPrediction_AgreesWithDockerRun()
        {
            var conflict = new DockerNetTools.Analysis.Ports.PortConflictChecker(_lab.Model).Check(SwarmLab.IngressPort + ":80").Single();
            var run = SwarmLab.Docker("run", "-d", "--name", "swarm-t-clash", "-p", SwarmLab.IngressPort + ":80", "dnt-busybox:latest", "sleep", "30");
            SwarmLab.Docker("rm", "-f", "swarm-t-clash");
            Assert.Equal(conflict.Conflict, run.Code != 0);
        }

        [SwarmLiveFact]
        public void Egress_LeavesThroughDockerGwbridge_AsTheTasksRouteTableSays()
        {
            var result = ReachabilityAnalyzer.Analyze(_lab.Model, new ReachabilityQuery(_lab.LocalTask, SwarmLab.NodeAddress(2)));
            Assert.Equal("docker_gwbridge", result.NetworkUsed);
            var route = Exec("ip route").Stdout.Split('\n').Single(l => l.StartsWith("default", StringComparison.Ordinal));
            var device = route.Split(' ')[4];
            var endpoint = _lab.Model.FindContainer(_lab.LocalTask)!.EndpointOn("docker_gwbridge")!;
            Assert.Equal(device, endpoint.InterfaceName);
            Assert.StartsWith(_lab.LocalTask + " " + device + " ", result.PathText, StringComparison.Ordinal);
        }

        [SwarmLiveFact]
        public void TaskOnTheOtherNode_PredictedReachable_PingCrossesTheVxlan()
        {
            var swarm = _lab.Model.Swarm!;
            var remote = swarm.Tasks.Single(t => t.Running && t.ServiceName == SwarmLab.Service && t.NodeId != swarm.LocalNodeId);
            var address = remote.Addresses[SwarmLab.Overlay].ToString();
            var result = ReachabilityAnalyzer.Analyze(_lab.Model, new ReachabilityQuery(_lab.LocalTask, address));
            Assert.Contains("udp/4789", result.PathText, StringComparison.Ordinal);
            var ping = Exec("ping -c 1 -W 2 " + address);
            Assert.Equal(result.VerdictValue == ReachabilityVerdict.Reachable, ping.Code == 0);
            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
        }

        [SwarmLiveFact]
        public void TaskOnTheOtherNode_VxlanDroppedOnTheManager_PingFailsAndTheModuleInTheNodeSaysBlockedByThatRule()
        {
            var swarm = _lab.Model.Swarm!;
            var remote = swarm.Tasks.Single(t => t.Running && t.ServiceName == SwarmLab.Service && t.NodeId != swarm.LocalNodeId);
            var address = remote.Addresses[SwarmLab.Overlay].ToString();
            var peer = SwarmLab.NodeAddress(2);
            // On swarm-n1 (the manager, whose tasks the model holds): the VXLAN from swarm-n2 is dropped, so the echo
            // request reaches swarm-n2 and its reply never arrives.
            var rule = new[] { "INPUT", "-s", peer, "-p", "udp", "--dport", "4789", "-j", "DROP" };
            (int Code, string Stdout) ping;
            (int Code, string Stdout) module;
            Must(InNode1(new[] { "iptables", "-I" }.Concat(rule).ToArray()));
            try
            {
                ping = Exec("ping -c 1 -W 2 " + address);
                // The module as a user runs it on that node: dnt inside swarm-n1's namespace, reading its iptables-save there.
                module = InNode1("dotnet", SwarmLab.DntDll, "$r = Test-DockerNetReachability -DockerHost '" + SwarmLab.Manager + "' -Source '" + _lab.LocalTask + "' -Destination " + address
                    + "; '{0}|{1}|{2}' -f $r.Verdict, $r.Reason, $r.Remedy");
            }
            finally
            {
                InNode1(new[] { "iptables", "-D" }.Concat(rule).ToArray());
            }
            var answer = module.Stdout.Split('\n').Single(l => l.StartsWith("Blocked|", StringComparison.Ordinal) || l.StartsWith("Reachable|", StringComparison.Ordinal) || l.StartsWith("Undetermined|", StringComparison.Ordinal)).Split('|');
            Assert.NotEqual(0, ping.Code);
            Assert.Equal("Blocked", answer[0]);
            Assert.Contains("on " + SwarmLab.Node(1) + ", the rule -A INPUT -s " + peer + "/32 -p udp -m udp --dport 4789 -j DROP (iptables filter INPUT) drops udp/4789 from " + SwarmLab.Node(2), answer[1], StringComparison.Ordinal);
            Assert.StartsWith("on " + SwarmLab.Node(1) + ": iptables -I INPUT -s " + peer + " -p udp --dport 4789 -j ACCEPT", answer[2], StringComparison.Ordinal);
            // The rule is gone: the overlay answers again.
            Assert.Equal(0, Exec("ping -c 1 -W 2 " + address).Code);
        }

        private static (int Code, string Stdout) InNode1(params string[] command) =>
            SwarmLab.Run("ip", new[] { "netns", "exec", SwarmLab.Node(1) }.Concat(command).ToArray());

        private static void Must((int Code, string Stdout) result)
        {
            if (result.Code != 0) throw new InvalidOperationException(result.Stdout);
        }

        [SwarmLiveFact]
        public void ServiceVip_PredictionAgreesWithATcpConnect()
        {
            var result = ReachabilityAnalyzer.Analyze(_lab.Model, new ReachabilityQuery(_lab.LocalTask, SwarmLab.Service, 80));
            var vip = _lab.Model.Swarm!.FindService(SwarmLab.Service)!.VirtualIPs[SwarmLab.Overlay].ToString();
            Assert.Equal(vip, result.DestinationAddress!.ToString());
            var fetch = Exec("printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + vip + " 80");
            var answered = fetch.Stdout.Contains("200 OK", StringComparison.Ordinal);
            // Here (no ip_vs) the VIP does not answer, and the module says so; with ip_vs both would say it answers.
            Assert.Equal(result.VerdictValue == ReachabilityVerdict.Reachable, answered);
            Assert.Equal(_lab.Model.Swarm!.LocalNode!.Ipvs == false ? ReachabilityVerdict.Blocked : ReachabilityVerdict.Reachable, result.VerdictValue);
        }
    }
}
