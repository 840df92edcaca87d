using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DockerNetTools.Model;

namespace DockerNetTools.Firewall
{
    /// <summary>A problem in iptables-save text: the line and column (1-based, within the text) and what is wrong.</summary>
    public sealed class FirewallTextError
    {
        public FirewallTextError(int line, int column, string reason)
        {
            Line = line;
            Column = column;
            Reason = reason;
        }

        public int Line { get; }
        public int Column { get; }
        public string Reason { get; }

        public override string ToString() => Line.ToString(CultureInfo.InvariantCulture) + ":" + Column.ToString(CultureInfo.InvariantCulture) + ": " + Reason;
    }

    /// <summary>What <see cref="IptablesSaveParser.Parse"/> read: the ruleset, or the errors that kept it from being read.</summary>
    public sealed class FirewallParseResult
    {
        public FirewallParseResult(FirewallRuleset? ruleset, IReadOnlyList<FirewallTextError> errors)
        {
            Ruleset = ruleset;
            Errors = errors;
        }

        /// <summary>Null when there are errors.</summary>
        public FirewallRuleset? Ruleset { get; }

        public IReadOnlyList<FirewallTextError> Errors { get; }
    }

    /// <summary>
    /// Reads the text <c>iptables-save</c> / <c>ip6tables-save</c> print (iptables 1.8, legacy or nf_tables): <c>*table</c>,
    /// <c>:CHAIN POLICY [packets:bytes]</c>, <c>-A CHAIN matches -j TARGET options</c>, <c>COMMIT</c>. Matches are parsed into
    /// <see cref="RuleMatch"/>; a module the evaluator does not model is kept as <see cref="RuleMatchKind.Unknown"/> with its
    /// words, so it is never guessed. Every malformed line is reported with its line and column.
    /// </summary>
    public static class IptablesSaveParser
    {
        /// <summary>Targets the kernel provides (anything else a rule jumps to must be a chain of its table).</summary>
        private static readonly HashSet<string> BuiltInTargets = new HashSet<string>(StringComparer.Ordinal)
        {
            "ACCEPT", "DROP", "REJECT", "RETURN", "QUEUE", "NFQUEUE", "LOG", "NFLOG", "ULOG", "DNAT", "SNAT", "MASQUERADE", "REDIRECT",
            "NETMAP", "MARK", "CONNMARK", "CT", "NOTRACK", "TPROXY", "TRACE", "TCPMSS", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "CHECKSUM",
            "SET", "AUDIT", "CONNSECMARK", "SECMARK", "IDLETIMER", "LED", "TEE", "SYNPROXY", "HMARK", "CLUSTERIP", "NPTV6", "DNPT", "SNPT",
        };

        private static readonly char[] Blanks = { ' ', '\t' };

