using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Model;

namespace DockerNetTools.Firewall
{
    /// <summary>
    /// Walks a <see cref="FirewallRuleset"/> for one packet at one hook as the kernel does: the hook's tables in priority order
    /// (raw, mangle, nat for a new connection's DNAT, filter, nat again for SNAT), each from its built-in chain, rule by rule;
    /// a jump enters a user chain and its end or RETURN comes back, -g does not come back, the built-in chain's policy decides
    /// when no rule did. ACCEPT ends a table, DROP and REJECT end the packet. DNAT rewrites the destination the later tables
    /// (and the caller's routing) see. A rule whose modelled matches all hold but which has a match this evaluator does not
    /// model (ipset, bpf, mark, limit, …) is not guessed: the result is Undetermined, naming that rule, unless what the rule
    /// does cannot change the outcome (a LOG, or a jump to a chain that returns without deciding anything for this packet).
    /// </summary>
    public static class PacketFilter
    {
        private const int MaxDepth = 64;

        /// <summary>Targets that change nothing the verdict depends on: the walk goes on after them.</summary>
        private static readonly HashSet<string> PassThroughTargets = new HashSet<string>(StringComparer.Ordinal)
        {
            "LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "TCPMSS", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "CHECKSUM", "TRACE", "AUDIT", "SET", "IDLETIMER", "LED",
        };

        /// <summary>The tables a hook passes through, in the kernel's priority order (iptables' nat only for a connection's first packet).</summary>
        public static IReadOnlyList<string> Tables(FirewallHook hook)
        {
            switch (hook)
            {
                case FirewallHook.Prerouting:
                    return PreroutingTables;
                case FirewallHook.Input:
                    return InputTables;
                case FirewallHook.Forward:
                    return ForwardTables;
                case FirewallHook.Output:
                    return OutputTables;
                default:
                    return PostroutingTables;
            }
        }

        // Read-only wrappers, shared by every walk.
        private static readonly IReadOnlyList<string> PreroutingTables = Array.AsReadOnly(new[] { "raw", "mangle", "nat" });
        private static readonly IReadOnlyList<string> InputTables = Array.AsReadOnly(new[] { "mangle", "filter", "security", "nat" });
        private static readonly IReadOnlyList<string> ForwardTables = Array.AsReadOnly(new[] { "mangle", "filter", "security" });
        private static readonly IReadOnlyList<string> OutputTables = Array.AsReadOnly(new[] { "raw", "mangle", "nat", "filter", "security" });
        private static readonly IReadOnlyList<string> PostroutingTables = Array.AsReadOnly(new[] { "mangle", "nat" });

