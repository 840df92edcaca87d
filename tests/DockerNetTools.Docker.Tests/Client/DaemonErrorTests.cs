using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Docker.Tests.Fakes;
using Xunit;

namespace DockerNetTools.Docker.Tests.Client
{
    /// <summary>Every way the daemon can fail ends as one DockerNetException with a stable id naming the endpoint.</summary>
    public sealed class DaemonErrorTests
    {
        [Fact]
        public async Task Read_MissingSocketFile_IsDaemonUnreachableNamingTheEndpoint()
        {
            var path = Path.Combine(Path.GetTempPath(), "dnt-missing-" + Guid.NewGuid().ToString("N") + ".sock");
            using var backend = DockerDaemonBackend.Create("unix://" + path, null);

            var error = await Assert.ThrowsAsync<DockerNetException>(() => backend.GetHostModelAsync(ModelParts.Topology, NullOperationLog.Instance, CancellationToken.None));

            Assert.Equal("DaemonUnreachable", error.ErrorId);
            Assert.Equal(ErrorKind.ConnectionError, error.Kind);
            Assert.Contains("unix://" + path, error.Message);
            Assert.Contains("from -DockerHost", error.Message);
            Assert.Equal("unix://" + path, error.Target);
        }

        [Fact]
        public async Task Read_SocketFileNobodyListensOn_IsDaemonUnreachable()
        {
            // A socket file left behind by a dead daemon: connect() is refused.
            var path = Path.Combine(Path.GetTempPath(), "dnt-dead-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".sock");
            using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
                socket.Bind(new UnixDomainSocketEndPoint(path));
            try
            {
                using var backend = DockerDaemonBackend.Create(null, "unix://" + path);

                var error = await Assert.ThrowsAsync<DockerNetException>(() => backend.GetHostModelAsync(ModelParts.Topology, NullOperationLog.Instance, CancellationToken.None));

                Assert.Equal("DaemonUnreachable", error.ErrorId);
                Assert.Contains("unix://" + path, error.Message);
                Assert.Contains("from Connect-DockerNet", error.Message);
                Assert.IsNotType<AggregateException>(error.InnerException);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public async Task Read_SocketAccessDenied_IsDaemonPermissionDeniedWithTheDockerGroupAdvice()
        {
            var error = await ReadFailingAsync(new HttpRequestException("Permission denied", new SocketException((int)SocketError.AccessDenied)));

            Assert.Equal("DaemonPermissionDenied", error.ErrorId);
            Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
            Assert.Contains("add yourself to the docker group", error.Message);
            Assert.Contains("or run as root", error.Message);
            Assert.Contains(Recorded.Endpoint.Text, error.Message);
        }

        [Fact]
        public async Task Read_TlsHandshakeFails_IsDaemonTlsFailed()
        {
            var error = await ReadFailingAsync(new HttpRequestException("The SSL connection could not be established, see inner exception.",
                new AuthenticationException("The remote certificate is invalid according to the validation procedure.")));

            Assert.Equal("DaemonTlsFailed", error.ErrorId);
            Assert.Contains("remote certificate is invalid", error.Message);
            Assert.Contains("DOCKER_CERT_PATH", error.RecommendedAction);
        }

        [Fact]
        public async Task Read_DaemonRefusesOldClient_IsDaemonApiErrorWithTheDaemonsWords()
        {
            var daemon = new RecordedDaemon(RecordedDaemon.RecordingsOf("engine-29"))
            {
                MinimumApiVersion = new Version(1, 53),
                VersionOverride = "{\"Version\":\"30.0.0\",\"ApiVersion\":\"1.60\",\"MinAPIVersion\":\"1.44\"}",
            };
            using var backend = Recorded.Backend(daemon);

            var error = await Assert.ThrowsAsync<DockerNetException>(() => backend.GetHostModelAsync(ModelParts.Topology, NullOperationLog.Instance, CancellationToken.None));

            Assert.Equal("DaemonApiError", error.ErrorId);
            Assert.Contains("HTTP 400", error.Message);
            Assert.Contains("client version 1.52 is too old", error.Message);
            Assert.DoesNotContain("\"message\"", error.Message); // the daemon's JSON envelope is unwrapped
        }

        [Fact]
        public async Task Read_ClientTimeout_IsDaemonUnreachableNotACancellation()
        {
            var error = await ReadFailingAsync(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 60 seconds elapsing."));

            Assert.Equal("DaemonUnreachable", error.ErrorId);
        }

        [Fact]
        public async Task Read_CancelledByTheUser_StaysACancellation()
        {
            var daemon = new RecordedDaemon(RecordedDaemon.RecordingsOf("engine-29"));
            using var backend = Recorded.Backend(daemon);
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backend.GetHostModelAsync(ModelParts.Topology, NullOperationLog.Instance, cancellation.Token));
        }

        [Fact]
        public void Map_AggregateException_IsUnwrapped()
        {
            var aggregate = new AggregateException(new HttpRequestException("boom", new SocketException((int)SocketError.ConnectionRefused)));

            var error = DockerNetTools.Docker.Client.DaemonErrors.Map(aggregate, Recorded.Endpoint);

            Assert.Equal("DaemonUnreachable", error.ErrorId);
            Assert.IsType<HttpRequestException>(error.InnerException);
        }

        [Fact]
        public void Create_TlsEndpointWithoutCertificates_IsDaemonTlsFailedNamingTheFile()
        {
            var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dnt-certs-" + Guid.NewGuid().ToString("N"))).FullName;
            var endpoint = DockerEndpointResolver.Resolve("tcp://127.0.0.1:2376", null,
                name => name switch { "DOCKER_TLS_VERIFY" => "1", "DOCKER_CERT_PATH" => directory, _ => null }, false, "/home/someone");

            var error = Assert.Throws<DockerNetException>(() => DockerNetTools.Docker.Client.DockerClientFactory.Create(endpoint, null));

            Assert.Equal("DaemonTlsFailed", error.ErrorId);
            Assert.Contains(Path.Combine(directory, "ca.pem"), error.Message);
            Assert.Contains("tcp://127.0.0.1:2376", error.Message);
        }

        private static async Task<DockerNetException> ReadFailingAsync(Exception failure)
        {
            var daemon = new RecordedDaemon(RecordedDaemon.RecordingsOf("engine-29")) { FailWith = failure };
            using var backend = Recorded.Backend(daemon);
            return await Assert.ThrowsAsync<DockerNetException>(() => backend.GetHostModelAsync(ModelParts.Topology, NullOperationLog.Instance, CancellationToken.None));
        }
    }
}
