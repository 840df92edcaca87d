using System.Linq;
using System.Text.RegularExpressions;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagram;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Diagram
{
    public sealed class DiagramWriterTests
    {
        private const string Lab = @"
host:
  uplink: ens3
networks:
  - name: front
    subnet: 10.74.1.0/24
  - name: back
    subnet: 10.74.2.0/24
  - name: vault
    subnet: 10.74.3.0/24
    internal: true
containers:
  - name: web
    network: front
    publish: [""8080:80""]
  - name: db
    network: back
  - name: loner
    network: none
  - name: safe
    network: vault
  - name: sidecar
    network: container:web
";

        private static readonly DockerHostModel Model = ScenarioLoader.Parse(Lab, "diagram.yaml");

        private static NetworkDiagram TopologyDiagram()
        {
            var diagram = new NetworkDiagram();
            foreach (var network in Model.Networks) DiagramBuilder.Add(diagram, TopologyAnalysis.Describe(Model, network));
            return diagram;
        }

        private static ReachabilityResult Blocked() => ReachabilityAnalyzer.Analyze(Model, new ReachabilityQuery("web", "10.74.2.2", 5432));

        // Every container docker network inspect lists, its host veth, and every bridge.
        private static string[] NamesOnTheHost()
        {
            var networks = Model.Networks.Select(n => TopologyAnalysis.Describe(Model, n)).ToList();
            return networks.SelectMany(n => n.Containers).Select(c => c.Name)
                .Concat(networks.SelectMany(n => n.Containers).Where(c => c.HostVeth != null).Select(c => c.HostVeth!))
                .Concat(networks.Where(n => n.Bridge != null).Select(n => n.Bridge!))
                .Distinct().ToArray();
        }

        [Fact]
        public void Dot_Topology_NamesEveryContainerVethAndBridge()
        {
            var dot = DotWriter.Write(TopologyDiagram());

            Assert.StartsWith("digraph DockerNet {", dot, System.StringComparison.Ordinal);
            Assert.Equal(11, NamesOnTheHost().Length); // web, db, loner, safe; their 3 veths; docker0 and 3 br-…
            foreach (var name in NamesOnTheHost()) Assert.Contains(name, dot, System.StringComparison.Ordinal);
            Assert.Contains("10.74.1.0/24", dot, System.StringComparison.Ordinal);
            Assert.Contains("ens3", dot, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Mermaid_Topology_NamesEveryContainerVethAndBridge()
        {
            var mermaid = MermaidWriter.Write(TopologyDiagram());

            Assert.StartsWith("flowchart LR\n", mermaid, System.StringComparison.Ordinal);
            foreach (var name in NamesOnTheHost()) Assert.Contains(name, mermaid, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Dot_Topology_ContainerEth0PairsWithItsVethOnItsBridge()
        {
            var diagram = TopologyDiagram();
            var dot = DotWriter.Write(diagram);
            var row = TopologyAnalysis.Interfaces(Model, Model.FindContainer("web")!).Single();
            var eth0 = diagram.Containers.Single(c => c.Name == "web").Interfaces.Single();

            Assert.Equal("eth0", eth0.Name);
            Assert.Equal("10.74.1.2/24", eth0.Address);
            Assert.Equal(row.HostVeth, eth0.Veth!.Name);
            Assert.Contains(eth0.Id + " -> " + eth0.Veth.Id + " [label=\"veth pair\"", dot, System.StringComparison.Ordinal);
            Assert.Contains(eth0.Veth.Id + " -> " + eth0.Network.Id + " [dir=none]", dot, System.StringComparison.Ordinal);
            Assert.Equal(row.Bridge, eth0.Network.Bridge);
        }

        [Fact]
        public void Dot_PublishedPort_ArrowFromHostPortToTheContainer()
        {
            var diagram = TopologyDiagram();
            var dot = DotWriter.Write(diagram);
            var port = Assert.Single(diagram.Ports);

            Assert.Equal("0.0.0.0:8080/tcp", port.HostText);
            Assert.Equal("web", port.Target.Container.Name);
            Assert.Contains(port.Id + " -> " + port.Target.Id + " [label=\"published to 80/tcp\"", dot, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Dot_UplinkOnlyFromNetworksThatLeaveByIt()
        {
            var diagram = TopologyDiagram();
            var dot = DotWriter.Write(diagram);
            var front = diagram.Networks.Single(n => n.Name == "front");
            var vault = diagram.Networks.Single(n => n.Name == "vault");

            Assert.Equal("ens3", diagram.Uplink);
            Assert.Contains(front.Id + " -> uplink", dot, System.StringComparison.Ordinal);
            Assert.DoesNotContain(vault.Id + " -> uplink", dot, System.StringComparison.Ordinal);
        }

        [Fact]
        public void InterfacesAndTopology_SameContainer_DrawnOnce()
        {
            var diagram = TopologyDiagram();
            foreach (var container in Model.Containers)
                foreach (var row in TopologyAnalysis.Interfaces(Model, container)) DiagramBuilder.Add(diagram, row);

            Assert.Equal(Model.Containers.Select(c => c.Name).OrderBy(n => n), diagram.Containers.Select(c => c.Name).OrderBy(n => n));
            Assert.Single(diagram.Containers.Single(c => c.Name == "web").Interfaces);
            Assert.Equal(3, diagram.Veths.Count);
            Assert.Single(diagram.Ports);
        }

        [Fact]
        public void Interfaces_ContainerMode_DrawnAsSharingTheOwnersInterface()
        {
            var diagram = new NetworkDiagram();
            foreach (var row in TopologyAnalysis.Interfaces(Model, Model.FindContainer("sidecar")!)) DiagramBuilder.Add(diagram, row);
            var dot = DotWriter.Write(diagram);
            var mermaid = MermaidWriter.Write(diagram);
            var web = diagram.Containers.Single(c => c.Name == "web");
            var sidecar = diagram.Containers.Single(c => c.Name == "sidecar");

            Assert.Same(web, sidecar.SharesNamespaceOf);
            Assert.Empty(sidecar.Interfaces);
            Assert.Single(web.Interfaces);
            Assert.Single(diagram.Veths);
            Assert.Contains(sidecar.SharingId + " -> " + web.Interfaces[0].Id + " [label=\"same network namespace\"", dot, System.StringComparison.Ordinal);
            Assert.Contains(sidecar.SharingId + " -.-|\"same network namespace\"| " + web.Interfaces[0].Id, mermaid, System.StringComparison.Ordinal);
            Assert.Contains("uses web's namespace", dot, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Dot_BlockedPath_MarksTheDroppingHopWithItsRule()
        {
            var result = Blocked();
            var diagram = new NetworkDiagram();
            DiagramBuilder.Add(diagram, result);
            var dot = DotWriter.Write(diagram);
            var path = Assert.Single(diagram.Paths);

            Assert.Equal(ReachabilityVerdict.Blocked, result.VerdictValue);
            Assert.Equal(result.Path.Count, path.Hops.Count);
            var dropped = Assert.Single(path.Hops, h => h.Dropped);
            Assert.Same(path.Hops.Last(), dropped);
            Assert.Equal(result.DroppedAt!.Description, dropped.What);
            var node = Regex.Match(dot, "(?m)^    " + dropped.Id + " \\[label=\"([^\"]*)\".*$");
            Assert.True(node.Success, dot);
            Assert.StartsWith("DROPPED HERE: " + result.DroppedAt.Device, node.Groups[1].Value, System.StringComparison.Ordinal);
            Assert.Contains("color=\"#c62828\"", node.Value, System.StringComparison.Ordinal);
            // Only the dropping hop is marked, and the reason hangs beside it.
            Assert.Equal(1, Regex.Count(dot, "DROPPED HERE"));
            Assert.Contains(dropped.Id + " -> " + path.ReasonId, dot, System.StringComparison.Ordinal);
            Assert.Contains(DotWriter.Escape(result.Reason.Split(' ')[0]), dot, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Mermaid_BlockedPath_DroppingHopInClassDropped()
        {
            var diagram = new NetworkDiagram();
            DiagramBuilder.Add(diagram, Blocked());
            var mermaid = MermaidWriter.Write(diagram);
            var dropped = diagram.Paths.Single().Dropped!;

            Assert.Contains("  class " + dropped.Id + " dropped\n", mermaid, System.StringComparison.Ordinal);
            Assert.Contains(dropped.Id + "[\"DROPPED HERE: ", mermaid, System.StringComparison.Ordinal);
        }

        [Fact]
        public void ReachablePath_NoHopMarked()
        {
            var reachable = ReachabilityAnalyzer.Analyze(Model, new ReachabilityQuery("web", "web"));
            var diagram = new NetworkDiagram();
            DiagramBuilder.Add(diagram, reachable);

            Assert.Null(reachable.DroppedAt);
            Assert.Equal(ReachabilityVerdict.Reachable, reachable.VerdictValue);
            Assert.DoesNotContain("DROPPED HERE", DotWriter.Write(diagram), System.StringComparison.Ordinal);
            Assert.DoesNotMatch("(?m)^  class .* dropped$", MermaidWriter.Write(diagram));
        }

        [Theory]
        [InlineData("a\"b", "a\\\"b")]
        [InlineData("back\\slash", "back\\\\slash")]
        [InlineData("x\\ny", "x\\\\ny")]
        [InlineData("R&D &lt;", "R&amp;D &amp;lt;")]
        [InlineData("two\nlines", "two lines")]
        [InlineData("plain-name_1.2", "plain-name_1.2")]
        public void Dot_Escape_ShownLiterally(string text, string escaped) => Assert.Equal(escaped, DotWriter.Escape(text));

        [Theory]
        [InlineData("a\"b", "a#quot;b")]
        [InlineData("#1", "#35;1")]
        [InlineData("<b>x</b>", "#60;b#62;x#60;/b#62;")]
        [InlineData("a|b", "a#124;b")]
        [InlineData("`md`", "#96;md#96;")]
        [InlineData("R&D", "R#38;D")]
        [InlineData("two\nlines", "two lines")]
        [InlineData("plain-name_1.2", "plain-name_1.2")]
        public void Mermaid_Escape_ShownLiterally(string text, string escaped) => Assert.Equal(escaped, MermaidWriter.Escape(text));

        [Fact]
        public void Writers_OddContainerName_EscapedInsideTheLabel()
        {
            const string odd = "we\"ird\\name&<x>|#`\nend";
            var diagram = new NetworkDiagram();
            diagram.AddInterface(odd, "front", "eth0", "10.74.1.9/24", "veth\"odd");

            var dot = DotWriter.Write(diagram);
            var mermaid = MermaidWriter.Write(diagram);

            Assert.Contains("label=\"we\\\"ird\\\\name&amp;<x>|#` end\"", dot, System.StringComparison.Ordinal);
            Assert.Contains("[\"we#quot;ird\\name#38;#60;x#62;#124;#35;#96; end\"]", mermaid, System.StringComparison.Ordinal);
            // Ids never carry a name: every statement line starts with a generated id or a keyword.
            Assert.All(mermaid.Split('\n').Where(l => l.Length > 0), l => Assert.Matches("^\\s*([A-Za-z][A-Za-z0-9_]*|end)\\b", l));
            Assert.Contains("veth#quot;odd", mermaid, System.StringComparison.Ordinal);
            Assert.Contains("veth\\\"odd", dot, System.StringComparison.Ordinal);
        }
    }
}
