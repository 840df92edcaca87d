using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DockerNetTools.Diagram
{
    /// <summary>
    /// The words on each element, as lines, the same in every drawing language; the writers only escape and join them.
    /// </summary>
    internal static class DiagramLabels
    {
        private const int HopWidth = 44;
        private const int NoteWidth = 60;

        private static readonly char[] WordBreaks = { ' ', '\t', '\r', '\n' };

        public const string HostTitle = "Docker host";
        public const string VethPair = "veth pair";
        public const string ToOutside = "to the outside (NAT)";

        public static IReadOnlyList<string> Uplink(string name) => new[] { name, "host uplink" };

        public static IReadOnlyList<string> Network(DiagramNetwork network)
        {
            var lines = new List<string>();
            if (network.Bridge != null)
            {
                lines.Add(network.Bridge);
                lines.Add("bridge of network " + network.Name);
            }
            else
            {
                lines.Add("network " + network.Name);
                if (network.Driver == "host") lines.Add("the host's own interfaces");
                else if (network.Driver == "null") lines.Add("no interface but lo");
                else if (network.Driver != null) lines.Add(network.Driver + " driver");
            }
            if (network.Subnet != null) lines.Add(network.Subnet);
            if (network.Internal) lines.Add("internal: no way out");
            return lines;
        }

        public static IReadOnlyList<string> Interface(DiagramInterface diagramInterface)
        {
            var lines = new List<string> { diagramInterface.Name ?? "no interface of its own" };
            if (diagramInterface.Name == null && diagramInterface.Network.Driver == "host") lines[0] = "uses the host's interfaces";
            if (diagramInterface.Address != null) lines.Add(diagramInterface.Address);
            return lines;
        }

        public static IReadOnlyList<string> Sharer(DiagramContainer container) =>
            new[] { "no interface of its own:", "uses " + container.SharesNamespaceOf!.Name + "'s namespace" };

        public const string SameNamespace = "same network namespace";

        /// <summary>Where a sharer's dashed line ends: the owner's first interface, or the owner's own sharer node.</summary>
        public static string? SharedTarget(DiagramContainer container)
        {
            var owner = container.SharesNamespaceOf;
            if (owner == null) return null;
            if (owner.Interfaces.Count > 0) return owner.Interfaces[0].Id;
            return owner.SharesNamespaceOf != null ? owner.SharingId : null;
        }

        public static IReadOnlyList<string> Veth(DiagramVeth veth) => new[] { veth.Name };

        public static IReadOnlyList<string> Port(DiagramPort port) => new[] { "host port", port.HostText };

        public static string PortEdge(DiagramPort port) => "published to " + port.ContainerText;

        public static string PathTitle(DiagramPath path) => path.Title + ": " + path.Verdict;

        public static IReadOnlyList<string> Hop(DiagramHop hop)
        {
            var lines = new List<string> { hop.Dropped ? "DROPPED HERE: " + hop.Place : hop.Place };
            lines.AddRange(Wrap(hop.What, HopWidth));
            return lines;
        }

        public static IReadOnlyList<string> Reason(DiagramPath path) => Wrap(path.Reason, NoteWidth);

        /// <summary>Breaks <paramref name="text"/> into lines of at most <paramref name="width"/> characters, at spaces (a longer word keeps its own line).</summary>
        public static IReadOnlyList<string> Wrap(string text, int width)
        {
            var lines = new List<string>();
            var line = new StringBuilder();
            foreach (var word in text.Split(WordBreaks, System.StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
            return lines;
        }

        /// <summary>The networks whose traffic leaves by the uplink, when the diagram knows the uplink.</summary>
        public static IEnumerable<DiagramNetwork> ToUplink(NetworkDiagram diagram) =>
            diagram.Uplink == null ? Enumerable.Empty<DiagramNetwork>() : diagram.Networks.Where(n => n.ReachesUplink);
    }
}