        private static readonly string[] ChainNames = { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" };

        /// <summary>The built-in chain of a hook ("FORWARD").</summary>
        public static string ChainName(FirewallHook hook) => (int)hook >= 0 && (int)hook < ChainNames.Length ? ChainNames[(int)hook] : hook.ToString().ToUpperInvariant();

        /// <summary>What the rules of <paramref name="hook"/> do with <paramref name="packet"/> (which is not changed; the result holds the rewritten copy).</summary>
        public static FilterDecision Evaluate(FirewallRuleset ruleset, FirewallHook hook, FirewallPacket packet)
        {
            var walk = new Walk(packet.Clone());
            (string Table, string Chain, FirewallRule? Rule, string Text)? accepted = null;
            foreach (var (table, chain, isNat, isFilter) in Chains(ruleset, hook))
            {
                if (isNat && walk.Packet.State != ConnectionState.New) continue;
                var tableName = isFilter ? "filter" : table.Name;
                var outcome = walk.Run(table, chain, 0);
                switch (outcome.Kind)
                {
                    case OutcomeKind.Undetermined:
                        return walk.Decision(hook, FilterVerdict.Undetermined, outcome.Table, outcome.Chain, outcome.Rule, outcome.Rule?.Text, outcome.Reason);
                    case OutcomeKind.Decided when outcome.Verdict != FilterVerdict.Accept:
                        return walk.Decision(hook, outcome.Verdict, outcome.Table, outcome.Chain, outcome.Rule, outcome.Rule!.Text, null);
                    case OutcomeKind.Decided:
                        if (accepted == null || tableName == "filter") accepted = (outcome.Table, outcome.Chain, outcome.Rule, outcome.Rule!.Text);
                        break;
                    default:
                        if (chain.Policy == "DROP")
                            return walk.Decision(hook, FilterVerdict.Drop, table.Name, chain.Name, null, chain.PolicyText, null);
                        if (accepted == null || tableName == "filter") accepted = (table.Name, chain.Name, null, chain.PolicyText);
                        break;
                }
            }
            return accepted == null
                ? walk.Decision(hook, FilterVerdict.Accept, null, null, null, null, null)
                : walk.Decision(hook, FilterVerdict.Accept, accepted.Value.Table, accepted.Value.Chain, accepted.Value.Rule, accepted.Value.Text, null);
        }

        /// <summary>
        /// The chains a hook runs, in order: iptables' tables' built-in chains, or nftables' base chains of that hook by
        /// priority (a chain of type nat only for a connection's first packet, as iptables' nat table).
        /// </summary>
        private static IEnumerable<(FirewallTable Table, FirewallChain Chain, bool IsNat, bool IsFilter)> Chains(FirewallRuleset ruleset, FirewallHook hook)
        {
            if (ruleset.Format == FirewallFormat.NftJson)
            {
                foreach (var chain in ruleset.BaseChains(hook.ToString().ToLowerInvariant()))
                {
                    var table = ruleset.Table(chain.Table);
                    if (table != null) yield return (table, chain, chain.Type == "nat", chain.Type == "filter");
                }
                yield break;
            }
            foreach (var tableName in Tables(hook))
            {
                var table = ruleset.Table(tableName);
                var chain = table?.Chain(ChainName(hook));
                if (table != null && chain != null) yield return (table, chain, tableName == "nat", tableName == "filter");
            }
        }

        private enum OutcomeKind
        {
            /// <summary>The chain ended or returned without a verdict.</summary>
            Fallthrough,
            Decided,
            Undetermined,
        }

        private readonly struct Outcome
        {
            public Outcome(OutcomeKind kind, FilterVerdict verdict, string table, string chain, FirewallRule? rule, string? reason)
            {
                Kind = kind;
                Verdict = verdict;
                Table = table;
                Chain = chain;
                Rule = rule;
                Reason = reason;
            }

            public OutcomeKind Kind { get; }
            public FilterVerdict Verdict { get; }
            public string Table { get; }
            public string Chain { get; }
            public FirewallRule? Rule { get; }
            public string? Reason { get; }

            public static Outcome Fallthrough(FirewallChain chain) => new Outcome(OutcomeKind.Fallthrough, FilterVerdict.Accept, chain.Table, chain.Name, null, null);
            public static Outcome Decided(FilterVerdict verdict, FirewallRule rule) => new Outcome(OutcomeKind.Decided, verdict, rule.Table, rule.Chain, rule, null);
            public static Outcome Unknown(FirewallRule rule, string reason) => new Outcome(OutcomeKind.Undetermined, FilterVerdict.Undetermined, rule.Table, rule.Chain, rule, reason);
        }

        private enum MatchResult
        {
            No,
            Yes,
            Unknown,
        }

        private sealed class Walk
        {
            public Walk(FirewallPacket packet)
            {
                Packet = packet;
            }

            public FirewallPacket Packet { get; private set; }
            private FirewallRule? _dnat;
            private FirewallRule? _snat;
            private readonly List<FirewallRule> _matched = new List<FirewallRule>();

            public FilterDecision Decision(FirewallHook hook, FilterVerdict verdict, string? table, string? chain, FirewallRule? rule, string? text, string? reason) =>
                new FilterDecision(hook, verdict, table, chain, rule, text, reason, Packet, _dnat, _snat, _matched.ToArray());

            public Outcome Run(FirewallTable table, FirewallChain chain, int depth, int start = 0)
            {
                if (depth > MaxDepth)
                    return Outcome.Unknown(chain.Rules.Count > 0 ? chain.Rules[0] : new FirewallRule(table.Name, chain.Name, ":" + chain.Name, chain.Line, Array.Empty<RuleMatch>(),
                        new RuleTarget(null, false, new Dictionary<string, string>(), string.Empty)), "the chains jump deeper than " + MaxDepth + " levels (a loop?)");
                for (var index = start; index < chain.Rules.Count; index++)
                {
                    var rule = chain.Rules[index];
                    var result = Match(rule, Packet, out var unknown);
                    if (result == MatchResult.No) continue;
                    var target = rule.Target;
                    var name = target.Name;
                    var sub = name == null ? null : table.Chain(name);
                    if (result == MatchResult.Unknown)
                    {
                        if (name == null || PassThroughTargets.Contains(name)) continue;
                        if (sub != null && !target.IsGoto && ChangesNothing(table, sub, depth, 0)) continue;
                        // RETURN or not: the same when the rest of this chain would return without deciding anything either.
                        if (name == "RETURN" && ChangesNothing(table, chain, depth, index + 1)) continue;
                        var why = unknown!.Kind == RuleMatchKind.InInterface || unknown.Kind == RuleMatchKind.OutInterface
                            ? "' names an interface the model does not know for this packet"
                            : "' is a match this model does not evaluate";
                        return Outcome.Unknown(rule, "'" + unknown.Text + why + ", and whether it holds decides what happens to the packet");
                    }
                    _matched.Add(rule);
                    if (sub != null)
                    {
                        var inner = Run(table, sub, depth + 1);
                        if (inner.Kind != OutcomeKind.Fallthrough) return inner;
                        if (target.IsGoto) return Outcome.Fallthrough(chain);
                        continue;
                    }
                    if (name == null || PassThroughTargets.Contains(name)) continue;
                    switch (name)
                    {
                        case "ACCEPT":
                            return Outcome.Decided(FilterVerdict.Accept, rule);
                        case "DROP":
                            return Outcome.Decided(FilterVerdict.Drop, rule);
                        case "REJECT":
                            return Outcome.Decided(FilterVerdict.Reject, rule);
                        case "RETURN":
                            return Outcome.Fallthrough(chain);
                        case "DNAT":
                            if (!TryDnat(target.Option("--to-destination"), Packet, out var rewritten))
                                return Outcome.Unknown(rule, "DNAT to '" + target.Option("--to-destination") + "' (a range or missing address) is not modelled");
                            Packet = rewritten;
                            _dnat = rule;
                            return Outcome.Decided(FilterVerdict.Accept, rule);
                        case "SNAT":
                        case "MASQUERADE":
                            _snat = rule;
                            return Outcome.Decided(FilterVerdict.Accept, rule);
                        default:
                            return Outcome.Unknown(rule, "the target " + name + " is not modelled");
                    }
                }
                return Outcome.Fallthrough(chain);
            }

            /// <summary>Whether entering <paramref name="sub"/> would come back with the packet as it is: then a rule jumping there cannot change the outcome.</summary>
            private bool ChangesNothing(FirewallTable table, FirewallChain sub, int depth, int start)
            {
                var packet = Packet;
                var dnat = _dnat;
                var snat = _snat;
                var count = _matched.Count;
                var outcome = Run(table, sub, depth + 1, start);
                var unchanged = outcome.Kind == OutcomeKind.Fallthrough && ReferenceEquals(Packet, packet) && _dnat == dnat && _snat == snat;
                Packet = packet;
                _dnat = dnat;
                _snat = snat;
                _matched.RemoveRange(count, _matched.Count - count);
                return unchanged;
            }
        }

        private static bool TryDnat(string? to, FirewallPacket packet, out FirewallPacket rewritten)
        {
            rewritten = packet;
            if (string.IsNullOrEmpty(to)) return false;
            string addressText;
            string? portText = null;
            if (to![0] == '[')
            {
                var close = to.IndexOf(']');
                if (close < 0) return false;
                addressText = to.Substring(1, close - 1);
                if (close + 1 < to.Length && to[close + 1] == ':') portText = to.Substring(close + 2);
            }
            else if (to.IndexOf(':') == to.LastIndexOf(':') && to.IndexOf(':') >= 0 && packet.Destination.AddressFamily == AddressFamily.InterNetwork)
            {
                var colon = to.IndexOf(':');
                addressText = to.Substring(0, colon);
                portText = to.Substring(colon + 1);
            }
            else
            {
                addressText = to;
            }
            if (addressText.IndexOf('-') >= 0 || !IPAddress.TryParse(addressText, out var address)) return false;
            int? port = null;
            if (portText != null)
            {
                if (portText.IndexOf('-') >= 0 || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p)) return false;
                port = p;
            }
            rewritten = packet.Clone();
            rewritten.Destination = address;
            if (port.HasValue) rewritten.DestinationPort = port;
            rewritten.DestinationIsLocal = false;
            return true;
        }

