using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DockerNetTools.Diagram
{
    /// <summary>
    /// Writes a <see cref="NetworkDiagram"/> as Graphviz DOT: the host as a cluster holding its uplink, bridges, veths,
    /// host ports and one cluster per container; each path as a cluster of its own, the dropping hop in red with the rule.
    /// </summary>
    public static class DotWriter
    {
        private const string DropColor = "#c62828";
        private const string DeliverColor = "#2e7d32";

        public static string Write(NetworkDiagram diagram)
        {
            var dot = new StringBuilder();
            dot.Append("digraph DockerNet {\n");
            dot.Append("  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, newrank=true];\n");
            dot.Append("  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=rounded];\n");
            dot.Append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
            if (diagram.Networks.Count > 0 || diagram.Containers.Count > 0) WriteHost(dot, diagram);
            foreach (var path in diagram.Paths) WritePath(dot, path);
            dot.Append("}\n");
            return dot.ToString();
        }

        private static void WriteHost(StringBuilder dot, NetworkDiagram diagram)
        {
            dot.Append("  subgraph cluster_host {\n");
            dot.Append("    label=").Append(Quote(DiagramLabels.HostTitle)).Append("; style=\"rounded\"; color=\"#555555\";\n");
            if (diagram.Uplink != null)
                Node(dot, "    ", NetworkDiagram.UplinkId, DiagramLabels.Uplink(diagram.Uplink), "shape=box, style=\"filled\", fillcolor=\"#eeeeee\"");
            foreach (var network in diagram.Networks)
                Node(dot, "    ", network.Id, DiagramLabels.Network(network), "shape=box, style=\"filled\", fillcolor=\"#dbe9ff\"");
            foreach (var veth in diagram.Veths)
                Node(dot, "    ", veth.Id, DiagramLabels.Veth(veth), "shape=ellipse");
            foreach (var port in diagram.Ports)
                Node(dot, "    ", port.Id, DiagramLabels.Port(port), "shape=cds, style=\"filled\", fillcolor=\"#fff3c4\"");
            foreach (var container in diagram.Containers)
            {
                dot.Append("    subgraph cluster_").Append(container.Id).Append(" {\n");
                dot.Append("      label=").Append(Quote(container.Name)).Append("; style=\"rounded,filled\"; fillcolor=\"#f4f4f4\";\n");
                foreach (var diagramInterface in container.Interfaces)
                    Node(dot, "      ", diagramInterface.Id, DiagramLabels.Interface(diagramInterface), "style=\"rounded,filled\", fillcolor=\"#ffffff\"");
                if (container.SharesNamespaceOf != null)
                    Node(dot, "      ", container.SharingId, DiagramLabels.Sharer(container), "style=\"rounded,dashed\"");
                dot.Append("    }\n");
            }
            dot.Append("  }\n");

            foreach (var diagramInterface in diagram.Containers.SelectMany(c => c.Interfaces))
            {
                if (diagramInterface.Veth != null)
                    Edge(dot, diagramInterface.Id, diagramInterface.Veth.Id, DiagramLabels.VethPair, "dir=none");
                else
                    Edge(dot, diagramInterface.Id, diagramInterface.Network.Id, null, "dir=none, style=dashed");
            }
            foreach (var veth in diagram.Veths)
                Edge(dot, veth.Id, veth.Network.Id, null, "dir=none");
            foreach (var container in diagram.Containers)
            {
                if (DiagramLabels.SharedTarget(container) is { } shared)
                    Edge(dot, container.SharingId, shared, DiagramLabels.SameNamespace, "dir=none, style=dashed");
            }
            foreach (var network in DiagramLabels.ToUplink(diagram))
                Edge(dot, network.Id, NetworkDiagram.UplinkId, DiagramLabels.ToOutside, "style=dashed");
            foreach (var port in diagram.Ports)
                Edge(dot, port.Id, port.Target.Id, DiagramLabels.PortEdge(port), "color=\"#b8860b\"");
        }

        private static void WritePath(StringBuilder dot, DiagramPath path)
        {
            var color = path.Delivered ? DeliverColor : DropColor;
            dot.Append("  subgraph cluster_").Append(path.Id).Append(" {\n");
            dot.Append("    label=").Append(Quote(DiagramLabels.PathTitle(path))).Append("; style=\"rounded\"; color=\"").Append(color).Append("\";\n");
            foreach (var hop in path.Hops)
            {
                var style = hop.Dropped
                    ? "style=\"rounded,filled,bold\", color=\"" + DropColor + "\", fillcolor=\"#ffebee\", penwidth=2"
                    : "style=rounded";
                Node(dot, "    ", hop.Id, DiagramLabels.Hop(hop), style);
            }
            Node(dot, "    ", path.ReasonId, DiagramLabels.Reason(path), "shape=note, color=\"" + color + "\"");
            dot.Append("  }\n");
            for (var i = 1; i < path.Hops.Count; i++)
                Edge(dot, path.Hops[i - 1].Id, path.Hops[i].Id, null, null);
            if (path.Hops.Count > 0)
                Edge(dot, (path.Dropped ?? path.Hops[path.Hops.Count - 1]).Id, path.ReasonId, null, "dir=none, style=dashed, color=\"" + color + "\"");
        }

        private static void Node(StringBuilder dot, string indent, string id, IReadOnlyList<string> lines, string attributes) =>
            dot.Append(indent).Append(id).Append(" [label=").Append(Label(lines)).Append(", ").Append(attributes).Append("];\n");

        private static void Edge(StringBuilder dot, string from, string to, string? label, string? attributes)
        {
            dot.Append("  ").Append(from).Append(" -> ").Append(to);
            var parts = new List<string>();
            if (label != null) parts.Add("label=" + Quote(label));
            if (attributes != null) parts.Add(attributes);
            if (parts.Count > 0) dot.Append(" [").Append(string.Join(", ", parts)).Append(']');
            dot.Append(";\n");
        }

        private static string Label(IReadOnlyList<string> lines) => "\"" + string.Join("\\n", lines.Select(Escape)) + "\"";

        /// <summary>A DOT double-quoted string of <paramref name="text"/>, shown as is.</summary>
        public static string Quote(string text) => "\"" + Escape(text) + "\"";

        /// <summary>
        /// Escapes text for a DOT quoted string so Graphviz shows it literally: a backslash would start an escape (\n, \l,
        /// \N: the node's name), a double quote would end the string, and an ampersand would start an HTML entity, which
        /// Graphviz decodes in every label. Line breaks become spaces: labels break only where the writer breaks them.
        /// </summary>
        public static string Escape(string text)
        {
            var escaped = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                switch (c)
                {
                    case '\\': escaped.Append("\\\\"); break;
                    case '"': escaped.Append("\\\""); break;
                    case '&': escaped.Append("&amp;"); break;
                    default: escaped.Append(char.IsControl(c) ? ' ' : c); break;
                }
            }
            return escaped.ToString();
        }
    }
}
