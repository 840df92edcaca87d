using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Firewall;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Core.Tests.Firewall
{
    /// <summary>The rule evaluator on real iptables-save text: Engine 20.10 captured on the test host, Engine 28.5 from moby's listings, ufw.</summary>
    public class PacketFilterTests
    {
        internal const string Engine2010 = "engine-20.10-iptables-save.txt";
        internal const string Engine285 = "engine-28.5-iptables-save.txt";
        internal const string Ufw = "ufw-docker-20.10-iptables-save.txt";
        internal const string Engine285Captured = "engine-28.5-captured-iptables-save.txt";
        internal const string Engine285Captured6 = "engine-28.5-captured-ip6tables-save.txt";

        internal static string Text(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Firewall", "TestData", file));

        internal static FirewallRuleset Rules(string file)
        {
            var result = IptablesSaveParser.Parse(Text(file));
            Assert.Empty(result.Errors);
            return result.Ruleset!;
        }

        /// <param name="flow">"in>out" interfaces ("-" for none).</param>
        /// <param name="addresses">"source>destination".</param>
        /// <param name="service">"tcp/80", "udp/53" or "icmp".</param>
        private static FirewallPacket Packet(string flow, string addresses, string service, string state = "NEW", bool local = false)
        {
            var ifs = flow.Split('>');
            var ips = addresses.Split('>');
            var parts = service.Split('/');
            return new FirewallPacket(IPAddress.Parse(ips[0]), IPAddress.Parse(ips[1]), parts[0])
            {
                InInterface = ifs[0] == "-" ? null : ifs[0],
                OutInterface = ifs[1] == "-" ? null : ifs[1],
                SourcePort = parts.Length > 1 ? 40000 : (int?)null,
                DestinationPort = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : (int?)null,
                State = state == "NEW" ? ConnectionState.New : ConnectionState.Established,
                DestinationIsLocal = local,
            };
        }

        [Theory]
        // Engine 20.10 (captured): FORWARD between and within Docker's bridges.
        [InlineData(Engine2010, "FORWARD", "fw-user>docker0", "10.66.1.2>172.17.0.2", "tcp/80", "NEW", false, "Drop", "-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP")]
        [InlineData(Engine2010, "FORWARD", "fw-internal>docker0", "10.66.2.2>172.17.0.2", "tcp/80", "NEW", false, "Drop", "-A DOCKER-ISOLATION-STAGE-1 ! -d 10.66.2.0/24 -i fw-internal -j DROP")]
        [InlineData(Engine2010, "FORWARD", "docker0>fw-internal", "172.17.0.2>10.66.2.2", "tcp/80", "NEW", false, "Drop", "-A DOCKER-ISOLATION-STAGE-1 ! -s 10.66.2.0/24 -o fw-internal -j DROP")]
        [InlineData(Engine2010, "FORWARD", "fw-internal>fw-internal", "10.66.2.2>10.66.2.3", "tcp/80", "NEW", false, "Accept", "-A FORWARD -i fw-internal -o fw-internal -j ACCEPT")]
        [InlineData(Engine2010, "FORWARD", "fw-noicc>fw-noicc", "10.66.3.2>10.66.3.3", "tcp/80", "NEW", false, "Drop", "-A FORWARD -i fw-noicc -o fw-noicc -j DROP")]
        [InlineData(Engine2010, "FORWARD", "fw-user>fw-user", "10.66.1.2>10.66.1.3", "udp/53", "NEW", false, "Accept", "-A FORWARD -i fw-user -o fw-user -j ACCEPT")]
        // The host's own DOCKER-USER rule keeps containers off the uplink (the test machine's choice, not Docker's).
        [InlineData(Engine2010, "FORWARD", "docker0>eth0", "172.17.0.2>198.18.0.1", "tcp/443", "NEW", false, "Drop", "-A DOCKER-USER -o eth0 -j DROP")]
        // A reply into a bridge is let through by conntrack; a new connection from the uplink to an unpublished port is not.
        [InlineData(Engine2010, "FORWARD", "ifb0>fw-user", "198.18.0.1>10.66.1.2", "tcp/80", "ESTABLISHED", false, "Accept", "-A FORWARD -o fw-user -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT")]
        [InlineData(Engine2010, "FORWARD", "ifb0>fw-user", "198.18.0.1>10.66.1.2", "tcp/81", "NEW", false, "Drop", "-P FORWARD DROP")]
        [InlineData(Engine2010, "FORWARD", "ifb0>docker0", "198.18.0.1>172.17.0.2", "tcp/80", "NEW", false, "Accept", "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT")]
        [InlineData(Engine2010, "INPUT", "fw-internal>-", "10.66.2.2>10.66.2.1", "tcp/18999", "NEW", true, "Accept", "-P INPUT ACCEPT")]
        // Engine 28.5 (moby's listings): DOCKER-FORWARD, DOCKER-CT, DOCKER-BRIDGE and the raw table.
        [InlineData(Engine285, "FORWARD", "docker0>bridge1", "172.17.0.2>192.0.2.2", "tcp/80", "NEW", false, "Drop", "-A DOCKER-ISOLATION-STAGE-2 -o bridge1 -j DROP")]
        [InlineData(Engine285, "FORWARD", "eth0>bridge1", "203.0.113.7>192.0.2.2", "tcp/80", "NEW", false, "Accept", "-A DOCKER -d 192.0.2.2/32 ! -i bridge1 -o bridge1 -p tcp -m tcp --dport 80 -j ACCEPT")]
        [InlineData(Engine285, "FORWARD", "eth0>bridge1", "203.0.113.7>192.0.2.3", "tcp/80", "NEW", false, "Drop", "-A DOCKER ! -i bridge1 -o bridge1 -j DROP")]
        [InlineData(Engine285, "FORWARD", "eth0>bridge1", "203.0.113.7>192.0.2.2", "tcp/80", "ESTABLISHED", false, "Accept", "-A DOCKER-CT -o bridge1 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT")]
        [InlineData(Engine285, "FORWARD", "bridge1>eth0", "192.0.2.2>203.0.113.7", "tcp/443", "NEW", false, "Accept", "-A DOCKER-FORWARD -i bridge1 -j ACCEPT")]
        [InlineData(Engine285, "FORWARD", "bridgeICC>eth0", "198.51.100.2>203.0.113.7", "tcp/443", "NEW", false, "Drop", "-A DOCKER-ISOLATION-STAGE-1 ! -d 198.51.100.0/24 -i bridgeICC -j DROP")]
        [InlineData(Engine285, "FORWARD", "bridgeICC>bridgeICC", "198.51.100.2>198.51.100.3", "tcp/80", "NEW", false, "Accept", "-A DOCKER-FORWARD -i bridgeICC -o bridgeICC -j ACCEPT")]
        [InlineData(Engine285, "FORWARD", "eth0>eth1", "203.0.113.7>198.18.0.1", "tcp/80", "NEW", false, "Drop", "-P FORWARD DROP")]
        // Direct routed access from the LAN to a container address: dropped in raw PREROUTING from Engine 28.
        [InlineData(Engine285, "PREROUTING", "eth0>-", "203.0.113.7>192.0.2.2", "tcp/80", "NEW", false, "Drop", "-A PREROUTING -d 192.0.2.2/32 ! -i bridge1 -j DROP")]
        [InlineData(Engine285, "PREROUTING", "bridge1>-", "192.0.2.3>192.0.2.2", "tcp/80", "NEW", false, "Accept", "-P PREROUTING ACCEPT")]
        // Engine 28.5 (captured on the project's 28.5 daemon): the same lab as the 20.10 capture.
        [InlineData(Engine285Captured, "PREROUTING", "fw-user>-", "10.66.1.2>172.17.0.2", "tcp/80", "NEW", false, "Drop", "-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP")]
        [InlineData(Engine285Captured, "FORWARD", "fw-user>docker0", "10.66.1.2>172.17.0.2", "tcp/80", "NEW", false, "Drop", "-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP")]
        [InlineData(Engine285Captured, "FORWARD", "fw-noicc>fw-noicc", "10.66.3.2>10.66.3.3", "tcp/80", "NEW", false, "Drop", "-A DOCKER-FORWARD -i fw-noicc -o fw-noicc -j DROP")]
        [InlineData(Engine285Captured, "FORWARD", "fw-internal>fw-internal", "10.66.2.2>10.66.2.3", "tcp/80", "NEW", false, "Accept", "-A DOCKER-FORWARD -i fw-internal -o fw-internal -j ACCEPT")]
        [InlineData(Engine285Captured, "FORWARD", "fw-nomasq>lo", "10.66.4.2>198.18.0.1", "tcp/80", "NEW", false, "Accept", "-A DOCKER-FORWARD -i fw-nomasq -j ACCEPT")]
        [InlineData(Engine285Captured, "FORWARD", "lo>fw-user", "198.18.0.1>10.66.1.3", "tcp/80", "NEW", false, "Drop", "-A DOCKER ! -i fw-user -o fw-user -j DROP")]
        [InlineData(Engine285Captured, "PREROUTING", "lo>-", "127.0.0.1>127.0.0.1", "tcp/18998", "NEW", true, "Accept", "-P PREROUTING ACCEPT")]
        [InlineData(Engine285Captured, "PREROUTING", "eth0>-", "198.18.0.1>127.0.0.1", "tcp/18998", "NEW", true, "Drop", "-A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 18998 -j DROP")]
        // ufw: INPUT drops 8080 and allows 22; the published port is forwarded (INPUT never sees it); DOCKER-USER drops a LAN range.
        [InlineData(Ufw, "INPUT", "eth0>-", "203.0.113.7>192.0.2.10", "tcp/8080", "NEW", true, "Drop", "-A ufw-user-input -p tcp -m tcp --dport 8080 -j DROP")]
        [InlineData(Ufw, "INPUT", "eth0>-", "203.0.113.7>192.0.2.10", "tcp/22", "NEW", true, "Accept", "-A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT")]
        [InlineData(Ufw, "INPUT", "eth0>-", "203.0.113.7>192.0.2.10", "tcp/9999", "NEW", true, "Drop", "-P INPUT DROP")]
        [InlineData(Ufw, "INPUT", "lo>-", "127.0.0.1>127.0.0.1", "tcp/9999", "NEW", true, "Accept", "-A ufw-before-input -i lo -j ACCEPT")]
        [InlineData(Ufw, "FORWARD", "eth0>docker0", "203.0.113.7>172.17.0.2", "tcp/80", "NEW", false, "Accept", "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT")]
        [InlineData(Ufw, "FORWARD", "eth0>docker0", "198.51.100.20>172.17.0.2", "tcp/80", "NEW", false, "Drop", "-A DOCKER-USER -s 198.51.100.0/24 -i eth0 -j DROP")]
        public void Evaluate_RealRules_DecidesAsTheKernel(string file, string hook, string flow, string addresses, string service, string state, bool local, string verdict, string? rule)
        {
            var decision = PacketFilter.Evaluate(Rules(file), Enum.Parse<FirewallHook>(hook, true), Packet(flow, addresses, service, state, local));

            Assert.Equal(verdict, decision.Verdict.ToString());
            Assert.Equal(rule, decision.RuleText);
        }

        [Theory]
        // The held-out case: the internal network has no "-A DOCKER -i fw-internal -j RETURN", so its packet to the gateway's published port is DNAT'd.
        [InlineData(Engine2010, "fw-internal", "10.66.2.2>10.66.2.1", 18999, "172.17.0.2", 80, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 18999 -j DNAT --to-destination 172.17.0.2:80")]
        [InlineData(Engine2010, "fw-nomasq", "10.66.4.2>10.66.4.1", 18999, "172.17.0.2", 80, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 18999 -j DNAT --to-destination 172.17.0.2:80")]
        [InlineData(Engine2010, "fw-user", "10.66.1.2>10.66.1.1", 18999, "10.66.1.1", 18999, null)]
        [InlineData(Engine2010, "docker0", "172.17.0.3>172.17.0.1", 18999, "172.17.0.1", 18999, null)]
        [InlineData(Engine285Captured, "fw-internal", "10.66.2.2>10.66.2.1", 18999, "172.17.0.2", 80, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 18999 -j DNAT --to-destination 172.17.0.2:80")]
        [InlineData(Engine285Captured, "fw-nomasq", "10.66.4.2>10.66.4.1", 18999, "172.17.0.2", 80, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 18999 -j DNAT --to-destination 172.17.0.2:80")]
        [InlineData(Engine285Captured, "fw-user", "10.66.1.2>10.66.1.1", 18999, "10.66.1.1", 18999, null)]
        [InlineData(Engine285, "eth0", "203.0.113.7>192.0.2.10", 8080, "192.0.2.2", 80, "-A DOCKER ! -i bridge1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80")]
        [InlineData(Ufw, "eth0", "203.0.113.7>192.0.2.10", 8080, "172.17.0.2", 80, "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80")]
        public void Prerouting_PublishedPort_DnatOrNot(string file, string inInterface, string addresses, int port, string destination, int destinationPort, string? dnatRule)
        {
            var decision = PacketFilter.Evaluate(Rules(file), FirewallHook.Prerouting, Packet(inInterface + ">-", addresses, "tcp/" + port, local: true));

            Assert.Equal(FilterVerdict.Accept, decision.Verdict);
            Assert.Equal(IPAddress.Parse(destination), decision.Packet.Destination);
            Assert.Equal(destinationPort, decision.Packet.DestinationPort);
            Assert.Equal(dnatRule, decision.DnatRule?.Text);
        }

        [Fact]
        public void Evaluate_DnatThenForward_InternalIsolationDropsIt()
        {
            var rules = Rules(Engine2010);
            var pre = PacketFilter.Evaluate(rules, FirewallHook.Prerouting, Packet("fw-internal>-", "10.66.2.2>10.66.2.1", "tcp/18999", local: true));
            var forwarded = pre.Packet.Clone();
            forwarded.OutInterface = "docker0";

            var decision = PacketFilter.Evaluate(rules, FirewallHook.Forward, forwarded);

            Assert.Equal(FilterVerdict.Drop, decision.Verdict);
            Assert.Equal("-A DOCKER-ISOLATION-STAGE-1 ! -d 10.66.2.0/24 -i fw-internal -j DROP", decision.RuleText);
            Assert.Equal("DOCKER-ISOLATION-STAGE-1", decision.Chain);
        }

        [Fact]
        public void Postrouting_Masquerade_OnlyForNetworksWithIt()
        {
            var rules = Rules(Engine2010);
            var user = PacketFilter.Evaluate(rules, FirewallHook.Postrouting, Packet("->eth0", "10.66.1.2>198.18.0.1", "tcp/80"));
            var noMasq = PacketFilter.Evaluate(rules, FirewallHook.Postrouting, Packet("->eth0", "10.66.4.2>198.18.0.1", "tcp/80"));

            Assert.Equal("-A POSTROUTING -s 10.66.1.0/24 ! -o fw-user -j MASQUERADE", user.SnatRule?.Text);
            Assert.Null(noMasq.SnatRule);
        }

        [Theory]
        [InlineData("-A FORWARD -m set --match-set blocked src -j DROP", "-m set --match-set blocked src")]
        [InlineData("-A FORWARD -m mark --mark 0x1 -j ACCEPT", "-m mark --mark 0x1")]
        [InlineData("-A FORWARD -p tcp -m tcp --dport 80 -m bpf --bytecode \"4,48 0 0 9\" -j DROP", "-m bpf --bytecode \"4,48 0 0 9\"")]
        public void Evaluate_MatchNotModelled_UndeterminedNamingTheRule(string rule, string match)
        {
            var text = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n" + rule + "\nCOMMIT\n";
            var rules = IptablesSaveParser.Parse(text).Ruleset!;

            var decision = PacketFilter.Evaluate(rules, FirewallHook.Forward, Packet("eth0>docker0", "203.0.113.7>172.17.0.2", "tcp/80"));

            Assert.Equal(FilterVerdict.Undetermined, decision.Verdict);
            Assert.Equal(rule, decision.RuleText);
            Assert.Contains(match, decision.Reason);
        }

        [Fact]
        public void Evaluate_MatchNotModelledOnAnotherProtocol_StillDecides()
        {
            // The set match is never reached for udp: the rule's -p tcp already fails.
            var text = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A FORWARD -p tcp -m set --match-set blocked src -j DROP\n-A FORWARD -m limit --limit 1/s -j LOG\nCOMMIT\n";

            var decision = PacketFilter.Evaluate(IptablesSaveParser.Parse(text).Ruleset!, FirewallHook.Forward, Packet("eth0>docker0", "203.0.113.7>172.17.0.2", "udp/53"));

            Assert.Equal(FilterVerdict.Accept, decision.Verdict);
            Assert.Equal("-P FORWARD ACCEPT", decision.RuleText);
        }

        [Theory]
        [InlineData("-A FORWARD -s 10.0.0.0/255.0.0.0 -j DROP", "10.9.9.9", "Drop")]
        [InlineData("-A FORWARD ! -s 10.0.0.0/8 -j DROP", "10.9.9.9", "Accept")]
        [InlineData("-A FORWARD -i eth+ -j DROP", "10.9.9.9", "Drop")]
        [InlineData("-A FORWARD ! -i eth+ -j DROP", "10.9.9.9", "Accept")]
        [InlineData("-A FORWARD -p tcp -m multiport --dports 22,8000:8100 -j DROP", "10.9.9.9", "Drop")]
        [InlineData("-A FORWARD -p tcp -m multiport ! --dports 22,8000:8100 -j DROP", "10.9.9.9", "Accept")]
        [InlineData("-A FORWARD -p udp -j DROP", "10.9.9.9", "Accept")]
        [InlineData("-A FORWARD -m state --state NEW -j REJECT --reject-with icmp-port-unreachable", "10.9.9.9", "Reject")]
        [InlineData("-A FORWARD -m conntrack ! --ctstate NEW -j DROP", "10.9.9.9", "Accept")]
        [InlineData("-A FORWARD -m comment --comment \"no \\\"guests\\\"\" -j DROP", "10.9.9.9", "Drop")]
        [InlineData("-A FORWARD -g DROPPER\n-A FORWARD -j DROP\n-A DROPPER -j RETURN", "10.9.9.9", "Accept")]
        [InlineData("-A FORWARD -j CHECK\n-A FORWARD -j DROP\n-A CHECK -j RETURN", "10.9.9.9", "Drop")]
        public void Evaluate_Matches_AsIptablesDoes(string rules, string source, string verdict)
        {
            var text = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:DROPPER - [0:0]\n:CHECK - [0:0]\n" + rules + "\nCOMMIT\n";
            var parsed = IptablesSaveParser.Parse(text);
            Assert.Empty(parsed.Errors);

            var decision = PacketFilter.Evaluate(parsed.Ruleset!, FirewallHook.Forward, Packet("eth0>docker0", source + ">172.17.0.2", "tcp/8080"));

            Assert.Equal(verdict, decision.Verdict.ToString());
        }
    }
}
