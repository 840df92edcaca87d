using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace DockerNetTools.Diagram
{
    /// <summary>
    /// Writes a <see cref="NetworkDiagram"/> as a Mermaid flowchart (left to right), the same elements as the DOT writer:
    /// the host as a subgraph with one subgraph per container, each path as a subgraph, the dropping hop in class "dropped".
    /// </summary>
    public static class MermaidWriter
    {
        public static string Write(NetworkDiagram diagram)
        {
            var text = new StringBuilder();
            text.Append("flowchart LR\n");
            if (diagram.Networks.Count > 0 || diagram.Containers.Count > 0) WriteHost(text, diagram);
            foreach (var path in diagram.Paths) WritePath(text, path);
            text.Append("  classDef bridge fill:#dbe9ff,stroke:#555\n");
            text.Append("  classDef port fill:#fff3c4,stroke:#b8860b\n");
            text.Append("  classDef dropped fill:#ffebee,stroke:#c62828,stroke-width:3px\n");
            text.Append("  classDef reason fill:#ffffff,stroke:#888,stroke-dasharray:4 3\n");
            Class(text, diagram.Networks.Select(n => n.Id), "bridge");
            Class(text, diagram.Ports.Select(p => p.Id), "port");
            Class(text, diagram.Paths.Where(p => p.Dropped != null).Select(p => p.Dropped!.Id), "dropped");
            Class(text, diagram.Paths.Select(p => p.ReasonId), "reason");
            return text.ToString();
        }

        private static void WriteHost(StringBuilder text, NetworkDiagram diagram)
        {
            text.Append("  subgraph host[").Append(Label(new[] { DiagramLabels.HostTitle })).Append("]\n");
            if (diagram.Uplink != null) Node(text, "    ", NetworkDiagram.UplinkId, "[", DiagramLabels.Uplink(diagram.Uplink), "]");
            foreach (var network in diagram.Networks) Node(text, "    ", network.Id, "[", DiagramLabels.Network(network), "]");
            foreach (var veth in diagram.Veths) Node(text, "    ", veth.Id, "([", DiagramLabels.Veth(veth), "])");
            foreach (var port in diagram.Ports) Node(text, "    ", port.Id, ">", DiagramLabels.Port(port), "]");
            foreach (var container in diagram.Containers)
            {
                text.Append("    subgraph ").Append(container.Id).Append('[').Append(Label(new[] { container.Name })).Append("]\n");
                foreach (var diagramInterface in container.Interfaces)
                    Node(text, "      ", diagramInterface.Id, "(", DiagramLabels.Interface(diagramInterface), ")");
                if (container.SharesNamespaceOf != null)
                    Node(text, "      ", container.SharingId, "(", DiagramLabels.Sharer(container), ")");
                text.Append("    end\n");
            }
            text.Append("  end\n");

            foreach (var diagramInterface in diagram.Containers.SelectMany(c => c.Interfaces))
            {
                if (diagramInterface.Veth != null)
                    text.Append("  ").Append(diagramInterface.Id).Append(" ---|").Append(Label(new[] { DiagramLabels.VethPair })).Append("| ").Append(diagramInterface.Veth.Id).Append('\n');
                else
                    text.Append("  ").Append(diagramInterface.Id).Append(" -.- ").Append(diagramInterface.Network.Id).Append('\n');
            }
            foreach (var veth in diagram.Veths)
                text.Append("  ").Append(veth.Id).Append(" --- ").Append(veth.Network.Id).Append('\n');
            foreach (var container in diagram.Containers)
            {
                if (DiagramLabels.SharedTarget(container) is { } shared)
                    text.Append("  ").Append(container.SharingId).Append(" -.-|").Append(Label(new[] { DiagramLabels.SameNamespace })).Append("| ").Append(shared).Append('\n');
            }
            foreach (var network in DiagramLabels.ToUplink(diagram))
                text.Append("  ").Append(network.Id).Append(" -.->|").Append(Label(new[] { DiagramLabels.ToOutside })).Append("| ").Append(NetworkDiagram.UplinkId).Append('\n');
            foreach (var port in diagram.Ports)
                text.Append("  ").Append(port.Id).Append(" -->|").Append(Label(new[] { DiagramLabels.PortEdge(port) })).Append("| ").Append(port.Target.Id).Append('\n');
        }

        private static void WritePath(StringBuilder text, DiagramPath path)
        {
            text.Append("  subgraph ").Append(path.Id).Append('[').Append(Label(new[] { DiagramLabels.PathTitle(path) })).Append("]\n");
            foreach (var hop in path.Hops) Node(text, "    ", hop.Id, "[", DiagramLabels.Hop(hop), "]");
            Node(text, "    ", path.ReasonId, "[/", DiagramLabels.Reason(path), "/]");
            text.Append("  end\n");
            for (var i = 1; i < path.Hops.Count; i++)
                text.Append("  ").Append(path.Hops[i - 1].Id).Append(" --> ").Append(path.Hops[i].Id).Append('\n');
            if (path.Hops.Count > 0)
                text.Append("  ").Append((path.Dropped ?? path.Hops[path.Hops.Count - 1]).Id).Append(" -.- ").Append(path.ReasonId).Append('\n');
        }

        private static void Node(StringBuilder text, string indent, string id, string open, IReadOnlyList<string> lines, string close) =>
            text.Append(indent).Append(id).Append(open).Append(Label(lines)).Append(close).Append('\n');

        private static void Class(StringBuilder text, IEnumerable<string> ids, string className)
        {
            var list = ids.ToList();
            if (list.Count > 0) text.Append("  class ").Append(string.Join(",", list)).Append(' ').Append(className).Append('\n');
        }

        private static string Label(IEnumerable<string> lines) => "\"" + string.Join("<br/>", lines.Select(Escape)) + "\"";

        /// <summary>
        /// Escapes text for a quoted Mermaid label with Mermaid's entity codes: a double quote would end the label, # starts
        /// an entity code itself, &lt; &gt; &amp; would be read as HTML, a backquote at the start makes a markdown string and
        /// | ends an edge label. Line breaks become spaces: labels break only where the writer puts &lt;br/&gt;.
        /// </summary>
        public static string Escape(string text)
        {
            var escaped = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"': escaped.Append("#quot;"); break;
                    case '#': case '<': case '>': case '&': case '`': case '|':
                        escaped.Append('#').Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
                        break;
                    default: escaped.Append(char.IsControl(c) ? ' ' : c); break;
                }
            }
            return escaped.ToString();
        }
    }
}
