using System;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Client.Ssh;
using DockerNetTools.Docker.Endpoints;
using Xunit;

namespace DockerNetTools.Docker.Tests.Client
{
    /// <summary>The ssh command line of an ssh:// endpoint (the docker CLI's connhelper, plus BatchMode) and what ssh's failures mean.</summary>
    public sealed class SshCommandTests
    {
        [Theory]
        [InlineData("ssh://ops@db1:2222", "-l ops -p 2222 -o BatchMode=yes -o ConnectTimeout=15 -T -- db1 \"docker system dial-stdio\"")]
        [InlineData("ssh://db1", "-o BatchMode=yes -o ConnectTimeout=15 -T -- db1 \"docker system dial-stdio\"")]
        [InlineData("ssh://ops@db1/run/user/1000/docker.sock",
            "-l ops -o BatchMode=yes -o ConnectTimeout=15 -T -- db1 \"docker --host=unix:///run/user/1000/docker.sock system dial-stdio\"")]
        [InlineData("ssh://ops@db1/tmp/my%20docker.sock",
            "-l ops -o BatchMode=yes -o ConnectTimeout=15 -T -- db1 \"docker '--host=unix:///tmp/my docker.sock' system dial-stdio\"")]
        public void Arguments_AreTheClisPlusBatchMode(string endpoint, string expected) =>
            Assert.Equal(expected, SshCommand.ProcessArguments(SshCommand.Arguments(new Uri(endpoint))));

        private static DockerEndpoint Endpoint() => DockerEndpointResolver.Resolve("ssh://ops@db1:2222", null);

        [Theory]
        [InlineData(255, "ops@db1: Permission denied (publickey).", "SshAuthenticationFailed")]
        [InlineData(255, "Host key verification failed.", "SshAuthenticationFailed")]
        [InlineData(255, "ssh: Could not resolve hostname db1: Name or service not known", "SshHostUnreachable")]
        [InlineData(255, "ssh: connect to host db1 port 2222: Connection refused", "SshHostUnreachable")]
        [InlineData(127, "bash: line 1: docker: command not found", "SshDockerMissing")]
        [InlineData(1, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?", "DaemonUnreachable")]
        [InlineData(1, "", "DaemonUnreachable")]
        public void Classify_SshsWords_NameTheFailure(int exitCode, string stderr, string id)
        {
            var error = SshErrors.Classify(Endpoint(), exitCode, stderr + "\n", null);

            Assert.Equal(id, error.ErrorId);
            Assert.Contains("ssh://ops@db1:2222", error.Message, StringComparison.Ordinal);
            Assert.Contains(stderr, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void MissingSshClient_SshClientMissing()
        {
            var caught = Assert.Throws<DockerNetException>(() => SshProcessStream.Start(new SshTransportOptions(Endpoint(), "/nonexistent/ssh")));
            Assert.Equal(ErrorIds.SshClientMissing, caught.ErrorId);
        }
    }
}
