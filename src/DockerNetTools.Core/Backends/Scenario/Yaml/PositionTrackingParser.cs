using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DockerNetTools.Backends.Scenario.Yaml
{
    /// <summary>
    /// YamlDotNet's parser, remembering where the last event it produced started. Some malformed inputs (an unclosed
    /// flow sequence followed by a block item) make YamlDotNet throw InvalidOperationException, which carries no
    /// position; the last good event is then the closest place to point the user at.
    /// </summary>
    internal sealed class PositionTrackingParser : IParser
    {
        private readonly IParser _inner;

        public PositionTrackingParser(IParser inner)
        {
            _inner = inner;
        }

        /// <summary>Where the last event produced starts (line 1, column 1 before the first).</summary>
        public Mark LastStart { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => _inner.Current;

        public bool MoveNext()
        {
            var moved = _inner.MoveNext();
            if (moved && _inner.Current != null) LastStart = _inner.Current.Start;
            return moved;
        }
    }
}
