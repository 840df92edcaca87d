using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Docker.Client;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Docker.Probing;
using DockerNetTools.Live.Tests.Infrastructure;
using DockerNetTools.Model;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// web (httpd on 8080) and cli on a network of their own, side in web's namespace, and noshell: an httpd whose image
    /// lost /bin/sh, so docker exec cannot read it.
    /// </summary>
    public sealed class ProbeImageLab : OwnLab
    {
        public ProbeImageLab() : base("pi") { }

        protected override void Build()
        {
            Network("net");
            Run("web", new[] { "--network", Name("net") }, "httpd", "-f", "-p", "8080");
            Run("cli", new[] { "--network", Name("net") }, "sleep", "3600");
            Run("side", new[] { "--network", "container:" + Name("web") }, "sleep", "3600");
            Run("noshell", Array.Empty<string>(), "httpd", "-f", "-p", "9090");
            DockerCli.Must("exec", Name("noshell"), "rm", "/bin/sh");
        }

        protected override Task WaitUntilReadyAsync() =>
            WaitForListenerAsync("cli", DockerCli.Must("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", Name("web")), 8080);
    }

    /// <summary>
    /// -ProbeImage where this process cannot see the daemon's processes: dnt runs as a child in a PID namespace of its
    /// own (`unshare --pid --fork --mount-proc`), so every container pid the daemon reports is missing from its /proc,
    /// as on a remote host. What it reads and probes through helper containers must equal what this process reads from
    /// the kernel, said in one warning, and no helper container may be left, also after Ctrl+C.
    /// </summary>
    public sealed class ProbeImageTests : IClassFixture<ProbeImageLab>
    {
        private const string Image = OwnLab.Image;
        private readonly ProbeImageLab _lab;
        private readonly ITestOutputHelper _output;

        public ProbeImageTests(ProbeImageLab lab, ITestOutputHelper output)
        {
            _lab = lab;
            _output = output;
        }

        [LiveFact]
        public void OtherPidNamespace_HelperContainersReadAndProbe_AsTheKernelViewSays()
        {
            _lab.EnsureBuilt();
            var script = string.Join("\n",
                "$image = '" + Image + "'",
                "$s = @(Get-DockerNetSocket -Container $env:PI_WEB, $env:PI_NOSHELL -State Listen -ProbeImage $image -WarningVariable sw -WarningAction SilentlyContinue)",
                "$i = @(Get-DockerNetInterface -Container $env:PI_NOSHELL -ProbeImage $image -WarningVariable iw -WarningAction SilentlyContinue)",
                "$plain = @(Get-DockerNetSocket -Container $env:PI_NOSHELL -WarningVariable nw -WarningAction SilentlyContinue)",
                "$p = Test-DockerNetReachability -Source $env:PI_CLI -Destination $env:PI_WEB -Port 8080 -Probe -ProbeImage $image -WarningAction SilentlyContinue",
                "$r = Resolve-DockerNetName -Source $env:PI_SIDE -Name $env:PI_CLI -Probe -ProbeImage $image -WarningAction SilentlyContinue",
                "$missing = try { Get-DockerNetSocket -Container $env:PI_WEB -ProbeImage 'dnt-pi-no-such-image:none' -WarningAction SilentlyContinue -ErrorAction Stop | Out-Null; 'no error' } catch { $_.FullyQualifiedErrorId }",
                "[pscustomobject]@{",
                "  SocketWarnings = @($sw | ForEach-Object Message); NoImageWarnings = @($nw | ForEach-Object Message); NoImageRows = $plain.Count",
                "  InterfaceWarnings = @($iw | ForEach-Object Message); Interfaces = @($i | ForEach-Object { '{0} {1} {2}' -f $_.Interface, $_.IfIndex, $_.PeerIfIndex })",
                "  Sockets = @($s | ForEach-Object { '{0} {1} {2}:{3}' -f $_.Container, $_.Protocol, $_.LocalAddress, $_.LocalPort })",
                "  ReachVerdict = \"$($p.Verdict)\"; ReachObserved = \"$($p.Observed)\"; ReachAgrees = $p.ProbeAgrees; ReachMethod = $p.ProbeMethod",
                "  ResolveObserved = @($r.ObservedAddresses | ForEach-Object { \"$_\" }); ResolveAgrees = $r.ProbeAgrees; ResolveMethod = $r.ProbeMethod",
                "  Missing = $missing",
                "} | ConvertTo-Json -Compress | Set-Content -LiteralPath $env:PI_OUT");

            var stopwatch = Stopwatch.StartNew();
            var json = RunDntInOwnPidNamespace(script);
            _output.WriteLine(stopwatch.Elapsed + "\n" + json);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;

            // One warning for the command, naming what helper containers read.
            var warning = Assert.Single(Strings(root, "SocketWarnings"));
            Assert.Contains("is not read because the daemon's containers are not processes of this machine", warning, StringComparison.Ordinal);
            Assert.Matches("read through helper containers of " + Image, warning);
            Assert.Contains(_lab.Name("noshell"), warning, StringComparison.Ordinal);

            // The listeners the helpers saw are those the kernel view of this process sees.
            var expected = new[] { "web", "noshell" }
                .SelectMany(n => _lab.Container(n).Sockets.Where(s => s.State == SocketState.Listen)
                    .Select(s => _lab.Name(n) + " " + s.Protocol + " " + s.LocalAddress + ":" + s.LocalPort))
                .OrderBy(k => k, StringComparer.Ordinal).ToList();
            Assert.Contains(_lab.Name("web") + " Tcp6 :::8080", expected);
            Assert.Contains(_lab.Name("noshell") + " Tcp6 :::9090", expected);
            Assert.Equal(expected, Strings(root, "Sockets").OrderBy(k => k, StringComparer.Ordinal));

            // The interfaces too, but for the host veth's name, which only the host's /sys has.
            var kernel = _lab.Container("noshell").Endpoints.Single();
            Assert.Equal(new[] { kernel.InterfaceName + " " + kernel.IfIndex + " " + kernel.HostIfIndex }, Strings(root, "Interfaces"));
            Assert.Single(Strings(root, "InterfaceWarnings"));

            // Without -ProbeImage the image without a shell stays unknown: the remote warning once, and no empty table.
            Assert.Equal(0, root.GetProperty("NoImageRows").GetInt32());
            var remote = Assert.Single(Strings(root, "NoImageWarnings"), w => w.StartsWith("The kernel of the Docker host", StringComparison.Ordinal));
            Assert.Contains("-ProbeImage", remote, StringComparison.Ordinal);

            // Probes through the helper agree with the prediction, from a container: mode container too.
            Assert.Equal("Reachable", root.GetProperty("ReachVerdict").GetString());
            Assert.Equal("Reachable", root.GetProperty("ReachObserved").GetString());
            Assert.True(root.GetProperty("ReachAgrees").GetBoolean());
            Assert.Equal("helper nc", root.GetProperty("ReachMethod").GetString());
            Assert.Equal(new[] { _lab.Address("cli") }, Strings(root, "ResolveObserved"));
            Assert.True(root.GetProperty("ResolveAgrees").GetBoolean());
            Assert.Equal("helper hosts+nslookup", root.GetProperty("ResolveMethod").GetString());

            Assert.StartsWith("ProbeImageNotFound,", root.GetProperty("Missing").GetString(), StringComparison.Ordinal);
            Assert.Empty(HelpersFor(_lab.Container("web"), _lab.Container("noshell"), _lab.Container("cli")));
        }

        [LiveFact]
        public async Task Cancelled_WhileTheHelperRuns_HelperRemoved()
        {
            _lab.EnsureBuilt();
            var web = _lab.Container("web");
            var endpoint = DockerEndpointResolver.Resolve(null, null);
            using var client = DockerClientFactory.Create(endpoint, null);
            var runner = new HelperContainerRunner(client, endpoint, Image);
            using var stop = new CancellationTokenSource();

            var run = runner.RunAsync(web.Id, new[] { "sleep", "30" }, TimeSpan.FromSeconds(60), stop.Token);
            for (var attempt = 0; attempt < 100 && HelpersFor(web).Count == 0; attempt++) await Task.Delay(50);
            Assert.Single(HelpersFor(web));
            stop.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            Assert.Empty(HelpersFor(web));
        }

        /// <summary>Helper containers (running or not) whose namespace is one of these containers'.</summary>
        private static List<string> HelpersFor(params ContainerInfo[] containers)
        {
            var ids = containers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var listed = DockerCli.Must("ps", "-a", "--filter", "label=" + HelperContainerRunner.ProbeLabel,
                "--format", "{{.Names}} {{.Label \"" + HelperContainerRunner.TargetLabel + "\"}}");
            return listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => ids.Contains(l.Split(' ').Last())).ToList();
        }

        private static IEnumerable<string> Strings(JsonElement root, string name) =>
            root.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToList();

        /// <summary>The built dnt, as a child in a new PID namespace with its own /proc (as root, as the live tests run).</summary>
        private string RunDntInOwnPidNamespace(string script)
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dnt = Path.Combine(ModuleRunspace.RepositoryRoot, "src", "DockerNetTools.Host", "bin", configuration, "net10.0", "dnt");
            Assert.True(File.Exists(dnt), "dnt is not built at " + dnt);
            var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--pid", "--fork", "--mount-proc", dnt, script }) start.ArgumentList.Add(argument);
            foreach (var name in new[] { "web", "noshell", "cli", "side" })
                start.Environment["PI_" + name.ToUpperInvariant()] = _lab.Name(name);
            // A file, not stdout: the host wraps long lines at its width.
            var answer = Path.Combine(Path.GetTempPath(), "dnt-pi-" + Guid.NewGuid().ToString("N") + ".json");
            start.Environment["PI_OUT"] = answer;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("dnt did not finish within 2 minutes");
            }
            _output.WriteLine(stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
            Assert.True(File.Exists(answer), "dnt wrote no answer (exit " + process.ExitCode + ")");
            try
            {
                return File.ReadAllText(answer);
            }
            finally
            {
                File.Delete(answer);
            }
        }
    }
}
