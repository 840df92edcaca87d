using System.Collections.Generic;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Endpoints;
using Xunit;

namespace DockerNetTools.Docker.Tests.Endpoints
{
    public sealed class DockerEndpointResolverTests
    {
        private static DockerEndpoint Resolve(string? parameter, string? session, Dictionary<string, string>? environment = null, bool windows = false) =>
            DockerEndpointResolver.Resolve(parameter, session, name => environment != null && environment.TryGetValue(name, out var v) ? v : null, windows, "/home/ops");

        [Fact]
        public void Resolve_ParameterGiven_WinsOverSessionAndEnvironment()
        {
            var endpoint = Resolve("unix:///a.sock", "unix:///b.sock", new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///c.sock" });

            Assert.Equal("/a.sock", endpoint.SocketPath);
            Assert.Equal(EndpointSource.Parameter, endpoint.Source);
        }

        [Fact]
        public void Resolve_SessionGiven_WinsOverEnvironment()
        {
            var endpoint = Resolve(null, "unix:///b.sock", new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///c.sock" });

            Assert.Equal(EndpointSource.Session, endpoint.Source);
            Assert.Equal("/b.sock", endpoint.SocketPath);
        }

        [Fact]
        public void Resolve_OnlyEnvironment_UsesDockerHost()
        {
            var endpoint = Resolve(null, null, new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/dnt-docker/docker.sock" });

            Assert.Equal(EndpointSource.Environment, endpoint.Source);
            Assert.True(endpoint.IsUnixSocket);
        }

        [Theory]
        [InlineData(false, "unix:///var/run/docker.sock")]
        [InlineData(true, "npipe://./pipe/docker_engine")]
        public void Resolve_Nothing_UsesThePlatformDefault(bool windows, string expected)
        {
            var endpoint = Resolve(null, null, windows: windows);

            Assert.Equal(EndpointSource.PlatformDefault, endpoint.Source);
            Assert.Equal(expected, endpoint.Text);
            Assert.Null(endpoint.Tls);
        }

        [Fact]
        public void Resolve_TcpWithTlsVerify_ReadsCertPathLikeTheCli()
        {
            var endpoint = Resolve("tcp://docker.example:2376", null,
                new Dictionary<string, string> { ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = "/etc/docker-certs" });

            Assert.NotNull(endpoint.Tls);
            Assert.True(endpoint.Tls!.VerifyServer);
            Assert.Equal("/etc/docker-certs", endpoint.Tls.CertificateDirectory);
        }

        [Fact]
        public void Resolve_TcpWithDockerTlsOnly_EncryptsWithoutVerifyingFromHomeDocker()
        {
            var endpoint = Resolve("tcp://docker.example:2376", null, new Dictionary<string, string> { ["DOCKER_TLS"] = "1" });

            Assert.False(endpoint.Tls!.VerifyServer);
            Assert.Equal("/home/ops/.docker", endpoint.Tls.CertificateDirectory.Replace('\\', '/'));
        }

        [Fact]
        public void Resolve_PlainTcp_HasNoTls()
        {
            Assert.Null(Resolve("tcp://127.0.0.1:2375", null).Tls);
        }

        [Fact]
        public void Resolve_BareSocketPath_IsUnix()
        {
            Assert.Equal("/run/docker.sock", Resolve("/run/docker.sock", null).SocketPath);
        }

        [Theory]
        [InlineData("not an address", "DaemonEndpointInvalid")]
        [InlineData("ftp://host:21", "DaemonEndpointInvalid")]
        [InlineData("tcp://host", "DaemonEndpointInvalid")]
        [InlineData("ssh://user:secret@host", "DaemonEndpointUnsupported")]
        [InlineData("ssh://user@host?x=1", "DaemonEndpointInvalid")]
        [InlineData("ssh://user@host#frag", "DaemonEndpointInvalid")]
        public void Resolve_BadAddress_IsAnErrorNamingIt(string text, string errorId)
        {
            var error = Assert.Throws<DockerNetException>(() => Resolve(text, null));

            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(text, error.Target);
            Assert.Contains(text, error.Message);
        }

        [Fact]
        public void Resolve_SshAddress_IsAnSshEndpoint()
        {
            var endpoint = Resolve("ssh://ops@db1.example:2222", null);

            Assert.True(endpoint.IsSsh);
            Assert.Null(endpoint.Tls);
            Assert.Null(endpoint.SocketPath);
        }
    }
}
