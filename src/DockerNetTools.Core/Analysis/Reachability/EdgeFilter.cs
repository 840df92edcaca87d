using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>A packet crossing the host between a Docker bridge and another interface, as the packet filter sees it.</summary>
    internal sealed class EdgePacket
    {
        public EdgePacket(IPAddress source, IPAddress destination, string inInterface, string outInterface, NetworkInfo network, ReachabilityQuery query)
        {
            Source = source;
            Destination = destination;
            InInterface = inInterface;
            OutInterface = outInterface;
            Network = network;
            Query = query;
        }

        public IPAddress Source { get; }
        public IPAddress Destination { get; }
        public string InInterface { get; }
        public string OutInterface { get; }

        /// <summary>The Docker network on the bridge side.</summary>
        public NetworkInfo Network { get; }

        /// <summary>Protocol and port asked for (ping when no port).</summary>
        public ReachabilityQuery Query { get; }

        public bool IPv6 => Destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !Destination.IsIPv4MappedToIPv6;
    }

    /// <summary>What a chain did with the packet: accepted, dropped, or undecidable; the hop names the rule.</summary>
    internal sealed class EdgeDecision
    {
        public EdgeDecision(bool? accepted, ReachabilityHop hop, string? reason = null)
            : this(accepted, new[] { hop }, reason)
        {
        }

        public EdgeDecision(bool? accepted, System.Collections.Generic.IReadOnlyList<ReachabilityHop> hops, string? reason)
        {
            Accepted = accepted;
            Hops = hops;
            Reason = reason;
        }

        /// <summary>True accepted, false dropped, null undetermined (a rule the model cannot evaluate).</summary>
        public bool? Accepted { get; }

        /// <summary>The hops of the decision: PREROUTING (when the real rules say something there) and FORWARD.</summary>
        public System.Collections.Generic.IReadOnlyList<ReachabilityHop> Hops { get; }

        /// <summary>The deciding hop (the last).</summary>
        public ReachabilityHop Hop => Hops[Hops.Count - 1];
        public string? Reason { get; }
    }

    /// <summary>The source NAT a packet gets on its way out: the address it leaves with, and the rule; NewSource null when none applies.</summary>
    internal sealed class EdgeNat
    {
        public EdgeNat(IPAddress? newSource, ReachabilityHop? hop, string? why)
        {
            NewSource = newSource;
            Hop = hop;
            Why = why;
        }

        public IPAddress? NewSource { get; }
        public ReachabilityHop? Hop { get; }

        /// <summary>Why there is no source NAT (masquerade off, --iptables=false), for the reason.</summary>
        public string? Why { get; }
        public bool Masqueraded => Hop != null;
    }

    /// <summary>
    /// The packet-filter decisions on the way between a Docker bridge and the rest of the world, behind two methods so that
    /// an evaluator of the host's real rules (host.firewall) can take them over: <see cref="Forward"/> (filter FORWARD) and
    /// <see cref="SourceNat"/> (nat POSTROUTING). Today both derive the rules Docker writes from the engine's version and
    /// options, as <see cref="FirewallRules"/> does for the paths inside the host, unless the model holds the host's real rules
    /// (host.firewall): then <see cref="HostFirewall"/> walks them and the hops quote the rule that decides.
    /// </summary>
    internal sealed class EdgeFilter
    {
        /// <summary>com.docker.network.bridge.enable_ip_masquerade: "false" leaves the network's traffic unNATed.</summary>
        public const string MasqueradeOption = "com.docker.network.bridge.enable_ip_masquerade";

        /// <summary>com.docker.network.bridge.gateway_mode_ipv4/ipv6 (Engine 27+): "routed" (or "nat-unprotected" keeps NAT) — routed means no NAT.</summary>
        public const string GatewayModeOption = "com.docker.network.bridge.gateway_mode_ipv4";
        public const string GatewayMode6Option = "com.docker.network.bridge.gateway_mode_ipv6";

        private readonly RunContext _ctx;

        public EdgeFilter(RunContext ctx)
        {
            _ctx = ctx;
        }

        /// <summary>
        /// filter FORWARD for a packet from a bridge to another interface. Docker's own rules accept it (DOCKER-USER is
        /// empty, the isolation chains only drop packets for other bridges): up to Engine 27 "-A FORWARD -i br ! -o br -j
        /// ACCEPT", from Engine 28 "-A DOCKER-FORWARD -i br -j ACCEPT". --internal networks are dropped before, by the caller.
        /// </summary>
        public EdgeDecision Forward(EdgePacket packet)
        {
            var real = HostFirewall.Of(_ctx.Model, packet.IPv6);
            if (real != null)
            {
                var hops = new System.Collections.Generic.List<ReachabilityHop>();
                var decision = real.Routed(real.Packet(packet.InInterface, packet.OutInterface, packet.Source, packet.Destination, packet.Query), hops);
                if (decision.Accepted) return new EdgeDecision(true, hops, null);
                var undetermined = decision.Verdict == Firewall.FilterVerdict.Undetermined;
                return new EdgeDecision(undetermined ? (bool?)null : false, hops,
                    "The packet from " + packet.Source + " on " + packet.InInterface + " to " + packet.Destination + " (out of " + packet.OutInterface + ") meets "
                    + real.Said(decision) + (undetermined ? ", so the model cannot tell whether it leaves the host." : ", so it never leaves the host."));
            }
            var fw = _ctx.FirewallFor(packet.Destination);
            var bridge = packet.InInterface;
            if (fw.Disabled)
                return new EdgeDecision(true, Hops.Decision(packet.IPv6 ? "ip6tables FORWARD" : "FORWARD",
                    fw.DisabledText + "; the chain's policy is the host's own (ACCEPT unless set otherwise)"));
            var engine = _ctx.Model.Engine;
            var chain = packet.IPv6 ? "ip6tables " : string.Empty;
            if (engine.Firewall == FirewallBackend.Nftables)
                return new EdgeDecision(true, Hops.Decision((packet.IPv6 ? "nftables ip6 " : "nftables ") + "filter-FORWARD",
                    "packets from " + bridge + " to other interfaces are accepted (" + (packet.IPv6 ? "table ip6 docker-bridges" : "table ip docker-bridges") + ")"));
            if (engine.MajorVersion >= 28)
                return new EdgeDecision(true, Hops.Decision(chain + "DOCKER-FORWARD", "-i " + bridge + " -j ACCEPT (out of " + bridge + " to " + packet.OutInterface + ")"));
            return new EdgeDecision(true, Hops.Decision(chain + "FORWARD", "-i " + bridge + " ! -o " + bridge + " -j ACCEPT (out of " + bridge + " to " + packet.OutInterface + ")"));
        }

        /// <summary>
        /// nat POSTROUTING: Docker's "-A POSTROUTING -s &lt;subnet&gt; ! -o &lt;bridge&gt; -j MASQUERADE" for the network, which
        /// gives the packet the outgoing interface's address. Absent with enable_ip_masquerade=false, gateway mode routed,
        /// or no rules at all (--iptables=false, IPv6 without --ip6tables).
        /// </summary>
        public EdgeNat SourceNat(EdgePacket packet, IPAddress? outAddress)
        {
            var real = HostFirewall.Of(_ctx.Model, packet.IPv6);
            if (real != null)
            {
                var post = Firewall.PacketFilter.Evaluate(real.Rules, Firewall.FirewallHook.Postrouting,
                    real.Packet(packet.InInterface, packet.OutInterface, packet.Source, packet.Destination, packet.Query));
                if (post.SnatRule == null)
                    return new EdgeNat(null, null, "the host's nat POSTROUTING (host.firewall) has no SNAT or MASQUERADE rule for it");
                var to = post.SnatRule.Target.Option("--to-source") is string toSource ? IPAddress.TryParse(toSource.Split(':')[0], out var parsed) ? parsed : outAddress : outAddress;
                return new EdgeNat(to, new ReachabilityHop(HopKind.Firewall, (packet.IPv6 ? "ip6tables" : "iptables") + " nat " + post.SnatRule.Chain, to,
                    post.SnatRule.Text + ": source " + packet.Source + " -> " + (to?.ToString() ?? "the address of " + packet.OutInterface) + " (host.firewall)"), null);
            }
            var network = packet.Network;
            var fw = _ctx.FirewallFor(packet.Destination);
            if (fw.Disabled) return new EdgeNat(null, null, fw.DisabledText.Replace("so there are no isolation rules", "so there is no MASQUERADE rule either"));
            if (network.Options.TryGetValue(MasqueradeOption, out var masquerade) && masquerade == "false")
                return new EdgeNat(null, null, "network " + network.Name + " has " + MasqueradeOption + "=false, so Docker writes no MASQUERADE rule for it");
            if (network.Options.TryGetValue(packet.IPv6 ? GatewayMode6Option : GatewayModeOption, out var mode) && mode == "routed")
                return new EdgeNat(null, null, "network " + network.Name + " has " + (packet.IPv6 ? GatewayMode6Option : GatewayModeOption) + "=routed, so Docker does not NAT it");
            var subnet = packet.IPv6 ? network.Subnet6?.ToString() : network.Subnet?.ToString();
            var outText = outAddress?.ToString() ?? "the address of " + packet.OutInterface;
            var hop = _ctx.Model.Engine.Firewall == FirewallBackend.Nftables
                ? Hops.Decision((packet.IPv6 ? "nftables ip6 " : "nftables ") + "nat-postrouting-out__" + packet.InInterface,
                    "oifname != \"" + packet.InInterface + "\" " + (packet.IPv6 ? "ip6" : "ip") + " saddr " + subnet + " masquerade: source " + packet.Source + " -> " + outText)
                : Hops.Decision((packet.IPv6 ? "ip6tables " : string.Empty) + "nat POSTROUTING",
                    "-s " + subnet + " ! -o " + packet.InInterface + " -j MASQUERADE: source " + packet.Source + " -> " + outText);
            return new EdgeNat(outAddress, hop, null);
        }
    }
}
