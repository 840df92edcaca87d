using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.Resources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerNetTools.Analysis.Contract
{
    /// <summary>
    /// Reads a network contract: a map with one key, `expectations`, a list of maps, each with exactly one of
    /// reaches / notReaches / resolves / notResolves (with `from`, and `port`/`protocol` for the first two), published
    /// (a host port, with `protocol` and `onlyOn`) or exposedOnly (host ports). Keys in any case; an optional `name` on each.
    /// Every mistake is reported at once as file:line:column: reason (ContractFileInvalid).
    /// </summary>
    public static class ContractReader
    {
        private static readonly Regex YamlMarkPrefix = new Regex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant);

        private static readonly string[] KindKeys = { "reaches", "notReaches", "resolves", "notResolves", "published", "exposedOnly" };
        private static readonly string[] AllKeys = KindKeys.Concat(new[] { "from", "port", "protocol", "onlyOn", "name" }).ToArray();

        /// <summary>The text of a contract file: ContractFileNotFound when it is not there, ContractFileUnreadable when it cannot be read.</summary>
        public static string ReadText(string path)
        {
            if (!File.Exists(path))
                throw new DockerNetException(ErrorIds.ContractFileNotFound, ErrorKind.NotFound, ErrorText.Format(ErrorMessages.ContractFileNotFound, path), path)
                {
                    RecommendedAction = ErrorMessages.ContractFileNotFoundAction,
                };
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new DockerNetException(ErrorIds.ContractFileUnreadable, ErrorKind.PermissionDenied, ErrorText.Format(ErrorMessages.ContractFileUnreadable, path, ex.Message), path, ex);
            }
        }

        /// <summary>Reads a YAML (or JSON) contract; <paramref name="sourceName"/> names it in errors and locations.</summary>
        public static NetworkContract ParseYaml(string yaml, string sourceName)
        {
            var stream = new YamlStream();
            var parser = new PositionTrackingParser(new Parser(new StringReader(yaml ?? string.Empty)));
            try
            {
                stream.Load(parser);
            }
            catch (YamlException ex)
            {
                throw Invalid(sourceName, new[] { Line(sourceName, (int)ex.Start.Line, (int)ex.Start.Column, "YAML syntax error: " + YamlMarkPrefix.Replace(ex.Message, string.Empty)) }, ex);
            }
            catch (InvalidOperationException ex)
            {
                throw Invalid(sourceName, new[] { Line(sourceName, (int)parser.LastStart.Line, (int)parser.LastStart.Column, "YAML syntax error: an unclosed flow sequence or mapping at or after this point") }, ex);
            }
            if (stream.Documents.Count != 1)
                throw Invalid(sourceName, new[] { Line(sourceName, 1, 1, stream.Documents.Count == 0 ? "the contract is empty" : "a contract file holds one YAML document, not " + stream.Documents.Count.ToString(CultureInfo.InvariantCulture)) }, null);
            return Read(FromYaml(stream.Documents[0].RootNode), sourceName);
        }

        /// <summary>Turns a contract file's nodes into a contract, or throws ContractFileInvalid listing every mistake.</summary>
        public static NetworkContract Read(ContractNode root, string sourceName)
        {
            if (root == null) throw new ArgumentNullException(nameof(root));
            var errors = new List<(int Line, int Column, string Reason)>();
            var expectations = new List<ContractExpectation>();

            if (root.Kind != ContractNodeKind.Map)
            {
                errors.Add((root.Line, root.Column, "a contract is a map with the key 'expectations' (a list)"));
            }
            else
            {
                ContractNode? list = null;
                foreach (var entry in root.Entries)
                {
                    if (string.Equals(entry.Key.Value, "expectations", StringComparison.OrdinalIgnoreCase)) list = entry.Value;
                    else errors.Add((entry.Key.Line, entry.Key.Column, "unknown key '" + entry.Key.Value + "': a contract has only 'expectations'"));
                }
                if (list == null)
                    errors.Add((root.Line, root.Column, "the key 'expectations' (a list of expectations) is missing"));
                else if (list.Kind != ContractNodeKind.List)
                    errors.Add((list.Line, list.Column, "'expectations' must be a list"));
                else if (list.Items.Count == 0)
                    errors.Add((list.Line, list.Column, "'expectations' is empty: a contract checks at least one expectation"));
                else
                    foreach (var item in list.Items)
                    {
                        var expectation = ReadExpectation(item, sourceName, errors);
                        if (expectation != null) expectations.Add(expectation);
                    }
            }

            if (errors.Count > 0)
                throw Invalid(sourceName, errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Select(e => Line(sourceName, e.Line, e.Column, e.Reason)).ToList(), null);
            return new NetworkContract(sourceName, expectations);
        }

        /// <summary>ContractFileInvalid for lines already written as "file:line:column: reason" (the .psd1 reader's).</summary>
        public static DockerNetException Invalid(string sourceName, IReadOnlyList<string> lines, Exception? inner)
        {
            if (lines == null) throw new ArgumentNullException(nameof(lines));
            var message = (lines.Count == 1
                              ? ErrorText.Format(ErrorMessages.ContractFileInvalidOne, sourceName)
                              : ErrorText.Format(ErrorMessages.ContractFileInvalidMany, sourceName, lines.Count))
                          + Environment.NewLine + string.Join(Environment.NewLine, lines);
            return new DockerNetException(ErrorIds.ContractFileInvalid, ErrorKind.InvalidData, message, sourceName, inner)
            {
                RecommendedAction = ErrorMessages.ContractFileInvalidAction,
            };
        }

        /// <summary>"file:line:column: reason".</summary>
        public static string Line(string sourceName, int line, int column, string reason) => Where(sourceName, line, column) + ": " + reason;

        private static string Where(string sourceName, int line, int column) =>
            sourceName + ":" + line.ToString(CultureInfo.InvariantCulture) + ":" + column.ToString(CultureInfo.InvariantCulture);

        private static ContractExpectation? ReadExpectation(ContractNode item, string sourceName, List<(int, int, string)> errors)
        {
            if (item.Kind != ContractNodeKind.Map)
            {
                errors.Add((item.Line, item.Column, "an expectation is a map with one of the keys " + string.Join(", ", KindKeys)));
                return null;
            }

            var values = new Dictionary<string, KeyValuePair<ContractNode, ContractNode>>(StringComparer.Ordinal);
            var before = errors.Count;
            foreach (var entry in item.Entries)
            {
                var key = AllKeys.FirstOrDefault(k => string.Equals(k, entry.Key.Value, StringComparison.OrdinalIgnoreCase));
                if (key == null) errors.Add((entry.Key.Line, entry.Key.Column, "unknown key '" + entry.Key.Value + "'; an expectation takes " + string.Join(", ", AllKeys)));
                else if (values.ContainsKey(key)) errors.Add((entry.Key.Line, entry.Key.Column, "the key '" + key + "' is given twice"));
                else values[key] = entry;
            }

            var kinds = KindKeys.Where(values.ContainsKey).ToList();
            if (kinds.Count != 1)
            {
                errors.Add((item.Line, item.Column, kinds.Count == 0
                    ? "an expectation needs one of the keys " + string.Join(", ", KindKeys)
                    : "an expectation has one of the keys " + string.Join(", ", KindKeys) + ", not " + string.Join(" and ", kinds)));
                return null;
            }

            var kind = (ContractExpectationKind)Array.IndexOf(KindKeys, kinds[0]);
            var kindNode = values[kinds[0]].Value;
            var name = values.TryGetValue("name", out var nameEntry) ? Text(nameEntry.Value, "name", errors) : null;
            var expectation = new ContractExpectation(kind, Where(sourceName, item.Line, item.Column), item.Line, name);

            void NotFor(string key)
            {
                if (values.TryGetValue(key, out var e)) errors.Add((e.Key.Line, e.Key.Column, "'" + key + "' does not go with '" + kinds[0] + "'"));
            }

            switch (kind)
            {
                case ContractExpectationKind.Reaches:
                case ContractExpectationKind.NotReaches:
                case ContractExpectationKind.Resolves:
                case ContractExpectationKind.NotResolves:
                    expectation.Target = Text(kindNode, kinds[0], errors);
                    if (values.TryGetValue("from", out var from)) expectation.From = Text(from.Value, "from", errors);
                    else errors.Add((item.Line, item.Column, "'" + kinds[0] + "' needs 'from': the container the traffic or the lookup starts in"));
                    NotFor("onlyOn");
                    if (kind == ContractExpectationKind.Resolves || kind == ContractExpectationKind.NotResolves)
                    {
                        NotFor("port");
                        NotFor("protocol");
                        break;
                    }
                    int? port = values.TryGetValue("port", out var portEntry) ? Port(portEntry.Value, "port", errors) : null;
                    ReachabilityProtocol? protocol = null;
                    if (values.TryGetValue("protocol", out var protocolEntry))
                        protocol = Enum<ReachabilityProtocol>(protocolEntry.Value, errors);
                    expectation.Port = port;
                    try
                    {
                        if (errors.Count == before) expectation.Protocol = ReachabilityQuery.Validate(port, protocol);
                    }
                    catch (DockerNetException ex)
                    {
                        errors.Add((item.Line, item.Column, ex.Message));
                    }
                    break;

                case ContractExpectationKind.Published:
                    NotFor("from");
                    expectation.Port = Port(kindNode, "published", errors);
                    expectation.Transport = values.TryGetValue("protocol", out var transport) ? Enum<TransportProtocol>(transport.Value, errors) ?? TransportProtocol.Tcp : TransportProtocol.Tcp;
                    if (values.TryGetValue("onlyOn", out var onlyOn))
                        expectation.OnlyOn = Scalars(onlyOn.Value).Select(n => Address(n, errors)).Where(a => a != null).Select(a => a!).ToList();
                    break;

                default:
                    NotFor("from");
                    NotFor("port");
                    NotFor("protocol");
                    NotFor("onlyOn");
                    expectation.AllowedPorts = kindNode.Kind == ContractNodeKind.Scalar && kindNode.Value == null
                        ? Array.Empty<int>()
                        : Scalars(kindNode).Select(n => Port(n, "exposedOnly", errors)).Where(p => p.HasValue).Select(p => p!.Value).ToList();
                    break;
            }
            return errors.Count == before ? expectation : null;
        }

        private static IEnumerable<ContractNode> Scalars(ContractNode node) => node.Kind == ContractNodeKind.List ? node.Items : new[] { node };

        private static string? Text(ContractNode node, string key, List<(int, int, string)> errors)
        {
            if (node.Kind == ContractNodeKind.Scalar && !string.IsNullOrWhiteSpace(node.Value)) return node.Value!.Trim();
            errors.Add((node.Line, node.Column, "'" + key + "' must be a name (text)"));
            return null;
        }

        private static int? Port(ContractNode node, string key, List<(int, int, string)> errors)
        {
            if (node.Kind == ContractNodeKind.Scalar && int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port >= 1 && port <= 65535)
                return port;
            errors.Add((node.Line, node.Column, "'" + key + "' must be a port number from 1 to 65535, not '" + node + "'"));
            return null;
        }

        private static T? Enum<T>(ContractNode node, List<(int, int, string)> errors)
            where T : struct
        {
            var names = System.Enum.GetNames(typeof(T));
            var match = node.Kind == ContractNodeKind.Scalar ? names.FirstOrDefault(n => string.Equals(n, node.Value?.Trim(), StringComparison.OrdinalIgnoreCase)) : null;
            if (match != null) return (T)System.Enum.Parse(typeof(T), match);
            errors.Add((node.Line, node.Column, "'protocol' must be one of " + string.Join(", ", names.Select(n => n.ToLowerInvariant())) + ", not '" + node + "'"));
            return null;
        }

        private static IPAddress? Address(ContractNode node, List<(int, int, string)> errors)
        {
            var text = node.Value?.Trim().Trim('[', ']');
            if (node.Kind == ContractNodeKind.Scalar && text != null && IPAddress.TryParse(text, out var address)) return address;
            errors.Add((node.Line, node.Column, "'onlyOn' must be host addresses (127.0.0.1, ::1, 0.0.0.0), not '" + node + "'"));
            return null;
        }

        private static ContractNode FromYaml(YamlNode node)
        {
            var line = (int)node.Start.Line;
            var column = (int)node.Start.Column;
            switch (node)
            {
                case YamlMappingNode map:
                    return ContractNode.Map(map.Children.Select(c => new KeyValuePair<ContractNode, ContractNode>(FromYaml(c.Key), FromYaml(c.Value))).ToList(), line, column);
                case YamlSequenceNode sequence:
                    return ContractNode.List(sequence.Children.Select(FromYaml).ToList(), line, column);
                case YamlScalarNode scalar:
                    var isNull = scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (scalar.Value == null || scalar.Value.Length == 0 || scalar.Value == "~" || scalar.Value == "null");
                    return ContractNode.Scalar(isNull ? null : scalar.Value, line, column);
                default:
                    return ContractNode.Scalar(null, line, column);
            }
        }
    }
}
