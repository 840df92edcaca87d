using System.IO;
using System.Linq;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// A client outside the host through the cmdlets: Test-DockerNetReachability -Source &lt;address&gt; and
    /// Get-DockerNetPortBinding's Exposure with its warning, on a scenario holding a ufw-like INPUT drop for the published port.
    /// </summary>
    public sealed class IngressCmdletTests : IClassFixture<PowerShellSession>
    {
        private const string Rules = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n"
                                     + "-A INPUT -p tcp -m tcp --dport 8080 -j DROP\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -j DOCKER\n"
                                     + "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\n-A DOCKER-USER -j RETURN\nCOMMIT\n"
                                     + "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
                                     + "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\nCOMMIT\n";

        private readonly PowerShellSession _session;

        public IngressCmdletTests(PowerShellSession session) => _session = session;

        private static string Scenario(TempFolder temp)
        {
            var path = Path.Combine(temp.Path, "ufw.yaml");
            File.WriteAllText(path, "host:\n  addresses: [192.0.2.2]\n  firewall: |\n" + string.Join("\n", Rules.TrimEnd('\n').Split('\n').Select(l => "    " + l)) + "\n"
                                    + "networks:\n- { name: bridge, subnet: \"172.17.0.0/16\", gateway: \"172.17.0.1\", bridge: docker0 }\n"
                                    + "containers:\n- name: web\n  network: bridge\n  ip: \"172.17.0.2\"\n  publish: [\"8080:80\"]\n"
                                    + "  sockets:\n  - {protocol: tcp6, local: \"[::]:80\", state: listen, process: httpd}\n");
            return path;
        }

        [Fact]
        public void Reachability_SourceOutsideTheHost_ForwardedPastTheInputDrop()
        {
            using var temp = new TempFolder();
            var result = _session.Run("Test-DockerNetReachability -Scenario $lab -Source 203.0.113.7 -Destination 192.0.2.2 -Port 8080",
                new System.Collections.Generic.Dictionary<string, object?> { ["lab"] = Scenario(temp) }).AssertClean().Objects<ReachabilityResult>().Single();

            Assert.Equal(nameof(ReachabilityVerdict.Reachable), result.Verdict);
            Assert.Equal("203.0.113.7", result.Source);
            Assert.Equal("web", result.DestinationContainer);
            Assert.Contains("Note: INPUT's rule -A INPUT -p tcp -m tcp --dport 8080 -j DROP (iptables filter INPUT) would drop it, but does not apply", result.Reason);
        }

        [Fact]
        public void PortBinding_InputDropOnAPublishedPort_ExposedToAnyoneWithAWarning()
        {
            using var temp = new TempFolder();
            var run = _session.Run("Get-DockerNetPortBinding -Scenario $lab", new System.Collections.Generic.Dictionary<string, object?> { ["lab"] = Scenario(temp) }).AssertClean();

            var report = run.Objects<PortBindingReport>().Single();
            Assert.Equal(nameof(PortExposure.Anyone), report.Exposure);
            var warning = Assert.Single(run.Warnings);
            Assert.StartsWith("web 0.0.0.0:8080: the INPUT rule -A INPUT -p tcp -m tcp --dport 8080 -j DROP (filter INPUT) appears to block 192.0.2.2:8080/tcp", warning.Message);
        }
    }
}
