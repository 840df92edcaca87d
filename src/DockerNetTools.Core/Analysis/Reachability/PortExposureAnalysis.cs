using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Firewall;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>Who outside the host reaches a published port, why, and the INPUT rule that only seems to guard it.</summary>
    internal sealed class ExposureAnswer
    {
        public ExposureAnswer(PortExposure exposure, string reason, string? warning = null)
        {
            Exposure = exposure;
            Reason = reason;
            Warning = warning;
        }

        public PortExposure Exposure { get; }
        public string Reason { get; }
        public string? Warning { get; }
    }

    /// <summary>
    /// Who outside the host reaches a published port: a client arriving on the interface the host's routes give for it,
    /// through raw and nat PREROUTING (the publish's DNAT) and FORWARD (DOCKER-USER, Docker's chains), as
    /// <see cref="IngressPaths"/> walks it. With the host's real rules, the sources tried are one address no rule names and
    /// one inside each network a PREROUTING or FORWARD rule names with -s (negated or not); the answer is everyone, only the
    /// networks that get through (naming the rule that stops the rest), or nobody (naming the rule). Without the real rules,
    /// Docker's own rules let every client in (assumed).
    /// </summary>
    internal static class PortExposureAnalysis
    {
        /// <summary>An address from the documentation range (RFC 5737 TEST-NET-3) standing for "any client on the internet".</summary>
        private static readonly IPAddress AnyClient = IPAddress.Parse("203.0.113.7");
        private static readonly IPAddress AnyClient6 = IPAddress.Parse("2001:db8:ffff::7");

        public static ExposureAnswer Of(DockerHostModel model, ContainerInfo container, PortBinding binding)
        {
            if (IngressPaths.IsLoopbackBinding(binding))
                return new ExposureAnswer(PortExposure.LoopbackOnly,
                    "Published on " + binding.HostIp + " only: the host's own processes reach it, nothing outside the host does (the kernel drops packets for a loopback address that arrive on another interface"
                    + (model.Engine.MajorVersion >= 28 ? ", and Docker's raw PREROUTING rule drops them too" : string.Empty) + ").");

            var v6 = IPAddress.TryParse(binding.HostIp?.Trim('[', ']') ?? string.Empty, out var bound) && bound.AddressFamily == AddressFamily.InterNetworkV6;
            var real = HostFirewall.Of(model, v6);
            var fw = new FirewallRules(model.Engine, v6);
            var routing = new HostRouting(model);
            var specific = bound != null && !bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any);
            var where = specific ? bound!.ToString() : v6 ? "::" : "0.0.0.0";
            if (real == null)
            {
                if (fw.Disabled && !model.Engine.UserlandProxy)
                    return new ExposureAnswer(PortExposure.Nobody, "Nothing forwards it: " + fw.DisabledText + " and the userland proxy is off.");
                var by = "by the rules " + fw.EngineText + " writes (the host's own were not read)";
                return new ExposureAnswer(PortExposure.Anyone, fw.Disabled
                    ? "Anyone who can reach " + (specific ? bound!.ToString() : "the host") + ", " + by + ": docker-proxy takes it on " + where + ", so only the host's INPUT rules could stop it."
                    : "Anyone who can reach " + (specific ? bound!.ToString() : "the host") + ", " + by + ": the DNAT takes clients past INPUT (and ufw) to FORWARD, which accepts them.");
            }

            // The host address the client dials: the bound one, or the host's address on its uplink.
            var address = specific ? bound! : routing.AddressOf(routing.Uplink, v6) ?? (v6 ? IPAddress.Parse("2001:db8::1") : IPAddress.Parse("192.0.2.1"));
            var query = new ReachabilityQuery(container.Name, address.ToString(), binding.HostPort,
                binding.Protocol == TransportProtocol.Udp ? ReachabilityProtocol.Udp : ReachabilityProtocol.Tcp);

            var generic = v6 ? AnyClient6 : AnyClient;
            var candidates = new List<(IPAddress Source, string Network)> { (generic, "any other address") };
            foreach (var (network, sample) in SourceNetworks(real.Rules, v6))
                if (!candidates.Any(c => c.Source.Equals(sample)) && AddressOwners.Find(model, sample).Kind == TargetKind.Outside) candidates.Add((sample, network));

            var outcomes = candidates.Select(c => (c.Source, c.Network, Walk: Walk(real, routing, address, c.Source, query))).ToList();
            var undecided = outcomes.FirstOrDefault(o => o.Walk.Deciding.Verdict == FilterVerdict.Undetermined);
            if (undecided.Walk != null)
                return new ExposureAnswer(PortExposure.Unknown,
                    "Undetermined: for a client at " + undecided.Source + " " + real.Said(undecided.Walk.Deciding) + ".");

            var open = outcomes.Where(o => Reaches(model, o.Walk)).ToList();
            var closed = outcomes.Where(o => !Reaches(model, o.Walk)).ToList();
            var genericWalk = outcomes[0].Walk;
            // The trap on any of the host's own addresses the port is published on (the uplink's, a VPN's, a LAN's).
            var warning = Warning(real, binding, address, genericWalk, open.Count > 0);
            foreach (var other in specific ? Enumerable.Empty<IPAddress>() : HostAddresses(model, v6).Where(a => !a.Equals(address)))
                warning ??= Warning(real, binding, other, Walk(real, routing, other, generic, query), open.Count > 0);
            if (closed.Count == 0)
                return new ExposureAnswer(PortExposure.Anyone,
                    "Anyone who can reach " + address + ": " + How(real, genericWalk) + ".", warning);
            if (open.Count == 0)
                return new ExposureAnswer(PortExposure.Nobody,
                    "Nobody outside the host: " + Stopped(model, real, genericWalk) + ".", warning);
            var allowed = open.Where(o => !ReferenceEquals(o.Network, "any other address")).Select(o => o.Network).Distinct().ToList();
            var stopper = closed[0];
            var rest = open.Any(o => o.Network == "any other address") ? "every source but " + string.Join(", ", closed.Select(c => c.Network).Distinct()) : "only " + string.Join(", ", allowed);
            return new ExposureAnswer(PortExposure.SomeSources,
                char.ToUpperInvariant(rest[0]) + rest.Substring(1) + ": " + How(real, open[0].Walk) + "; for " + (stopper.Network == "any other address" ? "any other source" : stopper.Network) + " "
                + Stopped(model, real, stopper.Walk) + ".", warning);
        }

        /// <summary>The host's own addresses of a family on interfaces that are not Docker's (no bridge, no loopback).</summary>
        private static IEnumerable<IPAddress> HostAddresses(DockerHostModel model, bool v6)
        {
            var bridges = new HashSet<string>(model.Networks.Select(n => n.BridgeName).Where(b => b != null)!, System.StringComparer.Ordinal);
            return model.Host.Interfaces
                .Where(i => i.Name != "lo" && !bridges.Contains(i.Name))
                .SelectMany(i => i.Addresses)
                .Where(a => (a.AddressFamily == AddressFamily.InterNetworkV6) == v6 && !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal);
        }

        private static IngressPaths.Walk Walk(HostFirewall real, HostRouting routing, IPAddress address, IPAddress client, ReachabilityQuery query)
        {
            var route = routing.Lookup(client);
            var packet = real.Packet(route?.Interface ?? routing.Uplink, null, client, address, query);
            packet.DestinationIsLocal = true;
            return IngressPaths.WalkRules(real, packet);
        }

        /// <summary>The packet gets to the container: DNAT'd and forwarded, or (no DNAT) accepted in INPUT where docker-proxy holds the port.</summary>
        private static bool Reaches(DockerHostModel model, IngressPaths.Walk walk) =>
            walk.Deciding.Accepted && (walk.Forwarded || model.Engine.UserlandProxy);

        private static string How(HostFirewall real, IngressPaths.Walk walk) =>
            walk.Forwarded
                ? "the nat rule " + walk.Dnat!.DnatRule!.Text + " sends it to " + HostFirewall.Endpoint(walk.Dnat.Packet) + " and FORWARD accepts it (" + (walk.Deciding.RuleText ?? "no rule") + ")"
                : "no nat rule DNATs it, INPUT accepts it (" + (walk.Deciding.RuleText ?? "no rule") + ") and docker-proxy takes it on the host";

        private static string Stopped(DockerHostModel model, HostFirewall real, IngressPaths.Walk walk)
        {
            if (walk.Deciding.Accepted)
                return "no nat rule DNATs it and dockerd runs with --userland-proxy=false, so nothing on the host takes it";
            var hook = walk.Deciding.Hook == FirewallHook.Prerouting ? "in PREROUTING " : walk.Forwarded ? "in FORWARD " : "in INPUT ";
            return hook + real.Said(walk.Deciding);
        }

        /// <summary>The ufw trap: INPUT would drop the port, yet the DNAT takes the packet past INPUT to FORWARD, which lets it through.</summary>
        private static string? Warning(HostFirewall real, PortBinding binding, IPAddress address, IngressPaths.Walk walk, bool someoneGetsIn)
        {
            if (!someoneGetsIn || !walk.Forwarded || walk.Input == null) return null;
            var input = walk.Input;
            if (input.Verdict != FilterVerdict.Drop && input.Verdict != FilterVerdict.Reject) return null;
            var what = input.Rule != null ? "the INPUT rule " + input.RuleText + " (" + (input.Table ?? "filter") + " " + input.Chain + ")" : "INPUT's policy " + input.RuleText;
            return what + " appears to block " + address + ":" + binding.HostPort + "/" + FirewallRules.Proto(binding.Protocol) + ", but the published port's nat rule "
                   + walk.Dnat!.DnatRule!.Text + " sends packets past INPUT to FORWARD, where it does not apply: filter published ports in DOCKER-USER instead"
                   + " (e.g. iptables -I DOCKER-USER -p " + FirewallRules.Proto(binding.Protocol) + " -m conntrack --ctorigdstport " + binding.HostPort + " -j DROP).";
        }

        /// <summary>The networks that rules of raw/nat PREROUTING and filter FORWARD (and the chains they jump to) name with -s, with an address inside each.</summary>
        private static IEnumerable<(string Network, IPAddress Sample)> SourceNetworks(FirewallRuleset rules, bool v6)
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var (table, chain) in new[] { ("raw", "PREROUTING"), ("nat", "PREROUTING"), ("filter", "FORWARD") })
            {
                var t = rules.Table(table);
                if (t == null) continue;
                foreach (var rule in Reachable(t, chain))
                    foreach (var match in rule.Matches.Where(m => m.Kind == RuleMatchKind.Source && m.Address != null))
                    {
                        var prefix = PrefixLength(match.Mask, v6);
                        var network = match.Address + "/" + prefix;
                        if (!seen.Add(network)) continue;
                        yield return (network, Sample(match.Address!, prefix));
                    }
            }
        }

        /// <summary>The rules of a built-in chain and of every user chain it jumps or goes to.</summary>
        private static IEnumerable<FirewallRule> Reachable(FirewallTable table, string start)
        {
            var visited = new HashSet<string>(System.StringComparer.Ordinal);
            var pending = new Queue<string>();
            pending.Enqueue(start);
            while (pending.Count > 0)
            {
                var name = pending.Dequeue();
                if (!visited.Add(name)) continue;
                var chain = table.Chain(name);
                if (chain == null) continue;
                foreach (var rule in chain.Rules)
                {
                    yield return rule;
                    if (rule.Target.Name != null && table.Chain(rule.Target.Name) != null) pending.Enqueue(rule.Target.Name);
                }
            }
        }

        private static int PrefixLength(byte[]? mask, bool v6)
        {
            if (mask == null) return v6 ? 128 : 32;
            var bits = 0;
            foreach (var b in mask)
                for (var i = 7; i >= 0; i--)
                    if ((b & (1 << i)) != 0) bits++;
            return bits;
        }

        /// <summary>An address inside the network (its first host address for a network of more than one).</summary>
        private static IPAddress Sample(IPAddress network, int prefix)
        {
            var bytes = network.GetAddressBytes();
            var max = bytes.Length * 8;
            if (prefix < max - 1)
                for (var i = bytes.Length - 1; i >= 0; i--)
                {
                    if (++bytes[i] != 0) break;
                }
            return new IPAddress(bytes);
        }
    }
}
