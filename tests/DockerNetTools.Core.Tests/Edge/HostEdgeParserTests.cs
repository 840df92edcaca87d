using System;
using System.IO;
using System.Linq;
using DockerNetTools.Kernel;

namespace DockerNetTools.Tests.Edge
{
    /// <summary>The kernel's routing tables and resolv.conf as Docker reads them, on text captured from this project's Engine 20.10 test host.</summary>
    public sealed class HostEdgeParserTests
    {
        private static string Text(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Edge", "TestData", file));

        [Fact]
        public void ParseIPv4_ProcNetRoute_IsWhatIpRouteShows()
        {
            // ip route on that host: default via 192.0.2.1 dev eth0; 10.61.1.0/24 dev br-47268fe24d95; …; 192.0.2.0/24 dev eth0.
            var routes = RouteTableParser.ParseIPv4(Text("proc-net-route.txt"));

            Assert.Equal(new[]
            {
                "default via 192.0.2.1 dev eth0",
                "10.61.1.0/24 dev br-47268fe24d95",
                "10.61.2.0/24 dev br-2f79cb6f29f5",
                "10.63.0.0/24 dev br-bfa7a5aeb6d6",
                "172.17.0.0/16 dev docker0",
                "192.0.2.0/24 dev eth0",
            }, routes.Select(r => r.ToString()));
        }

        [Fact]
        public void ParseIPv4_BigEndianKernel_ReadsTheWordTheOtherWay()
        {
            var routes = RouteTableParser.ParseIPv4("Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\nwg0\t0A080000\t0A080001\t0003\t0\t0\t50\tFFFF0000\n", bigEndianKernel: true);

            Assert.Equal("10.8.0.0/16 via 10.8.0.1 dev wg0 metric 50", Assert.Single(routes).ToString());
        }

        [Fact]
        public void ParseIPv6_ProcNetIpv6Route_KeepsTheMainTableRoutesThatLeaveTheHost()
        {
            // ip -6 route: fd00::/64 dev eth0; fe80::/64 on every device; default via fd00::1 dev eth0 metric 1024.
            var routes = RouteTableParser.ParseIPv6(Text("proc-net-ipv6_route.txt"));

            Assert.Equal(new[] { "fd00::/64 dev eth0 metric 256", "::/0 via fd00::1 dev eth0 metric 1024" }, routes.Select(r => r.ToString()));
        }

        [Theory]
        [InlineData("nameserver 10.255.255.53\n", "/etc/resolv.conf", "10.255.255.53")]
        [InlineData("# systemd-resolved stub\nnameserver 127.0.0.53\noptions edns0 trust-ad\nsearch lan\n", "/run/systemd/resolve/resolv.conf", "127.0.0.53")]
        [InlineData("nameserver 127.0.0.53\nnameserver 192.168.1.1\n", "/etc/resolv.conf", "127.0.0.53,192.168.1.1")]
        [InlineData("nameserver 127.0.0.1\n", "/etc/resolv.conf", "127.0.0.1")]
        [InlineData("nameserver fe80::1%eth0\nnameserver bogus\n  nameserver   9.9.9.9  \n", "/etc/resolv.conf", "fe80::1,9.9.9.9")]
        public void ResolvConf_PathAndNameservers_AsDockerReadsThem(string etc, string path, string servers)
        {
            Assert.Equal(path, ResolvConf.PathDockerReads(etc));
            Assert.Equal(servers, string.Join(",", ResolvConf.Nameservers(etc)));
        }
    }
}
