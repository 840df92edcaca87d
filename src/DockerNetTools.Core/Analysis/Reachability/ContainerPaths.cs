using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Firewall;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>Container to container, each in its own namespace: over a shared network, or routed between networks.</summary>
    internal static class ContainerPaths
    {
        public static ResultDraft Between(RunContext ctx, ContainerInfo destination, NetNamespace dstNs, EndpointInfo? fixedEndpoint, IPAddress? askedAddress = null)
        {
            // An IPv6 address was asked for: the packet is IPv6 from end to end, so it needs an IPv6 address in the
            // source and arrives on the destination's IPv6 address (where an IPv4-only listener does not take it).
            var v6 = fixedEndpoint != null && askedAddress != null && askedAddress.AddressFamily == AddressFamily.InterNetworkV6
                     && askedAddress.Equals(fixedEndpoint.IPv6Address);
            if (v6 && !ctx.SourceNs.Endpoints.Any(e => e.IPv6Address != null))
                return new ResultDraft(ReachabilityVerdict.NoRoute,
                    ctx.Source.Name + " has no IPv6 address on any of its networks (" + string.Join(", ", ctx.SourceNs.Endpoints.Select(e => e.NetworkName))
                    + "), so it has no IPv6 route to " + askedAddress + " (connect fails with 'network unreachable')."
                    + (fixedEndpoint!.IPAddress != null ? " Use " + destination.Name + "'s IPv4 address " + fixedEndpoint.IPAddress + " instead." : string.Empty),
                    fixedEndpoint.IPAddress != null ? null : ComposeRemedies.Connect(ctx.Model, fixedEndpoint.NetworkName, ctx.SourceNs.Owner?.Name ?? ctx.Source.Name,
                                                               " (an IPv6-enabled network: docker network create --ipv6)"))
                { Address = askedAddress };

            // IPv6 packets meet Docker's IPv6 rules, which exist only with --ip6tables.
            var fw = v6 ? ctx.Firewall6 : ctx.Firewall;
            var candidates = fixedEndpoint != null
                ? new List<EndpointInfo> { fixedEndpoint }
                : dstNs.Endpoints.Where(e => e.IPAddress != null).ToList();
            if (candidates.Count == 0)
                return new ResultDraft(ReachabilityVerdict.NoNetwork, destination.Name + " has no IPv4 address on any network, so there is nothing to send to.");

            var drafts = new List<(ResultDraft Draft, bool Shared)>();
            foreach (var endpoint in candidates)
            {
                var network = ctx.Network(endpoint);
                if (network == null) continue;
                var arrival = v6 ? askedAddress! : endpoint.IPAddress!;
                var mine = ctx.SourceNs.Endpoints.FirstOrDefault(e => e.NetworkName == endpoint.NetworkName && (v6 ? e.IPv6Address : e.IPAddress) != null);
                var draft = mine != null
                    ? Shared(ctx, fw, destination, dstNs, mine, endpoint, network, arrival)
                    : Cross(ctx, fw, destination, dstNs, endpoint, network, arrival);
                draft.Address = arrival;
                draft.NetworkUsed ??= network.Name;
                drafts.Add((draft, mine != null));
            }
            if (drafts.Count == 0)
                return new ResultDraft(ReachabilityVerdict.NoNetwork, destination.Name + "'s networks are not in the model, so its addresses cannot be reached.");

            // A working way first; else one where the packet at least arrives; else a failure on a shared network
            // (the more specific story, e.g. ICC), else the first routed one.
            var best = drafts.FirstOrDefault(d => d.Draft.Reachable).Draft
                       ?? drafts.FirstOrDefault(d => d.Draft.Verdict == ReachabilityVerdict.NoListener || d.Draft.Verdict == ReachabilityVerdict.Undetermined).Draft
                       ?? drafts.FirstOrDefault(d => d.Shared).Draft
                       ?? drafts[0].Draft;

            if (!best.Reachable && fixedEndpoint != null) AddOtherEndpoints(ctx, best, destination, dstNs, fixedEndpoint);
            if (best.Verdict == ReachabilityVerdict.Blocked) PublishedPorts.AddAlternatives(ctx, best, dstNs);
            return best;
        }

        /// <summary>Both are on the network: the bridge (or macvlan parent) switches the frame, unless ICC is off.</summary>
        private static ResultDraft Shared(RunContext ctx, FirewallRules fw, ContainerInfo destination, NetNamespace dstNs, EndpointInfo mine, EndpointInfo theirs, NetworkInfo network, IPAddress arrival)
        {
            var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { NetworkUsed = network.Name };
            draft.Path.AddRange(Hops.Egress(ctx.Source, ctx.SourceNs, mine, network, fw.IPv6));
            var bridge = Hops.BridgeOf(network);
            var src = ctx.Source.Name;
            var dst = destination.Name;
            var answered = ctx.Query.Port.HasValue ? ", and " + ctx.Service + " is answered" : string.Empty;

            if (network.IsMacvlan)
            {
                draft.Path.Add(Hops.Bridge(network, "containers of one macvlan network talk to each other directly through the parent's macvlan device", fw.IPv6));
                draft.Path.AddRange(Hops.Ingress(destination, dstNs, theirs, network, fw.IPv6));
                return draft.Deliver(ListenerCheck.Check(dstNs, arrival, ctx.Query),
                    src + " and " + dst + " are both on macvlan network " + network.Name + ", which switches their traffic directly" + answered + ".");
            }

            var real = ctx.RealFor(fw);
            var sentFrom = fw.IPv6 ? mine.IPv6Address : mine.IPAddress;
            var iccOff = !IccOn(ctx, network, fw);
            if (real != null && sentFrom != null && (iccOff || ctx.BridgeNfCall(fw.IPv6)))
            {
                // ICC off: dockerd turned on br_netfilter, so frames between the bridge's own ports pass FORWARD (-i br -o br); the
                // same when the host has br_netfilter loaded with net.bridge.bridge-nf-call-iptables=1 (Kubernetes hosts, or an
                // earlier ICC-off network), and then a DOCKER-USER rule applies inside one network too.
                var sysctl = fw.IPv6 ? "net.bridge.bridge-nf-call-ip6tables" : "net.bridge.bridge-nf-call-iptables";
                draft.Path.Add(Hops.Bridge(network, bridge + " passes frames between its ports through netfilter (br_netfilter), because "
                                                    + (iccOff ? "ICC is off" : sysctl + " is 1"), fw.IPv6));
                var decision = real.Forward(real.Packet(bridge, bridge, sentFrom, arrival, ctx.Query));
                draft.Path.Add(real.Hop(decision));
                var both = src + " and " + dst + " are both on " + network.Name + (iccOff ? ", where inter-container communication is off, so " : ", and " + sysctl + " is 1 on the host, so ") + bridge
                           + " hands their frames to FORWARD, and ";
                if (!decision.Accepted)
                {
                    draft.Verdict = HostFirewall.VerdictOf(decision);
                    draft.Reason = both + real.Said(decision) + ".";
                    if (decision.Verdict != FilterVerdict.Undetermined && !iccOff && decision.Rule != null)
                    {
                        // ICC is on: the host's own rule drops it, and another network would meet it too.
                        draft.Remedy = real.DeleteCommand(decision.Rule) + " (the host's rule that drops traffic inside " + network.Name + "; or narrow it)";
                    }
                    else if (decision.Verdict != FilterVerdict.Undetermined)
                    {
                        var pair = src + "-" + dst;
                        draft.Remedy = ComposeRemedies.Share(ctx.Model, pair, ctx.SourceNs.Owner?.Name ?? src, dstNs.Owner?.Name ?? dst);
                    }
                    return draft;
                }
                draft.Path.AddRange(Hops.Ingress(destination, dstNs, theirs, network, fw.IPv6));
                return draft.Deliver(ListenerCheck.Check(dstNs, arrival, ctx.Query), both + real.Said(decision) + answered + ".");
            }

            if (!IccOn(ctx, network, fw))
            {
                draft.Path.Add(Hops.Bridge(network, bridge + " passes frames between its ports through netfilter (br_netfilter), because ICC is off", fw.IPv6));
                var opened = LinkedPorts(ctx, destination, dstNs, network);
                if (opened != null && ctx.Query.Port.HasValue && opened.Contains(ctx.Query.Port.Value))
                {
                    draft.Path.Add(fw.LinkAccept(bridge, mine.IPAddress, theirs.IPAddress, ctx.Query.Port.Value, ctx.Query.Protocol.ToString().ToLowerInvariant()));
                    draft.Path.AddRange(Hops.Ingress(destination, dstNs, theirs, network, fw.IPv6));
                    return draft.Deliver(ListenerCheck.Check(dstNs, arrival, ctx.Query),
                        "Inter-container communication is off on " + network.Name + ", but " + src + "'s legacy --link to " + dst + " opens "
                        + PortList(opened) + " (the ports " + dst + " listens on or publishes, standing in for what its image EXPOSEs)" + answered + ".");
                }

                draft.Path.Add(fw.IccDrop(network, bridge));
                draft.Verdict = ReachabilityVerdict.Blocked;
                var why = network.IsDefaultBridge ? "dockerd runs with --icc=false" : "the network has " + NetworkInfo.IccOption + "=false";
                var linkNote = opened == null
                    ? string.Empty
                    : opened.Count == 0
                        ? "; the --link to " + dst + " opens only ports it listens on or publishes, and the model shows none"
                        : "; the --link to " + dst + " opens only " + PortList(opened) + ", not " + ctx.Service;
                draft.Reason = src + " and " + dst + " are both on " + network.Name + ", but inter-container communication is off (" + why + "), so "
                               + bridge + " drops traffic between its containers" + linkNote + ".";
                var shared = src + "-" + dst;
                var srcOwner = ctx.SourceNs.Owner?.Name ?? src;
                var dstOwner = dstNs.Owner?.Name ?? dst;
                draft.Remedy = ComposeRemedies.Share(ctx.Model, shared, srcOwner, dstOwner);
                return draft;
            }

            if (fw.OnlyIPv6Unfiltered && !IccOn(ctx, network, ctx.Firewall))
            {
                // ICC off is an iptables rule (FORWARD -i br -o br -j DROP); without --ip6tables there is no IPv6 twin.
                draft.Path.Add(Hops.Bridge(network, bridge + " forwards the IPv6 frame between its ports: the ICC drop exists only in iptables (IPv4)", fw.IPv6));
                draft.Path.AddRange(Hops.Ingress(destination, dstNs, theirs, network, fw.IPv6));
                var why = network.IsDefaultBridge ? "dockerd runs with --icc=false" : "the network has " + NetworkInfo.IccOption + "=false";
                return draft.Deliver(ListenerCheck.Check(dstNs, arrival, ctx.Query),
                    src + " and " + dst + " are both on " + network.Name + ", where inter-container communication is off (" + why + "), but " + fw.DisabledText
                    + ": the ICC drop is IPv4 only, so " + bridge + " delivers the IPv6 packet to " + arrival + answered + ". Over IPv4 " + bridge
                    + " drops it. To enforce ICC off for IPv6 too, " + fw.EnableIp6tablesText + ".");
            }

            draft.Path.Add(Hops.Bridge(network, bridge + " forwards the frame between its ports (same network)", fw.IPv6));
            draft.Path.AddRange(Hops.Ingress(destination, dstNs, theirs, network, fw.IPv6));
            return draft.Deliver(ListenerCheck.Check(dstNs, arrival, ctx.Query),
                src + " and " + dst + " are both on " + network.Name + " (" + bridge + "): the bridge delivers the packet to " + arrival + " directly" + answered + ".");
        }

        /// <summary>No shared network, and the model holds the host's real rules: they decide, in raw/nat PREROUTING and FORWARD.</summary>
        private static ResultDraft CrossByRules(RunContext ctx, HostFirewall real, ContainerInfo destination, NetNamespace dstNs, EndpointInfo theirs, NetworkInfo network,
            IPAddress address, NetworkInfo mine, IPAddress sentFrom, string? gatewayText, List<ReachabilityHop> path, string connect)
        {
            var fromBridge = Hops.BridgeOf(mine);
            var toBridge = Hops.BridgeOf(network);
            path.Add(Hops.Bridge(mine, fromBridge + " hands the packet to the host (the default route via " + gatewayText + ")", real.IPv6));
            path.Add(Hops.Host("host", null, "routes " + address + " " + fromBridge + " -> " + toBridge));
            var decision = real.Routed(real.Packet(fromBridge, toBridge, sentFrom, address, ctx.Query), path);
            var used = mine.Name + " -> " + network.Name;
            var shareNothing = ctx.Source.Name + " (" + mine.Name + ") and " + destination.Name + " (" + network.Name + ") share no network: the host routes "
                               + fromBridge + " -> " + toBridge + ", and ";
            if (!decision.Accepted)
                return new ResultDraft(HostFirewall.VerdictOf(decision), shareNothing + real.Said(decision) + ".",
                    decision.Verdict == FilterVerdict.Undetermined ? null : connect) { NetworkUsed = used }.WithPath(path);
            var open = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { NetworkUsed = used }.WithPath(path);
            open.Path.AddRange(Hops.Ingress(destination, dstNs, theirs, network, real.IPv6));
            return open.Deliver(ListenerCheck.Check(dstNs, address, ctx.Query),
                shareNothing + real.Said(decision) + ", so " + destination.Name + " gets the packet at " + address + ".");
        }

        /// <summary>No shared network: the packet leaves by the default route, the host routes it, and Docker's rules decide.</summary>
        private static ResultDraft Cross(RunContext ctx, FirewallRules fw, ContainerInfo destination, NetNamespace dstNs, EndpointInfo theirs, NetworkInfo network, IPAddress arrival)
        {
            var src = ctx.Source.Name;
            var dst = destination.Name;
            var srcOwner = ctx.SourceNs.Owner?.Name ?? src;
            var connect = ComposeRemedies.Connect(ctx.Model, network.Name, srcOwner);
            var address = arrival;

            var way = ctx.DefaultRoute(ctx.SourceNs);
            if (way != null && fw.IPv6 && way.IPv6Address == null)
                // Docker gives a container one gateway endpoint; its IPv6 default route exists only when that network has IPv6.
                return new ResultDraft(ReachabilityVerdict.NoRoute,
                    src + "'s default route is via " + way.NetworkName + ", which has no IPv6, so it has no IPv6 route to " + address + " on " + network.Name
                    + " (connect fails with 'network unreachable').", connect);
            if (way == null)
            {
                var draft = new ResultDraft(ReachabilityVerdict.NoRoute,
                    src + " is only on --internal network(s) " + string.Join(", ", ctx.SourceNs.Endpoints.Select(e => e.NetworkName))
                    + ": it has no default route, so " + address + " on " + network.Name + " is unreachable (nothing leaves an internal network).", connect);
                var first = ctx.SourceNs.Endpoints.Count > 0 ? ctx.SourceNs.Endpoints[0] : null;
                if (first != null && ctx.Network(first) is NetworkInfo own)
                {
                    draft.Path.Add(new ReachabilityHop(HopKind.Interface, src + " " + Hops.Interface(first), first.IPAddress, "no route to " + address + " (no default gateway)"));
                    draft.Path.Add(fw.InternalEgressDrop(Hops.BridgeOf(own), own));
                }
                return draft;
            }

            var mine = ctx.Network(way)!;
            var path = new List<ReachabilityHop>(Hops.Egress(ctx.Source, ctx.SourceNs, way, mine, fw.IPv6));
            var gatewayText = fw.IPv6 ? (way.IPv6Gateway ?? mine.Gateway6)?.ToString() ?? "its IPv6 gateway" : (way.Gateway ?? mine.Gateway)?.ToString();
            var real = ctx.RealFor(fw);
            var sentFrom = fw.IPv6 ? way.IPv6Address : way.IPAddress;
            if (real != null && sentFrom != null && !mine.IsMacvlan && !network.IsMacvlan)
                return CrossByRules(ctx, real, destination, dstNs, theirs, network, address, mine, sentFrom, gatewayText, path, connect);
            if (mine.Internal && !fw.Disabled)
            {
                var gateway = gatewayText;
                var ownBridge = Hops.BridgeOf(mine);
                path.Add(Hops.Bridge(mine, ownBridge + " hands the packet to the host (the default route via " + gateway + ")", fw.IPv6));
                path.Add(fw.InternalEgressDrop(ownBridge, mine));
                return new ResultDraft(ReachabilityVerdict.Blocked,
                    src + " is only on --internal network(s) " + string.Join(", ", ctx.SourceNs.Endpoints.Select(e => e.NetworkName)) + ": " + fw.EngineText
                    + " still gives it a default route via " + gateway + ", but the internal network's rule drops everything that leaves it, so " + address + " on "
                    + network.Name + " never gets the packet (it times out).", connect)
                { NetworkUsed = mine.Name + " -> " + network.Name }.WithPath(path);
            }
            if (mine.IsMacvlan)
            {
                path.Add(Hops.Bridge(mine, "the default route leads out of the parent interface to the outside router", fw.IPv6));
                path.Add(Hops.Decision("macvlan", "the host behind the parent interface cannot exchange packets with its own macvlan containers"));
                return new ResultDraft(ReachabilityVerdict.Blocked,
                    src + " leaves through macvlan network " + mine.Name + ", and a macvlan container cannot reach its own host through the parent interface; "
                    + network.Name + " is only reachable through the host.", connect).WithPath(path);
            }

            var fromBridge = Hops.BridgeOf(mine);
            var toBridge = Hops.BridgeOf(network);
            path.Add(Hops.Bridge(mine, fromBridge + " hands the packet to the host (the default route via " + gatewayText + ")", fw.IPv6));

            if (network.IsMacvlan)
            {
                path.Add(Hops.Host("host", null, "routes " + address + " out of the parent interface " + toBridge));
                path.Add(Hops.Decision("macvlan", "the parent interface does not deliver the host's packets to its own macvlan containers"));
                return new ResultDraft(ReachabilityVerdict.Blocked,
                    dst + " is on macvlan network " + network.Name + ": the host cannot reach its own macvlan containers through the parent interface, so packets "
                    + src + " sends through the host never get there.", connect).WithPath(path);
            }

            path.Add(Hops.Host("host", null, "routes " + address + " " + fromBridge + " -> " + toBridge));

            if (fw.Disabled)
            {
                if (fw.OnlyIPv6Unfiltered)
                    path.Add(Hops.Decision("ip6tables FORWARD", "no Docker rules for IPv6 (dockerd without --ip6tables): the packet meets only the host's own FORWARD policy"));
                var open = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty, null) { NetworkUsed = mine.Name + " -> " + network.Name }.WithPath(path);
                open.Path.AddRange(Hops.Ingress(destination, dstNs, theirs, network, fw.IPv6));
                return open.Deliver(ListenerCheck.Check(dstNs, address!, ctx.Query), fw.OnlyIPv6Unfiltered
                    ? Ipv6Unfiltered(ctx, fw, mine, network, theirs, dst, fromBridge, toBridge)
                    : fw.DisabledText + ": the host routes " + fromBridge + " -> " + toBridge + " and " + dst + " gets the packet.");
            }

            if (network.Internal)
            {
                path.Add(fw.InternalIngressDrop(toBridge, network));
                return new ResultDraft(ReachabilityVerdict.Blocked,
                    network.Name + " is an --internal network: nothing from outside it gets in, and " + src + " is not on it.", connect)
                { NetworkUsed = mine.Name + " -> " + network.Name }.WithPath(path);
            }

            if (fw.Modern && IsNatUnprotected(network, fw.IPv6))
            {
                var open = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { NetworkUsed = mine.Name + " -> " + network.Name }.WithPath(path);
                open.Path.AddRange(Hops.Ingress(destination, dstNs, theirs, network, fw.IPv6));
                return open.Deliver(ListenerCheck.Check(dstNs, address!, ctx.Query),
                    network.Name + " uses gateway mode nat-unprotected, which " + fw.EngineText + " opens to other networks, so the host routes "
                    + fromBridge + " -> " + toBridge + " and " + dst + " gets the packet.");
            }

            path.Add(fw.CrossBridgeDrop(fromBridge, toBridge, address));
            var rule = fw.IsolationText;
            return new ResultDraft(ReachabilityVerdict.Blocked,
                src + " (" + mine.Name + ") and " + dst + " (" + network.Name + ") share no network: " + rule + ", even though the host routes between "
                + fromBridge + " and " + toBridge + ".", connect)
            { NetworkUsed = mine.Name + " -> " + network.Name }.WithPath(path);
        }

        private static void AddOtherEndpoints(RunContext ctx, ResultDraft best, ContainerInfo destination, NetNamespace dstNs, EndpointInfo asked)
        {
            foreach (var endpoint in dstNs.Endpoints.Where(e => !ReferenceEquals(e, asked) && e.IPAddress != null))
            {
                var network = ctx.Network(endpoint);
                var mine = ctx.SourceNs.Endpoints.FirstOrDefault(e => e.NetworkName == endpoint.NetworkName);
                if (network == null || mine == null) continue;
                var other = Shared(ctx, ctx.Firewall, destination, dstNs, mine, endpoint, network, endpoint.IPAddress!);
                if (other.Reachable)
                    best.Alternatives.Add(new ReachabilityAlternative(endpoint.IPAddress!, ctx.Query.Port, network.Name,
                        destination.Name + "'s address on " + network.Name + ", a network " + ctx.Source.Name + " is on"));
            }
        }

        /// <summary>Inter-container communication: the network's enable_icc, and for the default bridge dockerd --icc too.</summary>
        internal static bool IccOn(RunContext ctx, NetworkInfo network, FirewallRules fw)
        {
            if (fw.Disabled) return true; // no rules for this address family, nothing drops
            if (!network.IccEnabled) return false;
            if (network.Options.TryGetValue(NetworkInfo.IccOption, out var option) && string.Equals(option, "false", System.StringComparison.OrdinalIgnoreCase)) return false;
            return !(network.IsDefaultBridge && !ctx.Model.Engine.InterContainerCommunication);
        }

        /// <summary>
        /// Ports a legacy --link from the source to the destination opens on the default bridge (Docker opens the linked
        /// container's exposed ports; the model stands in with what it listens on or publishes). Null when there is no link.
        /// </summary>
        private static List<int>? LinkedPorts(RunContext ctx, ContainerInfo destination, NetNamespace dstNs, NetworkInfo network)
        {
            if (!network.IsDefaultBridge) return null;
            var names = new[] { destination.Name, dstNs.Owner?.Name }.Where(n => n != null).ToList();
            var links = new[] { ctx.Source, ctx.SourceNs.Owner }.Where(c => c != null).Distinct().SelectMany(c => c!.Links);
            if (!links.Any(l => names.Contains(l.Target) || names.Contains(l.Alias))) return null;
            if (ctx.Query.Protocol == ReachabilityProtocol.Icmp) return new List<int>();
            var protocol = ctx.Query.Protocol == ReachabilityProtocol.Udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
            return ListenerCheck.OpenPorts(dstNs, ctx.Query.Protocol)
                .Concat((dstNs.Owner?.Ports ?? new List<PortBinding>()).Where(p => p.Protocol == protocol).Select(p => p.ContainerPort))
                .Distinct().OrderBy(p => p).ToList();
        }

        private static bool IsNatUnprotected(NetworkInfo network, bool ipv6) =>
            network.Options.TryGetValue(ipv6 ? "com.docker.network.bridge.gateway_mode_ipv6" : "com.docker.network.bridge.gateway_mode_ipv4", out var mode)
            && string.Equals(mode, "nat-unprotected", System.StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Why an IPv6 packet crosses from one bridge network to another (or into or out of an --internal one) when the
        /// engine writes no ip6tables rules, what happens to the same question over IPv4, and how to make Docker filter IPv6.
        /// </summary>
        private static string Ipv6Unfiltered(RunContext ctx, FirewallRules fw, NetworkInfo mine, NetworkInfo network, EndpointInfo theirs,
                                             string dst, string fromBridge, string toBridge)
        {
            var text = fw.DisabledText + ". Nothing isolates bridge networks over IPv6: the host forwards " + fromBridge + " -> " + toBridge
                       + " (dockerd turns on net.ipv6.conf.all.forwarding for a network with an IPv6 subnet) and " + dst + " gets the packet";
            var internals = new[] { mine, network }.Where(n => n.Internal).Select(n => n.Name).Distinct().ToList();
            if (internals.Count > 0)
                text += "; --internal (" + string.Join(", ", internals) + ") is not enforced over IPv6 either";
            text += ".";
            if (theirs.IPAddress != null)
                text += " Over IPv4 (" + theirs.IPAddress + ") " + (network.Internal || mine.Internal ? "the --internal rules and " : string.Empty) + ctx.Firewall.IsolationText + ".";
            return text + " (Only the host's own ip6tables FORWARD policy could still drop it.) To have Docker isolate IPv6, " + fw.EnableIp6tablesText + ".";
        }

        private static string PortList(List<int> ports) =>
            ports.Count == 0 ? "no ports" : "port" + (ports.Count > 1 ? "s " : " ") + string.Join(", ", ports);
    }
}
