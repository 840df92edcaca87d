using System;
using System.Linq;
using System.Threading.Tasks;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Client;
using DockerNetTools.Docker.Tests.Fakes;
using Xunit;

namespace DockerNetTools.Docker.Tests.Client
{
    public sealed class ApiVersionNegotiationTests
    {
        [Theory]
        [InlineData("1.41", "1.12", "1.41")] // Debian's 20.10: speak its version
        [InlineData("1.52", "1.44", "1.52")] // Engine 29
        [InlineData("1.54", "1.44", "1.52")] // a newer engine: our newest, which it still accepts
        [InlineData("1.24", "", "1.24")]
        public void Negotiate_DaemonVersions_PicksTheLowerOfBothMaximums(string daemon, string minimum, string expected)
        {
            var chosen = ApiVersionNegotiator.Negotiate(daemon, minimum, Recorded.Endpoint);

            Assert.Equal(expected, ApiVersionNegotiator.Format(chosen));
        }

        [Fact]
        public void Negotiate_DaemonMinimumAboveClient_IsDaemonApiVersionUnsupported()
        {
            var error = Assert.Throws<DockerNetException>(() => ApiVersionNegotiator.Negotiate("1.60", "1.55", Recorded.Endpoint));

            Assert.Equal("DaemonApiVersionUnsupported", error.ErrorId);
            Assert.Contains("1.55", error.Message);
        }

        [Fact]
        public async Task Read_Engine29RefusingOldClients_NeverSendsAVersionBelowItsMinimum()
        {
            // Engine 29 answers any request below 1.44 with "client version 1.41 is too old": pinning 1.41 would break here.
            var (model, daemon, _) = await Recorded.ReadAsync("engine-29", d =>
            {
                d.MinimumApiVersion = new Version(1, 44);
                d.VersionOverride = "{\"Version\":\"29.1.0\",\"ApiVersion\":\"1.53\",\"MinAPIVersion\":\"1.44\",\"Os\":\"linux\"}";
            });

            Assert.Equal("1.52", model.Engine.ApiVersion);
            Assert.Equal("29.1.0", model.Engine.Version);
            Assert.All(daemon.Requests.Skip(1), r => Assert.StartsWith("/v1.52/", r));
        }
    }
}
