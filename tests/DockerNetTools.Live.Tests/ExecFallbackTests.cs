using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Backends;
using DockerNetTools.Docker;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Live.Tests.Infrastructure;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// The exec fallback (what a remote daemon or a host without /proc access gets), run here by hiding /proc from the
    /// backend: the container-side facts must equal the kernel view's, and an image without a shell is reported.
    /// </summary>
    [Collection(SeedLabCollection.Name)]
    public sealed class ExecFallbackTests
    {
        private readonly SeedLab _lab;

        public ExecFallbackTests(SeedLab lab)
        {
            _lab = lab;
        }

        [LiveFact]
        public async Task ExecFallback_SameInterfacesAndListenersAsTheKernelView_AndNoShellIsReported()
        {
            _lab.EnsureBuilt();
            // A container of ours whose image has no shell any more (only its own filesystem is touched).
            DockerCli.Must("run", "-d", "--name", _lab.Name("noshell"), SeedLab.Image, "sleep", "3600");
            DockerCli.Must("exec", _lab.Name("noshell"), "rm", "/bin/sh");

            var log = new Log();
            var hidden = new ProcFs(Path.Combine(Path.GetTempPath(), "dnt-hidden-proc-" + Guid.NewGuid().ToString("N")));
            using var backend = new DockerDaemonBackend(DockerEndpointResolver.Resolve(null, null), hidden, null);
            var model = await backend.GetHostModelAsync(ModelParts.All, log, CancellationToken.None);

            foreach (var kernel in _lab.Model.Containers.Where(c => c.Name.StartsWith(_lab.Prefix, StringComparison.Ordinal) && c.IsRunning && c.Endpoints.Count > 0))
            {
                var viaExec = model.FindContainer(kernel.Name)!;
                foreach (var endpoint in kernel.Endpoints)
                {
                    var other = viaExec.EndpointOn(endpoint.NetworkName)!;
                    Assert.Equal(endpoint.InterfaceName, other.InterfaceName);
                    Assert.Equal(endpoint.IfIndex, other.IfIndex);
                    Assert.Equal(endpoint.HostIfIndex, other.HostIfIndex);
                    Assert.Null(other.HostVeth); // the host's /sys is what exec cannot see
                }
                Assert.True(viaExec.SocketsKnown, kernel.Name);
                Assert.Equal(
                    kernel.Sockets.Where(s => s.State == SocketState.Listen).Select(s => s.Protocol + " " + s.LocalAddress + ":" + s.LocalPort + " " + s.Inode).OrderBy(k => k),
                    viaExec.Sockets.Where(s => s.State == SocketState.Listen).Select(s => s.Protocol + " " + s.LocalAddress + ":" + s.LocalPort + " " + s.Inode).OrderBy(k => k));
            }

            var noShell = model.FindContainer(_lab.Name("noshell"))!;
            Assert.Null(noShell.Endpoints.Single().InterfaceName);
            Assert.False(noShell.SocketsKnown);
            // Everything this read could not do is said once, with what to do about it.
            var warning = Assert.Single(log.Warnings);
            Assert.Matches("those of [^;]*" + _lab.Name("noshell") + "[^;]* are unknown: the image has no shell", warning);
            Assert.Contains("were read through docker exec", warning);
            Assert.Contains("-ProbeImage", warning);
        }

        private sealed class Log : DockerNetTools.Diagnostics.IOperationLog
        {
            public System.Collections.Concurrent.ConcurrentBag<string> Warnings { get; } = new System.Collections.Concurrent.ConcurrentBag<string>();
            public void Verbose(string message) { }
            public void Warning(string message) => Warnings.Add(message);
            public void Progress(string activity, string status, int percentComplete) { }
        }
    }
}
