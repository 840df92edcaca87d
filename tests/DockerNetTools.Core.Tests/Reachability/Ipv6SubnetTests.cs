using System.Linq;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>
    /// A network's IPv6 subnet and gateway (docker network create --ipv6 --subnet fd00:61::/64). Checked on Docker 20.10.24:
    /// IPAM.Config [{"Subnet":"10.61.0.0/24"},{"Subnet":"fd00:61::/64"}] (no Gateway given back), the first container got
    /// fd00:61::2/64 with IPv6Gateway fd00:61::1, -p 8081:80 gave 0.0.0.0:8081 and [::]:8081 (docker-proxy -host-ip ::
    /// -container-ip fd00:61::2), and a second container on the network fetched http://[fd00:61::1]:8081 (HTTP/1.1 404).
    /// </summary>
    public sealed class Ipv6SubnetTests
    {
        private static string Lab(string engine = "engine: { version: \"20.10.24\" }") => engine + @"
host: { addresses: [192.168.1.10, fd00::10] }
networks:
  - { name: v6n-net, subnet: 10.61.0.0/24, subnet6: fd00:61::/64 }
  - { name: sealed, subnet: 10.64.0.0/24, subnet6: fd00:64::/64, internal: true }
  - { name: v6n-gw, subnet: 10.62.0.0/24, subnet6: fd00:62::/64, gateway6: fd00:62::fe }
containers:
  - name: web
    network: v6n-net
    publish: [""8081:80""]
    sockets:
      - { protocol: tcp6, local: ""[::]:80"", process: httpd }
  - { name: cli, network: v6n-net, sockets: [] }
  - { name: i1, network: sealed, sockets: [] }
  - name: v4web
    publish: [""8082:80""]
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:80"", process: httpd }
  - { name: hostbox, network: host, sockets: [] }
";

        [Fact]
        public void Load_Subnet6WithoutGateway6_GatewayIsTheFirstAddressAndEndpointsGetAddresses()
        {
            var model = Load(Lab());
            var network = model.FindNetwork("v6n-net")!;
            Assert.Equal("fd00:61::/64", network.Subnet6?.ToString());
            Assert.Equal("fd00:61::1", network.Gateway6?.ToString());
            var web = model.FindContainer("web")!.EndpointOn("v6n-net")!;
            Assert.Equal("fd00:61::2", web.IPv6Address?.ToString());
            Assert.Equal(64, web.IPv6PrefixLength);
            Assert.Equal("fd00:61::1", web.IPv6Gateway?.ToString());
            Assert.Equal("fd00:61::3", model.FindContainer("cli")!.EndpointOn("v6n-net")!.IPv6Address?.ToString());
            Assert.Equal("fd00:62::fe", model.FindNetwork("v6n-gw")!.Gateway6?.ToString());
            // A network without subnet6 has no IPv6, and its endpoints get none.
            Assert.Null(model.FindNetwork("bridge")!.Subnet6);
            Assert.Null(model.FindContainer("v4web")!.EndpointOn("bridge")!.IPv6Address);
        }

        [Fact]
        public void Analyze_ContainerToItsIPv6GatewayOnAPublishedPort_ReachableThroughDockerProxy()
        {
            var result = Ask(Lab(), "cli", "fd00:61::1", 8081);

            Verdict(result, ReachabilityVerdict.Reachable, "[fd00:61::1]:8081 is published by web ([::]:8081->80/tcp)", "docker-proxy");
            Assert.Equal("web eth0", result.Path.Last(h => h.KindValue == HopKind.Interface).Device);
            Assert.Equal("fd00:61::2", result.Path.Last(h => h.KindValue == HopKind.Interface).AddressValue?.ToString());
            Assert.Equal("web", result.DestinationContainer);
            Assert.Contains(result.Path, h => h.Device == "docker-proxy" && h.Description.Contains("[::]:8081 -> [fd00:61::2]:80"));
            Assert.Equal("fd00:61::3", result.Path.First().Address?.ToString());
            Assert.Contains(result.Path, h => h.KindValue == HopKind.Bridge && h.AddressValue?.ToString() == "fd00:61::1");
        }

        [Fact]
        public void Analyze_ContainerToItsIPv6GatewayWithoutAListener_DeliveredToTheHost()
        {
            var result = Ask(Lab(), "cli", "fd00:61::1", 9999);

            // The gateway is the host: the packet goes to INPUT, where nothing listens on 9999 (hostbox shares the host's sockets).
            Verdict(result, ReachabilityVerdict.NoListener, "Nothing in the host's namespace listens");
            Assert.Equal("fd00:61::1", result.DestinationAddress?.ToString());
        }

        [Fact]
        public void Analyze_UnusedAddressInTheIPv6Subnet_NoSuchAddress()
        {
            var result = Ask(Lab(), "cli", "fd00:61::99", 80);

            Verdict(result, ReachabilityVerdict.NoSuchAddress, "v6n-net (fd00:61::/64)", "fd00:61::99", "neighbour discovery");
        }

        [Fact]
        public void Analyze_InternalNetworkOverIPv6WithIp6tables_RuleNamesTheIPv6Subnet()
        {
            var result = Ask(Lab("engine: { version: \"20.10.24\", ip6tables: true }"), "i1", "fd00:61::2", 80);

            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.Contains(result.Path, h => h.Description.Contains("! -d fd00:64::/64 -i "));
            Assert.DoesNotContain(result.Path, h => h.Description.Contains("<its IPv6 subnet>"));
        }

        [Fact]
        public void Analyze_HostToIPv6LoopbackOnAWildcardPublishOfAnIPv4OnlyContainer_ReachableThroughDockerProxy()
        {
            // 20.10.24: -p 8082:80 on the IPv4-only default bridge: docker-proxy -host-ip :: -container-ip 172.17.0.2.
            var result = Ask(Lab(), "hostbox", "::1", 8082);

            Verdict(result, ReachabilityVerdict.Reachable, "is published by v4web");
            Assert.Contains(result.Path, h => h.Device == "docker-proxy" && h.Description.Contains("-> 172.17.0.2:80"));
        }

        [Fact]
        public void Analyze_WildcardPublishWithoutUserlandProxyOfAnIPv4OnlyContainer_HasNoIPv6Side()
        {
            // validatePortBindingIPv6: no container IPv6 address and no proxy to forward to IPv4, so no :: mapping.
            var result = Ask(Lab("engine: { version: \"20.10.24\", userlandProxy: false }"), "hostbox", "::1", 8082);

            Assert.DoesNotContain("published by", result.Reason);
        }

        [Fact]
        public void Write_Subnet6AndGateway6_ReloadToTheSameNetworks()
        {
            var model = Load(Lab());
            var writer = new System.IO.StringWriter();
            ScenarioWriter.Write(model, writer);
            var text = writer.ToString();
            Assert.Contains("subnet6: \"fd00:61::/64\"", text);
            Assert.Contains("gateway6: \"fd00:62::fe\"", text);
            var reloaded = ScenarioLoader.Parse(text, "snapshot.yaml");
            foreach (var name in new[] { "v6n-net", "sealed", "v6n-gw" })
            {
                Assert.Equal(model.FindNetwork(name)!.Subnet6, reloaded.FindNetwork(name)!.Subnet6);
                Assert.Equal(model.FindNetwork(name)!.Gateway6, reloaded.FindNetwork(name)!.Gateway6);
            }
            var endpoint = reloaded.FindContainer("cli")!.EndpointOn("v6n-net")!;
            Assert.Equal("fd00:61::3", endpoint.IPv6Address?.ToString());
            Assert.Equal(64, endpoint.IPv6PrefixLength);
        }
    }
}
