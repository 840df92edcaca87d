using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerNetTools.Backends.Scenario.Yaml
{
    /// <summary>A position in the scenario text (1-based line and column).</summary>
    internal readonly struct SourcePos
    {
        public SourcePos(long line, long column)
        {
            Line = line;
            Column = column;
        }

        public long Line { get; }
        public long Column { get; }

        public static SourcePos Of(YamlNode? node) => node == null ? new SourcePos(1, 1) : new SourcePos(node.Start.Line, node.Start.Column);
        public static SourcePos Of(Mark mark) => new SourcePos(mark.Line, mark.Column);
    }

    /// <summary>Collects every problem found in one scenario, so the user sees them all at once.</summary>
    internal sealed class ScenarioErrors
    {
        private readonly List<(SourcePos Pos, int Order, string Reason)> _items = new List<(SourcePos, int, string)>();

        public ScenarioErrors(string sourceName)
        {
            SourceName = sourceName;
        }

        public string SourceName { get; }
        public int Count => _items.Count;

        public void Add(SourcePos pos, string reason) => _items.Add((pos, _items.Count, reason));
        public void Add(YamlNode? node, string reason) => Add(SourcePos.Of(node), reason);

        /// <summary>"file:line:column" of a place in this file, for a reason that points at another line.</summary>
        public string Where(SourcePos pos) =>
            SourceName + ":" + pos.Line.ToString(CultureInfo.InvariantCulture) + ":" + pos.Column.ToString(CultureInfo.InvariantCulture);

        /// <summary>"file:line:column: reason" lines, in the order they appear in the file.</summary>
        public IReadOnlyList<string> Lines() => _items
            .OrderBy(i => i.Pos.Line).ThenBy(i => i.Pos.Column).ThenBy(i => i.Order)
            .Select(i => SourceName + ":" + i.Pos.Line.ToString(CultureInfo.InvariantCulture) + ":"
                         + i.Pos.Column.ToString(CultureInfo.InvariantCulture) + ": " + i.Reason)
            .ToList();
    }
}
