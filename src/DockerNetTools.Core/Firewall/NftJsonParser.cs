using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DockerNetTools.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerNetTools.Firewall
{
    /// <summary>The IPv4 and IPv6 views of one nftables ruleset (an inet table is in both); either is null when no table of that family exists.</summary>
    public sealed class NftParseResult
    {
        public NftParseResult(FirewallRuleset? ipv4, FirewallRuleset? ipv6, IReadOnlyList<string> errors)
        {
            IPv4 = ipv4;
            IPv6 = ipv6;
            Errors = errors;
        }

        public FirewallRuleset? IPv4 { get; }
        public FirewallRuleset? IPv6 { get; }

        /// <summary>Why the text could not be read at all (not JSON, no "nftables" list); empty when it was.</summary>
        public IReadOnlyList<string> Errors { get; }
    }

    /// <summary>
    /// Reads the JSON of <c>nft -j list ruleset</c> (libnftables' schema 1, checked with nft 1.0.6) into the same
    /// <see cref="FirewallRuleset"/> the evaluator walks for iptables-save text: tables named "family name", chains with
    /// their hook, type, priority and policy, rules with their matches and verdict. Understood: <c>ip/ip6 saddr/daddr</c>
    /// (address or prefix), <c>iifname/oifname</c> (with a trailing <c>*</c>), <c>meta l4proto</c>, <c>ip protocol</c>,
    /// <c>tcp/udp sport/dport</c> (a port, a range or an anonymous set), <c>ct state</c>, <c>fib daddr/saddr type local</c>,
    /// <c>counter</c>, <c>log</c>, and the verdicts accept, drop, reject, return, jump, goto, dnat, snat and masquerade.
    /// Anything else (a named set <c>@x</c>, a verdict map, <c>meta mark</c>, a compat <c>xt</c> match) is kept as an unknown
    /// match with its words, so the evaluator says Undetermined naming the rule rather than guessing. A rule's text is
    /// printed as <c>nft list</c> would show it, and <see cref="FirewallRule.Line"/> holds its handle.
    /// </summary>
    public static class NftJsonParser
    {
        public static NftParseResult Parse(string text)
        {
            YamlNode root;
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(text ?? string.Empty));
                if (stream.Documents.Count == 0) return Failed("the text is empty");
                root = stream.Documents[0].RootNode;
            }
            catch (YamlException exception)
            {
                return Failed("it is not JSON (" + exception.Message + ")");
            }
            if (!(root is YamlMappingNode top) || !(Child(top, "nftables") is YamlSequenceNode items))
                return Failed("it has no \"nftables\" list (the output of nft -j list ruleset)");

            var tables = new List<(string Family, string Name)>();
            var chains = new List<(string Family, string Table, FirewallChain Chain)>();
            var rules = new Dictionary<string, List<FirewallRule>>(StringComparer.Ordinal);
            foreach (var item in items.Children.OfType<YamlMappingNode>())
            {
                if (Child(item, "table") is YamlMappingNode t)
                {
                    tables.Add((Text(t, "family") ?? "ip", Text(t, "name") ?? string.Empty));
                }
                else if (Child(item, "chain") is YamlMappingNode c)
                {
                    var family = Text(c, "family") ?? "ip";
                    var table = family + " " + Text(c, "table");
                    var rulesOf = new List<FirewallRule>();
                    rules[table + "\n" + Text(c, "name")] = rulesOf;
                    var policy = Text(c, "policy");
                    var chain = new FirewallChain(table, Text(c, "name") ?? string.Empty, policy == null ? null : policy.ToUpperInvariant(), rulesOf, Int(c, "handle"))
                    {
                        Hook = Text(c, "hook"),
                        Type = Text(c, "type"),
                        Priority = Int(c, "prio"),
                    };
                    chains.Add((family, table, chain));
                }
                else if (Child(item, "rule") is YamlMappingNode r)
                {
                    var table = (Text(r, "family") ?? "ip") + " " + Text(r, "table");
                    if (!rules.TryGetValue(table + "\n" + Text(r, "chain"), out var list)) continue;
                    list.Add(ReadRule(r, table, Text(r, "chain") ?? string.Empty));
                }
            }

            FirewallRuleset? View(string family, AddressFamily addressFamily)
            {
                var mine = tables.Where(t => t.Family == family || t.Family == "inet").ToList();
                if (mine.Count == 0) return null;
                var built = mine.Select(t => new FirewallTable(t.Family + " " + t.Name, chains.Where(c => c.Table == t.Family + " " + t.Name).Select(c => c.Chain).ToList())).ToList();
                return new FirewallRuleset(addressFamily, built, text!, FirewallFormat.NftJson);
            }

            return new NftParseResult(View("ip", AddressFamily.InterNetwork), View("ip6", AddressFamily.InterNetworkV6), Array.Empty<string>());
        }

        private static NftParseResult Failed(string why) => new NftParseResult(null, null, new[] { why });

        private static FirewallRule ReadRule(YamlMappingNode rule, string table, string chain)
        {
            var matches = new List<RuleMatch>();
            var words = new List<string>();
            RuleTarget? target = null;
            if (Child(rule, "expr") is YamlSequenceNode exprs)
            {
                foreach (var expr in exprs.Children.OfType<YamlMappingNode>())
                {
                    var (key, body) = expr.Children.Count == 1 ? (((YamlScalarNode)expr.Children.First().Key).Value ?? string.Empty, expr.Children.First().Value) : (string.Empty, (YamlNode)expr);
                    if (key == "match" && body is YamlMappingNode m)
                    {
                        var text = MatchText(m);
                        words.Add(text);
                        matches.AddRange(ReadMatch(m, text));
                    }
                    else if (key == "counter" || key == "log")
                    {
                        words.Add(key);
                    }
                    else if (Verdict(key, body) is RuleTarget verdict)
                    {
                        words.Add(verdict.Text);
                        target = verdict;
                    }
                    else
                    {
                        var text = key + " " + Flat(body);
                        words.Add(text.Trim());
                        matches.Add(new RuleMatch(RuleMatchKind.Unknown, false, text.Trim()));
                    }
                }
            }
            if (Text(rule, "comment") is string comment) words.Add("comment \"" + comment + "\"");
            target ??= new RuleTarget(null, false, new Dictionary<string, string>(), string.Empty);
            return new FirewallRule(table, chain, string.Join(" ", words), Int(rule, "handle"), matches, target);
        }

        private static RuleTarget? Verdict(string key, YamlNode body)
        {
            RuleTarget Make(string name, string text, bool isGoto = false, Dictionary<string, string>? options = null) =>
                new RuleTarget(name, isGoto, options ?? new Dictionary<string, string>(), text);
            switch (key)
            {
                case "accept":
                    return Make("ACCEPT", "accept");
                case "drop":
                    return Make("DROP", "drop");
                case "reject":
                    return Make("REJECT", "reject");
                case "return":
                    return Make("RETURN", "return");
                case "jump":
                case "goto":
                    var chain = body is YamlMappingNode j ? Text(j, "target") : null;
                    return chain == null ? null : Make(chain, key + " " + chain, key == "goto");
                case "masquerade":
                    return Make("MASQUERADE", "masquerade");
                case "dnat":
                case "snat":
                    if (!(body is YamlMappingNode nat) || Text(nat, "addr") is not string addr || Child(nat, "addr") is not YamlScalarNode) return null;
                    var port = Text(nat, "port");
                    var endpoint = (addr.IndexOf(':') >= 0 && port != null ? "[" + addr + "]" : addr) + (port != null ? ":" + port : string.Empty);
                    var option = key == "dnat" ? "--to-destination" : "--to-source";
                    return Make(key == "dnat" ? "DNAT" : "SNAT", key + " to " + endpoint, false, new Dictionary<string, string> { [option] = endpoint });
                default:
                    return null;
            }
        }

        private static RuleMatch[] ReadMatch(YamlMappingNode match, string text)
        {
            var op = Text(match, "op") ?? "==";
            var negated = op == "!=";
            var left = Child(match, "left") as YamlMappingNode;
            var right = Child(match, "right");
            RuleMatch Unknown() => new RuleMatch(RuleMatchKind.Unknown, false, text);
            if (left == null || right == null || (op != "==" && op != "!=" && op != "in")) return new[] { Unknown() };

            if (Child(left, "payload") is YamlMappingNode payload)
            {
                var protocol = Text(payload, "protocol");
                var field = Text(payload, "field");
                if ((protocol == "ip" || protocol == "ip6") && (field == "saddr" || field == "daddr"))
                {
                    var (address, length) = Prefix(right);
                    if (address == null) return new[] { Unknown() };
                    return new[] { new RuleMatch(field == "saddr" ? RuleMatchKind.Source : RuleMatchKind.Destination, negated, text) { Address = address, Mask = Mask(address, length) } };
                }
                if (protocol == "ip" && field == "protocol" || protocol == "ip6" && field == "nexthdr")
                    return right is YamlScalarNode p ? new[] { new RuleMatch(RuleMatchKind.Protocol, negated, text) { Protocol = p.Value } } : new[] { Unknown() };
                if ((protocol == "tcp" || protocol == "udp" || protocol == "sctp") && (field == "sport" || field == "dport"))
                {
                    var ports = Ports(right);
                    if (ports == null) return new[] { Unknown() };
                    // "tcp dport 80" also says the packet is TCP, whatever the operator.
                    return new[]
                    {
                        new RuleMatch(RuleMatchKind.Protocol, false, protocol!) { Protocol = protocol },
                        new RuleMatch(field == "sport" ? RuleMatchKind.SourcePort : RuleMatchKind.DestinationPort, negated, text) { Ports = ports },
                    };
                }
                return new[] { Unknown() };
            }
            if (Child(left, "meta") is YamlMappingNode meta)
            {
                var key = Text(meta, "key");
                if ((key == "iifname" || key == "oifname") && right is YamlScalarNode name && name.Value != null)
                {
                    var prefix = name.Value.EndsWith("*", StringComparison.Ordinal);
                    return new[]
                    {
                        new RuleMatch(key == "iifname" ? RuleMatchKind.InInterface : RuleMatchKind.OutInterface, negated, text)
                        {
                            Interface = prefix ? name.Value.Substring(0, name.Value.Length - 1) : name.Value,
                            InterfacePrefix = prefix,
                        },
                    };
                }
                if (key == "l4proto" && right is YamlScalarNode proto)
                    return new[] { new RuleMatch(RuleMatchKind.Protocol, negated, text) { Protocol = proto.Value } };
                return new[] { Unknown() };
            }
            if (Child(left, "ct") is YamlMappingNode ct && Text(ct, "key") == "state")
            {
                var states = right is YamlSequenceNode list ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList()
                    : right is YamlScalarNode one ? new List<string> { one.Value! } : null;
                return states == null ? new[] { Unknown() } : new[] { new RuleMatch(RuleMatchKind.ConnectionState, negated, text) { Names = states.Select(s => s.ToUpperInvariant()).ToList() } };
            }
            if (Child(left, "fib") is YamlMappingNode fib && Text(fib, "result") == "type" && right is YamlScalarNode type
                && Child(fib, "flags") is YamlSequenceNode flags && flags.Children.Count == 1 && flags.Children[0] is YamlScalarNode flag)
            {
                var kind = flag.Value == "daddr" ? RuleMatchKind.DestinationAddressType : flag.Value == "saddr" ? RuleMatchKind.SourceAddressType : (RuleMatchKind?)null;
                if (kind != null) return new[] { new RuleMatch(kind.Value, negated, text) { Names = new[] { type.Value!.ToUpperInvariant() } } };
            }
            return new[] { Unknown() };
        }

        /// <summary>An address or {"prefix": {"addr", "len"}}; a named set or anything else is (null, 0).</summary>
        private static (IPAddress? Address, int Length) Prefix(YamlNode node)
        {
            if (node is YamlScalarNode scalar && scalar.Value != null && IPAddress.TryParse(scalar.Value, out var single))
                return (single, single.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
            if (node is YamlMappingNode map && Child(map, "prefix") is YamlMappingNode prefix && Text(prefix, "addr") is string a && IPAddress.TryParse(a, out var address))
                return (address, Int(prefix, "len"));
            return (null, 0);
        }

        private static byte[] Mask(IPAddress address, int length)
        {
            var mask = new byte[address.GetAddressBytes().Length];
            for (var i = 0; i < mask.Length * 8 && i < length; i++) mask[i / 8] |= (byte)(0x80 >> (i % 8));
            return mask;
        }

        /// <summary>A port, {"range": [low, high]}, or {"set": [...]} of those; null for anything else (a named set).</summary>
        private static IReadOnlyList<(int, int)>? Ports(YamlNode node)
        {
            if (node is YamlScalarNode scalar)
                return int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? new[] { (port, port) } : null;
            if (node is YamlMappingNode map)
            {
                if (Child(map, "range") is YamlSequenceNode range && range.Children.Count == 2 && Ports(range.Children[0]) is { } low && Ports(range.Children[1]) is { } high)
                    return new[] { (low[0].Item1, high[0].Item1) };
                if (Child(map, "set") is YamlSequenceNode set)
                {
                    var all = new List<(int, int)>();
                    foreach (var element in set.Children)
                    {
                        var part = Ports(element);
                        if (part == null) return null;
                        all.AddRange(part);
                    }
                    return all;
                }
            }
            return null;
        }

        /// <summary>A match as nft list prints it: "ip saddr 10.0.0.0/8", "oifname != \"docker0\"", "tcp dport { 80, 443 }".</summary>
        private static string MatchText(YamlMappingNode match)
        {
            var op = Text(match, "op") ?? "==";
            var left = Child(match, "left");
            var right = Child(match, "right");
            string Side(YamlNode? node, bool quoteNames)
            {
                switch (node)
                {
                    case YamlScalarNode s:
                        return quoteNames && s.Style == ScalarStyle.DoubleQuoted && !IPAddress.TryParse(s.Value, out _) ? "\"" + s.Value + "\"" : s.Value ?? string.Empty;
                    case YamlSequenceNode list:
                        return string.Join(",", list.Children.Select(c => Side(c, quoteNames)));
                    case YamlMappingNode map when map.Children.Count == 1:
                        var key = ((YamlScalarNode)map.Children.First().Key).Value;
                        var body = map.Children.First().Value;
                        switch (key)
                        {
                            case "payload":
                                return Text((YamlMappingNode)body, "protocol") + " " + Text((YamlMappingNode)body, "field");
                            case "meta":
                                var metaKey = Text((YamlMappingNode)body, "key");
                                return metaKey == "iifname" || metaKey == "oifname" ? metaKey! : "meta " + metaKey;
                            case "ct":
                                return "ct " + Text((YamlMappingNode)body, "key");
                            case "fib":
                                return "fib " + Side(Child((YamlMappingNode)body, "flags"), false) + " " + Text((YamlMappingNode)body, "result");
                            case "prefix":
                                return Text((YamlMappingNode)body, "addr") + "/" + Text((YamlMappingNode)body, "len");
                            case "range":
                                return string.Join("-", ((YamlSequenceNode)body).Children.Select(c => Side(c, quoteNames)));
                            case "set":
                                return "{ " + string.Join(", ", ((YamlSequenceNode)body).Children.Select(c => Side(c, quoteNames))) + " }";
                            default:
                                return key + " " + Flat(body);
                        }
                    default:
                        return node == null ? string.Empty : Flat(node);
                }
            }
            var leftText = Side(left, false);
            // nft quotes interface names only.
            var rightText = Side(right, leftText == "iifname" || leftText == "oifname");
            return leftText + (op == "==" || op == "in" ? " " : " " + op + " ") + rightText;
        }

        /// <summary>Any node in a compact JSON-like form, for a part nobody prints specially.</summary>
        private static string Flat(YamlNode? node)
        {
            switch (node)
            {
                case YamlScalarNode s:
                    return s.Value == "null" ? string.Empty : s.Value ?? string.Empty;
                case YamlSequenceNode list:
                    return "[" + string.Join(", ", list.Children.Select(Flat)) + "]";
                case YamlMappingNode map:
                    var text = new StringBuilder("{");
                    foreach (var pair in map.Children)
                    {
                        if (text.Length > 1) text.Append(", ");
                        text.Append(((YamlScalarNode)pair.Key).Value).Append(": ").Append(Flat(pair.Value));
                    }
                    return text.Append('}').ToString();
                default:
                    return string.Empty;
            }
        }

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private static string? Text(YamlMappingNode map, string key) => Child(map, key) is YamlScalarNode s ? s.Value : null;

        private static int Int(YamlMappingNode map, string key) =>
            int.TryParse(Text(map, key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
