using System;
using System.IO;
using System.Text.RegularExpressions;
using DockerNetTools.Backends.Scenario.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerNetTools.Backends.Compose
{
    /// <summary>
    /// Reads one compose file into <see cref="ComposeNode"/>s: anchors and aliases as YAML defines them, merge keys
    /// (<c>&lt;&lt;: *base</c>, or a list of bases, the first one winning), and interpolation of every value.
    /// </summary>
    internal static class ComposeYaml
    {
        private static readonly Regex YamlMarkPrefix = new Regex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant);

        public static ComposeMap? Read(string text, string file, Func<string, string?> lookup, ScenarioErrors errors)
        {
            var stream = new YamlStream();
            var parser = new PositionTrackingParser(new Parser(new StringReader(text)));
            try
            {
                stream.Load(parser);
            }
            catch (YamlException ex)
            {
                errors.Add(new SourcePos(ex.Start.Line, ex.Start.Column, file), "YAML syntax error: " + YamlMarkPrefix.Replace(ex.Message, string.Empty));
                return null;
            }
            catch (InvalidOperationException)
            {
                errors.Add(new SourcePos(parser.LastStart.Line, parser.LastStart.Column, file), "YAML syntax error: an unclosed flow sequence or mapping at or after this point");
                return null;
            }
            if (stream.Documents.Count == 0) return new ComposeMap(new SourcePos(1, 1, file));
            var root = Convert(stream.Documents[0].RootNode, file, lookup, errors, 0);
            if (root is ComposeMap map) return map;
            if (root is ComposeScalar scalar && scalar.IsNull) return new ComposeMap(root.At);
            errors.Add(root.At, "a compose file must be a mapping (services:, networks:, …)");
            return null;
        }

        private static SourcePos Pos(YamlNode node, string file) => new SourcePos(node.Start.Line, node.Start.Column, file);

        private static ComposeNode Convert(YamlNode node, string file, Func<string, string?> lookup, ScenarioErrors errors, int depth)
        {
            var at = Pos(node, file);
            if (depth > 64)
            {
                errors.Add(at, "the document nests too deeply (a recursive alias?)");
                return new ComposeScalar(null, false, at);
            }
            switch (node)
            {
                case YamlScalarNode scalar:
                    return Scalar(scalar, at, lookup, errors);
                case YamlSequenceNode sequence:
                {
                    var list = new ComposeList(at);
                    foreach (var item in sequence.Children) list.Items.Add(Convert(item, file, lookup, errors, depth + 1));
                    return list;
                }
                case YamlMappingNode mapping:
                {
                    var map = new ComposeMap(at);
                    YamlNode? merge = null;
                    foreach (var pair in mapping.Children)
                    {
                        if (!(pair.Key is YamlScalarNode key) || key.Value == null)
                        {
                            errors.Add(Pos(pair.Key, file), "a key must be a plain name");
                            continue;
                        }
                        if (key.Value == "<<" && key.Style == ScalarStyle.Plain)
                        {
                            merge = pair.Value;
                            continue;
                        }
                        if (map.Has(key.Value))
                        {
                            errors.Add(Pos(key, file), "mapping key '" + key.Value + "' already defined");
                            continue;
                        }
                        map.Set(key.Value, Pos(key, file), Convert(pair.Value, file, lookup, errors, depth + 1));
                    }
                    if (merge != null) Merge(map, merge, file, lookup, errors, depth);
                    return map;
                }
                default:
                    return new ComposeScalar(null, false, at);
            }
        }

        // YAML's merge key: keys of the merged mapping(s) the mapping does not set itself; in a list the first wins.
        private static void Merge(ComposeMap map, YamlNode merge, string file, Func<string, string?> lookup, ScenarioErrors errors, int depth)
        {
            var sources = merge is YamlSequenceNode list ? list.Children : (System.Collections.Generic.IList<YamlNode>)new[] { merge };
            foreach (var source in sources)
            {
                if (!(Convert(source, file, lookup, errors, depth + 1) is ComposeMap from))
                {
                    errors.Add(Pos(source, file), "a merge key (<<) takes a mapping or a list of mappings");
                    continue;
                }
                foreach (var entry in from.Entries)
                    if (!map.Has(entry.Key)) map.Set(entry.Key, entry.KeyAt, entry.Value);
            }
        }

        private static ComposeScalar Scalar(YamlScalarNode scalar, SourcePos at, Func<string, string?> lookup, ScenarioErrors errors)
        {
            var quoted = scalar.Style == ScalarStyle.SingleQuoted || scalar.Style == ScalarStyle.DoubleQuoted;
            var text = scalar.Value ?? string.Empty;
            if (!quoted && (text.Length == 0 || text == "~" || text == "null" || text == "Null" || text == "NULL"))
                return new ComposeScalar(null, false, at);
            var value = ComposeInterpolation.Interpolate(text, lookup, out var error);
            if (error != null)
            {
                errors.Add(at, error);
                return new ComposeScalar(text, quoted, at);
            }
            return new ComposeScalar(value, quoted, at);
        }
    }
}
