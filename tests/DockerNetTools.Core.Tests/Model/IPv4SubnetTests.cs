using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Model
{
    public class IPv4SubnetTests
    {
        [Theory]
        [InlineData("172.17.0.0/16", "172.17.255.254", true)]
        [InlineData("172.17.0.0/16", "172.18.0.1", false)]
        [InlineData("10.0.0.0/24", "10.0.0.2", true)]
        [InlineData("10.0.0.7/24", "10.0.0.200", true)]
        public void Contains_Address_MatchesPrefix(string cidr, string address, bool expected) =>
            Assert.Equal(expected, IPv4Subnet.Parse(cidr).Contains(IPAddress.Parse(address)));

        [Fact]
        public void AddressAt_One_IsTheConventionalGateway() =>
            Assert.Equal(IPAddress.Parse("172.18.0.1"), IPv4Subnet.Parse("172.18.0.0/16").AddressAt(1));

        [Theory]
        [InlineData("10.0.0.0")]
        [InlineData("10.0.0.0/33")]
        [InlineData("::/0")]
        [InlineData("nonsense/8")]
        public void TryParse_Malformed_ReturnsFalse(string text) => Assert.False(IPv4Subnet.TryParse(text, out _));

        [Theory]
        [InlineData("10.0.0.7/24", "10.0.0.0/24", true)]
        [InlineData("10.0.0.0/24", "10.0.0.0/25", false)]
        [InlineData("10.0.0.0/24", "10.0.1.0/24", false)]
        public void EqualityOperators_AgreeWithEquals(string left, string right, bool equal)
        {
            var a = IPv4Subnet.Parse(left);
            var b = IPv4Subnet.Parse(right);
            Assert.Equal(equal, a.Equals(b));
            Assert.Equal(equal, a == b);
            Assert.Equal(!equal, a != b);
        }

        [Theory]
        [InlineData("fd00:1::7/64", "fd00:1::/64", true)]
        [InlineData("fd00:1::/64", "fd00:1::/48", false)]
        [InlineData("fd00:1::/64", "fd00:2::/64", false)]
        public void EqualityOperators_IPv6_AgreeWithEquals(string left, string right, bool equal)
        {
            var a = IPv6Subnet.Parse(left);
            var b = IPv6Subnet.Parse(right);
            Assert.Equal(equal, a.Equals(b));
            Assert.Equal(equal, a == b);
            Assert.Equal(!equal, a != b);
        }
    }

    public class NetworkModeTests
    {
        [Theory]
        [InlineData("default", NetworkModeKind.Bridge, null)]
        [InlineData("bridge", NetworkModeKind.Bridge, null)]
        [InlineData("host", NetworkModeKind.Host, null)]
        [InlineData("none", NetworkModeKind.None, null)]
        [InlineData("container:sourcecontainer", NetworkModeKind.Container, "sourcecontainer")]
        [InlineData("second-bridge", NetworkModeKind.Network, "second-bridge")]
        public void Parse_DockerSpelling_GivesKindAndTarget(string text, NetworkModeKind kind, string? target)
        {
            var mode = NetworkMode.Parse(text);
            Assert.Equal(kind, mode.Kind);
            Assert.Equal(target, mode.Target);
        }
    }
}
