using System.Linq;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Scenario
{
    public sealed class PublishSpecTests
    {
        [Theory]
        [InlineData("8001:80", "", 8001, 80, TransportProtocol.Tcp)]
        [InlineData("80", "", 0, 80, TransportProtocol.Tcp)]
        [InlineData("127.0.0.1:8080:80/udp", "127.0.0.1", 8080, 80, TransportProtocol.Udp)]
        [InlineData("127.0.0.1::80", "127.0.0.1", 0, 80, TransportProtocol.Tcp)]
        [InlineData("[::1]:9000:9000", "::1", 9000, 9000, TransportProtocol.Tcp)]
        [InlineData("::1:9000:9000", "::1", 9000, 9000, TransportProtocol.Tcp)]
        [InlineData("0.0.0.0:8003:3000/TCP", "0.0.0.0", 8003, 3000, TransportProtocol.Tcp)]
        [InlineData("5000:5000/sctp", "", 5000, 5000, TransportProtocol.Sctp)]
        [InlineData("8000-8010:80", "", 8000, 80, TransportProtocol.Tcp)]
        [InlineData("53:53/", "", 53, 53, TransportProtocol.Tcp)]
        public void TryParse_SingleBinding_ReadsEveryPart(string spec, string hostIp, int hostPort, int containerPort, TransportProtocol protocol)
        {
            Assert.True(PublishSpec.TryParse(spec, out var bindings, out var error), error);
            var binding = Assert.Single(bindings);
            Assert.Equal(hostIp, binding.HostIp);
            Assert.Equal(hostPort, binding.HostPort);
            Assert.Equal(containerPort, binding.ContainerPort);
            Assert.Equal(protocol, binding.Protocol);
        }

        [Theory]
        [InlineData("8000-8002:80-82", "8000->80,8001->81,8002->82")]
        [InlineData("7000-7001", "0->7000,0->7001")]
        [InlineData("10.0.0.1:9000-9001:9000-9001/udp", "9000->9000,9001->9001")]
        public void TryParse_Range_ExpandsPairwise(string spec, string expected)
        {
            Assert.True(PublishSpec.TryParse(spec, out var bindings, out var error), error);
            Assert.Equal(expected, string.Join(",", bindings.Select(b => b.HostPort + "->" + b.ContainerPort)));
        }

        [Theory]
        [InlineData("8080:abc", "Invalid containerPort: abc")]
        [InlineData("99999:80", "Invalid hostPort: 99999")]
        [InlineData("1.2.3:8080:80", "Invalid ip address: 1.2.3")]
        [InlineData("8080:80/xyz", "Invalid proto: xyz")]
        [InlineData("8080:", "No port specified: 8080:<empty>")]
        [InlineData("", "No port specified: <empty>")]
        [InlineData("8000-8002:80-81", "Invalid ranges specified for container and host Ports: 80-81 and 8000-8002")]
        [InlineData("8080:90-80", "Invalid containerPort: 90-80")]
        [InlineData("8080:0", "Invalid containerPort: 0")]
        [InlineData("[::1:8080:80", "Invalid ip address [::1: missing ']' in address")]
        [InlineData("fe80::1%eth0:8080:80", "Invalid ip address: fe80::1%eth0")]
        public void TryParse_Invalid_GivesDockersMessage(string spec, string expected)
        {
            Assert.False(PublishSpec.TryParse(spec, out var bindings, out var error));
            Assert.Empty(bindings);
            Assert.Equal(expected, error);
        }

        [Fact]
        public void Parse_Invalid_ThrowsPublishSpecInvalid()
        {
            var ex = Assert.Throws<DockerNetException>(() => PublishSpec.Parse("80:http"));
            Assert.Equal("PublishSpecInvalid", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
            Assert.Equal("80:http", ex.Target);
            Assert.Equal("'80:http' is not a publish spec docker run -p accepts: Invalid containerPort: http.", ex.Message);
            Assert.Equal("Write it as docker run -p does: [hostIp:][hostPort:]containerPort[/tcp|udp|sctp], " +
                         "for example 8080:80, 127.0.0.1:8080:80/udp or 8000-8002:80-82.", ex.RecommendedAction);
        }

        [Theory]
        [InlineData("8001:80")]
        [InlineData("80")]
        [InlineData("127.0.0.1:8080:80/udp")]
        [InlineData("127.0.0.1::80")]
        [InlineData("[::1]:9000:9000/sctp")]
        public void Format_ParsedSpec_RoundTrips(string spec)
        {
            var binding = Assert.Single(PublishSpec.Parse(spec));
            Assert.Equal(spec, PublishSpec.Format(binding));
        }
    }
}