        /// <summary>Parses iptables-save text; <paramref name="family"/> is InterNetworkV6 for ip6tables-save.</summary>
        public static FirewallParseResult Parse(string text, AddressFamily family = AddressFamily.InterNetwork)
        {
            var errors = new List<FirewallTextError>();
            var tables = new List<FirewallTable>();
            var lines = (text ?? string.Empty).Split('\n');
            string? table = null;
            var tableLine = 0;
            var chains = new List<(string Name, string? Policy, int Line)>();
            var rules = new Dictionary<string, List<FirewallRule>>(StringComparer.Ordinal);
            var jumps = new List<(FirewallRule Rule, int Column)>();

            for (var i = 0; i < lines.Length; i++)
            {
                var number = i + 1;
                var line = lines[i].TrimEnd('\r');
                var trimmed = line.Trim();
                if (trimmed.Length == 0 || trimmed[0] == '#') continue;
                var indent = line.Length - line.TrimStart().Length;

                if (trimmed[0] == '*')
                {
                    if (table != null)
                        errors.Add(new FirewallTextError(number, indent + 1, "table " + table + " (line " + tableLine + ") has no COMMIT before the next table"));
                    table = trimmed.Substring(1).Trim();
                    tableLine = number;
                    chains.Clear();
                    rules.Clear();
                    jumps.Clear();
                    if (table.Length == 0) errors.Add(new FirewallTextError(number, indent + 1, "a table line names its table, e.g. *filter"));
                    continue;
                }
                if (table == null)
                {
                    errors.Add(new FirewallTextError(number, indent + 1, "expected a table line such as *filter first (this does not look like iptables-save output)"));
                    continue;
                }
                if (trimmed == "COMMIT")
                {
                    tables.Add(BuildTable(table, chains, rules, jumps, errors));
                    table = null;
                    continue;
                }
                if (trimmed[0] == ':')
                {
                    var parts = trimmed.Substring(1).Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length < 2)
                    {
                        errors.Add(new FirewallTextError(number, indent + 1, "a chain line is ':NAME POLICY [packets:bytes]', e.g. ':FORWARD DROP [0:0]'"));
                        continue;
                    }
                    var policy = parts[1] == "-" ? null : parts[1];
                    if (policy != null && policy != "ACCEPT" && policy != "DROP")
                    {
                        errors.Add(new FirewallTextError(number, line.IndexOf(parts[1], StringComparison.Ordinal) + 1, "unknown policy '" + parts[1] + "': a built-in chain's policy is ACCEPT or DROP, a user chain's is -"));
                        continue;
                    }
                    if (chains.Any(c => c.Name == parts[0]))
                    {
                        errors.Add(new FirewallTextError(number, indent + 2, "chain " + parts[0] + " is declared twice in table " + table));
                        continue;
                    }
                    chains.Add((parts[0], policy, number));
                    rules[parts[0]] = new List<FirewallRule>();
                    continue;
                }
                if (trimmed.StartsWith("-A ", StringComparison.Ordinal) || trimmed.StartsWith("-A\t", StringComparison.Ordinal))
                {
                    var rule = ParseRule(table, trimmed, number, indent, family, errors, out var jumpColumn);
                    if (rule == null) continue;
                    if (!rules.TryGetValue(rule.Chain, out var list))
                    {
                        errors.Add(new FirewallTextError(number, indent + 4, "chain " + rule.Chain + " is not declared in table " + table + " (a ':" + rule.Chain + " - [0:0]' line comes first)"));
                        continue;
                    }
                    list.Add(rule);
                    if (rule.Target.Name != null && !BuiltInTargets.Contains(rule.Target.Name)) jumps.Add((rule, jumpColumn));
                    continue;
                }
                errors.Add(new FirewallTextError(number, indent + 1, "not an iptables-save line: expected *table, :CHAIN POLICY, -A CHAIN …, COMMIT or a # comment"));
            }
            if (table != null)
                errors.Add(new FirewallTextError(tableLine, 1, "table " + table + " has no COMMIT line"));
            if (errors.Count > 0) return new FirewallParseResult(null, errors);
            return new FirewallParseResult(new FirewallRuleset(family, tables, text ?? string.Empty), errors);
        }

        private static FirewallTable BuildTable(string table, List<(string Name, string? Policy, int Line)> chains, Dictionary<string, List<FirewallRule>> rules,
            List<(FirewallRule Rule, int Column)> jumps, List<FirewallTextError> errors)
        {
            foreach (var (rule, column) in jumps)
                if (!rules.ContainsKey(rule.Target.Name!))
                    errors.Add(new FirewallTextError(rule.Line, column, "rule jumps to " + rule.Target.Name + ", which is neither a chain of table " + table + " nor a target iptables knows"));
            return new FirewallTable(table, chains.Select(c => new FirewallChain(table, c.Name, c.Policy, rules[c.Name].ToArray(), c.Line)).ToArray());
        }