        private static MatchResult Match(FirewallRule rule, FirewallPacket packet, out RuleMatch? unknown)
        {
            unknown = null;
            // By index: a foreach over the IReadOnlyList would box an enumerator for every rule of every walk.
            var matches = rule.Matches;
            for (var m = 0; m < matches.Count; m++)
            {
                var match = matches[m];
                bool holds;
                switch (match.Kind)
                {
                    case RuleMatchKind.NoTest:
                        continue;
                    case RuleMatchKind.Unknown:
                        unknown ??= match;
                        continue;
                    case RuleMatchKind.Source:
                        holds = InNetwork(packet.SourceBytes, match);
                        break;
                    case RuleMatchKind.Destination:
                        holds = InNetwork(packet.DestinationBytes, match);
                        break;
                    case RuleMatchKind.InInterface when packet.InInterface == null && packet.InterfacesUnknown:
                    case RuleMatchKind.OutInterface when packet.OutInterface == null && packet.InterfacesUnknown:
                        unknown ??= match;
                        continue;
                    case RuleMatchKind.InInterface:
                        holds = Interface(packet.InInterface, match);
                        break;
                    case RuleMatchKind.OutInterface:
                        holds = Interface(packet.OutInterface, match);
                        break;
                    case RuleMatchKind.Protocol:
                        holds = Protocol(packet.Protocol, match.Protocol!);
                        break;
                    case RuleMatchKind.SourcePort:
                        holds = packet.SourcePort.HasValue && InPorts(packet.SourcePort.Value, match);
                        if (!packet.SourcePort.HasValue) return MatchResult.No;
                        break;
                    case RuleMatchKind.DestinationPort:
                        holds = packet.DestinationPort.HasValue && InPorts(packet.DestinationPort.Value, match);
                        if (!packet.DestinationPort.HasValue) return MatchResult.No;
                        break;
                    case RuleMatchKind.EitherPort:
                        if (!packet.SourcePort.HasValue || !packet.DestinationPort.HasValue) return MatchResult.No;
                        holds = InPorts(packet.SourcePort.Value, match) || InPorts(packet.DestinationPort.Value, match);
                        break;
                    case RuleMatchKind.ConnectionState:
                        holds = match.Names.Contains(packet.State == ConnectionState.New ? "NEW" : "ESTABLISHED");
                        break;
                    case RuleMatchKind.DestinationAddressType:
                    case RuleMatchKind.SourceAddressType:
                    {
                        var dst = match.Kind == RuleMatchKind.DestinationAddressType;
                        var anyTrue = false;
                        var anyUnknown = false;
                        foreach (var name in match.Names)
                        {
                            var type = AddressType(name, dst ? packet.Destination : packet.Source, dst ? packet.DestinationIsLocal : packet.SourceIsLocal);
                            anyTrue |= type == true;
                            anyUnknown |= type == null;
                        }
                        if (anyTrue) holds = true;
                        else if (anyUnknown)
                        {
                            unknown ??= match;
                            continue;
                        }
                        else holds = false;
                        break;
                    }
                    default:
                        unknown ??= match;
                        continue;
                }
                if (holds == match.Negated) return MatchResult.No;
            }
            return unknown == null ? MatchResult.Yes : MatchResult.Unknown;
        }

