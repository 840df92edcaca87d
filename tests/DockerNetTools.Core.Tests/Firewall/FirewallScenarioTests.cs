using System.Linq;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Core.Tests.Firewall
{
    /// <summary>The scenario key host.firewall: read, written back, and its errors placed in the scenario file.</summary>
    public class FirewallScenarioTests
    {
        /// <summary>A scenario whose host.firewall holds <paramref name="rules"/> as a literal block, indented by four spaces.</summary>
        internal static string WithFirewall(string rules, string rest = "containers:\n  - name: a\n") =>
            "host:\n  hostname: h\n  firewall: |\n" + string.Join("\n", rules.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? l : "    " + l)) + "\n" + rest;

        [Fact]
        public void Read_FirewallBlock_IsTheParsedRuleset()
        {
            var model = ScenarioLoader.Parse(WithFirewall(PacketFilterTests.Text(PacketFilterTests.Engine2010)), "fw.yaml");

            Assert.NotNull(model.Host.Firewall);
            Assert.Equal("DROP", model.Host.Firewall!.Table("filter")!.Chain("FORWARD")!.Policy);
            Assert.Contains(model.Host.Firewall.Table("nat")!.Chain("DOCKER")!.Rules, r => r.Text == "-A DOCKER -i fw-user -j RETURN");
            Assert.Null(model.Host.Firewall6);
        }

        [Fact]
        public void Read_NoFirewallKey_ModelHoldsNone()
        {
            var model = ScenarioLoader.Parse("containers:\n  - name: a\n", "fw.yaml");

            Assert.Null(model.Host.Firewall);
        }

        [Fact]
        public void Read_BadRuleInBlock_ErrorAtItsFileLineAndColumn()
        {
            var yaml = WithFirewall("*filter\n:FORWARD ACCEPT [0:0]\n-A FORWARD -s 10.0.0.300/8 -j DROP\nCOMMIT\n");

            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse(yaml, "fw.yaml"));

            // Line 6 of the file is the rule's; its "10.0.0.300/8" starts at column 15 of the rule, after 4 spaces of indentation.
            Assert.Equal(new[] { "fw.yaml:6:19: firewall: '10.0.0.300/8' is not an IPv4 address or address/mask" }, ScenarioLoader.ErrorLines(ex));
        }

        [Fact]
        public void Read_Firewall6_ReadsIpv6Rules()
        {
            var yaml = "host:\n  firewall6: |\n    *filter\n    :FORWARD ACCEPT [0:0]\n    -A FORWARD -s fd00:62::/64 -j DROP\n    COMMIT\n";

            var model = ScenarioLoader.Parse(yaml, "fw.yaml");

            Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, model.Host.Firewall6!.Family);
        }

        [Fact]
        public void Read_FoldedBlock_Refused()
        {
            var yaml = "host:\n  firewall: >\n    *filter\n    COMMIT\n";

            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse(yaml, "fw.yaml"));

            Assert.Contains(ScenarioLoader.ErrorLines(ex), l => l.StartsWith("fw.yaml:2:13: 'firewall' must be a literal block", System.StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(PacketFilterTests.Engine2010)]
        [InlineData(PacketFilterTests.Engine285)]
        [InlineData(PacketFilterTests.Ufw)]
        public void Write_Firewall_ReloadsTheSameText(string file)
        {
            var original = ScenarioLoader.Parse(WithFirewall(PacketFilterTests.Text(file)), "fw.yaml");

            var yaml = ScenarioWriter.ToYaml(original);
            var reloaded = ScenarioLoader.Parse(yaml, "copy.yaml");

            Assert.Contains("  firewall: |", yaml);
            Assert.Equal(original.Host.Firewall!.Text, reloaded.Host.Firewall!.Text);
            Assert.Equal(original.Host.Firewall.Tables.SelectMany(t => t.Chains).SelectMany(c => c.Rules).Select(r => r.Text),
                reloaded.Host.Firewall.Tables.SelectMany(t => t.Chains).SelectMany(c => c.Rules).Select(r => r.Text));
        }
    }
}