        private static FirewallRule? ParseRule(string table, string text, int line, int indent, AddressFamily family, List<FirewallTextError> errors, out int jumpColumn)
        {
            jumpColumn = indent + 1;
            var tokens = Tokenize(text, out var tokenError);
            if (tokenError != null)
            {
                errors.Add(new FirewallTextError(line, indent + tokenError.Value.Column, tokenError.Value.Reason));
                return null;
            }
            if (tokens.Count < 2)
            {
                errors.Add(new FirewallTextError(line, indent + 1, "-A names the chain the rule is appended to"));
                return null;
            }
            var chain = tokens[1].Text;
            var matches = new List<RuleMatch>();
            string? module = null;
            string? protocol = null;
            RuleTarget target = new RuleTarget(null, false, new Dictionary<string, string>(), string.Empty);
            var i = 2;
            var firstError = errors.Count;

            void Fail(Token at, string reason) => errors.Add(new FirewallTextError(line, indent + at.Column, reason));

            string? Arg(Token option)
            {
                if (i + 1 < tokens.Count) return tokens[++i].Text;
                Fail(option, option.Text + " needs a value");
                return null;
            }

            while (i < tokens.Count && errors.Count == firstError)
            {
                var start = i;
                var negated = false;
                if (tokens[i].Text == "!")
                {
                    negated = true;
                    i++;
                    if (i >= tokens.Count)
                    {
                        Fail(tokens[i - 1], "'!' must be followed by the option it inverts");
                        break;
                    }
                }
                var token = tokens[i];
                string Words() => string.Join(" ", tokens.Skip(start).Take(i - start + 1).Select(t => t.Quoted));
                switch (token.Text)
                {
                    case "-s":
                    case "--source":
                    case "-d":
                    case "--destination":
                    {
                        var value = Arg(token);
                        if (value == null) break;
                        if (!TryParseNetwork(value, family, out var address, out var mask))
                        {
                            Fail(tokens[i], "'" + value + "' is not an " + (family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4") + " address or address/mask");
                            break;
                        }
                        var kind = token.Text == "-s" || token.Text == "--source" ? RuleMatchKind.Source : RuleMatchKind.Destination;
                        matches.Add(new RuleMatch(kind, negated, Words()) { Address = address, Mask = mask });
                        break;
                    }
                    case "-i":
                    case "--in-interface":
                    case "-o":
                    case "--out-interface":
                    {
                        var value = Arg(token);
                        if (value == null) break;
                        var kind = token.Text.StartsWith("-i", StringComparison.Ordinal) || token.Text == "--in-interface" ? RuleMatchKind.InInterface : RuleMatchKind.OutInterface;
                        var prefix = value.EndsWith("+", StringComparison.Ordinal);
                        matches.Add(new RuleMatch(kind, negated, Words()) { Interface = prefix ? value.Substring(0, value.Length - 1) : value, InterfacePrefix = prefix });
                        break;
                    }
                    case "-p":
                    case "--protocol":
                    {
                        var value = Arg(token);
                        if (value == null) break;
                        protocol = value.ToLowerInvariant();
                        matches.Add(new RuleMatch(RuleMatchKind.Protocol, negated, Words()) { Protocol = protocol });
                        break;
                    }
                    case "-f":
                    case "--fragment":
                        matches.Add(new RuleMatch(RuleMatchKind.Unknown, negated, Words()));
                        break;
                    case "-m":
                    case "--match":
                    {
                        var value = Arg(token);
                        if (value == null) break;
                        module = value;
                        // Loading a module tests nothing; its options do. Kept so the words of the rule stay complete.
                        matches.Add(new RuleMatch(RuleMatchKind.NoTest, false, Words()));
                        break;
                    }
                    case "-j":
                    case "--jump":
                    case "-g":
                    case "--goto":
                    {
                        var name = Arg(token);
                        if (name == null) break;
                        jumpColumn = tokens[i].Column + indent;
                        var options = new Dictionary<string, string>(StringComparer.Ordinal);
                        var words = new List<string> { token.Text, tokens[i].Quoted };
                        while (i + 1 < tokens.Count)
                        {
                            var option = tokens[++i];
                            words.Add(option.Quoted);
                            if (!option.Text.StartsWith("--", StringComparison.Ordinal))
                            {
                                Fail(option, "unexpected '" + option.Text + "' after the target: target options start with --");
                                break;
                            }
                            var optionValue = string.Empty;
                            if (i + 1 < tokens.Count && !tokens[i + 1].Text.StartsWith("--", StringComparison.Ordinal))
                            {
                                optionValue = tokens[++i].Text;
                                words.Add(tokens[i].Quoted);
                            }
                            options[option.Text] = optionValue;
                        }
                        if (negated) Fail(tokens[start], "a target cannot be inverted with '!'");
                        target = new RuleTarget(name, token.Text == "-g" || token.Text == "--goto", options, string.Join(" ", words));
                        break;
                    }
                    default:
                        if (!token.Text.StartsWith("--", StringComparison.Ordinal))
                        {
                            Fail(token, "unexpected '" + token.Text + "': expected an option such as -s, -d, -i, -o, -p, -m or -j");
                            break;
                        }
                        var match = ModuleOption(module, protocol, token, negated, tokens, ref i, start, Fail);
                        if (match != null) matches.Add(match);
                        break;
                }
                i++;
            }
            if (errors.Count > firstError) return null;
            return new FirewallRule(table, chain, text, line, matches, target);
        }

        private static RuleMatch? ModuleOption(string? module, string? protocol, Token option, bool negated, List<Token> tokens, ref int i, int start, Action<Token, string> fail)
        {
            // A module option takes the words up to the next option (iptables-save prints every value after its option).
            var values = new List<Token>();
            while (i + 1 < tokens.Count && !tokens[i + 1].Text.StartsWith("-", StringComparison.Ordinal) && tokens[i + 1].Text != "!") values.Add(tokens[++i]);
            var words = string.Join(" ", tokens.Skip(start).Take(i - start + 1).Select(t => t.Quoted));
            var name = option.Text;
            // "-p tcp --dport 80" without "-m tcp": iptables loads the protocol's module itself.
            var mod = module ?? protocol;
            var first = values.Count > 0 ? values[0].Text : null;

            RuleMatch Ports(RuleMatchKind kind)
            {
                if (first == null)
                {
                    fail(option, name + " needs a port or port range");
                    return null!;
                }
                var ranges = new List<(int, int)>();
                foreach (var part in first.Split(','))
                {
                    if (!TryParsePortRange(part, out var range))
                    {
                        fail(values[0], "'" + first + "' is not a port, port range (low:high) or list of them");
                        return null!;
                    }
                    ranges.Add(range);
                }
                return new RuleMatch(kind, negated, words) { Ports = ranges };
            }

            RuleMatch Names(RuleMatchKind kind)
            {
                if (first == null)
                {
                    fail(option, name + " needs a value");
                    return null!;
                }
                return new RuleMatch(kind, negated, words) { Names = first.Split(',').Select(s => s.Trim().ToUpperInvariant()).ToArray() };
            }

            switch (mod)
            {
                case "tcp":
                case "udp":
                case "sctp":
                case "udplite":
                    if (name == "--dport" || name == "--destination-port") return Ports(RuleMatchKind.DestinationPort);
                    if (name == "--sport" || name == "--source-port") return Ports(RuleMatchKind.SourcePort);
                    break;
                case "multiport":
                    if (name == "--dports" || name == "--destination-ports") return Ports(RuleMatchKind.DestinationPort);
                    if (name == "--sports" || name == "--source-ports") return Ports(RuleMatchKind.SourcePort);
                    if (name == "--ports") return Ports(RuleMatchKind.EitherPort);
                    break;
                case "conntrack":
                    if (name == "--ctstate") return Names(RuleMatchKind.ConnectionState);
                    break;
                case "state":
                    if (name == "--state") return Names(RuleMatchKind.ConnectionState);
                    break;
                case "addrtype":
                    if (name == "--dst-type") return Names(RuleMatchKind.DestinationAddressType);
                    if (name == "--src-type") return Names(RuleMatchKind.SourceAddressType);
                    break;
                case "comment":
                    if (name == "--comment") return new RuleMatch(RuleMatchKind.NoTest, negated, words);
                    break;
            }
            return new RuleMatch(RuleMatchKind.Unknown, negated, (mod == null ? string.Empty : "-m " + mod + " ") + words);
        }

        private static bool TryParsePortRange(string text, out (int Low, int High) range)
        {
            range = default;
            var colon = text.IndexOf(':');
            var lowText = colon < 0 ? text : text.Substring(0, colon);
            var highText = colon < 0 ? text : text.Substring(colon + 1);
            var low = lowText.Length == 0 ? 0 : -1;
            var high = highText.Length == 0 ? 65535 : -1;
            if (low < 0 && !int.TryParse(lowText, NumberStyles.None, CultureInfo.InvariantCulture, out low)) return false;
            if (high < 0 && !int.TryParse(highText, NumberStyles.None, CultureInfo.InvariantCulture, out high)) return false;
            if (low > 65535 || high > 65535 || low > high) return false;
            range = (low, high);
            return true;
        }

        /// <summary>address, address/prefix or address/dotted-mask of the family.</summary>
        internal static bool TryParseNetwork(string text, AddressFamily family, out IPAddress address, out byte[] mask)
        {
            address = IPAddress.None;
            mask = Array.Empty<byte>();
            var slash = text.IndexOf('/');
            var addressText = slash < 0 ? text : text.Substring(0, slash);
            if (!IPAddress.TryParse(addressText, out var parsed) || parsed.AddressFamily != family) return false;
            var length = family == AddressFamily.InterNetworkV6 ? 16 : 4;
            int prefix;
            if (slash < 0)
            {
                prefix = length * 8;
            }
            else
            {
                var maskText = text.Substring(slash + 1);
                if (int.TryParse(maskText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
                {
                    if (prefix > length * 8) return false;
                }
                else if (IPAddress.TryParse(maskText, out var dotted) && dotted.AddressFamily == family)
                {
                    address = parsed;
                    mask = dotted.GetAddressBytes();
                    return true;
                }
                else
                {
                    return false;
                }
            }
            mask = new byte[length];
            for (var b = 0; b < length; b++)
            {
                var bits = Math.Max(0, Math.Min(8, prefix - b * 8));
                mask[b] = (byte)(0xFF << (8 - bits));
            }
            address = parsed;
            return true;
        }

        private readonly struct Token
        {
            public Token(string text, int column, bool quoted)
            {
                Text = text;
                Column = column;
                WasQuoted = quoted;
            }

            public string Text { get; }

            /// <summary>1-based column within the trimmed line.</summary>
            public int Column { get; }

            public bool WasQuoted { get; }

            /// <summary>The word as iptables-save prints it (quoted when it was).</summary>
            public string Quoted => WasQuoted ? "\"" + Text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : Text;
        }

        /// <summary>Splits on blanks; a "double-quoted" word (with \" and \\ escapes, as iptables-save writes comments) is one token.</summary>
        private static List<Token> Tokenize(string text, out (int Column, string Reason)? error)
        {
            error = null;
            var tokens = new List<Token>();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == ' ' || text[i] == '\t')
                {
                    i++;
                    continue;
                }
                var start = i;
                if (text[i] == '"')
                {
                    var sb = new StringBuilder();
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length) i++;
                        sb.Append(text[i]);
                        i++;
                    }
                    if (i >= text.Length)
                    {
                        error = (start + 1, "unclosed quote: a quoted word ends with \"");
                        return tokens;
                    }
                    i++;
                    tokens.Add(new Token(sb.ToString(), start + 1, true));
                    continue;
                }
                while (i < text.Length && text[i] != ' ' && text[i] != '\t') i++;
                tokens.Add(new Token(text.Substring(start, i - start), start + 1, false));
            }
            return tokens;
        }
    }
}
