using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerNetTools.Analysis.Common;
using YamlDotNet.RepresentationModel;

namespace DockerNetTools.Backends.Scenario.Yaml
{
    /// <summary>
    /// Typed, position-aware access to one YAML mapping of the scenario schema. Unknown keys are reported with a
    /// did-you-mean; a wrongly typed value is reported and read as absent, so reading goes on and finds more errors.
    /// </summary>
    internal sealed class YamlMap
    {
        private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries =
            new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);

        private readonly ScenarioErrors _errors;

        public YamlMap(YamlMappingNode node, string what, IReadOnlyCollection<string> allowedKeys, ScenarioErrors errors)
        {
            Node = node;
            _errors = errors;
            foreach (var pair in node.Children)
            {
                if (!(pair.Key is YamlScalarNode key) || key.Value == null)
                {
                    errors.Add(pair.Key, "a key of " + what + " must be a plain name");
                    continue;
                }
                if (!allowedKeys.Contains(key.Value))
                {
                    errors.Add(key, "unknown key '" + key.Value + "' in " + what + "." + Suggest(key.Value, allowedKeys));
                    continue;
                }
                _entries[key.Value] = (key, pair.Value);
            }
        }

        public YamlMappingNode Node { get; }

        /// <summary>Reads a node that must be a mapping; reports and returns null otherwise.</summary>
        public static YamlMap? From(YamlNode node, string what, IReadOnlyCollection<string> allowedKeys, ScenarioErrors errors)
        {
            if (node is YamlMappingNode mapping) return new YamlMap(mapping, what, allowedKeys, errors);
            errors.Add(node, what + " must be a mapping (key: value lines)");
            return null;
        }

        public bool Has(string key) => _entries.ContainsKey(key);

        public YamlNode? Value(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

        /// <summary>Where the key itself stands (for errors about a missing or conflicting value).</summary>
        public YamlNode? KeyNode(string key) => _entries.TryGetValue(key, out var e) ? e.Key : null;

        public YamlScalarNode? Scalar(string key)
        {
            var node = Value(key);
            if (node == null) return null;
            if (node is YamlScalarNode scalar)
            {
                return IsNull(scalar) ? null : scalar;
            }
            _errors.Add(node, "'" + key + "' must be a single value, not a " + (node is YamlSequenceNode ? "list" : "mapping"));
            return null;
        }

        public string? String(string key) => Scalar(key)?.Value;

        public bool? Bool(string key)
        {
            var scalar = Scalar(key);
            if (scalar == null) return null;
            var value = YamlBoolean.Parse(scalar.Value);
            if (value == null) _errors.Add(scalar, "'" + key + "' must be true or false, not '" + scalar.Value + "'");
            return value;
        }

        public long? Integer(string key, long min, long max)
        {
            var scalar = Scalar(key);
            if (scalar == null) return null;
            if (long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                return value;
            _errors.Add(scalar, "'" + key + "' must be a whole number from " + min.ToString(CultureInfo.InvariantCulture) + " to "
                                + max.ToString(CultureInfo.InvariantCulture) + ", not '" + scalar.Value + "'");
            return null;
        }

        /// <summary>A list of nodes (absent or null: empty).</summary>
        public IReadOnlyList<YamlNode> List(string key)
        {
            var node = Value(key);
            switch (node)
            {
                case null:
                    return Array.Empty<YamlNode>();
                case YamlSequenceNode sequence:
                    return sequence.Children.ToList();
                case YamlScalarNode scalar when IsNull(scalar):
                    return Array.Empty<YamlNode>();
                default:
                    _errors.Add(node, "'" + key + "' must be a list");
                    return Array.Empty<YamlNode>();
            }
        }

        /// <summary>A list of scalar strings with their nodes; a single value is accepted as a one-item list.</summary>
        public IReadOnlyList<YamlScalarNode> ScalarList(string key)
        {
            var result = new List<YamlScalarNode>();
            if (Value(key) is YamlScalarNode single)
            {
                if (!IsNull(single)) result.Add(single);
                return result;
            }
            foreach (var item in List(key))
            {
                if (item is YamlScalarNode scalar && !IsNull(scalar)) result.Add(scalar);
                else _errors.Add(item, "each item of '" + key + "' must be a single value");
            }
            return result;
        }

        /// <summary>A mapping of string to string (options, labels).</summary>
        public IReadOnlyList<(YamlScalarNode Key, string Value)> StringMap(string key)
        {
            var node = Value(key);
            var result = new List<(YamlScalarNode, string)>();
            if (node == null || (node is YamlScalarNode s && IsNull(s))) return result;
            if (!(node is YamlMappingNode mapping))
            {
                _errors.Add(node, "'" + key + "' must be a mapping of names to values");
                return result;
            }
            foreach (var pair in mapping.Children)
            {
                if (pair.Key is YamlScalarNode k && pair.Value is YamlScalarNode v && k.Value != null)
                    result.Add((k, v.Value ?? string.Empty));
                else
                    _errors.Add(pair.Key, "each entry of '" + key + "' must be name: value");
            }
            return result;
        }

        private static bool IsNull(YamlScalarNode scalar) =>
            scalar.Value == null
            || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (scalar.Value.Length == 0 || scalar.Value == "~" || scalar.Value == "null"));

        private static string Suggest(string key, IEnumerable<string> allowed)
        {
            var hint = NameSuggester.DidYouMean(key, allowed);
            return hint.Length > 0 ? hint : " Known keys: " + string.Join(", ", allowed) + ".";
        }
    }
}
