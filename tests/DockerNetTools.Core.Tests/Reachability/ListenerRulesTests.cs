using DockerNetTools.Analysis.Reachability;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>The -Port rule: 0.0.0.0, ::, or the arrival address; loopback-only and absent listeners; unknown sockets.</summary>
    public class ListenerRulesTests
    {
        private static string Lab(string sockets) => @"
containers:
  - name: client
  - name: server
" + sockets;

        [Theory]
        [InlineData("0.0.0.0:3000")]
        [InlineData("[::]:3000")]
        [InlineData("172.17.0.3:3000")]
        public void Analyze_ListenerOnWildcardOrArrivalAddress_Reachable(string local)
        {
            var result = Ask(Lab("    sockets:\n      - { protocol: tcp, local: \"" + local + "\", state: listen, process: node }\n"), "client", "server", 3000);
            ByAddress(result, ReachabilityVerdict.Reachable, "tcp/3000 is answered");
            Assert.Contains("accepted by", result.Path[result.Path.Count - 1].Description);
        }

        [Fact]
        public void Analyze_ListenerOnLoopbackOnly_NoListenerWithTheFix()
        {
            var result = Ask(Lab("    sockets:\n      - { protocol: tcp, local: \"127.0.0.1:3000\", state: listen, process: node }\n"), "client", "server", 3000);
            ByAddress(result, ReachabilityVerdict.NoListener, "127.0.0.1:3000 (node)", "bound to loopback only; bind to 0.0.0.0");
        }

        [Fact]
        public void Analyze_NoListener_ConnectionRefused()
        {
            var result = Ask(Lab("    sockets:\n      - { protocol: tcp, local: \"0.0.0.0:3000\", state: listen }\n"), "client", "server", 3030);
            ByAddress(result, ReachabilityVerdict.NoListener, "Nothing in server's namespace listens on tcp/3030", "refused");
        }

        [Fact]
        public void Analyze_ListenerOnAnotherAddress_NoListener()
        {
            var result = Ask(Lab("    sockets:\n      - { protocol: tcp, local: \"10.9.9.9:3000\", state: listen }\n"), "client", "server", 3000);
            ByAddress(result, ReachabilityVerdict.NoListener, "only at 10.9.9.9:3000, not on 172.17.0.3");
        }

        [Fact]
        public void Analyze_TcpListenerDoesNotServeUdp_NoListener()
        {
            var result = Ask(Lab("    sockets:\n      - { protocol: tcp, local: \"0.0.0.0:53\", state: listen }\n"), "client", "server", 53, ReachabilityProtocol.Udp);
            ByAddress(result, ReachabilityVerdict.NoListener, "udp/53", "port-unreachable");
        }

        [Fact]
        public void Analyze_UdpSocket_Reachable()
        {
            var result = Ask(Lab("    sockets:\n      - { protocol: udp, local: \"0.0.0.0:53\" }\n"), "client", "server", 53, ReachabilityProtocol.Udp);
            ByAddress(result, ReachabilityVerdict.Reachable);
        }

        [Fact]
        public void Analyze_SocketsUnknown_SaysThePortCouldNotBeChecked()
        {
            var result = Ask(Lab(string.Empty), "client", "server", 3000);
            ByAddress(result, ReachabilityVerdict.Undetermined, "could not be checked");
            Assert.False(result.Reachable);
        }

        [Fact]
        public void Analyze_EstablishedSocketIsNotAListener()
        {
            var result = Ask(Lab("    sockets:\n      - { protocol: tcp, local: \"172.17.0.3:3000\", remote: \"172.17.0.2:50000\", state: established }\n"), "client", "server", 3000);
            ByAddress(result, ReachabilityVerdict.NoListener);
        }
    
        private const string Ipv6Lab = @"
networks:
  - { name: v6net, subnet: 10.6.0.0/24 }
containers:
  - name: web
    network: v6net
    ip: 10.6.0.2
    ipv6: fd00:6::2
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:80"", process: httpd }
      - { protocol: tcp6, local: ""[::]:443"", process: httpd }
  - { name: client, network: v6net, ip: 10.6.0.3, ipv6: fd00:6::3, sockets: [] }
  - { name: v4only, network: v6net, ip: 10.6.0.4, sockets: [] }
";

        [Fact]
        public void Analyze_IPv6AddressToAnIPv4OnlyListener_NoListenerOnTheIPv6Address()
        {
            var result = Ask(Ipv6Lab, "client", "fd00:6::2", 80);
            Verdict(result, ReachabilityVerdict.NoListener, "only at 0.0.0.0:80 (httpd), not on fd00:6::2", "bind to [::]");
            Assert.Equal("fd00:6::2", result.DestinationAddress?.ToString());
            Assert.Equal("web", result.DestinationContainer);
        }

        [Fact]
        public void Analyze_IPv6AddressToADualStackListener_ReachableOnTheIPv6Address()
        {
            var result = Ask(Ipv6Lab, "client", "fd00:6::2", 443);
            Verdict(result, ReachabilityVerdict.Reachable, "delivers the packet to fd00:6::2 directly");
            Assert.Equal("fd00:6::2", result.DestinationAddress?.ToString());
        }

        [Fact]
        public void Analyze_IPv6AddressFromASourceWithoutIPv6_NoRoute()
        {
            var result = Ask(Ipv6Lab, "v4only", "fd00:6::2", 443);
            Verdict(result, ReachabilityVerdict.NoRoute, "v4only has no IPv6 address", "Use web's IPv4 address 10.6.0.2 instead");
            Assert.Equal("fd00:6::2", result.DestinationAddress?.ToString());
        }
}
}
