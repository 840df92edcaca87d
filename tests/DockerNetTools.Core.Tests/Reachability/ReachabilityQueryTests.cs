using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Tests.Reachability
{
    public class ReachabilityQueryTests
    {
        [Fact]
        public void Ctor_PortWithoutProtocol_DefaultsToTcp() =>
            Assert.Equal(ReachabilityProtocol.Tcp, new ReachabilityQuery("a", "b", 80).Protocol);

        [Fact]
        public void Ctor_NoPort_DefaultsToIcmp() =>
            Assert.Equal(ReachabilityProtocol.Icmp, new ReachabilityQuery("a", "b").Protocol);

        [Theory]
        [InlineData(0, null, "ReachabilityPortInvalid")]
        [InlineData(65536, null, "ReachabilityPortInvalid")]
        [InlineData(80, ReachabilityProtocol.Icmp, "ReachabilityPortWithIcmp")]
        [InlineData(null, ReachabilityProtocol.Udp, "ReachabilityPortMissing")]
        public void Ctor_BadCombination_StableErrorId(int? port, ReachabilityProtocol? protocol, string errorId)
        {
            var error = Assert.Throws<DockerNetException>(() => new ReachabilityQuery("a", "b", port, protocol));
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        }
    }
}
