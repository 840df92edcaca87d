using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Firewall;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Core.Tests.Firewall
{
    /// <summary>nftables as `nft -j list ruleset` prints it (real output, TestData/nft-1.0.6-ruleset.json.txt), read and walked.</summary>
    public class NftJsonParserTests
    {
        /// <summary>The JSON of the test file (its # header lines left out).</summary>
        internal static string Json() =>
            string.Join("\n", PacketFilterTests.Text("nft-1.0.6-ruleset.json.txt").Split('\n').Where(l => !l.StartsWith('#')));

        private static NftParseResult Parse()
        {
            var result = NftJsonParser.Parse(Json());
            Assert.Empty(result.Errors);
            return result;
        }

        private static FirewallPacket Packet(string source, string destination, string protocol, int? port, string? inInterface, string? outInterface, bool local = false) =>
            new FirewallPacket(IPAddress.Parse(source), IPAddress.Parse(destination), protocol)
            {
                InInterface = inInterface,
                OutInterface = outInterface,
                SourcePort = port.HasValue ? 40000 : (int?)null,
                DestinationPort = port,
                DestinationIsLocal = local,
            };

        [Fact]
        public void Parse_RealNftJson_TablesChainsAndRulesAsNftPrintsThem()
        {
            var result = Parse();

            var v4 = result.IPv4!;
            Assert.Equal(FirewallFormat.NftJson, v4.Format);
            Assert.Equal(new[] { "ip filter", "ip nat" }, v4.Tables.Select(t => t.Name));
            var forward = v4.Table("ip filter")!.Chain("forward")!;
            Assert.Equal(("forward", "filter", 0, "DROP"), (forward.Hook, forward.Type, forward.Priority, forward.Policy));
            Assert.Equal("policy drop", forward.PolicyText);
            Assert.Equal(new[]
            {
                "iifname \"br-edge\" oifname != \"br-edge\" ip saddr 10.63.1.0/24 tcp dport { 80, 443 } accept",
                "ip saddr 10.63.1.5 ip daddr 198.18.63.0/24 drop comment \"block the lab client\"",
                "ct state established,related accept",
                "iifname \"br-*\" udp dport 53 accept", // nft drops "meta l4proto udp": "udp dport" implies it
                "jump edge-user",
                "oifname \"eth0\" counter accept",
            }, forward.Rules.Select(r => r.Text));
            Assert.Equal(5, forward.Rules[1].Line); // the handle
            Assert.Null(v4.Table("ip filter")!.Chain("edge-user")!.Hook);
            Assert.Equal(-100, v4.Table("ip nat")!.Chain("prerouting")!.Priority);
            Assert.Equal(new[] { "ip6 filter6" }, result.IPv6!.Tables.Select(t => t.Name));
            Assert.Equal(AddressFamily.InterNetworkV6, result.IPv6.Family);
        }

        [Theory]
        [InlineData("not json at all: [", "not JSON")]
        [InlineData("{\"tables\": []}", "no \"nftables\" list")]
        public void Parse_NotNftJson_SaysWhy(string text, string why)
        {
            var result = NftJsonParser.Parse(text);

            Assert.Null(result.IPv4);
            Assert.Contains(why, Assert.Single(result.Errors));
        }

        [Fact]
        public void Forward_DropRule_NamedWithItsComment()
        {
            var decision = PacketFilter.Evaluate(Parse().IPv4!, FirewallHook.Forward, Packet("10.63.1.5", "198.18.63.7", "tcp", 8080, "br-edge", "eth0"));

            Assert.Equal(FilterVerdict.Drop, decision.Verdict);
            Assert.Equal("ip saddr 10.63.1.5 ip daddr 198.18.63.0/24 drop comment \"block the lab client\"", decision.RuleText);
            Assert.Equal(("ip filter", "forward"), (decision.Table, decision.Chain));
        }

        [Fact]
        public void Forward_PortSetAccepts_BeforeTheDrop()
        {
            var decision = PacketFilter.Evaluate(Parse().IPv4!, FirewallHook.Forward, Packet("10.63.1.5", "198.18.63.7", "tcp", 443, "br-edge", "eth0"));

            Assert.Equal(FilterVerdict.Accept, decision.Verdict);
            Assert.StartsWith("iifname \"br-edge\"", decision.RuleText);
        }

        [Fact]
        public void Forward_JumpReturnThenNothing_ThePolicyDrops()
        {
            var decision = PacketFilter.Evaluate(Parse().IPv4!, FirewallHook.Forward, Packet("10.63.1.9", "10.63.2.5", "udp", 5353, "br-x", "br-y"));

            Assert.Equal(FilterVerdict.Drop, decision.Verdict);
            Assert.Equal("policy drop", decision.RuleText);
        }

        [Fact]
        public void Forward_InterfaceWildcardAndPort_Accepts()
        {
            var decision = PacketFilter.Evaluate(Parse().IPv4!, FirewallHook.Forward, Packet("10.63.1.9", "10.63.2.5", "udp", 53, "br-x", "br-y"));

            Assert.Equal(FilterVerdict.Accept, decision.Verdict);
            Assert.Equal("iifname \"br-*\" udp dport 53 accept", decision.RuleText);
        }

        [Fact]
        public void Forward_MetaMark_UndeterminedNamingTheRule()
        {
            var decision = PacketFilter.Evaluate(Parse().IPv4!, FirewallHook.Forward, Packet("10.63.1.9", "198.51.100.1", "tcp", 22, "br-x", "eth1"));

            Assert.Equal(FilterVerdict.Undetermined, decision.Verdict);
            Assert.Equal("meta mark 1 drop", decision.RuleText);
            Assert.Contains("'meta mark 1' is a match this model does not evaluate", decision.Reason);
        }

        [Fact]
        public void Prerouting_FibLocalDnat_AndPostroutingMasquerade()
        {
            var rules = Parse().IPv4!;
            var pre = PacketFilter.Evaluate(rules, FirewallHook.Prerouting, Packet("198.18.63.9", "192.168.1.10", "tcp", 8080, "eth0", null, local: true));
            Assert.Equal("fib daddr type local tcp dport 8080 dnat to 10.63.1.2:80", pre.DnatRule!.Text);
            Assert.Equal("10.63.1.2", pre.Packet.Destination.ToString());
            Assert.Equal(80, pre.Packet.DestinationPort);

            var notLocal = PacketFilter.Evaluate(rules, FirewallHook.Prerouting, Packet("198.18.63.9", "10.63.1.2", "tcp", 8080, "eth0", null));
            Assert.Null(notLocal.DnatRule);

            var post = PacketFilter.Evaluate(rules, FirewallHook.Postrouting, Packet("10.63.1.5", "198.18.63.7", "tcp", 80, "br-edge", "eth0"));
            Assert.Equal("ip saddr 10.63.1.0/24 oifname != \"br-edge\" masquerade", post.SnatRule!.Text);
        }

        [Fact]
        public void Forward6_Ip6Table_DropsItsPrefix()
        {
            var decision = PacketFilter.Evaluate(Parse().IPv6!, FirewallHook.Forward, Packet("fd63::5", "2001:db8::1", "tcp", 80, "br-edge", "eth0"));

            Assert.Equal(FilterVerdict.Drop, decision.Verdict);
            Assert.Equal("ip6 saddr fd63::/64 drop", decision.RuleText);
        }

        private static string Scenario() =>
            "host:\n  hostname: h\n  nftables: |\n" + string.Join("\n", Json().TrimEnd('\n').Split('\n').Select(l => "    " + l)) + "\n"
            + "networks:\n- { name: edge, subnet: \"10.63.1.0/24\", gateway: \"10.63.1.1\", bridge: br-edge }\n"
            + "containers:\n- { name: client, network: edge, ip: \"10.63.1.5\" }\n- { name: other, network: edge, ip: \"10.63.1.6\" }\n";

        [Fact]
        public void Scenario_HostNftables_ReachabilityQuotesTheNftRuleAndTheWriterKeepsIt()
        {
            var model = ScenarioLoader.Parse(Scenario(), "nft.yaml");
            Assert.Equal(FirewallFormat.NftJson, model.Host.Firewall!.Format);
            Assert.NotNull(model.Host.Firewall6);

            var blocked = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery("client", "198.18.63.7", 8080));
            Assert.True(blocked.VerdictValue == ReachabilityVerdict.Blocked, blocked.VerdictValue + ": " + blocked.Reason + " | " + blocked.PathText);
            Assert.Equal("nft ip filter forward", blocked.Path.Last().Device);
            Assert.Contains("ip saddr 10.63.1.5 ip daddr 198.18.63.0/24 drop comment \"block the lab client\" drops it (host.nftables)", blocked.Path.Last().Description);

            var allowed = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery("other", "198.18.63.7", 443));
            Assert.True(allowed.VerdictValue == ReachabilityVerdict.Reachable, allowed.VerdictValue + ": " + allowed.Reason + " | " + allowed.PathText);
            Assert.Contains("masquerade", allowed.PathText);

            using var writer = new StringWriter();
            ScenarioWriter.Write(model, writer);
            var again = ScenarioLoader.Parse(writer.ToString(), "again.yaml");
            Assert.Equal(FirewallFormat.NftJson, again.Host.Firewall!.Format);
            Assert.Equal(model.Host.Firewall.Table("ip filter")!.Chain("forward")!.Rules.Select(r => r.Text), again.Host.Firewall.Table("ip filter")!.Chain("forward")!.Rules.Select(r => r.Text));
            Assert.DoesNotContain("  firewall: |", writer.ToString());
        }

        [Fact]
        public void Scenario_NftablesWithFirewall_RefusedAsTwoReadings()
        {
            var text = Scenario().Replace("  hostname: h\n", "  hostname: h\n  firewall: |\n    *filter\n    :FORWARD ACCEPT [0:0]\n    COMMIT\n");

            var error = Assert.ThrowsAny<System.Exception>(() => ScenarioLoader.Parse(text, "nft.yaml"));
            Assert.Contains("two readings of one packet filter", error.Message);
        }
    }
}