        /// <summary>
        /// Whether an address has an addrtype type: LOCAL from the host's own addresses; a local address has no other type;
        /// MULTICAST from the address; BROADCAST only for 255.255.255.255 (a subnet's broadcast address depends on the host's
        /// routes, which the model does not have: null, not guessed); other types null.
        /// </summary>
        private static bool? AddressType(string type, IPAddress address, bool local)
        {
            if (type == "LOCAL") return local;
            if (local) return false;
            var multicast = address.AddressFamily == AddressFamily.InterNetworkV6 ? address.IsIPv6Multicast : (address.GetAddressBytes()[0] & 0xF0) == 0xE0;
            var limitedBroadcast = address.Equals(IPAddress.Broadcast);
            switch (type)
            {
                case "MULTICAST":
                    return multicast;
                case "BROADCAST":
                    return limitedBroadcast ? true : multicast ? false : (bool?)null;
                case "UNICAST":
                    return multicast || limitedBroadcast ? false : (bool?)null;
                default:
                    return null;
            }
        }

        private static bool InNetwork(byte[] address, RuleMatch match)
        {
            // The mask is applied to the rule's address once (RuleMatch.MaskedNetwork), to the packet's per rule, without copies.
            var network = match.MaskedNetwork();
            var mask = match.Mask!;
            if (network == null || address.Length != network.Length) return false;
            for (var i = 0; i < address.Length; i++)
                if ((address[i] & mask[i]) != network[i]) return false;
            return true;
        }

        private static bool Interface(string? name, RuleMatch match)
        {
            var actual = name ?? string.Empty;
            return match.InterfacePrefix
                ? actual.StartsWith(match.Interface!, StringComparison.Ordinal)
                : string.Equals(actual, match.Interface, StringComparison.Ordinal);
        }

        private static bool InPorts(int port, RuleMatch match) => match.Ports.Any(r => port >= r.Low && port <= r.High);

        private static bool Protocol(string packetProtocol, string ruleProtocol)
        {
            if (ruleProtocol == "all" || ruleProtocol == "0") return true;
            return ProtocolNumber(packetProtocol) == ProtocolNumber(ruleProtocol);
        }

        private static int ProtocolNumber(string protocol)
        {
            switch (protocol.ToLowerInvariant())
            {
                case "icmp":
                    return 1;
                case "tcp":
                    return 6;
                case "udp":
                    return 17;
                case "ipv6-icmp":
                case "icmpv6":
                case "icmp6":
                    return 58;
                case "esp":
                    return 50;
                case "sctp":
                    return 132;
                case "udplite":
                    return 136;
                default:
                    return int.TryParse(protocol, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            }
        }
    }
}
