using System;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Core.Tests.Swarm
{
    /// <summary>The nodes' own packet filters on the way between tasks on different nodes (nodes[].firewall, host.firewall for the local node).</summary>
    public class SwarmNodeFirewallTests
    {
        private const string RemoteTask = "10.66.1.4";
        private const string N2 = "  - { hostname: swarm-n2, address: 198.18.66.12 }\n";

        /// <summary>iptables-save text of a filter table whose INPUT and OUTPUT end in the given rules.</summary>
        private static string Rules(string input = "", string output = "", string policy = "ACCEPT") =>
            "*filter\n:INPUT " + policy + " [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n" + input + output + "COMMIT\n";

        private static string Indented(string text, string indent) => indent + text.TrimEnd('\n').Replace("\n", "\n" + indent, StringComparison.Ordinal) + "\n";

        /// <summary>The two-node lab with swarm-n2's filter given (and optionally the local host's, which is swarm-n1's).</summary>
        private static DockerHostModel Lab(string? n2Rules = null, string? hostRules = null, string? n1Rules = null, bool encrypted = false)
        {
            var yaml = SwarmKit.TwoNodes;
            if (encrypted) yaml = yaml.Replace("attachable: true", "attachable: true, encrypted: true", StringComparison.Ordinal);
            if (n2Rules != null)
                yaml = yaml.Replace(N2, "  - hostname: swarm-n2\n    address: 198.18.66.12\n    firewall: |\n" + Indented(n2Rules, "      "), StringComparison.Ordinal);
            if (n1Rules != null)
                yaml = yaml.Replace("  - { hostname: swarm-n1, address: 198.18.66.11, role: manager, ipvs: false, local: true }\n",
                    "  - hostname: swarm-n1\n    address: 198.18.66.11\n    role: manager\n    ipvs: false\n    local: true\n    firewall: |\n" + Indented(n1Rules, "      "), StringComparison.Ordinal);
            if (hostRules != null) yaml += "host:\n  firewall: |\n" + Indented(hostRules, "    ");
            return SwarmKit.Load(yaml);
        }

        private static ReachabilityResult Reach(DockerHostModel model, int? port = null) =>
            ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(model.Swarm!.FindTask("web.1")!.ContainerName, RemoteTask, port));

        [Fact]
        public void Reach_ReceivingNodeDropsVxlanFromThePeer_BlockedNamingTheRuleAndTheAccept()
        {
            var model = Lab(Rules("-A INPUT -s 198.18.66.11/32 -p udp -m udp --dport 4789 -j DROP\n"));
            var result = Reach(model);
            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.Contains("on swarm-n2, the rule -A INPUT -s 198.18.66.11/32 -p udp -m udp --dport 4789 -j DROP (iptables filter INPUT) drops udp/4789 from swarm-n1 (198.18.66.11)", result.Reason, StringComparison.Ordinal);
            Assert.Equal("on swarm-n2: iptables -I INPUT -s 198.18.66.11 -p udp --dport 4789 -j ACCEPT (or remove the rule: iptables -D INPUT -s 198.18.66.11/32 -p udp -m udp --dport 4789 -j DROP)", result.Remedy);
            // Dropped on arrival: sent by swarm-n1, never decapsulated on swarm-n2.
            Assert.Contains("swarm-n1: udp/4789 to 198.18.66.12 -> swarm-n2 iptables", result.PathText, StringComparison.Ordinal);
            Assert.DoesNotContain("decapsulated", result.PathText, StringComparison.Ordinal);
            Assert.EndsWith("swarm-n2 iptables filter INPUT: udp/4789 from swarm-n1: -A INPUT -s 198.18.66.11/32 -p udp -m udp --dport 4789 -j DROP drops it (nodes[swarm-n2].firewall)", result.Path[^1].ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void Reach_RulesThatPassVxlanAndGossip_ReachableSayingBothFiltersPass()
        {
            var model = Lab(Rules("-A INPUT -s 198.18.66.0/24 -j ACCEPT\n", policy: "DROP"), n1Rules: Rules("-A INPUT -s 198.18.66.0/24 -j ACCEPT\n", policy: "DROP"));
            var result = Reach(model);
            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
            Assert.Contains("both nodes' packet filters pass", result.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Reach_PolicyDropWithoutAnAccept_BlockedByThePolicy()
        {
            var model = Lab(Rules(policy: "DROP"));
            var result = Reach(model);
            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.Contains("the policy -P INPUT DROP", result.Reason, StringComparison.Ordinal);
            Assert.Equal("on swarm-n2: iptables -I INPUT -s 198.18.66.11 -p udp --dport 4789 -j ACCEPT", result.Remedy);
        }

        [Fact]
        public void Reach_SendingNodeDropsVxlanInOutput_BlockedOnTheSenderWithADestinationAccept()
        {
            var model = Lab(n1Rules: Rules(output: "-A OUTPUT -d 198.18.66.12/32 -p udp -m udp --dport 4789 -j DROP\n"));
            var result = Reach(model);
            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.StartsWith("on swarm-n1: iptables -I OUTPUT -d 198.18.66.12 -p udp --dport 4789 -j ACCEPT", result.Remedy, StringComparison.Ordinal);
            Assert.Contains("drops udp/4789 to swarm-n2", result.Reason, StringComparison.Ordinal);
            // Stopped on the sender: the path ends at swarm-n1's rule, before anything leaves it.
            Assert.EndsWith("vxlan (VNI 4097) -> swarm-n1 iptables filter OUTPUT: udp/4789 to swarm-n2: -A OUTPUT -d 198.18.66.12/32 -p udp -m udp --dport 4789 -j DROP drops it (nodes[swarm-n1].firewall)",
                result.PathText, StringComparison.Ordinal);
        }

        [Fact]
        public void Reach_LocalNodeWithoutNodeFirewall_UsesTheHostsFilterForTheWayBack()
        {
            var model = Lab(hostRules: Rules("-A INPUT -s 198.18.66.12/32 -p udp -m udp --dport 4789 -j DROP\n"));
            var result = Reach(model);
            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.Contains("on swarm-n1, the rule", result.Reason, StringComparison.Ordinal);
            Assert.Contains("the request arrives, the answer does not", result.Reason, StringComparison.Ordinal);
            // The whole way there, then the reply stopped on swarm-n1.
            Assert.Contains("decapsulated", result.PathText, StringComparison.Ordinal);
            Assert.EndsWith("swarm-n1 iptables filter INPUT: udp/4789 from swarm-n2: -A INPUT -s 198.18.66.12/32 -p udp -m udp --dport 4789 -j DROP drops it (host.firewall)", result.PathText, StringComparison.Ordinal);
            // swarm-n2's filter is not known: the answer says so when it holds.
            var open = Reach(Lab(hostRules: Rules()));
            Assert.Equal(ReachabilityVerdict.Reachable, open.VerdictValue);
            Assert.Contains("swarm-n2's is not known", open.Reason, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(true, ReachabilityVerdict.Blocked)]
        [InlineData(false, ReachabilityVerdict.Reachable)]
        public void Reach_EspDropped_BlocksOnlyAnEncryptedOverlay(bool encrypted, ReachabilityVerdict expected)
        {
            var model = Lab(Rules("-A INPUT -p esp -j DROP\n"), encrypted: encrypted);
            var result = Reach(model);
            Assert.Equal(expected, result.VerdictValue);
            if (encrypted)
            {
                Assert.Contains("drops esp from swarm-n1", result.Reason, StringComparison.Ordinal);
                Assert.StartsWith("on swarm-n2: iptables -I INPUT -s 198.18.66.11 -p esp -j ACCEPT", result.Remedy, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Reach_EncryptedOverlayWithVxlanDropped_EspStillPasses()
        {
            // On the wire an encrypted overlay's packets are ESP: a drop of plain udp/4789 there is Docker's own guard against unencrypted VXLAN.
            var result = Reach(Lab(Rules("-A INPUT -s 198.18.66.11/32 -p udp -m udp --dport 4789 -j DROP\n"), encrypted: true));
            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
        }

        // As on the lab (Engine 20.10, swarm-n1's own rules): tcp+udp to 7946 from swarm-n2 dropped on arrival left the task
        // on swarm-n2 answering for as long as it was watched; dropped on arrival and on the way out, it stopped answering.
        private const string GossipInFromN2 = "-A INPUT -s 198.18.66.12/32 -p tcp -m tcp --dport 7946 -j DROP\n-A INPUT -s 198.18.66.12/32 -p udp -m udp --dport 7946 -j DROP\n";
        private const string GossipOutToN2 = "-A OUTPUT -d 198.18.66.12/32 -p tcp -m tcp --dport 7946 -j DROP\n-A OUTPUT -d 198.18.66.12/32 -p udp -m udp --dport 7946 -j DROP\n";

        [Fact]
        public void Reach_GossipDroppedBothWays_BlockedBecauseTheNodesCannotLearnTaskLocations()
        {
            var result = Reach(Lab(hostRules: Rules(GossipInFromN2, GossipOutToN2)));
            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.Contains("the overlay's data (udp/4789) passes both nodes' filters, but the gossip between them is cut", result.Reason, StringComparison.Ordinal);
            Assert.Contains("drops tcp/7946 to swarm-n2", result.Reason, StringComparison.Ordinal);
            Assert.Contains("drops udp/7946 from swarm-n2", result.Reason, StringComparison.Ordinal);
            Assert.Contains("no VXLAN destination for " + RemoteTask, result.Reason, StringComparison.Ordinal);
            Assert.Equal("on swarm-n1: iptables -I OUTPUT -d 198.18.66.12 -p tcp --dport 7946 -j ACCEPT; on swarm-n1: iptables -I INPUT -s 198.18.66.12 -p tcp --dport 7946 -j ACCEPT; "
                         + "on swarm-n1: iptables -I OUTPUT -d 198.18.66.12 -p udp --dport 7946 -j ACCEPT; on swarm-n1: iptables -I INPUT -s 198.18.66.12 -p udp --dport 7946 -j ACCEPT", result.Remedy);
            Assert.EndsWith("vxlan (VNI 4097) -> swarm-n1 iptables filter OUTPUT: tcp/7946 to swarm-n2: -A OUTPUT -d 198.18.66.12/32 -p tcp -m tcp --dport 7946 -j DROP drops it (host.firewall)",
                result.PathText, StringComparison.Ordinal);
        }

        [Fact]
        public void Reach_GossipDroppedOneWay_ReachableWithANote()
        {
            var result = Reach(Lab(hostRules: Rules(GossipInFromN2)));
            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
            Assert.Contains("Part of the gossip is dropped (on swarm-n1, the rule -A INPUT -s 198.18.66.12/32 -p tcp -m tcp --dport 7946 -j DROP (iptables filter INPUT) drops tcp/7946 from swarm-n2", result.Reason, StringComparison.Ordinal);
            Assert.Contains("the nodes stay members", result.Reason, StringComparison.Ordinal);
            Assert.EndsWith("on swarm-n1: iptables -I INPUT -s 198.18.66.12 -p tcp --dport 7946 -j ACCEPT; on swarm-n1: iptables -I INPUT -s 198.18.66.12 -p udp --dport 7946 -j ACCEPT.", result.Reason, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("tcp", ReachabilityVerdict.Blocked)]
        [InlineData("udp", ReachabilityVerdict.Reachable)]
        public void Reach_OneProtocolOfTheGossipDroppedBothWays_CutOnlyWithoutTcp(string protocol, ReachabilityVerdict expected)
        {
            // tcp dropped both ways and udp one way: no ping, no tcp ping, no refutation. udp dropped both ways: tcp pings keep both members.
            var rules = "-A INPUT -p " + protocol + " -m " + protocol + " --dport 7946 -j DROP\n" + (protocol == "tcp" ? "-A INPUT -p udp -m udp --dport 7946 -j DROP\n" : string.Empty);
            var result = Reach(Lab(Rules(rules), n1Rules: Rules("-A INPUT -p " + protocol + " -m " + protocol + " --dport 7946 -j DROP\n")));
            Assert.Equal(expected, result.VerdictValue);
        }

        [Fact]
        public void Reach_RemoteRuleOnAnInterface_UndeterminedNotGuessed()
        {
            var result = Reach(Lab(Rules("-A INPUT -i eth1 -p udp -m udp --dport 4789 -j DROP\n")));
            Assert.Equal(ReachabilityVerdict.Undetermined, result.VerdictValue);
            Assert.Contains("'-i eth1' names an interface the model does not know", result.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Reach_LocalRuleOnTheNodesInterface_DecidedByTheInterfaceHoldingTheNodeAddress()
        {
            var yaml = "host:\n  interfaces:\n    - { name: eth9, addresses: [198.18.66.11] }\n  firewall: |\n"
                       + Indented(Rules("-A INPUT -i eth1 -p udp -m udp --dport 4789 -j DROP\n-A INPUT -i eth9 -p udp -m udp --dport 4789 -j REJECT\n"), "    ");
            var result = Reach(SwarmKit.Load(SwarmKit.TwoNodes + yaml));
            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.Contains("-i eth9 -p udp -m udp --dport 4789 -j REJECT (iptables filter INPUT) rejects udp/4789 from swarm-n2", result.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Writer_NodeFirewall_ReloadsToTheSameAnswer()
        {
            var model = Lab(Rules("-A INPUT -s 198.18.66.11/32 -p udp -m udp --dport 4789 -j DROP\n"));
            var yaml = ScenarioWriter.ToYaml(model, "again");
            Assert.Contains("firewall: |", yaml, StringComparison.Ordinal);
            var again = ScenarioLoader.Parse(yaml, "again.yaml");
            Assert.Equal(model.Swarm!.FindNode("swarm-n2")!.Firewall!.Text, again.Swarm!.FindNode("swarm-n2")!.Firewall!.Text);
            Assert.Equal(Reach(model).Reason, Reach(again).Reason);
        }

        [Fact]
        public void Load_BadRuleInANodesFirewall_ErrorAtItsLineInTheFile()
        {
            var ex = Assert.Throws<DockerNetTools.Diagnostics.DockerNetException>(() => Lab(Rules("-A NOCHAIN -j DROP\n")));
            Assert.Contains("test.yaml:17:10: firewall: chain NOCHAIN is not declared", ex.Message, StringComparison.Ordinal);
        }
    }
}
