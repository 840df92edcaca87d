using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Docker.Tests.Fakes;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Docker.Tests.Kernel
{
    /// <summary>
    /// Whether this machine's kernel is the Docker host's, decided once per read from the daemon's containers, on fixture
    /// trees standing for this machine's /. The recorded engine 20.10 runs t1 as pid 7620.
    /// </summary>
    public sealed class DaemonLocalityTests : IDisposable
    {
        private const string T1 = "eb0a272cfee0a988ce8d9d5abe30c8e132001b39236ff0c26607cf41aa6f1e82";
        private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dnt-locality-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private void File(string absolute, string text = "")
        {
            var path = Path.Combine(_root, absolute.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllText(path, text);
        }

        private static ContainerInfo Running(string name, string id, int pid) =>
            new ContainerInfo { Name = name, Id = id, State = ContainerState.Running, Pid = pid };

        [Theory]
        [InlineData("tcp://192.0.2.7:2376", "the daemon (tcp://192.0.2.7:2376) is not on this machine")]
        [InlineData("ssh://ops@192.0.2.7", "the daemon (ssh://ops@192.0.2.7) is not on this machine")]
        public void Decide_NotAUnixSocket_NotLocal(string host, string because)
        {
            File("/proc/self/ns/net");
            var endpoint = new DockerEndpoint(new Uri(host), host, EndpointSource.Parameter, null);

            var locality = DaemonLocality.Decide(endpoint, new ProcFs(_root), new[] { Running("web", T1, 7620) });

            Assert.False(locality.IsLocal);
            Assert.Equal(because, locality.NotLocalBecause);
        }

        [Fact]
        public void Decide_ContainerPidIsThatContainerHere_Local()
        {
            File("/proc/self/ns/net");
            File("/proc/7620/cgroup", "12:pids:/docker/" + T1 + "\n0::/docker/" + T1 + "\n");

            var locality = DaemonLocality.Decide(Recorded.Endpoint, new ProcFs(_root), new[] { Running("gone", "4b5e57f6eb2f", 9999), Running("t1", T1, 7620) });

            Assert.True(locality.IsLocal);
            Assert.Null(locality.NotLocalBecause);
        }

        [Fact]
        public void Decide_SamePidIsAnotherProcessHere_NotLocal()
        {
            // A daemon in a VM or forwarded from another machine: its pid 7620 collides with a process of this one.
            File("/proc/self/ns/net");
            File("/proc/7620/cgroup", "0::/user.slice/user-1000.slice/session-2.scope\n");

            var locality = DaemonLocality.Decide(Recorded.Endpoint, new ProcFs(_root), new[] { Running("t1", T1, 7620) });

            Assert.False(locality.IsLocal);
            Assert.StartsWith("the daemon's containers are not processes of this machine (process 7620 here is not t1; ", locality.NotLocalBecause, StringComparison.Ordinal);
        }

        [Fact]
        public void Decide_PidMissingHere_NotLocal()
        {
            File("/proc/self/ns/net");

            var locality = DaemonLocality.Decide(Recorded.Endpoint, new ProcFs(_root), new[] { Running("t1", T1, 7620) });

            Assert.Contains("there is no process 7620 (t1) here", locality.NotLocalBecause, StringComparison.Ordinal);
        }

        [Fact]
        public void Decide_NoRunningContainer_LocalSocketTrusted()
        {
            File("/proc/self/ns/net");

            Assert.True(DaemonLocality.Decide(Recorded.Endpoint, new ProcFs(_root), new[] { new ContainerInfo { Name = "stopped", Id = T1, State = ContainerState.Exited } }).IsLocal);
        }

        [Fact]
        public void Decide_NoProc_NotLocal()
        {
            Assert.Equal("/proc is not readable here", DaemonLocality.Decide(Recorded.Endpoint, new ProcFs(_root), Array.Empty<ContainerInfo>()).NotLocalBecause);
        }

        [Fact]
        public async Task Backend_ProcOfAnotherHost_OneWarningAndNothingOfThisMachineRead()
        {
            // This machine's /proc and /sys are readable, but t1's pid is someone else here: nothing of them may be read
            // as the Docker host's, and the read says so once.
            File("/proc/self/ns/net");
            File("/proc/7620/cgroup", "0::/init.scope\n");
            File("/proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\neth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
            File("/proc/sys/net/ipv4/ip_forward", "1\n");
            File("/sys/class/net/eth0/ifindex", "2\n");
            File("/sys/class/net/eth0/iflink", "2\n");

            var (model, _, log) = await Recorded.ReadAsync("engine-20.10", procFs: new ProcFs(_root));

            Assert.Empty(model.Host.Interfaces);
            Assert.Null(model.Host.Routes);
            Assert.Null(model.Host.Forwarding);
            Assert.All(model.Containers, c => Assert.False(c.SocketsKnown, c.Name));
            var warning = Assert.Single(log.Warnings);
            Assert.Contains("is not read because the daemon's containers are not processes of this machine (process 7620 here is not t1; ", warning, StringComparison.Ordinal);
            Assert.Contains("-ProbeImage", warning, StringComparison.Ordinal);
            Assert.Contains("run dnt on the Docker host", warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Backend_OnTheDockerHost_NoRemoteWarning()
        {
            File("/proc/self/ns/net");
            Recorded.AddContainerProcess(_root);

            var (_, _, log) = await Recorded.ReadAsync("engine-20.10", procFs: new ProcFs(_root));

            Assert.DoesNotContain(log.Warnings, w => w.StartsWith("The kernel of the Docker host", StringComparison.Ordinal));
        }
    }
}
