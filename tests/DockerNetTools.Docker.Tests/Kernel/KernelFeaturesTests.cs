using System;
using System.IO;
using System.Threading.Tasks;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Docker.Tests.Fakes;
using Xunit;

namespace DockerNetTools.Docker.Tests.Kernel
{
    /// <summary>
    /// The live backend's reading of SCTP support, on fixture trees standing for the host's /. This project's test
    /// machine is the "no modules" case: no /proc/net/sctp, no /proc/modules, and Docker 20.10.24 refuses
    /// -p …/sctp with "Error starting userland proxy: protocol not supported".
    /// </summary>
    public sealed class KernelFeaturesTests : IDisposable
    {
        private const string Release = "6.1.0-test";
        private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dnt-kernel-" + Guid.NewGuid().ToString("N"))).FullName;

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private void File(string absolute, string text = "")
        {
            var path = Path.Combine(_root, absolute.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllText(path, text);
        }

        // What every readable host /proc has: the backend reads the kernel only when /proc/self/ns/net is there.
        private void Proc()
        {
            File("/proc/self/ns/net");
            Recorded.AddContainerProcess(_root);
            File("/proc/sys/kernel/osrelease", Release + "\n");
        }

        [Theory]
        [InlineData("/proc/net/sctp/assocs")]
        [InlineData("/proc/sys/net/sctp/addip_enable")]
        public void Sctp_Loaded_True(string file)
        {
            Proc();
            File("/proc/modules");
            File(file);

            Assert.True(KernelFeatures.Sctp(new ProcFs(_root)));
        }

        [Fact]
        public void Sctp_NotLoadedAndNoLoadableModules_False()
        {
            Proc();

            Assert.False(KernelFeatures.Sctp(new ProcFs(_root)));
        }

        [Fact]
        public void Sctp_NotLoadedAndNotAmongTheRunningKernelsModules_False()
        {
            Proc();
            File("/proc/modules", "veth 36864 0 - Live 0x0\n");
            File("/lib/modules/" + Release + "/modules.dep", "kernel/drivers/net/veth.ko.xz:\nkernel/net/bridge/bridge.ko.xz: kernel/net/802/stp.ko.xz\n");
            File("/lib/modules/" + Release + "/modules.builtin", "kernel/net/ipv4/tcp_cubic.ko\n");

            Assert.False(KernelFeatures.Sctp(new ProcFs(_root)));
        }

        [Theory]
        [InlineData("modules.dep", "kernel/net/sctp/sctp.ko.xz: kernel/lib/libcrc32c.ko.xz\n")]
        [InlineData("modules.dep", "kernel/net/sctp/sctp.ko: kernel/lib/libcrc32c.ko\n")]
        [InlineData("modules.builtin", "kernel/net/sctp/sctp.ko\n")]
        public void Sctp_NotLoadedButLoadable_Unknown(string list, string line)
        {
            Proc();
            File("/proc/modules", "veth 36864 0 - Live 0x0\n");
            File("/lib/modules/" + Release + "/modules.dep", "kernel/drivers/net/veth.ko.xz:\n");
            File("/lib/modules/" + Release + "/modules.builtin", "kernel/net/ipv4/tcp_cubic.ko\n");
            File("/lib/modules/" + Release + "/" + list, line);

            Assert.Null(KernelFeatures.Sctp(new ProcFs(_root)));
        }

        [Fact]
        public void Sctp_ModulesButNoModuleListToRead_Unknown()
        {
            Proc();
            File("/proc/modules", "veth 36864 0 - Live 0x0\n");

            Assert.Null(KernelFeatures.Sctp(new ProcFs(_root)));
        }

        [Fact]
        public async Task Backend_OnTheDockerHostWithoutSctp_ModelSaysNoSctp()
        {
            Proc();

            var (model, _, _) = await Recorded.ReadAsync("engine-20.10", procFs: new ProcFs(_root));

            Assert.False(model.Host.SctpSupported);
        }

        [Fact]
        public async Task Backend_OnTheDockerHostWithSctp_ModelSaysSctp()
        {
            Proc();
            File("/proc/net/sctp/eps");

            var (model, _, _) = await Recorded.ReadAsync("engine-20.10", procFs: new ProcFs(_root));

            Assert.True(model.Host.SctpSupported);
        }

        [Fact]
        public async Task Backend_NotOnTheDockerHost_SctpUnknown()
        {
            var (model, _, _) = await Recorded.ReadAsync("engine-20.10");

            Assert.Null(model.Host.SctpSupported);
        }
    }
}
