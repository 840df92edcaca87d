using DockerNetTools.Analysis.Reachability;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>macvlan: its containers reach each other; they and their host (the parent interface) do not.</summary>
    public class MacvlanTests
    {
        private const string Lab = @"
host:
  addresses: [192.168.1.10]
  listeners:
    - { protocol: tcp, local: ""0.0.0.0:22"", process: sshd }
networks:
  - name: lan
    driver: macvlan
    parent: eth0
    subnet: 192.168.1.0/24
    gateway: 192.168.1.1
containers:
  - name: cam1
    network: lan
    ip: 192.168.1.50
    publish: [""8554:554""]
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:554"", state: listen, process: rtsp }
  - name: cam2
    network: lan
    ip: 192.168.1.51
  - name: admin
    network: host
  - name: plain
";

        [Fact]
        public void Analyze_PublishOfAMacvlanContainer_NothingOnTheHostTakesIt()
        {
            var viaGateway = Ask(Lab, "plain", "172.17.0.1", 8554);
            Verdict(viaGateway, ReachabilityVerdict.NoListener, "published by cam1", "only on macvlan/ipvlan network(s) lan", "Docker publishes nothing on the host");
            Assert.Equal("cam1", viaGateway.DestinationContainer);

            var direct = Ask(Lab, "plain", "cam1", 554);
            Assert.Empty(direct.Alternatives);
        }

        [Fact]
        public void Analyze_SameMacvlan_ReachEachOther()
        {
            var result = Ask(Lab, "cam2", "cam1", 554);
            Verdict(result, ReachabilityVerdict.Reachable, "both on macvlan network lan");
        }

        [Fact]
        public void Analyze_HostToMacvlanContainer_Blocked()
        {
            var result = Ask(Lab, "admin", "cam1", 554);
            ByAddress(result, ReachabilityVerdict.Blocked, "cannot reach its own macvlan containers through the parent interface");
        }

        [Fact]
        public void Analyze_MacvlanContainerToHostAddress_Blocked()
        {
            var result = Ask(Lab, "cam1", "192.168.1.10", 22);
            Verdict(result, ReachabilityVerdict.Blocked, "a macvlan container and its host cannot reach each other");
            Assert.Equal("docker network connect bridge cam1", result.Remedy);
        }

        [Fact]
        public void Analyze_BridgeContainerToMacvlanContainer_Blocked()
        {
            var result = Ask(Lab, "plain", "cam1");
            ByAddress(result, ReachabilityVerdict.Blocked, "cam1 is on macvlan network lan");
        }
    }
}
