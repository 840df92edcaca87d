using System.Linq;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Core.Tests.Swarm
{
    public class SwarmReachabilityTests
    {
        private static (DockerHostModel Model, string Source) Lab(string yaml = SwarmKit.TwoNodes)
        {
            var model = SwarmKit.Load(yaml);
            var web1 = model.Swarm!.FindTask("web.1")!;
            return (model, web1.ContainerName);
        }

        [Fact]
        public void Reach_TaskOnOtherNode_CrossesInVxlanBetweenNodeAddresses()
        {
            var (model, source) = Lab();
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, "10.66.1.4"));
            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
            Assert.Contains("VNI 4097", result.PathText, System.StringComparison.Ordinal);
            Assert.Contains("udp/4789 to 198.18.66.12", result.PathText, System.StringComparison.Ordinal);
            Assert.Contains("swarm-n2", result.Reason, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Reach_EncryptedOverlay_SaysEsp()
        {
            var (model, source) = Lab(SwarmKit.TwoNodes.Replace("attachable: true", "attachable: true, encrypted: true", System.StringComparison.Ordinal));
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, "10.66.1.4"));
            Assert.Contains("ESP", result.Reason, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Reach_ServiceVipWithoutIpvs_BlockedWithTheReason()
        {
            var (model, source) = Lab();
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, "web", 80));
            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.Equal("10.66.1.2", result.DestinationAddress!.ToString());
            Assert.True(result.NameResolves);
            Assert.Contains("no ip_vs", result.Reason, System.StringComparison.Ordinal);
            Assert.Contains("modprobe ip_vs", result.Remedy, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Reach_ServiceVipWithIpvs_GoesToATask()
        {
            var (model, source) = Lab(SwarmKit.TwoNodes.Replace("ipvs: false", "ipvs: true", System.StringComparison.Ordinal));
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, "web"));
            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
            Assert.Contains("balanced over 2 task(s)", result.PathText, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Reach_TasksName_ResolvesToTaskAddresses()
        {
            var (model, source) = Lab();
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, "tasks.db"));
            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
            Assert.Equal("10.66.1.5", result.DestinationAddress!.ToString());
            Assert.Contains("via Docker's embedded DNS", result.Reason, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Reach_DnsrrServiceName_IsItsTasksNotAVip()
        {
            var (model, source) = Lab();
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, "db"));
            Assert.Equal("10.66.1.5", result.DestinationAddress!.ToString());
            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
        }

        [Fact]
        public void Reach_ServiceFromAContainerOffTheOverlay_NameNotResolvedWithConnect()
        {
            var yaml = SwarmKit.TwoNodes + "containers:\n  - { name: loner, image: busybox }\n";
            var model = SwarmKit.Load(yaml);
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery("loner", "tasks.web"));
            Assert.Equal(ReachabilityVerdict.NameNotResolved, result.VerdictValue);
            Assert.Equal("docker network connect swarm-ov loner", result.Remedy);
        }

        [Fact]
        public void Reach_OutsideAddressFromATask_LeavesThroughDockerGwbridge()
        {
            // "app-ov" sorts before docker_gwbridge, and still an overlay never holds the default route.
            var (model, source) = Lab(SwarmKit.TwoNodes.Replace("swarm-ov", "app-ov", System.StringComparison.Ordinal));
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, "198.18.66.12"));
            Assert.Equal("docker_gwbridge", result.NetworkUsed);
        }

        [Fact]
        public void Reach_TaskOnDownNode_NoRoute()
        {
            var (model, source) = Lab(SwarmKit.TwoNodes.Replace("address: 198.18.66.12 }", "address: 198.18.66.12, state: down }", System.StringComparison.Ordinal)
                .Replace("{ slot: 1, node: swarm-n2 }", "{ slot: 1, node: swarm-n2, addresses: { swarm-ov: 10.66.1.9 } }", System.StringComparison.Ordinal));
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, "10.66.1.9"));
            Assert.Equal(ReachabilityVerdict.NoRoute, result.VerdictValue);
        }
    }
}
