using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Docker.Tests.Fakes;
using Xunit;

namespace DockerNetTools.Docker.Tests.Kernel
{
    /// <summary>
    /// The live backend's reading of the host's edge (routes, forwarding, the resolv.conf Docker reads, dockerd's --dns) on
    /// fixture trees standing for the host's /. The command lines are those of this project's two test daemons.
    /// </summary>
    public sealed class HostEdgeReaderTests : IDisposable
    {
        private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dnt-edge-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private void File(string absolute, string text = "")
        {
            var path = Path.Combine(_root, absolute.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllText(path, text);
        }

        private void Dockerd(int pid, params string[] args)
        {
            File("/proc/" + pid + "/comm", "dockerd\n");
            File("/proc/" + pid + "/cmdline", "dockerd\0" + string.Join("\0", args) + "\0");
        }

        private void Host()
        {
            File("/proc/self/ns/net");
            Recorded.AddContainerProcess(_root);
            File("/proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\neth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
            File("/proc/net/ipv6_route", "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0\n");
            File("/proc/sys/net/ipv4/ip_forward", "1\n");
            File("/proc/sys/net/ipv6/conf/all/forwarding", "0\n");
            File("/proc/1/comm", "systemd\n");
            File("/proc/1/cmdline", "/sbin/init\0");
        }

        [Fact]
        public async Task Backend_OnTheDockerHost_ReadsRoutesForwardingResolversAndTheDaemonsDns()
        {
            Host();
            File("/etc/resolv.conf", "nameserver 10.255.255.53\n");
            Dockerd(739, "--host", "unix:///tmp/dnt-docker28/docker.sock", "--dns", "127.0.0.1");
            Dockerd(3153, "--host", "unix:///recorded/docker.sock", "--data-root", "/tmp/dnt-docker/data", "--dns", "198.18.67.53", "--dns=9.9.9.9");

            var (model, _, log) = await Recorded.ReadAsync("engine-20.10", procFs: new ProcFs(_root));

            Assert.Equal(new[] { "default via 192.0.2.1 dev eth0", "::/0 via fd00::1 dev eth0 metric 1024" }, model.Host.Routes!.Select(r => r.ToString()));
            Assert.True(model.Host.Forwarding);
            Assert.False(model.Host.Forwarding6);
            Assert.Equal("10.255.255.53", string.Join(",", model.Host.Resolvers!));
            Assert.Equal("198.18.67.53,9.9.9.9", string.Join(",", model.Engine.Dns!));
            Assert.DoesNotContain(log.Warnings, w => w.Contains("routes", StringComparison.Ordinal) || w.Contains("--dns", StringComparison.Ordinal) || w.Contains("resolv.conf", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Backend_SystemdResolvedStub_ReadsResolvedsOwnFile()
        {
            Host();
            File("/etc/resolv.conf", "nameserver 127.0.0.53\noptions edns0\n");
            File("/run/systemd/resolve/resolv.conf", "nameserver 192.168.1.1\nnameserver 192.168.1.2\n");
            Dockerd(3153, "-H", "unix:///recorded/docker.sock");

            var (model, _, _) = await Recorded.ReadAsync("engine-20.10", procFs: new ProcFs(_root));

            Assert.Equal("192.168.1.1,192.168.1.2", string.Join(",", model.Host.Resolvers!));
            Assert.Empty(model.Engine.Dns!);
        }

        [Fact]
        public async Task Backend_DnsInDaemonJson_ReadFromTheConfigFile()
        {
            Host();
            File("/etc/resolv.conf", "nameserver 10.255.255.53\n");
            File("/etc/dnt/daemon.json", "{ \"dns\": [\"192.168.1.53\"], \"ip6tables\": false }");
            Dockerd(3153, "-H", "unix:///recorded/docker.sock", "--config-file", "/etc/dnt/daemon.json");

            var (model, _, _) = await Recorded.ReadAsync("engine-20.10", procFs: new ProcFs(_root));

            Assert.Equal("192.168.1.53", string.Join(",", model.Engine.Dns!));
        }

        [Fact]
        public async Task Backend_NoDockerdForThisSocket_DnsUnknownWithAWarningNamingIt()
        {
            Host();
            File("/etc/resolv.conf", "nameserver 10.255.255.53\n");
            Dockerd(739, "--host", "unix:///tmp/dnt-docker28/docker.sock", "--dns", "127.0.0.1");

            var (model, _, log) = await Recorded.ReadAsync("engine-20.10", procFs: new ProcFs(_root));

            Assert.Null(model.Engine.Dns);
            Assert.NotNull(model.Host.Routes);
            Assert.Contains(log.Warnings, w => w.Contains("dockerd's --dns", StringComparison.Ordinal) && !w.Contains("routes", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Backend_NotOnTheDockerHost_EdgeUnknownWithAWarning()
        {
            var (model, _, log) = await Recorded.ReadAsync("engine-20.10");

            Assert.Null(model.Host.Routes);
            Assert.Null(model.Host.Forwarding);
            Assert.Null(model.Host.Resolvers);
            Assert.Null(model.Engine.Dns);
            var warning = Assert.Single(log.Warnings);
            Assert.StartsWith("The kernel of the Docker host unix:///recorded/docker.sock is not read because /proc is not readable here", warning, StringComparison.Ordinal);
            Assert.Contains("the host's routes, forwarding, resolv.conf and dockerd's --dns", warning, StringComparison.Ordinal);
        }
    }
}
