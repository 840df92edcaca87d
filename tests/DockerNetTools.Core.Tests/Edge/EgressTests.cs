using System.Linq;
using DockerNetTools.Analysis.Reachability;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Edge
{
    /// <summary>Test-DockerNetReachability to an address outside the host: routes, forwarding, internal networks, FORWARD, MASQUERADE.</summary>
    public sealed class EgressTests
    {
        private const string Plain = @"
host:
  addresses: [192.168.1.10]
containers:
  - name: app
";

        private const string Routed = @"
host:
  addresses: [192.168.1.10]
  interfaces:
    - { name: tun0, addresses: [10.8.0.5] }
  routes:
    - { destination: default, gateway: 192.168.1.1, interface: eth0 }
    - { destination: 192.168.1.0/24, interface: eth0 }
    - { destination: 10.8.0.0/16, gateway: 10.8.0.1, interface: tun0 }
networks:
  - name: vpnclash
    subnet: 10.8.5.0/24
containers:
  - name: app
  - name: hostapp
    network: host
";

        [Fact]
        public void Analyze_OutsideAddressNoRoutesInModel_LeavesByTheAssumedDefaultRouteMasqueraded()
        {
            var result = Ask(Plain, "app", "203.0.113.7", 443);

            Verdict(result, ReachabilityVerdict.Reachable, "203.0.113.7 is outside this host", "MASQUERADE gives it the source 192.168.1.10", "(assumed: the model holds none of the host's routes)",
                "Whether 203.0.113.7 answers tcp/443 is up to the network beyond this host");
            Assert.Equal(new[] { "app eth0", "docker0", "host", "FORWARD", "nat POSTROUTING", "eth0" }, Devices(result).Where(d => !d.StartsWith("veth", System.StringComparison.Ordinal)).ToArray());
            Assert.Contains(result.Path, h => h.Description == "-i docker0 ! -o docker0 -j ACCEPT (out of docker0 to eth0)");
            Assert.Contains(result.Path, h => h.Description == "-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE: source 172.17.0.2 -> 192.168.1.10");
            Assert.Equal("192.168.1.10", result.Path.Last().Address!.ToString());
        }

        [Fact]
        public void Analyze_OutsideAddressOnAVpnRoute_LongestPrefixPicksTheTunnel()
        {
            var result = Ask(Routed, "app", "10.8.3.4");

            Verdict(result, ReachabilityVerdict.Reachable, "out of tun0 by '10.8.0.0/16 via 10.8.0.1 dev tun0'", "the source 10.8.0.5",
                "Note: Docker network vpnclash (10.8.5.0/24 on br-");
            var last = result.Path.Last();
            Assert.Equal("tun0", last.Device);
            Assert.Equal("leaves the host for the gateway 10.8.0.1 with source 10.8.0.5", last.Description);
        }

        [Fact]
        public void Analyze_AddressInADockerSubnetInsideAVpnRoute_GoesToTheBridgeWithRemedy()
        {
            var result = Ask(Routed, "app", "10.8.5.77");

            Verdict(result, ReachabilityVerdict.NoSuchAddress, "No container on network vpnclash (10.8.5.0/24) holds 10.8.5.77",
                "The host also has the route '10.8.0.0/16 via 10.8.0.1 dev tun0', but Docker network vpnclash's 10.8.5.0/24", "unreachable from the containers and the host alike");
            Assert.Contains("recreate vpnclash with --subnet elsewhere", result.Remedy);
            Assert.Contains("default-address-pools", result.Remedy);
        }

        [Fact]
        public void Analyze_AddressOnTheDefaultBridgesSubnet_RemedyNamesBip()
        {
            var result = Ask(Plain, "app", "172.17.5.5");

            Assert.Equal(ReachabilityVerdict.NoSuchAddress, result.VerdictValue);
            Assert.Contains("\"bip\"", result.Remedy);
        }

        [Fact]
        public void Analyze_ForwardingOff_BlockedWithSysctlRemedy()
        {
            var result = Ask(Routed.Replace("  routes:", "  forwarding: false\n  routes:"), "app", "203.0.113.7");

            Verdict(result, ReachabilityVerdict.Blocked, "net.ipv4.ip_forward is 0 on the host", "from docker0 to eth0");
            Assert.StartsWith("sysctl -w net.ipv4.ip_forward=1", result.Remedy);
            Assert.Equal("net.ipv4.ip_forward", result.Path.Last().Device);
        }

        [Fact]
        public void Analyze_InternalNetwork_DroppedByTheInternalRule()
        {
            var lab = Plain + "networks:\n  - name: closed\n    internal: true\n".Replace("containers:", string.Empty);
            lab = "host:\n  addresses: [192.168.1.10]\nnetworks:\n  - name: closed\n    internal: true\ncontainers:\n  - name: app\n    network: closed\n";

            var result = Ask(lab, "app", "203.0.113.7");

            Verdict(result, ReachabilityVerdict.Blocked, "only on --internal network(s) closed", "drops everything that leaves it");
            Assert.Equal("DOCKER-ISOLATION-STAGE-1", result.Path.Last().Device);
        }

        [Fact]
        public void Analyze_InternalNetworkEngine25_NoDefaultRoute()
        {
            var lab = "engine: { version: \"28.5.1\" }\nnetworks:\n  - name: closed\n    internal: true\ncontainers:\n  - name: app\n    network: closed\n";

            Verdict(Ask(lab, "app", "203.0.113.7"), ReachabilityVerdict.NoRoute, "it has no default route");
        }

        [Theory]
        [InlineData("options: { com.docker.network.bridge.enable_ip_masquerade: \"false\" }", "com.docker.network.bridge.enable_ip_masquerade=false, so Docker writes no MASQUERADE rule", "recreate network nomasq")]
        [InlineData("options: { com.docker.network.bridge.gateway_mode_ipv4: routed }", "gateway_mode_ipv4=routed, so Docker does not NAT it", "recreate network nomasq")]
        public void Analyze_MasqueradeOff_ReplyHasNoWayBack(string options, string why, string remedy)
        {
            var lab = "host:\n  addresses: [192.168.1.10]\nnetworks:\n  - name: nomasq\n    subnet: 10.67.9.0/24\n    " + options + "\ncontainers:\n  - name: app\n    network: nomasq\n";

            var result = Ask(lab, "app", "203.0.113.7", 80);

            Verdict(result, ReachabilityVerdict.Blocked, "with its own source 10.67.9.2", why, "has no route back to 10.67.9.0/24", "has no way back");
            Assert.StartsWith(remedy, result.Remedy);
            Assert.DoesNotContain(result.Path, h => h.Device == "nat POSTROUTING");
            Assert.Equal("10.67.9.2", result.Path.Last().Address!.ToString());
        }

        [Fact]
        public void Analyze_IptablesOff_NoMasqueradeRemedyRestartsWithIptables()
        {
            var result = Ask("engine: { iptables: false }\n" + Plain, "app", "203.0.113.7");

            Verdict(result, ReachabilityVerdict.Blocked, "--iptables=false", "so there is no MASQUERADE rule either");
            Assert.StartsWith("restart dockerd with --iptables=true", result.Remedy);
        }

        [Fact]
        public void Analyze_Engine28_AcceptedInDockerForward()
        {
            var result = Ask("engine: { version: \"28.5.1\" }\n" + Plain, "app", "203.0.113.7");

            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
            Assert.Contains(result.Path, h => h.Device == "DOCKER-FORWARD" && h.Description.StartsWith("-i docker0 -j ACCEPT", System.StringComparison.Ordinal));
        }

        [Fact]
        public void Analyze_NoRouteCoversTheAddress_NoRoute()
        {
            var lab = Routed.Replace("    - { destination: default, gateway: 192.168.1.1, interface: eth0 }\n", string.Empty);

            var result = Ask(lab, "app", "203.0.113.7");

            Verdict(result, ReachabilityVerdict.NoRoute, "The host has no route to 203.0.113.7");
            Assert.StartsWith("add a route on the host", result.Remedy);
        }

        [Fact]
        public void Analyze_HostNetworkSource_LeavesFromTheHostsOwnNamespace()
        {
            var result = Ask(Routed, "hostapp", "203.0.113.7");

            Verdict(result, ReachabilityVerdict.Reachable, "sends from the host's own namespace", "out of eth0", "with source 192.168.1.10");
            Assert.DoesNotContain(result.Path, h => h.KindValue == HopKind.Firewall);
        }

        [Fact]
        public void Analyze_IPv6Outside_Engine27MasqueradesWithIp6tables()
        {
            var lab = "engine: { version: \"27.3.1\" }\nhost:\n  addresses: [192.168.1.10, 2001:db8:1::10]\n  routes:\n    - { destination: '::/0', gateway: 'fe80::1', interface: eth0 }\n"
                      + "networks:\n  - name: six\n    subnet: 10.67.6.0/24\n    subnet6: fd00:67:6::/64\ncontainers:\n  - name: app\n    network: six\n";

            var result = Ask(lab, "app", "2001:db8:99::1");

            Verdict(result, ReachabilityVerdict.Reachable, "the source 2001:db8:1::10");
            Assert.Contains(result.Path, h => h.Device == "ip6tables nat POSTROUTING" && h.Description.StartsWith("-s fd00:67:6::/64 ! -o br-", System.StringComparison.Ordinal));
        }
    
        /// <summary>Docker's rules for the default bridge as iptables-save prints them on Engine 20.10, with an operator's DOCKER-USER rule.</summary>
        private static string WithRealRules(string dockerUser) =>
            "host:\n  addresses: [192.168.1.10]\n  firewall: |\n"
            + string.Join("\n", new[]
            {
                "*nat", ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", ":POSTROUTING ACCEPT [0:0]", ":DOCKER - [0:0]",
                "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER", "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE", "-A DOCKER -i docker0 -j RETURN", "COMMIT",
                "*filter", ":INPUT ACCEPT [0:0]", ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]", ":DOCKER - [0:0]", ":DOCKER-USER - [0:0]",
                "-A FORWARD -j DOCKER-USER", "-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", "-A FORWARD -o docker0 -j DOCKER",
                "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT", "-A FORWARD -i docker0 -o docker0 -j ACCEPT", dockerUser, "-A DOCKER-USER -j RETURN", "COMMIT",
            }.Where(l => l.Length > 0).Select(l => "    " + l)) + "\ncontainers:\n  - name: app\n";

        [Fact]
        public void Analyze_RealRulesAcceptEgress_HopsQuoteTheRulesAndTheirMasquerade()
        {
            var result = Ask(WithRealRules(string.Empty), "app", "203.0.113.7", 443);

            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
            Assert.Contains(result.Path, h => h.Description.Contains("-A FORWARD -i docker0 ! -o docker0 -j ACCEPT", System.StringComparison.Ordinal));
            Assert.Contains(result.Path, h => h.Description.StartsWith("-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE: source 172.17.0.2 -> 192.168.1.10 (host.firewall)", System.StringComparison.Ordinal));
        }

        [Fact]
        public void Analyze_DockerUserDropsEgress_BlockedQuotingTheRule()
        {
            var result = Ask(WithRealRules("-A DOCKER-USER -s 172.17.0.2/32 -o eth0 -j DROP"), "app", "203.0.113.7", 443);

            Verdict(result, ReachabilityVerdict.Blocked, "-A DOCKER-USER -s 172.17.0.2/32 -o eth0 -j DROP", "never leaves the host");
        }
}
}
