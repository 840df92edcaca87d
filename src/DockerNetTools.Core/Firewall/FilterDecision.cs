using System.Collections.Generic;
using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Firewall
{
    /// <summary>What the rules of one hook do with a packet.</summary>
    public enum FilterVerdict
    {
        Accept,
        Drop,
        Reject,

        /// <summary>A rule that could decide depends on a match the evaluator does not model; <see cref="FilterDecision.Rule"/> names it.</summary>
        Undetermined,
    }

    /// <summary>
    /// The outcome of one hook: the verdict, the rule (or chain policy) that decided it, and what the nat table rewrote.
    /// </summary>
    public sealed class FilterDecision
    {
        internal FilterDecision(FirewallHook hook, FilterVerdict verdict, string? table, string? chain, FirewallRule? rule, string? ruleText, string? reason,
            FirewallPacket packet, FirewallRule? dnatRule, FirewallRule? snatRule, IReadOnlyList<FirewallRule> matched)
        {
            Hook = hook;
            Verdict = verdict;
            Table = table;
            Chain = chain;
            Rule = rule;
            RuleText = ruleText;
            Reason = reason;
            Packet = packet;
            DnatRule = dnatRule;
            SnatRule = snatRule;
            Matched = matched;
        }

        public FirewallHook Hook { get; }
        public FilterVerdict Verdict { get; }

        /// <summary>The table and chain of the deciding rule or policy; null when no chain decided (the hook has no rules: accepted).</summary>
        public string? Table { get; }
        public string? Chain { get; }

        /// <summary>The rule that decided (or, for Undetermined, the rule whose match is not modelled); null when a policy decided.</summary>
        public FirewallRule? Rule { get; }

        /// <summary>The deciding rule as iptables-save printed it, or the policy ("-P FORWARD DROP").</summary>
        public string? RuleText { get; }

        /// <summary>For Undetermined: which match is not modelled.</summary>
        public string? Reason { get; }

        /// <summary>The packet after the hook: its destination (and port) rewritten by DNAT, its source by SNAT.</summary>
        public FirewallPacket Packet { get; }

        /// <summary>The DNAT rule that rewrote the destination, if any.</summary>
        public FirewallRule? DnatRule { get; }

        /// <summary>The SNAT or MASQUERADE rule that will rewrite the source, if any.</summary>
        public FirewallRule? SnatRule { get; }

        /// <summary>The rules that matched on the way, in order (jumps, logs, the deciding one).</summary>
        public IReadOnlyList<FirewallRule> Matched { get; }

        public bool Accepted => Verdict == FilterVerdict.Accept;

        public override string ToString() => Hook + ": " + Verdict + (RuleText != null ? " (" + RuleText + ")" : string.Empty);
    }
}
