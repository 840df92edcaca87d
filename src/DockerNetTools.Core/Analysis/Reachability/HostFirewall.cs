using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using DockerNetTools.Firewall;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>
    /// The host's real packet filter (host.firewall, host.firewall6), asked about the packets of one reachability question.
    /// Present only when the model holds the rules; otherwise the analysis uses <see cref="FirewallRules"/>, derived from the
    /// engine's version and options. The hops it adds quote the rules as iptables-save printed them.
    /// </summary>
    internal sealed class HostFirewall
    {
        private const int EphemeralPort = 40000;
        private readonly DockerHostModel _model;

        private readonly string? _key;

        private HostFirewall(DockerHostModel model, FirewallRuleset rules, string? key = null)
        {
            _model = model;
            Rules = rules;
            _key = key;
        }

        public FirewallRuleset Rules { get; }

        public bool IPv6 => Rules.Family == AddressFamily.InterNetworkV6;

        /// <summary>The real rules of a family, or null when the model does not hold them.</summary>
        public static HostFirewall? Of(DockerHostModel model, bool ipv6)
        {
            var rules = ipv6 ? model.Host.Firewall6 : model.Host.Firewall;
            return rules == null ? null : new HostFirewall(model, rules);
        }

        /// <summary>
        /// The packet filter of a swarm node (its nodes[].firewall, or the host's own for the node the model is read on), for
        /// the packets between the nodes; <paramref name="key"/> is where the rules come from, named on every hop (null: the host's own key).
        /// </summary>
        public static HostFirewall OfNode(DockerHostModel model, FirewallRuleset rules, string? key) => new HostFirewall(model, rules, key);

        /// <summary>The scenario key the rules come from, named on every hop they decide.</summary>
        private string Key => _key ?? (Rules.Format == FirewallFormat.NftJson ? "host.nftables" : "host.firewall");

        /// <summary>iptables, ip6tables or nft: the tool that prints and changes these rules.</summary>
        public string ToolName => Tool;

        private string Tool => Rules.Format == FirewallFormat.NftJson ? "nft" : IPv6 ? "ip6tables" : "iptables";

        /// <summary>Whether an address is one of the host's own: an interface address or a bridge network's gateway.</summary>
        public bool IsLocal(IPAddress address) => IPAddress.IsLoopback(address) || LocalAddresses.GetValue(_model, OwnAddresses).Contains(address);

        // Two questions per packet, two packets per question: the host's own addresses are gathered once per model.
        private static readonly ConditionalWeakTable<DockerHostModel, HashSet<IPAddress>> LocalAddresses = new ConditionalWeakTable<DockerHostModel, HashSet<IPAddress>>();

        private static HashSet<IPAddress> OwnAddresses(DockerHostModel model)
        {
            var own = new HashSet<IPAddress>(model.Host.Interfaces.SelectMany(i => i.Addresses));
            foreach (var network in model.Networks.Where(n => !n.IsMacvlan))
            {
                if (network.Gateway != null) own.Add(network.Gateway);
                if (network.Gateway6 != null) own.Add(network.Gateway6);
            }
            return own;
        }

        public FirewallPacket Packet(string? inInterface, string? outInterface, IPAddress source, IPAddress destination, ReachabilityQuery query, int? port = null)
        {
            var protocol = query.Protocol == ReachabilityProtocol.Tcp ? "tcp" : query.Protocol == ReachabilityProtocol.Udp ? "udp" : IPv6 ? "ipv6-icmp" : "icmp";
            var hasPorts = query.Protocol != ReachabilityProtocol.Icmp;
            return new FirewallPacket(source, destination, protocol)
            {
                InInterface = inInterface,
                OutInterface = outInterface,
                SourcePort = hasPorts ? EphemeralPort : (int?)null,
                DestinationPort = hasPorts ? port ?? query.Port : null,
                DestinationIsLocal = IsLocal(destination),
                SourceIsLocal = IsLocal(source),
            };
        }

        /// <summary>A packet arriving on an interface: PREROUTING (raw, mangle, nat's DNAT).</summary>
        public FilterDecision Prerouting(FirewallPacket packet) => PacketFilter.Evaluate(Rules, FirewallHook.Prerouting, packet);

        /// <summary>A packet the host routes from one interface to another: FORWARD.</summary>
        public FilterDecision Forward(FirewallPacket packet) => PacketFilter.Evaluate(Rules, FirewallHook.Forward, packet);

        /// <summary>A packet the host's own namespace sends (a host-network source): OUTPUT (raw, mangle, nat's DNAT, filter).</summary>
        public FilterDecision Output(FirewallPacket packet) => PacketFilter.Evaluate(Rules, FirewallHook.Output, packet);

        /// <summary>A packet for one of the host's own addresses: INPUT.</summary>
        public FilterDecision Input(FirewallPacket packet) => PacketFilter.Evaluate(Rules, FirewallHook.Input, packet);

        /// <summary>The network a (DNAT'd) destination is on: the one of the container that has the address, else the one whose subnet holds it.</summary>
        public NetworkInfo? NetworkOf(IPAddress address)
        {
            foreach (var container in _model.Containers)
                foreach (var endpoint in container.Endpoints)
                    if (address.Equals(endpoint.IPAddress) || address.Equals(endpoint.IPv6Address))
                        return _model.FindNetwork(endpoint.NetworkName);
            return _model.Networks.FirstOrDefault(n => !n.IsMacvlan && ((n.Subnet?.Contains(address) ?? false) || (n.Subnet6?.Contains(address) ?? false)));
        }

        /// <summary>The hop of a decision: the rule (or policy) as iptables-save printed it, in its table and chain.</summary>
        public ReachabilityHop Hop(FilterDecision decision)
        {
            var where = Tool + " " + (decision.Table ?? "filter") + " " + (decision.Chain ?? FirewallHookName(decision.Hook));
            string what;
            switch (decision.Verdict)
            {
                case FilterVerdict.Drop:
                    what = decision.RuleText + " drops it";
                    break;
                case FilterVerdict.Reject:
                    what = decision.RuleText + " rejects it";
                    break;
                case FilterVerdict.Undetermined:
                    what = decision.RuleText + ": " + decision.Reason;
                    break;
                default:
                    what = decision.RuleText == null ? "no rule in " + FirewallHookName(decision.Hook) + " (accepted)" : decision.RuleText + " accepts it";
                    break;
            }
            return new ReachabilityHop(HopKind.Firewall, where, null, what + " (" + Key + ")");
        }

        /// <summary>The hop of a DNAT in nat PREROUTING.</summary>
        public ReachabilityHop DnatHop(FilterDecision decision) =>
            new ReachabilityHop(HopKind.Firewall, Tool + " nat " + decision.DnatRule!.Chain, decision.Packet.Destination,
                decision.DnatRule.Text + " rewrites the destination to " + Endpoint(decision.Packet) + " (" + Key + ")");

        /// <summary>What a blocking decision means in words, for a reason: "-A … -j DROP (iptables filter DOCKER-USER) drops it".</summary>
        public string Said(FilterDecision decision)
        {
            var where = " (" + Tool + " " + (decision.Table ?? "filter") + " " + (decision.Chain ?? FirewallHookName(decision.Hook)) + ")";
            switch (decision.Verdict)
            {
                case FilterVerdict.Drop:
                    return "the host's rule " + decision.RuleText + where + " drops it";
                case FilterVerdict.Reject:
                    return "the host's rule " + decision.RuleText + where + " rejects it";
                case FilterVerdict.Undetermined:
                    return "the host's rule " + decision.RuleText + where + " decides, and " + decision.Reason;
                default:
                    return "the host's rules accept it (" + (decision.RuleText ?? "no rule") + where + ")";
            }
        }

        /// <summary>The command that deletes <paramref name="rule"/>: "iptables [-t table] -D chain …", from its iptables-save text.</summary>
        public string DeleteCommand(FirewallRule rule)
        {
            if (Rules.Format == FirewallFormat.NftJson) return "nft delete rule " + rule.Table + " " + rule.Chain + " handle " + rule.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var spec = rule.Text.StartsWith("-A ", System.StringComparison.Ordinal) ? "-D " + rule.Text.Substring(3) : rule.Text;
            return Tool + (rule.Table == "filter" ? string.Empty : " -t " + rule.Table) + " " + spec;
        }

        /// <summary>The verdict a stopping decision gives the question.</summary>
        public static ReachabilityVerdict VerdictOf(FilterDecision decision) =>
            decision.Verdict == FilterVerdict.Undetermined ? ReachabilityVerdict.Undetermined : ReachabilityVerdict.Blocked;

        public static string Endpoint(FirewallPacket packet) =>
            (packet.Destination.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + packet.Destination + "]" : packet.Destination.ToString())
            + (packet.DestinationPort.HasValue ? ":" + packet.DestinationPort : string.Empty);

        private static string FirewallHookName(FirewallHook hook) => PacketFilter.ChainName(hook);

        /// <summary>The hops of a routed packet: PREROUTING then FORWARD; the decision that stopped it (or FORWARD's accept).</summary>
        public FilterDecision Routed(FirewallPacket packet, List<ReachabilityHop> path)
        {
            var pre = Prerouting(packet);
            if (!pre.Accepted)
            {
                path.Add(Hop(pre));
                return pre;
            }
            if (pre.DnatRule != null) path.Add(DnatHop(pre));
            var forward = Forward(pre.Packet);
            path.Add(Hop(forward));
            return forward;
        }
    }
}
