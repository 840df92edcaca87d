using System.Linq;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>The seed's port publishes: the blue clash and the green dead forward, as docker and the kernel show them.</summary>
    [Collection(SeedLabCollection.Name)]
    public sealed class PortTests
    {
        private readonly SeedLab _lab;

        public PortTests(SeedLab lab)
        {
            _lab = lab;
        }

        [LiveFact]
        public void Publish_BluesHostPortAgain_DockerRefusesAndTheModelHoldsIt()
        {
            _lab.EnsureBuilt();
            var port = _lab.BasePort + 3;

            var blue = _lab.Container("blueColorApp");
            var binding = Assert.Single(blue.Ports);
            Assert.Equal(port, binding.HostPort);
            Assert.Equal(string.Empty, binding.HostIp);

            var attempt = DockerCli.Run("run", "-d", "--name", _lab.Name("clash"), "-p", port + ":3000", SeedLab.Image, "sleep", "60");
            Assert.False(attempt.Ok, "docker accepted a second publish of " + port);
            Assert.Contains("port is already allocated", attempt.Stderr);
        }

        [LiveFact]
        public void Publish_GreenForwardsToAPortNobodyListensOn()
        {
            _lab.EnsureBuilt();

            var green = _lab.Container("greenColorApp");
            var binding = Assert.Single(green.Ports);
            Assert.Equal(3030, binding.ContainerPort);
            Assert.Equal(_lab.BasePort + 4, binding.HostPort);
            var ip = green.Endpoints.Single().IPAddress!.ToString();
            Assert.False(DockerCli.Run("exec", _lab.Name("ubuntuA"), "sh", "-c", "nc -w 2 " + ip + " 3030 </dev/null").Ok);
        }
    }
}
