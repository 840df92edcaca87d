using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Backends.Scenario.Yaml;

namespace DockerNetTools.Backends.Compose
{
    // A compose document after YAML anchors, merge keys and variable interpolation: plain maps, lists and scalars,
    // each remembering the file, line and column it came from, so that a merged project still reports errors where
    // the user wrote the value.

    internal abstract class ComposeNode
    {
        protected ComposeNode(SourcePos at)
        {
            At = at;
        }

        public SourcePos At { get; }
    }

    internal sealed class ComposeScalar : ComposeNode
    {
        public ComposeScalar(string? value, bool quoted, SourcePos at)
            : base(at)
        {
            Value = value;
            Quoted = quoted;
        }

        /// <summary>The text after interpolation; null for YAML's null (`~`, `null`, nothing).</summary>
        public string? Value { get; }

        public bool Quoted { get; }

        public bool IsNull => Value == null;

        public override string ToString() => Value ?? string.Empty;
    }

    internal sealed class ComposeList : ComposeNode
    {
        public ComposeList(SourcePos at)
            : base(at)
        {
        }

        public List<ComposeNode> Items { get; } = new List<ComposeNode>();
    }

    internal sealed class ComposeMap : ComposeNode
    {
        private readonly List<Entry> _entries = new List<Entry>();

        public ComposeMap(SourcePos at)
            : base(at)
        {
        }

        public IReadOnlyList<Entry> Entries => _entries;

        public IEnumerable<string> Keys => _entries.Select(e => e.Key);

        public ComposeNode? this[string key] => _entries.FirstOrDefault(e => e.Key == key)?.Value;

        public bool Has(string key) => _entries.Any(e => e.Key == key);

        public Entry? Find(string key) => _entries.FirstOrDefault(e => e.Key == key);

        /// <summary>Sets a key, keeping its place when it exists (a later file overrides an earlier one).</summary>
        public void Set(string key, SourcePos keyAt, ComposeNode value)
        {
            var index = _entries.FindIndex(e => e.Key == key);
            if (index >= 0) _entries[index] = new Entry(key, keyAt, value);
            else _entries.Add(new Entry(key, keyAt, value));
        }

        public void Remove(string key) => _entries.RemoveAll(e => e.Key == key);

        internal sealed class Entry
        {
            public Entry(string key, SourcePos keyAt, ComposeNode value)
            {
                Key = key;
                KeyAt = keyAt;
                Value = value;
            }

            public string Key { get; }
            public SourcePos KeyAt { get; }
            public ComposeNode Value { get; }
        }
    }
}
