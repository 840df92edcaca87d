using System.Linq;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Core.Tests.Firewall
{
    /// <summary>A host-network source on the host's real rules: its packets meet nat and filter OUTPUT (never FORWARD).</summary>
    public class HostSourceFirewallTests
    {
        /// <summary>The captured 20.10 lab with a host-network container, the host's uplink address, and <paramref name="rule"/> (if any) first in filter OUTPUT.</summary>
        private static DockerHostModel Lab(string? rule = null)
        {
            var rules = PacketFilterTests.Text(PacketFilterTests.Engine2010);
            if (rule != null)
            {
                var filter = rules.IndexOf("*filter", System.StringComparison.Ordinal);
                var commit = rules.IndexOf("\nCOMMIT", filter, System.StringComparison.Ordinal);
                rules = rules.Substring(0, commit) + "\n" + rule + rules.Substring(commit);
            }
            var text = FirewallScenarioTests.WithFirewall(rules, FirewallReachabilityTests.Lab2010 + "- { name: firewall-hostnet, network: host }\n")
                .Replace("  hostname: h\n", "  hostname: h\n  addresses: [192.168.1.10]\n");
            return ScenarioLoader.Parse(text, "lab.yaml");
        }

        private static ReachabilityResult Ask(DockerHostModel model, string destination, int? port) =>
            ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery("firewall-hostnet", destination, port));

        private static string Show(ReachabilityResult result) => result.Verdict + ": " + result.Reason + " | " + result.PathText;

        [Fact]
        public void ToContainer_OutputAccepts_ReachableNamingOutput()
        {
            var result = Ask(Lab(), "172.17.0.2", 80);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Reachable, Show(result));
            Assert.Contains("OUTPUT accepts it: -P OUTPUT ACCEPT", result.Reason);
            Assert.Contains(result.Path, h => h.Device == "iptables filter OUTPUT");
        }

        [Fact]
        public void ToContainer_OutputDrop_BlockedQuotingTheRuleWithItsDeletion()
        {
            const string rule = "-A OUTPUT -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j DROP";
            var result = Ask(Lab(rule), "172.17.0.2", 80);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, Show(result));
            Assert.Contains("leaves through OUTPUT (never FORWARD)", result.Reason);
            Assert.Contains(rule + " drops it", result.Path.Last().Description);
            Assert.StartsWith("iptables -D OUTPUT -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j DROP", result.Remedy);
            // Another port is not matched.
            Assert.NotEqual(ReachabilityVerdict.Blocked, Ask(Lab(rule), "172.17.0.2", 81).AddressVerdictValue);
        }

        [Fact]
        public void ToPublishedPortOnGateway_NatOutputDnat_ReachableWithoutForward()
        {
            var result = Ask(Lab(), "172.17.0.1", 18999);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Reachable, Show(result));
            Assert.Contains("-A DOCKER ! -i docker0 -p tcp -m tcp --dport 18999 -j DNAT --to-destination 172.17.0.2:80 (OUTPUT)", result.Reason);
            Assert.Contains(result.Path, h => h.Device == "iptables nat DOCKER");
            Assert.DoesNotContain(result.Path, h => h.Device.Contains("FORWARD", System.StringComparison.Ordinal));
            Assert.Equal("firewall-pub", result.DestinationContainer);
        }

        [Fact]
        public void ToPublishedPortOnGateway_OutputDropAfterDnat_Blocked()
        {
            // filter OUTPUT sees the DNAT'd destination.
            var result = Ask(Lab("-A OUTPUT -d 172.17.0.2/32 -j DROP"), "192.168.1.10", 18999);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, Show(result));
            Assert.Contains("-A OUTPUT -d 172.17.0.2/32 -j DROP", result.Reason);
            Assert.Contains(result.Path, h => h.Description.Contains("DNAT --to-destination 172.17.0.2:80", System.StringComparison.Ordinal));
        }

        [Fact]
        public void ToPublishedPortOnLoopback_NotDnated_InputThenDockerProxy()
        {
            var result = Ask(Lab(), "127.0.0.1", 18999);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Reachable, Show(result));
            Assert.Contains("no nat rule DNATs the host's own packet", result.Reason);
            Assert.Contains(result.Path, h => h.Device == "docker-proxy");
            Assert.Contains(result.Path, h => h.Device == "iptables filter INPUT");
        }

        [Fact]
        public void ToOutside_OutputDrop_BlockedNeverLeaves()
        {
            var open = Ask(Lab(), "198.51.100.7", 443);
            Assert.True(open.AddressVerdictValue == ReachabilityVerdict.Reachable, Show(open));
            Assert.Contains("the host's rules accept it", open.Reason);

            var result = Ask(Lab("-A OUTPUT -d 198.51.100.0/24 -p tcp -m tcp --dport 443 -j REJECT --reject-with icmp-port-unreachable"), "198.51.100.7", 443);

            Assert.True(result.AddressVerdictValue == ReachabilityVerdict.Blocked, Show(result));
            Assert.Contains("in OUTPUT the host's rule -A OUTPUT -d 198.51.100.0/24", result.Reason);
            Assert.Contains("rejects it", result.Reason);
            Assert.StartsWith("iptables -D OUTPUT -d 198.51.100.0/24", result.Remedy);
        }
    }
}
