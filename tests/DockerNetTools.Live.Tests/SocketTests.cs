using System;
using System.Linq;
using DockerNetTools.Kernel;
using DockerNetTools.Live.Tests.Infrastructure;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>The live socket rows against the container's own /proc/net tables read through docker exec.</summary>
    [Collection(SeedLabCollection.Name)]
    public sealed class SocketTests
    {
        private readonly SeedLab _lab;

        public SocketTests(SeedLab lab)
        {
            _lab = lab;
        }

        [LiveFact]
        public void Listeners_EveryLabNamespace_EqualTheContainersProcNet()
        {
            _lab.EnsureBuilt();
            var compared = 0;
            foreach (var container in _lab.Model.Containers.Where(c => c.Name.StartsWith(_lab.Prefix, StringComparison.Ordinal) && c.IsRunning
                         && c.NetworkMode.Kind != NetworkModeKind.Container && c.NetworkMode.Kind != NetworkModeKind.Host))
            {
                Assert.True(container.SocketsKnown, container.Name + ": sockets not read");
                foreach (var (file, protocol) in new[] { ("tcp", SocketProtocol.Tcp), ("tcp6", SocketProtocol.Tcp6), ("udp", SocketProtocol.Udp), ("udp6", SocketProtocol.Udp6) })
                {
                    var text = DockerCli.Run("exec", container.Name, "cat", "/proc/net/" + file);
                    if (!text.Ok) continue;
                    // Probes from other tests come and go as ESTABLISHED/TIME_WAIT rows: compare what stays put.
                    var expected = ProcNetParser.Parse(text.Stdout, protocol).Sockets.Where(Stable).Select(Key).OrderBy(k => k).ToList();
                    var actual = container.Sockets.Where(s => s.Protocol == protocol).Where(Stable).Select(Key).OrderBy(k => k).ToList();
                    Assert.Equal(expected, actual);
                    compared += expected.Count;
                }
            }
            Assert.True(compared >= 10, "only " + compared + " listener rows were compared");
        }

        [LiveFact]
        public void Listeners_HaveTheirOwningProcess()
        {
            _lab.EnsureBuilt();

            var mysql = _lab.Container("mysql");
            var listener = Assert.Single(mysql.Sockets, s => s.State == SocketState.Listen && s.LocalPort == 3306);
            Assert.Equal("httpd", listener.Process);
            Assert.True(listener.ProcessId > 0);

            // sourcecontainer listens on 127.0.0.1 only: the row says so, and targetcontainer has no table of its own.
            var source = _lab.Container("sourcecontainer");
            Assert.Contains(source.Sockets, s => s.State == SocketState.Listen && s.LocalPort == 3306 && s.LocalAddress.ToString() == "127.0.0.1");
            Assert.Empty(_lab.Container("targetcontainer").Sockets);

            // The host-mode container's listener is in the host's table, marked as that container's.
            var hostnet = _lab.Container("hostnettest");
            Assert.True(hostnet.SocketsKnown);
            var hostListener = Assert.Single(_lab.Model.Host.Sockets, s => s.State == SocketState.Listen && s.LocalPort == _lab.BasePort + 5);
            Assert.Equal("httpd", hostListener.Process);
            Assert.Equal(hostnet.Name, hostListener.HostModeContainer);
            // docker-proxy holds the published ports on the host.
            Assert.Contains(_lab.Model.Host.Sockets, s => s.State == SocketState.Listen && s.LocalPort == _lab.BasePort + 1 && s.Process == "docker-proxy");
            Assert.True(_lab.Model.Engine.UserlandProxy);
        }

        private static bool Stable(SocketEntry socket) =>
            socket.State == SocketState.Listen || socket.State == SocketState.Unconnected || socket.State == SocketState.Closed;

        private static string Key(SocketEntry socket) => socket.Protocol + " " + socket.LocalAddress + ":" + socket.LocalPort + " " + socket.State + " " + socket.Inode;
    }
}
