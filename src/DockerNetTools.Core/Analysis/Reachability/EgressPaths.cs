using System.Collections.Generic;
using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>
    /// Paths to an address that is not on the host and not in a Docker network: the source's default route, the host's route
    /// for the address (longest prefix), net.ipv4.ip_forward (IPv6: forwarding), the FORWARD decision and Docker's
    /// MASQUERADE (<see cref="EdgeFilter"/>), and the interface and source address the packet leaves with.
    /// </summary>
    internal static class EgressPaths
    {
        public static ResultDraft ToOutside(RunContext ctx, IPAddress address)
        {
            var fw = ctx.FirewallFor(address);
            var v6 = fw.IPv6;
            var routing = new HostRouting(ctx.Model);
            var route = routing.Lookup(address);
            return ctx.SourceNs.Kind == NamespaceKind.Host
                ? FromHostNamespace(ctx, routing, route, address, v6)
                : FromContainer(ctx, routing, route, address, fw);
        }

        private static ResultDraft FromHostNamespace(RunContext ctx, HostRouting routing, HostRoute? route, IPAddress address, bool v6)
        {
            var src = ctx.Source.Name + " (host network)";
            if (route == null) return NoHostRoute(ctx, routing, address, new List<ReachabilityHop>(), null);
            var outAddress = routing.AddressOf(route.Interface, v6);
            var real = v6 ? ctx.Real6 : ctx.Real;
            var draft = new ResultDraft(ReachabilityVerdict.Reachable,
                address + " is outside this host: " + src + " sends from the host's own namespace, which routes it out of " + route.Interface + " ('" + route + "'"
                + Assumed(routing) + ") with source " + (outAddress?.ToString() ?? "the address of " + route.Interface)
                + (real == null ? " (OUTPUT and POSTROUTING: Docker adds no rule for the host's own packets). " : " (OUTPUT and POSTROUTING; the host's rules accept it). ") + Beyond(ctx, address))
            {
                Address = address,
                NetworkUsed = "host",
            };
            draft.Path.Add(Hops.Host("host", null, "routes " + address + " by '" + route + "'" + Assumed(routing)));
            if (real != null && outAddress != null)
            {
                // The host's own packet: nat and filter OUTPUT (a ufw or operator rule applies), never FORWARD.
                var output = real.Output(real.Packet(null, route.Interface, outAddress, address, ctx.Query));
                if (output.DnatRule != null) draft.Path.Add(real.DnatHop(output));
                draft.Path.Add(real.Hop(output));
                if (output.DnatRule != null && output.Accepted)
                {
                    draft.Verdict = ReachabilityVerdict.Undetermined;
                    draft.Reason = "The host's nat rule " + output.DnatRule.Text + " (OUTPUT) sends " + src + "'s packet for " + address + " to " + HostFirewall.Endpoint(output.Packet)
                                   + ", which the model does not follow further.";
                    return draft;
                }
                if (!output.Accepted)
                {
                    draft.Verdict = HostFirewall.VerdictOf(output);
                    draft.Reason = address + " is outside this host: " + src + " sends from the host's own namespace, which routes it out of " + route.Interface + " ('" + route + "'), and in OUTPUT "
                                   + real.Said(output) + ", so it never leaves the host.";
                    if (output.Verdict != Firewall.FilterVerdict.Undetermined && output.Rule != null) draft.Remedy = real.DeleteCommand(output.Rule) + " (the host's rule that drops it; or narrow it)";
                    return draft;
                }
            }
            draft.Path.Add(Leave(route, outAddress, address));
            AddOverlapNotes(routing, route, draft);
            return draft;
        }

        private static ResultDraft FromContainer(RunContext ctx, HostRouting routing, HostRoute? route, IPAddress address, FirewallRules fw)
        {
            var src = ctx.Source.Name;
            var owner = ctx.SourceNs.Owner?.Name ?? src;
            var way = ctx.DefaultRoute(ctx.SourceNs);
            if (way == null)
                return new ResultDraft(ReachabilityVerdict.NoRoute,
                    src + " is only on --internal network(s) " + string.Join(", ", ctx.SourceNs.Endpoints.Select(e => e.NetworkName))
                    + ": it has no default route, so " + address + " outside the host is unreachable from it (nothing leaves an internal network).",
                    ComposeRemedies.Connect(ctx.Model, "bridge", owner)) { Address = address };
            if (fw.IPv6 && way.IPv6Address == null)
                return new ResultDraft(ReachabilityVerdict.NoRoute,
                    src + "'s default route is via " + way.NetworkName + ", which has no IPv6, so it has no IPv6 route to " + address
                    + " (connect fails with 'network unreachable').", ComposeRemedies.ConnectIPv6(ctx.Model, owner)) { Address = address };

            var mine = ctx.Network(way)!;
            var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { Address = address, NetworkUsed = mine.Name };
            draft.Path.AddRange(Hops.Egress(ctx.Source, ctx.SourceNs, way, mine, fw.IPv6));
            var gateway = fw.IPv6 ? (way.IPv6Gateway ?? mine.Gateway6)?.ToString() ?? "its IPv6 gateway" : (way.Gateway ?? mine.Gateway)?.ToString();

            if (mine.IsMacvlan)
            {
                draft.Path.Add(Hops.Bridge(mine, "the default route via " + gateway + " leads out of the parent interface to the outside router", fw.IPv6));
                draft.Reason = address + " is outside this host: " + src + " is on macvlan network " + mine.Name + ", so the packet leaves through the parent interface "
                               + "with its own address " + (fw.IPv6 ? way.IPv6Address : way.IPAddress) + " and never passes the host's routes, forwarding or packet filter. "
                               + Beyond(ctx, address);
                return draft;
            }

            var bridge = Hops.BridgeOf(mine);
            draft.Path.Add(Hops.Bridge(mine, bridge + " hands the packet to the host (the default route via " + gateway + ")", fw.IPv6));
            if (mine.Internal && !fw.Disabled)
            {
                draft.Path.Add(fw.InternalEgressDrop(bridge, mine));
                draft.Verdict = ReachabilityVerdict.Blocked;
                draft.Reason = src + " is only on --internal network(s) " + string.Join(", ", ctx.SourceNs.Endpoints.Select(e => e.NetworkName)) + ": " + fw.EngineText
                               + " still gives it a default route via " + gateway + ", but the internal network's rule drops everything that leaves it, so "
                               + address + " outside the host never gets the packet (it times out).";
                draft.Remedy = ComposeRemedies.Connect(ctx.Model, "bridge", owner, " (or another network that is not --internal)");
                return draft;
            }

            if (route == null) return NoHostRoute(ctx, routing, address, draft.Path, mine);
            var sourceAddress = fw.IPv6 ? way.IPv6Address! : way.IPAddress!;
            draft.Path.Add(Hops.Host("host", null, "routes " + address + " by '" + route + "'" + Assumed(routing) + ": " + bridge + " -> " + route.Interface));

            if (!routing.Forwards(fw.IPv6))
            {
                var sysctl = fw.IPv6 ? "net.ipv6.conf.all.forwarding" : "net.ipv4.ip_forward";
                draft.Path.Add(Hops.Decision(sysctl, "0: the host routes no packet from one interface to another, so the packet from " + bridge + " is dropped"));
                draft.Verdict = ReachabilityVerdict.Blocked;
                draft.Reason = sysctl + " is 0 on the host, so it does not forward " + src + "'s packet from " + bridge + " to " + route.Interface
                               + ": nothing reaches " + address + " outside the host (dockerd turns forwarding on at start unless run with --ip-forward=false; something turned it off since).";
                draft.Remedy = "sysctl -w " + sysctl + "=1, and keep it in /etc/sysctl.d (e.g. " + sysctl + " = 1 in /etc/sysctl.d/99-docker.conf)";
                return draft;
            }

            var filter = new EdgeFilter(ctx);
            var packet = new EdgePacket(sourceAddress, address, bridge, route.Interface, mine, ctx.Query);
            var forward = filter.Forward(packet);
            draft.Path.AddRange(forward.Hops);
            if (forward.Accepted != true)
            {
                draft.Verdict = forward.Accepted == false ? ReachabilityVerdict.Blocked : ReachabilityVerdict.Undetermined;
                draft.Reason = forward.Reason ?? src + "'s packet to " + address + " is " + (forward.Accepted == false ? "dropped" : "judged by a rule the model cannot evaluate")
                               + " in " + forward.Hop.Device + ": " + forward.Hop.Description + ".";
                return draft;
            }

            var outAddress = routing.AddressOf(route.Interface, fw.IPv6);
            var nat = filter.SourceNat(packet, outAddress);
            if (nat.Hop != null) draft.Path.Add(nat.Hop);
            draft.Path.Add(Leave(route, nat.Masqueraded ? outAddress : sourceAddress, address));
            var routeText = "by '" + route + "'" + Assumed(routing);
            if (nat.Masqueraded)
            {
                draft.Reason = address + " is outside this host: " + src + " sends by its default route through " + bridge + " (network " + mine.Name + "), the host routes it out of "
                               + route.Interface + " " + routeText + ", " + forward.Hop.Device + " accepts it, and Docker's MASQUERADE gives it the source "
                               + (outAddress?.ToString() ?? "address of " + route.Interface) + ", so replies come back to the host and on to " + src + ". " + Beyond(ctx, address);
            }
            else
            {
                var subnet = fw.IPv6 ? mine.Subnet6?.ToString() : mine.Subnet?.ToString();
                draft.Verdict = ReachabilityVerdict.Blocked;
                draft.Reason = src + "'s packet leaves the host out of " + route.Interface + " " + routeText + " with its own source " + sourceAddress + ", because " + nat.Why
                               + ": the network beyond has no route back to " + subnet + ", so " + address + "'s reply has no way back (the connection times out),"
                               + " unless a router there routes " + subnet + " to this host.";
                draft.Remedy = fw.Disabled
                    ? "restart dockerd with --iptables=true (or add the rule yourself: iptables -t nat -A POSTROUTING -s " + subnet + " ! -o " + bridge + " -j MASQUERADE), or route " + subnet + " to this host on the router"
                    : "recreate network " + mine.Name + " without -o " + EdgeFilter.MasqueradeOption + "=false (or gateway mode routed), or route " + subnet + " to this host on the router";
            }
            AddOverlapNotes(routing, route, draft);
            return draft;
        }

        private static ResultDraft NoHostRoute(RunContext ctx, HostRouting routing, IPAddress address, List<ReachabilityHop> path, NetworkInfo? via)
        {
            path.Add(Hops.Host("host", null, "no route matches " + address + " (" + routing.Routes.Count + " routes, no default)"));
            return new ResultDraft(ReachabilityVerdict.NoRoute,
                "The host has no route to " + address + ": none of its routes covers it and it has no default route, so the kernel answers 'network unreachable' and "
                + ctx.Source.Name + "'s packet goes no further.", "add a route on the host: ip route add <prefix of " + address + "> via <gateway> (or a default route)")
            { Address = address, NetworkUsed = via?.Name }.WithPath(path);
        }

        /// <summary>The last hop: the interface the packet leaves by, the source address it has there, and where it goes next.</summary>
        private static ReachabilityHop Leave(HostRoute route, IPAddress? source, IPAddress destination) =>
            new ReachabilityHop(HopKind.Interface, route.Interface, source,
                "leaves the host " + (route.Gateway != null ? "for the gateway " + route.Gateway : "on the link to " + destination)
                + (source != null ? " with source " + source : string.Empty));

        private static string Assumed(HostRouting routing) => routing.RoutesKnown ? string.Empty : " (assumed: the model holds none of the host's routes)";

        private static string Beyond(RunContext ctx, IPAddress address) =>
            "Whether " + address + (ctx.Query.Port.HasValue ? " answers " + ctx.Service : " answers") + " is up to the network beyond this host.";

        /// <summary>A Docker subnet inside the host route that carries the packet: addresses of that subnet never take the route.</summary>
        private static void AddOverlapNotes(HostRouting routing, HostRoute route, ResultDraft draft)
        {
            foreach (var network in routing.DockerSubnetsInside(route))
            {
                var subnet = route.IsIPv6 ? network.Subnet6?.ToString() : network.Subnet?.ToString();
                draft.Reason += " Note: Docker network " + network.Name + " (" + subnet + " on " + Hops.BridgeOf(network) + ") overlaps the host's route '" + route
                                + "': addresses of " + subnet + " go to " + Hops.BridgeOf(network) + ", not out of " + route.Interface
                                + "; to reach them there, move " + network.Name + " elsewhere (--subnet, or \"default-address-pools\"" + (network.IsDefaultBridge ? " / \"bip\"" : string.Empty) + " in daemon.json).";
            }
        }
    }
}
