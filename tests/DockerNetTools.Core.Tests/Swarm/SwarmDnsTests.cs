using System.Linq;
using DockerNetTools.Analysis.Dns;
using Xunit;

namespace DockerNetTools.Core.Tests.Swarm
{
    public class SwarmDnsTests
    {
        [Theory]
        [InlineData("web", "10.66.1.2")]
        [InlineData("tasks.web", "10.66.1.3,10.66.1.4")]
        [InlineData("db", "10.66.1.5")]
        [InlineData("tasks.db", "10.66.1.5")]
        public void Resolve_ServiceNames_VipOrEveryTask(string name, string expected)
        {
            var model = SwarmKit.Load();
            var from = model.FindContainer(model.Swarm!.FindTask("web.1")!.ContainerName)!;
            var resolution = NameResolver.Resolve(model, from, name);
            Assert.True(resolution.Resolved);
            Assert.Equal(expected, string.Join(",", resolution.Answers.Select(a => a.IPAddress.ToString())));
            Assert.All(resolution.Answers, a => Assert.Equal("swarm-ov", a.Network));
        }

        [Fact]
        public void Resolve_VipWithoutIpvs_NotesThatNothingAnswers()
        {
            var model = SwarmKit.Load();
            var from = model.FindContainer(model.Swarm!.FindTask("web.1")!.ContainerName)!;
            var resolution = NameResolver.Resolve(model, from, "web");
            Assert.Contains(resolution.Notes, n => n.Contains("no ip_vs", System.StringComparison.Ordinal));
        }
    }
}
