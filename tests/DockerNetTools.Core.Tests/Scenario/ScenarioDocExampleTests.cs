using System;
using System.IO;
using System.Linq;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Scenario
{
    /// <summary>The worked example of docs/about_DockerNetTools_Scenarios.md loads and derives what the page says.</summary>
    public sealed class ScenarioDocExampleTests
    {
        private static string ExampleYaml()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "docs", "about_DockerNetTools_Scenarios.md"))) dir = dir.Parent;
            Assert.NotNull(dir);
            var text = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "about_DockerNetTools_Scenarios.md"));
            var example = text.Substring(text.IndexOf("## Example", StringComparison.Ordinal));
            var start = example.IndexOf("```yaml", StringComparison.Ordinal) + "```yaml".Length;
            return example.Substring(start, example.IndexOf("```", start, StringComparison.Ordinal) - start);
        }

        [Fact]
        public void DocExample_Loads_AndDerivesWhatTheDocSays()
        {
            var model = ScenarioLoader.Parse(ExampleYaml(), "shoplab.yaml");
            var shop = model.FindNetwork("shop")!;
            Assert.Equal("172.18.0.0/16", shop.Subnet.ToString());
            Assert.Equal("br-" + shop.Id.Substring(0, 12), shop.BridgeName);
            Assert.False(model.FindNetwork("quiet")!.IccEnabled);

            var db = model.FindContainer("db")!.Endpoints.Single();
            Assert.Equal("172.18.0.2", db.IPAddress!.ToString());
            Assert.Equal("02:42:ac:12:00:02", db.MacAddress);
            Assert.Equal(new[] { "db", "database", model.FindContainer("db")!.ShortId }, db.DnsNames);

            var web = model.FindContainer("web")!;
            Assert.Equal(new[] { "172.18.0.3", "10.20.0.2" }, web.Endpoints.Select(e => e.IPAddress!.ToString()));
            Assert.Equal("172.17.0.1", web.ExtraHosts.Single().Address.ToString());
            Assert.Equal(new[] { 8, 10 }, web.Endpoints.Select(e => e.IfIndex));
            Assert.Equal(new[] { 9, 11 }, web.Endpoints.Select(e => e.HostIfIndex));

            Assert.Same(web, model.NamespaceOwner(model.FindContainer("web-sidecar")!));
            Assert.Equal("172.17.0.2", model.FindContainer("legacy-app")!.Endpoints[0].IPAddress!.ToString());
            Assert.Equal(14, model.FindContainer("legacy-db")!.Endpoints[0].IfIndex);
            Assert.Equal("db", model.FindContainer("legacy-app")!.Links.Single().Alias);
            Assert.Equal("shop-host", model.FindContainer("exporter")!.Hostname);
            Assert.Contains(model.Host.Sockets, s => s.LocalPort == 9100);
            Assert.Null(model.FindContainer("old-job")!.Endpoints.Single().IPAddress);
            Assert.Equal(new[] { "lo", "eth0", "docker0" }, model.Host.Interfaces.Take(3).Select(i => i.Name));
        }
    }
}
