using System.Linq;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Tests.Ports
{
    /// <summary>
    /// -p …/sctp needs SCTP in the host's kernel: docker-proxy (or the dummy proxy of --userland-proxy=false) opens an
    /// SCTP socket. Docker 20.10.24 on a kernel without SCTP (no /proc/net/sctp, no loadable modules):
    /// docker run -p 127.0.0.1:18940:5000/sctp … gives "driver failed programming external connectivity on endpoint
    /// polish-s (…): Error starting userland proxy: protocol not supported".
    /// </summary>
    public sealed class SctpSupportTests
    {
        private static PortConflict One(string yaml, string publish) =>
            Assert.Single(new PortConflictChecker(ScenarioLoader.Parse(yaml + "containers:\n  - { name: web, publish: ['8003:3000'] }\n", "sctp.yaml")).Check(publish));

        [Fact]
        public void Check_SctpOnHostWithoutSctp_StartFailsWithProtocolNotSupported()
        {
            var result = One("host: { sctp: false }\n", "5000:5000/sctp");

            Assert.True(result.Conflict);
            Assert.True(result.StartFails);
            Assert.Equal(PortHolderKind.ProtocolNotSupported, result.HolderKindValue);
            Assert.Null(result.ConflictsWith);
            Assert.Equal("Error starting userland proxy: protocol not supported", result.Reason);
            Assert.Contains("no SCTP", result.Explanation);
            Assert.Contains("modprobe sctp", result.Explanation);
            Assert.Null(result.SuggestedHostPort);
        }

        [Fact]
        public void Check_SctpWithoutHostPortOnHostWithoutSctp_StillFails()
        {
            // docker-proxy starts for an ephemeral host port too.
            var result = One("host: { sctp: false }\n", "5000/sctp");

            Assert.True(result.StartFails);
            Assert.Equal("Error starting userland proxy: protocol not supported", result.Reason);
        }

        [Fact]
        public void Check_SctpWithUserlandProxyOff_TheDummyProxysError()
        {
            // libnetwork's dummy proxy opens the socket itself (sctp.ListenSCTP) and returns the errno as it is.
            var result = One("engine: { userlandProxy: false }\nhost: { sctp: false }\n", "5000:5000/sctp");

            Assert.Equal("protocol not supported", result.Reason);
        }

        [Fact]
        public void Check_SctpOnHostWithSctp_FreeWithoutCaveat()
        {
            var result = One("host: { sctp: true }\n", "5000:5000/sctp");

            Assert.False(result.Conflict);
            Assert.Equal("Free: nothing publishes or listens on 0.0.0.0:5000/sctp.", result.Reason);
        }

        [Fact]
        public void Check_SctpWhenUnknown_FreeButSaysItAssumesSctp()
        {
            var result = One(string.Empty, "5000:5000/sctp");

            Assert.False(result.Conflict);
            Assert.StartsWith("Free: nothing publishes or listens on 0.0.0.0:5000/sctp.", result.Reason);
            Assert.Contains("assumes the host's kernel has SCTP", result.Reason);
            Assert.Contains("protocol not supported", result.Reason);
        }

        [Theory]
        [InlineData("host: { sctp: false }\n")]
        [InlineData("")]
        public void Check_TcpAndUdp_NeverMentionSctp(string host)
        {
            var result = One(host, "5000:5000/udp");

            Assert.False(result.Conflict);
            Assert.DoesNotContain("SCTP", result.Reason);
        }

        [Fact]
        public void Check_SctpPortAlreadyAllocated_TheAllocatorAnswersFirst()
        {
            var checker = new PortConflictChecker(ScenarioLoader.Parse(
                "host: { sctp: false }\ncontainers:\n  - { name: web, publish: ['5000:5000/sctp'] }\n", "sctp.yaml"));

            var result = Assert.Single(checker.Check("5000:5000/sctp"));

            Assert.Equal("Bind for 0.0.0.0:5000 failed: port is already allocated", result.Reason);
            Assert.Equal("web", result.ConflictsWith);
        }

        [Fact]
        public void Parse_HostSctpNotABoolean_IsRefused()
        {
            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse("host: { sctp: maybe }\n", "bad.yaml"));

            Assert.Contains(ScenarioLoader.ErrorLines(ex), l => l.StartsWith("bad.yaml:1:15: ", System.StringComparison.Ordinal));
        }
    }
}
