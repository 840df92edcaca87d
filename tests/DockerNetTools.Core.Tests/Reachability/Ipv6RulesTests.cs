using System.Linq;
using DockerNetTools.Analysis.Reachability;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>
    /// IPv6 meets Docker's IPv6 rules, which exist only with dockerd --ip6tables (experimental and off before Engine 27,
    /// on from 27). Without them the host forwards IPv6 between bridges (checked on Docker 20.10.24: fd00:62::2 answered
    /// ping and HTTP from another IPv6 network while 10.x timed out; an ICC-off and an --internal network too).
    /// </summary>
    public sealed class Ipv6RulesTests
    {
        private static string Lab(string engine, string hostExtra = "") => engine + @"
host: { addresses: [192.168.1.10, fd00::10] }
networks:
  - { name: net-a, subnet: 10.61.0.0/24 }
  - { name: net-b, subnet: 10.62.0.0/24 }
  - { name: quiet, subnet: 10.63.0.0/24, icc: false }
  - { name: sealed, subnet: 10.64.0.0/24, internal: true }
  - { name: plain, subnet: 10.65.0.0/24 }
containers:
  - { name: a, network: net-a, ip: 10.61.0.2, ipv6: fd00:61::2, sockets: [] }
  - name: b
    network: net-b
    ip: 10.62.0.2
    ipv6: fd00:62::2
    publish: [""0.0.0.0:8081:80"", ""[::]:8081:80""]   # what docker run -p 8081:80 binds on 20.10
    sockets:
      - { protocol: tcp6, local: ""[::]:80"", process: httpd }
  - name: q1
    network: quiet
    ip: 10.63.0.2
    ipv6: fd00:63::2
    sockets:
      - { protocol: tcp6, local: ""[::]:80"", process: httpd }
  - { name: q2, network: quiet, ip: 10.63.0.3, ipv6: fd00:63::3, sockets: [] }
  - name: i1
    network: sealed
    ip: 10.64.0.2
    ipv6: fd00:64::2
    sockets:
      - { protocol: tcp6, local: ""[::]:80"", process: httpd }
  - name: v4only
    network: plain
    ip: 10.65.0.2
    networks: [{ name: net-a, ip: 10.61.0.9, ipv6: fd00:61::9 }]
    sockets: []
" + hostExtra;

        private const string Engine2010 = "engine: { version: \"20.10.24\" }";
        private const string Engine2010Ip6tables = "engine: { version: \"20.10.24\", ip6tables: true }";
        private const string Engine2010Ip6tablesNoProxy = "engine: { version: \"20.10.24\", ip6tables: true, userlandProxy: false }";
        private const string Engine2010NoProxy = "engine: { version: \"20.10.24\", userlandProxy: false }";
        private const string Engine27 = "engine: { version: \"27.0.3\" }";
        private const string Engine27Off = "engine: { version: \"27.0.3\", ip6tables: false }";
        private const string Engine29 = "engine: { version: \"29.0.1\" }";

        [Fact]
        public void Analyze_IPv6AcrossBridgesWithoutIp6tables_ReachableBecauseDockerDoesNotFilterIPv6()
        {
            var result = Ask(Lab(Engine2010), "a", "fd00:62::2", 80);

            Verdict(result, ReachabilityVerdict.Reachable,
                "Docker does not filter IPv6 on Engine 20.10.24: dockerd runs without --ip6tables",
                "the host forwards br-", "net.ipv6.conf.all.forwarding",
                "Over IPv4 (10.62.0.2) DOCKER-ISOLATION-STAGE-1/2 drop traffic between different bridge networks",
                "restart dockerd with --experimental --ip6tables");
            Assert.Contains("ip6tables FORWARD", Devices(result));
            Assert.DoesNotContain(result.Path, h => h.Description.Contains("DOCKER-ISOLATION-STAGE-2 drops"));
            Assert.Equal("fd00:62::2", result.DestinationAddress?.ToString());
            Assert.Equal("net-a -> net-b", result.NetworkUsed);
            // The hops show the addresses the IPv6 packet really carries.
            Assert.Equal("fd00:61::2", result.Path.First().Address?.ToString());
            Assert.Equal("fd00:62::2", result.Path.Last(h => h.KindValue == HopKind.Interface).AddressValue?.ToString());
        }

        [Fact]
        public void Analyze_IPv4AcrossBridgesWithoutIp6tables_StillBlockedByIptables()
        {
            var result = Ask(Lab(Engine2010), "a", "10.62.0.2", 80);

            Verdict(result, ReachabilityVerdict.Blocked, "DOCKER-ISOLATION-STAGE-1/2 drop traffic between different bridge networks");
            var drop = result.Path.Single(h => h.KindValue == HopKind.Firewall);
            Assert.Equal("FORWARD", drop.Device);
        }

        [Fact]
        public void Analyze_IPv6AcrossBridgesWithoutIp6tables_ListenerStillDecides()
        {
            var result = Ask(Lab(Engine2010), "a", "fd00:62::2", 8080);

            Verdict(result, ReachabilityVerdict.NoListener, "Nothing in b's namespace listens on tcp/8080");
        }

        [Theory]
        [InlineData(Engine2010Ip6tables, "ip6tables FORWARD", "DOCKER-ISOLATION-STAGE-2 drops")]
        [InlineData(Engine27, "ip6tables FORWARD", "DOCKER-ISOLATION-STAGE-2 drops")]
        [InlineData(Engine29, "ip6tables raw PREROUTING", "-d fd00:62::2 ! -i br-")]
        public void Analyze_IPv6AcrossBridgesWithIp6tables_BlockedByTheIp6tablesTwinOfTheIPv4Rule(string engine, string chain, string rule)
        {
            var result = Ask(Lab(engine), "a", "fd00:62::2", 80);

            Verdict(result, ReachabilityVerdict.Blocked, "share no network");
            var drop = result.Path.Single(h => h.KindValue == HopKind.Firewall);
            Assert.Equal(chain, drop.Device);
            Assert.Contains(rule, drop.Description);
        }

        [Fact]
        public void Analyze_IPv6AcrossBridgesOnEngine27WithIp6tablesOff_ReachableAndSaysHowToTurnItOn()
        {
            var result = Ask(Lab(Engine27Off), "a", "fd00:62::2", 80);

            Verdict(result, ReachabilityVerdict.Reachable, "Docker does not filter IPv6 on Engine 27.0.3", "restart dockerd with --ip6tables=true");
            Assert.DoesNotContain("--experimental", result.Reason);
        }

        [Fact]
        public void Analyze_IPv6OnAnIccOffNetworkWithoutIp6tables_ReachableBecauseTheIccDropIsIPv4Only()
        {
            var result = Ask(Lab(Engine2010), "q2", "fd00:63::2", 80);

            Verdict(result, ReachabilityVerdict.Reachable, "inter-container communication is off", "the ICC drop is IPv4 only",
                "To enforce ICC off for IPv6 too, restart dockerd with --experimental --ip6tables");
            Assert.DoesNotContain(result.Path, h => h.KindValue == HopKind.Firewall);
        }

        [Fact]
        public void Analyze_IPv4OnAnIccOffNetworkWithoutIp6tables_StillBlocked()
        {
            var result = Ask(Lab(Engine2010), "q2", "10.63.0.2", 80);

            Verdict(result, ReachabilityVerdict.Blocked, "inter-container communication is off");
        }

        [Fact]
        public void Analyze_IPv6OnAnIccOffNetworkWithIp6tables_BlockedInIp6tablesForward()
        {
            var result = Ask(Lab(Engine2010Ip6tables), "q2", "fd00:63::2", 80);

            Verdict(result, ReachabilityVerdict.Blocked, "inter-container communication is off");
            Assert.Equal("ip6tables FORWARD", result.Path.Single(h => h.KindValue == HopKind.Firewall).Device);
        }

        [Fact]
        public void Analyze_IPv6IntoAnInternalNetworkWithoutIp6tables_ReachableBecauseInternalIsNotEnforced()
        {
            var result = Ask(Lab(Engine2010), "a", "fd00:64::2", 80);

            Verdict(result, ReachabilityVerdict.Reachable, "--internal (sealed) is not enforced over IPv6", "Over IPv4 (10.64.0.2) the --internal rules");
        }

        [Fact]
        public void Analyze_IPv6OutOfAnInternalNetworkWithoutIp6tables_Reachable()
        {
            // Engine 20.10 gives an internal-only container a default route (v6-i1: "default via fd00:64::1").
            var result = Ask(Lab(Engine2010), "i1", "fd00:62::2", 80);

            Verdict(result, ReachabilityVerdict.Reachable, "--internal (sealed) is not enforced over IPv6");
        }

        [Fact]
        public void Analyze_IPv6IntoAnInternalNetworkWithIp6tables_BlockedInIp6tablesIsolation()
        {
            var result = Ask(Lab(Engine2010Ip6tables), "a", "fd00:64::2", 80);

            Verdict(result, ReachabilityVerdict.Blocked, "--internal network");
            var drop = result.Path.Single(h => h.KindValue == HopKind.Firewall);
            Assert.Equal("ip6tables DOCKER-ISOLATION-STAGE-1", drop.Device);
            Assert.Contains("<its IPv6 subnet>", drop.Description);
        }

        [Fact]
        public void Analyze_IPv6FromASourceWhoseDefaultRouteHasNoIPv6_NoRoute()
        {
            // Docker picks the gateway endpoint by network name: "net-a" (with IPv6) comes before "plain", so v4only has an
            // IPv6 default route and reaches b over IPv6 like a does; renamed to "aaa-plain" (no IPv6) it has none.
            var viaNetA = Ask(Lab(Engine2010), "v4only", "fd00:62::2", 80);
            Verdict(viaNetA, ReachabilityVerdict.Reachable);

            var yaml = Lab(Engine2010).Replace("name: plain, subnet: 10.65.0.0/24", "name: aaa-plain, subnet: 10.65.0.0/24").Replace("network: plain", "network: aaa-plain");
            var result = Ask(yaml, "v4only", "fd00:62::2", 80);
            Verdict(result, ReachabilityVerdict.NoRoute, "default route is via aaa-plain, which has no IPv6");
        }

        [Fact]
        public void Analyze_PublishedPortOnTheHostsIPv6AddressWithoutIp6tables_ReachableThroughDockerProxy()
        {
            var result = Ask(Lab(Engine2010), "a", "fd00::10", 8081);

            Verdict(result, ReachabilityVerdict.Reachable, "[fd00::10]:8081 is published by b", "no IPv6 DNAT: the proxy is the only way in");
            var proxy = result.Path.Single(h => h.Device == "docker-proxy");
            Assert.Contains("[::]:8081 -> [fd00:62::2]:80", proxy.Description);
            Assert.DoesNotContain(result.Path, h => h.KindValue == HopKind.Firewall);
        }

        [Fact]
        public void Analyze_PublishedPortOnTheHostsIPv6AddressWithoutIp6tablesOrProxy_NothingForwardsIt()
        {
            var result = Ask(Lab(Engine2010NoProxy), "a", "fd00::10", 8081);

            Verdict(result, ReachabilityVerdict.NoListener, "nothing forwards published ports on IPv6 addresses");
            Assert.Contains("--experimental --ip6tables", result.Remedy);
        }

        [Fact]
        public void Analyze_PublishedPortOnTheHostsIPv6AddressWithIp6tablesButNoProxy_DnatThenIp6tablesIsolationDrops()
        {
            var result = Ask(Lab(Engine2010Ip6tablesNoProxy), "a", "fd00::10", 8081);

            Verdict(result, ReachabilityVerdict.Blocked, "DOCKER-ISOLATION (ip6tables) drops it");
            Assert.Contains("ip6tables nat DOCKER", Devices(result));
            Assert.Contains(result.Path, h => h.Description.Contains("--to-destination [fd00:62::2]:80"));
            Assert.Equal("ip6tables FORWARD", result.Path.Last(h => h.KindValue == HopKind.Firewall).Device);
        }

        [Fact]
        public void Analyze_PublishedPortOnTheHostsIPv4AddressWithoutIp6tables_UnchangedDockerProxyToIPv4()
        {
            var result = Ask(Lab(Engine2010), "a", "192.168.1.10", 8081);

            Verdict(result, ReachabilityVerdict.Reachable);
            Assert.Contains("0.0.0.0:8081 -> 10.62.0.2:80", result.Path.Single(h => h.Device == "docker-proxy").Description);
            Assert.DoesNotContain("ip6tables", result.Reason);
        }
    }
}
