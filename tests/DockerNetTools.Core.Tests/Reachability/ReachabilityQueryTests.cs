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

        [Theory]
        [InlineData(0, null, "ReachabilityPortInvalid")]
        [InlineData(80, ReachabilityProtocol.Icmp, "ReachabilityPortWithIcmp")]
        [InlineData(null, ReachabilityProtocol.Tcp, "ReachabilityPortMissing")]
        public void Validate_BadCombination_SameErrorIdAsTheQuery(int? port, ReachabilityProtocol? protocol, string errorId) =>
            Assert.Equal(errorId, Assert.Throws<DockerNetException>(() => ReachabilityQuery.Validate(port, protocol)).ErrorId);

        [Theory]
        [InlineData(53, ReachabilityProtocol.Udp, ReachabilityProtocol.Udp)]
        [InlineData(80, null, ReachabilityProtocol.Tcp)]
        [InlineData(null, null, ReachabilityProtocol.Icmp)]
        public void Validate_GoodCombination_ReturnsTheProtocolTheQueryUses(int? port, ReachabilityProtocol? protocol, ReachabilityProtocol expected) =>
            Assert.Equal(expected, ReachabilityQuery.Validate(port, protocol));
    }
}
