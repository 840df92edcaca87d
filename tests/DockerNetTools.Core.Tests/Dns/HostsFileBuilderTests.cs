using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Backends.Scenario;

namespace DockerNetTools.Tests.Dns
{
    public class HostsFileBuilderTests
    {
        private const string TwoContainers = @"
containers:
  - { name: web, ip: 172.17.0.2 }
  - { name: db, ip: 172.17.0.3 }
";

        [Fact]
        public void Build_LocalhostNames_CannotBeChangedThroughOneFileForTheNext()
        {
            var model = ScenarioLoader.Parse(TwoContainers, "test.yaml");
            var first = HostsFileBuilder.Build(model, model.FindContainer("web")!);

            // A PowerShell user sees the list itself ($entry.Names[0] = 'x' writes through an array).
            var names = (IList<string>)first[0].Names;
            Assert.Throws<NotSupportedException>(() => names[0] = "changed");

            var second = HostsFileBuilder.Build(model, model.FindContainer("db")!);
            Assert.Equal(new[] { "localhost" }, second[0].Names);
            Assert.Equal(new[] { "localhost", "ip6-localhost", "ip6-loopback" }, second[1].Names);
            Assert.Equal(first.Take(2).Select(e => e.ToString()), second.Take(2).Select(e => e.ToString()));
        }
    }
}
