using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>A test that needs the test sshd (root and Debian's openssh-server) and a daemon; skipped without, failing with CI=true.</summary>
    public sealed class SshFactAttribute : FactAttribute
    {
        public SshFactAttribute()
        {
            if (LiveDaemon.IsCi) return;
            if (!File.Exists("/usr/sbin/sshd")) Skip = "ssh test skipped: no /usr/sbin/sshd (apt-get install openssh-server)";
            else if (Environment.UserName != "root") Skip = "ssh test skipped: the test sshd runs as root";
            else if (LiveDaemon.Problem is { } problem) Skip = "ssh test skipped: " + problem;
        }
    }

    /// <summary>
    /// ssh:// endpoints as the docker CLI opens them, against a real sshd on loopback (<see cref="TestSshd"/>): the
    /// daemon read over `ssh … docker system dial-stdio`, and the failures an operator meets named for what they are.
    /// </summary>
    public sealed class SshTests : IClassFixture<TestSshd>
    {
        private readonly TestSshd _sshd;

        public SshTests(TestSshd sshd)
        {
            _sshd = sshd;
            if (sshd.Problem != null) throw new InvalidOperationException("the test sshd cannot run: " + sshd.Problem);
        }

        [SshFact]
        public async Task SshEndpoint_ReadsTheSameDaemonAsTheSocket()
        {
            var networks = DockerCli.Must("network", "ls", "--format", "{{.Name}}").Split('\n', StringSplitOptions.RemoveEmptyEntries).OrderBy(n => n, StringComparer.Ordinal);
            var containers = DockerCli.Must("ps", "-a", "--format", "{{.Names}}").Split('\n', StringSplitOptions.RemoveEmptyEntries).OrderBy(n => n, StringComparer.Ordinal);
            using var backend = DockerDaemonBackend.Create(new EndpointRequest { DockerHost = _sshd.Endpoint() });

            var (client, snapshot) = await backend.ReadSnapshotAsync(NullOperationLog.Instance, CancellationToken.None);
            client.Dispose();

            Assert.True(backend.DockerEndpoint.IsSsh);
            Assert.Equal(networks, snapshot.Networks.Select(n => n.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(containers, snapshot.Containers.Select(c => c.Name.TrimStart('/')).OrderBy(n => n, StringComparer.Ordinal));
        }

        [SshFact]
        public void SshContext_ConnectsThroughTheCmdlets()
        {
            var expected = DockerCli.Must("network", "ls", "-q").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            var config = Path.Combine(_sshd.Directory, "docker-config");
            Directory.CreateDirectory(config);
            var saved = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
            try
            {
                Environment.SetEnvironmentVariable("DOCKER_CONFIG", config);
                DockerCli.Must("context", "create", "dnt-ssh", "--docker", "host=" + _sshd.Endpoint());
                using var shell = new ModuleRunspace();

                var connection = Assert.Single(shell.Run("Connect-DockerNet -Context dnt-ssh -PassThru").Output);

                Assert.Equal(_sshd.Endpoint() + " (context dnt-ssh)", ModuleRunspace.Text(connection, "Source"));
                Assert.Equal(expected, (int)ModuleRunspace.Property(connection, "NetworkCount")!);
            }
            finally
            {
                Environment.SetEnvironmentVariable("DOCKER_CONFIG", saved);
            }
        }

        [SshFact]
        public void KeyNotAccepted_SshAuthenticationFailed() =>
            AssertFails(_sshd.Endpoint("dnt-stranger"), "SshAuthenticationFailed", "Permission denied (publickey)");

        [SshFact]
        public void RemoteWithoutDocker_SshDockerMissing() =>
            AssertFails(_sshd.Endpoint("dnt-nodocker"), "SshDockerMissing", "docker: command not found");

        [SshFact]
        public void NothingListening_SshHostUnreachable()
        {
            var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            closed.Start();
            var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
            closed.Stop();

            AssertFails("ssh://root@127.0.0.1:" + port, "SshHostUnreachable", "Connection refused");
        }

        private static void AssertFails(string endpoint, string id, string said)
        {
            using var shell = new ModuleRunspace();
            var started = DateTime.UtcNow;

            var result = shell.Run("Get-DockerNetTopology -DockerHost $e -ErrorAction SilentlyContinue; $Error[0]",
                new Dictionary<string, object?> { ["e"] = endpoint });

            var error = Assert.IsType<System.Management.Automation.ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal(id + ",DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Contains(said, error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains(endpoint, error.Exception.Message, StringComparison.Ordinal);
            // BatchMode: no prompt waits for an answer.
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "took " + (DateTime.UtcNow - started));
        }
    }
}
