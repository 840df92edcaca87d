using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;

namespace DockerNetTools.Model
{
    /// <summary>
    /// The host's packet filter as <c>iptables-save</c> (or <c>ip6tables-save</c>) printed it: tables, their chains with
    /// policies, and each chain's rules in order. Counters are not kept. The original text is kept so a scenario writes it back
    /// unchanged. Read by <c>DockerNetTools.Firewall.IptablesSaveParser</c>, walked by <c>DockerNetTools.Firewall.PacketFilter</c>.
    /// </summary>
    public sealed class FirewallRuleset
    {
        public FirewallRuleset(AddressFamily family, IReadOnlyList<FirewallTable> tables, string text, FirewallFormat format = FirewallFormat.IptablesSave)
        {
            Family = family;
            Tables = tables;
            Text = text;
            Format = format;
        }

        /// <summary>What the rules were read from: iptables-save text, or the JSON of <c>nft -j list ruleset</c>.</summary>
        public FirewallFormat Format { get; }

        /// <summary>
        /// nftables: the base chains attached to a netfilter hook, in the order the kernel runs them (priority); each is walked
        /// on its own, an accept ends only that chain. Empty for iptables-save text, whose tables and built-in chains are fixed.
        /// </summary>
        public IEnumerable<FirewallChain> BaseChains(string hook) =>
            Tables.SelectMany(t => t.Chains).Where(c => string.Equals(c.Hook, hook, StringComparison.Ordinal)).OrderBy(c => c.Priority);

        /// <summary>InterNetwork for iptables-save, InterNetworkV6 for ip6tables-save.</summary>
        public AddressFamily Family { get; }

        public IReadOnlyList<FirewallTable> Tables { get; }

        /// <summary>The text the rules were read from, as given.</summary>
        public string Text { get; }

        /// <summary>A table by name (filter, nat, raw, mangle, security); null when the text has none.</summary>
        public FirewallTable? Table(string name)
        {
            // Every packet of every question asks for a few tables: the first of each name, looked up by name once.
            var byName = _byName;
            if (byName == null) _byName = byName = FirstOfEachName(Tables, t => t.Name);
            return byName.TryGetValue(name, out var table) ? table : null;
        }

        private Dictionary<string, FirewallTable>? _byName;

        /// <summary>The first item of each name, as FirstOrDefault by name would find it.</summary>
        internal static Dictionary<string, T> FirstOfEachName<T>(IReadOnlyList<T> items, Func<T, string> name)
        {
            var byName = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var item in items)
                if (!byName.ContainsKey(name(item))) byName[name(item)] = item;
            return byName;
        }
    }

    /// <summary>The text a <see cref="FirewallRuleset"/> was read from.</summary>
    public enum FirewallFormat
    {
        /// <summary>iptables-save / ip6tables-save (scenario keys host.firewall, host.firewall6).</summary>
        IptablesSave,

        /// <summary>The JSON of <c>nft -j list ruleset</c> (scenario key host.nftables); tables are named "family name" (e.g. "ip filter").</summary>
        NftJson,
    }

    /// <summary>One table of the ruleset (<c>*filter</c> … <c>COMMIT</c>).</summary>
    public sealed class FirewallTable
    {
        public FirewallTable(string name, IReadOnlyList<FirewallChain> chains)
        {
            Name = name;
            Chains = chains;
        }

        public string Name { get; }

        /// <summary>The chains in the order iptables-save declared them.</summary>
        public IReadOnlyList<FirewallChain> Chains { get; }

        public FirewallChain? Chain(string name)
        {
            var byName = _byName;
            if (byName == null) _byName = byName = FirewallRuleset.FirstOfEachName(Chains, c => c.Name);
            return byName.TryGetValue(name, out var chain) ? chain : null;
        }

        private Dictionary<string, FirewallChain>? _byName;
    }

    /// <summary>A chain: a built-in one has a policy (ACCEPT or DROP), a user chain has none (it returns to its caller).</summary>
    public sealed class FirewallChain
    {
        public FirewallChain(string table, string name, string? policy, IReadOnlyList<FirewallRule> rules, int line)
        {
            Table = table;
            Name = name;
            Policy = policy;
            Rules = rules;
            Line = line;
        }

        public string Table { get; }
        public string Name { get; }

        /// <summary>ACCEPT or DROP for a built-in chain (":FORWARD DROP [0:0]"); null for a user chain (":DOCKER - [0:0]").</summary>
        public string? Policy { get; }

        public IReadOnlyList<FirewallRule> Rules { get; }

        /// <summary>The line of the text that declared the chain.</summary>
        public int Line { get; }

        /// <summary>The policy as iptables -S prints it, e.g. "-P FORWARD DROP", for quoting a decision made by the policy (nftables: "policy drop").</summary>
        public string PolicyText => Hook != null ? "policy " + (Policy ?? "ACCEPT").ToLowerInvariant() : "-P " + Name + " " + Policy;

        /// <summary>nftables base chains: the hook (prerouting, input, forward, output, postrouting); null otherwise.</summary>
        public string? Hook { get; set; }

        /// <summary>nftables base chains: the chain type (filter, nat, route).</summary>
        public string? Type { get; set; }

        /// <summary>nftables base chains: the priority (lower runs first).</summary>
        public int Priority { get; set; }
    }

    /// <summary>One rule: its matches (all must hold) and its target, with its text exactly as iptables-save printed it.</summary>
    public sealed class FirewallRule
    {
        public FirewallRule(string table, string chain, string text, int line, IReadOnlyList<RuleMatch> matches, RuleTarget target)
        {
            Table = table;
            Chain = chain;
            Text = text;
            Line = line;
            Matches = matches;
            Target = target;
        }

        public string Table { get; }
        public string Chain { get; }

        /// <summary>The rule as iptables-save printed it, e.g. "-A DOCKER-USER -s 10.0.0.0/8 -j DROP".</summary>
        public string Text { get; }

        /// <summary>The line of the text the rule is on (1-based).</summary>
        public int Line { get; }

        public IReadOnlyList<RuleMatch> Matches { get; }
        public RuleTarget Target { get; }

        public override string ToString() => Text;
    }
}
