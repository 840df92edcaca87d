using System.Linq;
using DockerNetTools.Firewall;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Core.Tests.Firewall
{
    public class IptablesSaveParserTests
    {
        [Fact]
        public void Parse_Engine2010Capture_TablesChainsAndRuleText()
        {
            var rules = PacketFilterTests.Rules(PacketFilterTests.Engine2010);

            Assert.Equal(new[] { "filter", "nat" }, rules.Tables.Select(t => t.Name));
            var forward = rules.Table("filter")!.Chain("FORWARD")!;
            Assert.Equal("DROP", forward.Policy);
            Assert.Null(rules.Table("filter")!.Chain("DOCKER")!.Policy);
            Assert.Equal("-A FORWARD -o fw-nomasq -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", forward.Rules[2].Text);
            var dnat = rules.Table("nat")!.Chain("DOCKER")!.Rules.Single(r => r.Target.Name == "DNAT" && r.Text.Contains("18999"));
            Assert.Equal("172.17.0.2:80", dnat.Target.Option("--to-destination"));
            Assert.Equal(PacketFilterTests.Text(PacketFilterTests.Engine2010).Split('\n')[dnat.Line - 1], dnat.Text);
        }

        [Theory]
        [InlineData(PacketFilterTests.Engine285, new[] { "raw", "filter", "nat" })]
        [InlineData(PacketFilterTests.Ufw, new[] { "filter", "nat" })]
        [InlineData(PacketFilterTests.Engine285Captured, new[] { "raw", "filter", "nat" })]
        public void Parse_RealRulesets_NoErrors(string file, string[] tables)
        {
            Assert.Equal(tables, PacketFilterTests.Rules(file).Tables.Select(t => t.Name));
        }

        [Theory]
        [InlineData("*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -s 10.0.0.300/8 -j DROP\nCOMMIT\n", 3, 15, "'10.0.0.300/8' is not an IPv4 address")]
        [InlineData("*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -j NOWHERE\nCOMMIT\n", 3, 15, "rule jumps to NOWHERE")]
        [InlineData("*filter\n:FORWARD ACCEPT [0:0]\n-A DOCKER -j DROP\nCOMMIT\n", 3, 4, "chain DOCKER is not declared")]
        [InlineData("*filter\n:FORWARD MAYBE [0:0]\nCOMMIT\n", 2, 10, "unknown policy 'MAYBE'")]
        [InlineData("*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -p tcp -m tcp --dport 70000 -j DROP\nCOMMIT\n", 3, 34, "'70000' is not a port")]
        [InlineData("*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -j DROP\n", 1, 1, "table filter has no COMMIT line")]
        [InlineData(":FORWARD ACCEPT [0:0]\n", 1, 1, "expected a table line such as *filter first")]
        [InlineData("*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -m comment --comment \"open -j DROP\nCOMMIT\n", 3, 33, "unclosed quote")]
        [InlineData("*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD bogus -j DROP\nCOMMIT\n", 3, 12, "unexpected 'bogus'")]
        public void Parse_Malformed_PointsAtLineAndColumn(string text, int line, int column, string reason)
        {
            var result = IptablesSaveParser.Parse(text);

            Assert.Null(result.Ruleset);
            var error = Assert.Single(result.Errors);
            Assert.Equal((line, column), (error.Line, error.Column));
            Assert.Contains(reason, error.Reason);
        }

        [Fact]
        public void Parse_Engine285Ip6tablesCapture_Ipv6Ruleset()
        {
            var result = IptablesSaveParser.Parse(PacketFilterTests.Text(PacketFilterTests.Engine285Captured6), System.Net.Sockets.AddressFamily.InterNetworkV6);

            Assert.Empty(result.Errors);
            Assert.Equal("-A OUTPUT ! -d ::1/128 -m addrtype --dst-type LOCAL -j DOCKER", result.Ruleset!.Table("nat")!.Chain("OUTPUT")!.Rules.Single().Text);
        }

        [Fact]
        public void Parse_Ipv6Rules_ReadsIpv6Networks()
        {
            var result = IptablesSaveParser.Parse("*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -s fd00:62::/64 -o docker0 -j DROP\nCOMMIT\n", System.Net.Sockets.AddressFamily.InterNetworkV6);

            Assert.Empty(result.Errors);
            Assert.Equal(RuleMatchKind.Source, result.Ruleset!.Table("filter")!.Chain("FORWARD")!.Rules[0].Matches[0].Kind);
        }
    }
}
