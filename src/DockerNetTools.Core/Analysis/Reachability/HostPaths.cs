using System.Collections.Generic;
using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Firewall;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>Paths that end or start in the host's namespace: a container to the host (or a host-mode service), and host mode to containers.</summary>
    internal static class HostPaths
    {
        /// <summary>
        /// A container sends to the host: to its gateway address or the host's own address. Packets for a local address go to
        /// INPUT, which Docker leaves alone; a published port there is taken by docker-proxy or DNAT'd first.
        /// </summary>
        public static ResultDraft ToHost(RunContext ctx, IPAddress? address, NetworkInfo? addressNetwork, ContainerInfo? hostModeContainer)
        {
            var src = ctx.Source.Name;
            var target = hostModeContainer != null ? hostModeContainer.Name + " (host network)" : "the host";
            var ns = ctx.SourceNs;

            // On-link when the address is the gateway of one of the source's own networks, else the default route.
            var way = address != null
                ? ns.Endpoints.FirstOrDefault(e => address.Equals(e.Gateway) || address.Equals(ctx.Network(e)?.Gateway)
                                                   || (e.IPv6Address != null && (address.Equals(e.IPv6Gateway) || address.Equals(ctx.Network(e)?.Gateway6))))
                : null;
            way ??= ctx.DefaultRoute(ns);
            if (way == null && address == null)
                way = ns.Endpoints.FirstOrDefault(e => (e.Gateway ?? ctx.Network(e)?.Gateway) != null);
            if (way == null)
                return new ResultDraft(ReachabilityVerdict.NoRoute,
                    src + " is only on --internal network(s) " + string.Join(", ", ns.Endpoints.Select(e => e.NetworkName))
                    + ": it has no default route, so " + target + " at " + address + " is unreachable from it.",
                    ComposeRemedies.Connect(ctx.Model, "bridge", ns.Owner?.Name ?? src))
                { Address = address };

            var network = ctx.Network(way)!;
            var v6 = address != null && ctx.FirewallFor(address).IPv6;
            if (v6 && way.IPv6Address == null)
                // The IPv6 default route comes with the gateway endpoint's network, and only when that network has IPv6.
                return new ResultDraft(ReachabilityVerdict.NoRoute,
                    src + "'s default route is via " + way.NetworkName + ", which has no IPv6, so it has no IPv6 route to " + target + " at " + address
                    + " (connect fails with 'network unreachable').", ComposeRemedies.ConnectIPv6(ctx.Model, ns.Owner?.Name ?? src))
                { Address = address };
            var path = new List<ReachabilityHop>(Hops.Egress(ctx.Source, ns, way, network, v6));
            if (network.IsMacvlan)
            {
                path.Add(Hops.Bridge(network, "macvlan traffic leaves through the parent interface; it is never handed to the host itself"));
                path.Add(Hops.Decision("macvlan", "the host and its own macvlan containers cannot reach each other through the parent interface"));
                return new ResultDraft(ReachabilityVerdict.Blocked,
                    src + " is on macvlan network " + network.Name + ": a macvlan container and its host cannot reach each other through the parent interface, so "
                    + target + " is out of reach.", ComposeRemedies.Connect(ctx.Model, "bridge", ns.Owner?.Name ?? src))
                { Address = address, NetworkUsed = network.Name }.WithPath(path);
            }

            address ??= way.Gateway ?? network.Gateway;
            var bridge = Hops.BridgeOf(network);
            path.Add(Hops.Bridge(network, bridge + " is the host's own interface on " + network.Name, v6));
            var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { Address = address, NetworkUsed = network.Name }.WithPath(path);

            if (ctx.Query.Port.HasValue)
            {
                var published = PublishedBinding(ctx, address!);
                if (published != null) return ThroughPublishedPort(ctx, draft, network, address!, published.Value.Binding, published.Value.Owner);
            }

            var real = ctx.FirewallFor(address).IPv6 ? ctx.Real6 : ctx.Real;
            var sentFrom = real == null ? null : real.IPv6 ? way.IPv6Address : way.IPAddress;
            if (real != null && sentFrom != null)
            {
                // The host's own rules decide: nat PREROUTING (a DNAT the model does not know of is not followed), then INPUT.
                var pre = real.Prerouting(real.Packet(bridge, null, sentFrom, address!, ctx.Query));
                var stop = !pre.Accepted ? pre : pre.DnatRule != null ? pre : real.Input(pre.Packet);
                if (stop == pre && pre.DnatRule != null)
                {
                    draft.Path.Add(real.DnatHop(pre));
                    draft.Verdict = ReachabilityVerdict.Undetermined;
                    draft.Reason = "The host's nat rule " + pre.DnatRule.Text + " sends the packet to " + HostFirewall.Endpoint(pre.Packet)
                                   + ", which no published port in the model explains, so the model does not follow it further.";
                    return draft;
                }
                draft.Path.Add(real.Hop(stop));
                if (!stop.Accepted)
                {
                    draft.Verdict = HostFirewall.VerdictOf(stop);
                    draft.Reason = src + " sends to " + target + " at " + address + " through " + bridge + ": the packet is for a local address, so it goes to INPUT, and "
                                   + real.Said(stop) + ".";
                    return draft;
                }
            }
            else
            {
                draft.Path.Add(Hops.Host("host INPUT", address, "delivered locally (Docker adds no INPUT rules)"));
            }
            var hostNs = NetNamespace.HostOf(ctx.Model);
            var outcome = ListenerCheck.Check(hostNs, address!, ctx.Query);
            var served = ctx.Query.Port.HasValue
                ? ", where " + (hostModeContainer != null ? hostModeContainer.Name + " (host network) " : "a host process ") + "answers " + ctx.Service
                : ", and the host answers the ping";
            draft.Deliver(outcome, src + " reaches " + target + " at " + address + " through " + bridge
                                   + (real != null ? " (the packet is for a local address, so it goes to INPUT, where the host's rules accept it)" : " (the packet is for a local address, so it goes to INPUT, which Docker does not filter)")
                                   + served + ".");

            // The host's uplink address is reached through the default route, which an --internal-only source lacks.
            var hostAddress = ctx.DefaultRoute(ns) == null ? null : ctx.HostAddress();
            if (draft.Reachable && hostAddress != null && !hostAddress.Equals(address)
                && ListenerCheck.Check(hostNs, hostAddress, ctx.Query).Accepted)
                draft.Alternatives.Add(new ReachabilityAlternative(hostAddress, ctx.Query.Port, "INPUT", "the host's own address, routed through " + bridge));
            return draft;
        }

        /// <summary>The host's namespace (a host-mode source) sends to a container: it sits on every bridge, so it reaches them directly.</summary>
        public static ResultDraft FromHost(RunContext ctx, ContainerInfo destination, NetNamespace dstNs, EndpointInfo? fixedEndpoint)
        {
            var src = ctx.Source.Name;
            var dst = destination.Name;
            var endpoint = fixedEndpoint ?? dstNs.Endpoints.FirstOrDefault(e => e.IPAddress != null && ctx.Network(e) is NetworkInfo n && !n.IsMacvlan);
            var network = endpoint == null ? null : ctx.Network(endpoint);
            if (endpoint == null || network == null || network.IsMacvlan)
            {
                var macvlan = dstNs.Endpoints.Select(ctx.Network).FirstOrDefault(n => n != null && n.IsMacvlan);
                if (macvlan != null)
                    return new ResultDraft(ReachabilityVerdict.Blocked,
                        dst + " is on macvlan network " + macvlan.Name + ": the host (" + src + " uses the host's network) cannot reach its own macvlan containers through the parent interface.",
                        ComposeRemedies.Connect(ctx.Model, "bridge", dstNs.Owner?.Name ?? dst))
                    {
                        Address = fixedEndpoint?.IPAddress ?? (dstNs.Endpoints.Count > 0 ? dstNs.Endpoints[0].IPAddress : null),
                        NetworkUsed = macvlan.Name,
                    }.WithPath(new[]
                    {
                        Hops.Host(src + " (host network)", null, "routes out of the parent interface " + Hops.BridgeOf(macvlan)),
                        Hops.Decision("macvlan", "the parent interface does not deliver the host's packets to its own macvlan containers"),
                    });
                return new ResultDraft(ReachabilityVerdict.NoNetwork, dst + " has no address the host can route to.");
            }

            var bridge = Hops.BridgeOf(network);
            var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { Address = endpoint.IPAddress, NetworkUsed = network.Name };
            draft.Path.Add(Hops.Host(src + " (host network)", network.Gateway, "sends from its " + bridge + " address (OUTPUT, no FORWARD rules)"));
            var real = ctx.Real;
            string? outputText = null;
            if (real != null && network.Gateway != null)
            {
                // The host's own packet meets nat and filter OUTPUT only (a rule there, ufw's or an operator's, applies; FORWARD never does).
                var output = real.Output(real.Packet(null, bridge, network.Gateway, endpoint.IPAddress!, ctx.Query));
                if (output.DnatRule != null)
                {
                    draft.Path.Add(real.DnatHop(output));
                    draft.Verdict = ReachabilityVerdict.Undetermined;
                    draft.Reason = src + " uses the host's network namespace, and the host's nat rule " + output.DnatRule.Text + " (OUTPUT) sends its packet for " + dst + " at "
                                   + endpoint.IPAddress + " to " + HostFirewall.Endpoint(output.Packet) + ", which the model does not follow further.";
                    return draft;
                }
                draft.Path.Add(real.Hop(output));
                if (!output.Accepted)
                {
                    draft.Verdict = HostFirewall.VerdictOf(output);
                    draft.Reason = src + " uses the host's network namespace, so its packet for " + dst + " at " + endpoint.IPAddress + " leaves through OUTPUT (never FORWARD), and "
                                   + real.Said(output) + ".";
                    if (output.Verdict != FilterVerdict.Undetermined && output.Rule != null) draft.Remedy = real.DeleteCommand(output.Rule) + " (the host's rule that drops it; or narrow it)";
                    return draft;
                }
                outputText = " (OUTPUT accepts it: " + (output.RuleText ?? "no rule") + ")";
            }
            draft.Path.Add(Hops.Bridge(network, bridge + " delivers to its port"));
            draft.Path.AddRange(Hops.Ingress(destination, dstNs, endpoint, network));
            var answered = ctx.Query.Port.HasValue ? ", and " + ctx.Service + " is answered" : string.Empty;
            return draft.Deliver(ListenerCheck.Check(dstNs, endpoint.IPAddress!, ctx.Query),
                src + " uses the host's network namespace, and the host reaches every bridge subnet directly" + outputText + ": " + bridge + " delivers to " + dst + " at " + endpoint.IPAddress + answered + ".");
        }

        private static bool IsV6(IPAddress? address) => address != null && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

        /// <summary>
        /// docker-proxy's two hops: it accepts on the published host address and port, then opens its own connection to
        /// <paramref name="proxied"/> out of the destination network's bridge.
        /// </summary>
        private static void AddProxyHops(ResultDraft draft, IPAddress? address, PortBinding binding, bool v6, IPAddress? proxied, NetworkInfo to, string toBridge)
        {
            var hostIp = string.IsNullOrEmpty(binding.HostIp) ? (v6 ? "::" : "0.0.0.0") : binding.HostIp;
            draft.Path.Add(Hops.Host("docker-proxy", address,
                (hostIp.IndexOf(':') >= 0 && hostIp[0] != '[' ? "[" + hostIp + "]" : hostIp) + ":" + binding.HostPort + " -> " + Endpoint(proxied, binding.ContainerPort) + " (a new connection from the host)"));
            draft.Path.Add(Hops.Bridge(to, "the host sends the proxy's connection out of " + toBridge, IsV6(proxied)));
        }

        private static string Endpoint(IPAddress? address, int port) =>
            address != null && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]:" + port : address + ":" + port;

        private static (PortBinding Binding, ContainerInfo Owner)? PublishedBinding(RunContext ctx, IPAddress address)
        {
            var protocol = ctx.Query.Protocol == ReachabilityProtocol.Udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
            foreach (var container in ctx.Model.Containers.Where(c => c.IsRunning && c.NetworkMode.Kind != NetworkModeKind.Host))
                foreach (var binding in container.Ports)
                    if (binding.HostPort == ctx.Query.Port && binding.Protocol == protocol && PublishedPorts.Covers(ctx.Model, container, binding, address))
                        return (binding, container);
            return null;
        }

        /// <summary>
        /// The host's namespace (a host-mode source) dials one of the host's own addresses on a port a container publishes:
        /// the publish takes it before any host listener could (docker-proxy holds the port). Null when nothing publishes it.
        /// </summary>
        public static ResultDraft? FromHostToPublishedPort(RunContext ctx, IPAddress address)
        {
            if (ctx.SourceNs.Kind != NamespaceKind.Host || !ctx.Query.Port.HasValue) return null;
            var published = PublishedBinding(ctx, address);
            if (published == null) return null;
            var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { Address = address };
            draft.Path.Add(Hops.Host(ctx.Source.Name + " (host network)", address, "connects to a local address of the host (OUTPUT)"));
            return ThroughPublishedPort(ctx, draft, null, address, published.Value.Binding, published.Value.Owner);
        }

        /// <summary>
        /// A container dials a published port of one of the host's addresses, and the model holds the host's real rules: nat
        /// PREROUTING either DNATs the packet to the publisher (then FORWARD decides) or leaves it to the host (then INPUT
        /// decides, and docker-proxy answers). Null when the source has no address of the family on <paramref name="from"/>.
        /// </summary>
        private static ResultDraft? PublishedByRules(RunContext ctx, HostFirewall real, ResultDraft draft, NetworkInfo from, IPAddress address, PortBinding binding,
            ContainerInfo publisher, NetNamespace ns, EndpointInfo theirWay, NetworkInfo to, string published)
        {
            var mine = ctx.SourceNs.Endpoints.FirstOrDefault(e => e.NetworkName == from.Name);
            var sentFrom = real.IPv6 ? mine?.IPv6Address : mine?.IPAddress;
            if (sentFrom == null) return null;
            var fromBridge = Hops.BridgeOf(from);
            var toBridge = Hops.BridgeOf(to);
            var owner = ctx.SourceNs.Owner?.Name ?? ctx.Source.Name;
            var query = PublishedPorts.ForBinding(ctx.Query, binding);
            var pre = real.Prerouting(real.Packet(fromBridge, null, sentFrom, address, ctx.Query));
            if (!pre.Accepted)
            {
                draft.Path.Add(real.Hop(pre));
                draft.Verdict = HostFirewall.VerdictOf(pre);
                draft.Reason = published + ", but as the packet arrives from " + fromBridge + " " + real.Said(pre) + ".";
                return draft;
            }

            if (pre.DnatRule != null)
            {
                draft.Path.Add(real.DnatHop(pre));
                var target = pre.Packet.Destination;
                var toNetwork = real.NetworkOf(target);
                var outBridge = toNetwork == null ? null : Hops.BridgeOf(toNetwork);
                draft.Path.Add(Hops.Host("host", null, "routes the DNAT'd packet " + fromBridge + " -> " + (outBridge ?? "?")));
                var forwarded = pre.Packet.Clone();
                forwarded.OutInterface = outBridge;
                var decision = real.Forward(forwarded);
                draft.Path.Add(real.Hop(decision));
                var dnat = published + ": the host's nat rule " + pre.DnatRule.Text + " sends the packet from " + fromBridge + " to " + HostFirewall.Endpoint(pre.Packet);
                if (!decision.Accepted)
                {
                    draft.Verdict = HostFirewall.VerdictOf(decision);
                    draft.Reason = dnat + ", and in FORWARD " + real.Said(decision) + " (docker-proxy never sees it; it times out).";
                    if (decision.Verdict != FilterVerdict.Undetermined)
                        draft.Remedy = ComposeRemedies.Connect(ctx.Model, to.Name, owner, " (then dial " + publisher.Name + ":" + binding.ContainerPort + " on " + to.Name + ")");
                    return draft;
                }
                var inside = real.IPv6 ? theirWay.IPv6Address : theirWay.IPAddress;
                if (toNetwork == null || !target.Equals(inside))
                {
                    draft.Verdict = ReachabilityVerdict.Undetermined;
                    draft.Reason = dnat + ", which is not where Docker forwards " + publisher.Name + "'s port, and the model does not follow it further.";
                    return draft;
                }
                draft.Path.AddRange(Hops.Ingress(publisher, ns, theirWay, to, real.IPv6));
                draft.NetworkUsed = from.Name == to.Name ? from.Name : from.Name + " -> " + to.Name;
                return draft.Deliver(ListenerCheck.Check(ns, target, query),
                    dnat + ", FORWARD lets it through (" + decision.RuleText + "), and " + publisher.Name + " answers on " + binding.ContainerPort + ".");
            }

            // Not DNAT'd (nat DOCKER returns for this bridge): the packet is the host's own, INPUT decides, docker-proxy answers.
            var input = real.Input(pre.Packet);
            draft.Path.Add(real.Hop(input));
            if (!input.Accepted)
            {
                draft.Verdict = HostFirewall.VerdictOf(input);
                draft.Reason = published + ", but no nat rule DNATs the packet from " + fromBridge + ", so it is for the host itself, and in INPUT " + real.Said(input) + ".";
                return draft;
            }
            if (!ctx.Model.Engine.UserlandProxy)
            {
                draft.Verdict = ReachabilityVerdict.NoListener;
                draft.Reason = published + ", but no nat rule DNATs the packet from " + fromBridge + " and dockerd runs with --userland-proxy=false, so nothing on the host takes it.";
                draft.Remedy = ComposeRemedies.Connect(ctx.Model, to.Name, owner);
                return draft;
            }
            var proxied = real.IPv6 ? theirWay.IPv6Address ?? theirWay.IPAddress : theirWay.IPAddress;
            AddProxyHops(draft, address, binding, real.IPv6, proxied, to, toBridge);
            draft.Path.AddRange(Hops.Ingress(publisher, ns, theirWay, to, IsV6(proxied)));
            draft.NetworkUsed = from.Name + " -> " + to.Name;
            return draft.Deliver(ListenerCheck.Check(ns, proxied!, query),
                published + ": no nat rule DNATs the packet from " + fromBridge + ", INPUT accepts it (" + input.RuleText + "), docker-proxy opens its own connection to "
                + publisher.Name + ", and " + publisher.Name + " answers on " + binding.ContainerPort + ".");
        }

        /// <summary>
        /// The host's own namespace dials a published port of one of its addresses, and the model holds the host's real rules:
        /// nat OUTPUT either DNATs the packet to the publisher (then it leaves by filter OUTPUT, no FORWARD) or leaves it to the
        /// host (loopback while the userland proxy is on: then INPUT on lo decides, and docker-proxy answers).
        /// </summary>
        private static ResultDraft PublishedFromHostByRules(RunContext ctx, HostFirewall real, ResultDraft draft, IPAddress address, PortBinding binding,
            ContainerInfo publisher, NetNamespace ns, EndpointInfo theirWay, NetworkInfo to, string published)
        {
            var query = PublishedPorts.ForBinding(ctx.Query, binding);
            var toBridge = Hops.BridgeOf(to);
            // A connection to a local address leaves by lo with that address as its source.
            var output = real.Output(real.Packet(null, "lo", address, address, ctx.Query));
            if (output.DnatRule != null) draft.Path.Add(real.DnatHop(output));
            draft.Path.Add(real.Hop(output));
            if (!output.Accepted)
            {
                draft.Verdict = HostFirewall.VerdictOf(output);
                draft.Reason = published + ", but the host's own packet leaves through OUTPUT, and " + real.Said(output) + ".";
                if (output.Verdict != FilterVerdict.Undetermined && output.Rule != null) draft.Remedy = real.DeleteCommand(output.Rule) + " (the host's rule that drops it; or narrow it)";
                return draft;
            }

            if (output.DnatRule != null)
            {
                var target = output.Packet.Destination;
                var dnat = published + ": the host's nat rule " + output.DnatRule.Text + " (OUTPUT) sends the host's packet to " + HostFirewall.Endpoint(output.Packet);
                var inside = real.IPv6 ? theirWay.IPv6Address : theirWay.IPAddress;
                if (!target.Equals(inside))
                {
                    draft.Verdict = ReachabilityVerdict.Undetermined;
                    draft.Reason = dnat + ", which is not where Docker forwards " + publisher.Name + "'s port, and the model does not follow it further.";
                    return draft;
                }
                draft.Path.Add(Hops.Host("host", null, "sends the DNAT'd packet out of " + toBridge + " (filter OUTPUT, no FORWARD rules)"));
                draft.Path.AddRange(Hops.Ingress(publisher, ns, theirWay, to, real.IPv6));
                draft.NetworkUsed = "host -> " + to.Name;
                return draft.Deliver(ListenerCheck.Check(ns, target, query, binding),
                    dnat + ", OUTPUT lets it through (" + (output.RuleText ?? "no rule") + "), and " + publisher.Name + " answers on " + binding.ContainerPort + ".");
            }

            // Not DNAT'd (nat OUTPUT skips 127.0.0.0/8 while the userland proxy is on): the host's own, INPUT on lo decides, docker-proxy answers.
            var input = real.Input(real.Packet("lo", null, address, address, ctx.Query));
            draft.Path.Add(real.Hop(input));
            if (!input.Accepted)
            {
                draft.Verdict = HostFirewall.VerdictOf(input);
                draft.Reason = published + ", but no nat rule DNATs the host's own packet, so it is delivered locally, and in INPUT " + real.Said(input) + ".";
                return draft;
            }
            if (!ctx.Model.Engine.UserlandProxy)
            {
                draft.Verdict = ReachabilityVerdict.NoListener;
                draft.Reason = published + ", but no nat rule DNATs the host's own packet and dockerd runs with --userland-proxy=false, so nothing on the host takes it.";
                return draft;
            }
            var proxied = real.IPv6 ? theirWay.IPv6Address ?? theirWay.IPAddress : theirWay.IPAddress;
            AddProxyHops(draft, address, binding, real.IPv6, proxied, to, toBridge);
            draft.Path.AddRange(Hops.Ingress(publisher, ns, theirWay, to, IsV6(proxied)));
            draft.NetworkUsed = "host -> " + to.Name;
            return draft.Deliver(ListenerCheck.Check(ns, proxied!, query, binding),
                published + ": no nat rule DNATs the host's own packet, INPUT accepts it (" + (input.RuleText ?? "no rule") + "), docker-proxy opens its own connection to "
                + publisher.Name + ", and " + publisher.Name + " answers on " + binding.ContainerPort + ".");
        }

        /// <param name="from">The bridge network the packet comes from; null for the host's own namespace.</param>
        private static ResultDraft ThroughPublishedPort(RunContext ctx, ResultDraft draft, NetworkInfo? from, IPAddress address, PortBinding binding, ContainerInfo publisher)
        {
            var src = ctx.Source.Name;
            var ns = NetNamespace.Of(ctx.Model, publisher);
            // A publish without a host address is two bindings (0.0.0.0 and ::): name the one this packet meets.
            var v6 = ctx.FirewallFor(address).IPv6;
            var side = string.IsNullOrEmpty(binding.HostIp) && v6 ? "[::]:" + binding.HostPort + "->" + binding.ContainerPort + "/" + FirewallRules.Proto(binding.Protocol) : binding.ToString();
            var published = Endpoint(address, binding.HostPort) + " is published by " + publisher.Name + " (" + side + ")";
            draft.DestinationContainer = publisher.Name;
            var theirWay = ctx.PublishingEndpoint(ns);
            var to = theirWay == null ? null : ctx.Network(theirWay);
            if (theirWay == null || to == null)
            {
                draft.Path.Add(Hops.Host("host", address, "nothing takes " + ctx.Service + ": Docker publishes no ports for containers only on --internal networks"));
                draft.Verdict = ReachabilityVerdict.NoListener;
                draft.Reason = published + ", but " + publisher.Name + " is only on --internal network(s), and Docker does not publish ports of internal networks, so the connection is refused.";
                draft.Remedy = ComposeRemedies.Connect(ctx.Model, "bridge", publisher.Name);
                return draft;
            }

            if (EndpointOrder.OnlyOnMacvlan(ctx.Model, ns.Endpoints))
            {
                draft.Path.Add(Hops.Host("host", address, "nothing takes " + ctx.Service + ": Docker ignores -p for containers only on macvlan/ipvlan networks"));
                draft.Verdict = ReachabilityVerdict.NoListener;
                draft.Reason = published + ", but " + publisher.Name + " is only on macvlan/ipvlan network(s) " + string.Join(", ", ns.Endpoints.Select(e => e.NetworkName))
                               + ": Docker publishes nothing on the host there (no docker-proxy, no DNAT), so the connection is refused. " + publisher.Name
                               + " answers at its own address " + theirWay.IPAddress + ":" + binding.ContainerPort + " on the parent interface's LAN.";
                draft.Remedy = ComposeRemedies.Connect(ctx.Model, "bridge", publisher.Name);
                return draft;
            }

            var real = ctx.FirewallFor(address).IPv6 ? ctx.Real6 : ctx.Real;
            if (real != null && from != null && !from.IsMacvlan)
            {
                var byRules = PublishedByRules(ctx, real, draft, from, address, binding, publisher, ns, theirWay, to, published);
                if (byRules != null) return byRules;
            }
            else if (real != null && from == null)
            {
                return PublishedFromHostByRules(ctx, real, draft, address, binding, publisher, ns, theirWay, to, published);
            }

            // A binding on an IPv6 address is served by the IPv6 rules (ip6tables DNAT) or by docker-proxy -host-ip ::, and both
            // forward to the container's IPv6 address when it has one (Docker 20.10.24: "docker-proxy -proto tcp -host-ip ::
            // -host-port 8081 -container-ip fd00:62::3").
            var fw = ctx.FirewallFor(address);
            var inside = fw.IPv6 ? theirWay.IPv6Address ?? theirWay.IPAddress : theirWay.IPAddress;
            var mechanism = from == null ? PublishedPorts.FromHost(ctx, address) : PublishedPorts.Mechanism(ctx, fw, from, to);
            var toBridge = Hops.BridgeOf(to);
            if (mechanism.Via == "nothing")
            {
                draft.Path.Add(Hops.Host("host", address, "nothing takes " + ctx.Service + ": " + mechanism.Explanation));
                draft.Verdict = ReachabilityVerdict.NoListener;
                draft.Reason = published + ", but " + mechanism.Explanation + ", so the connection is refused.";
                draft.Remedy = "restart dockerd with --userland-proxy=true (or " + (fw.IPv6 ? fw.EnableIp6tablesText.Replace("restart dockerd with ", string.Empty) : "--iptables=true") + ")";
                return draft;
            }
            if (mechanism.Via == "docker-proxy")
            {
                AddProxyHops(draft, address, binding, v6, inside, to, toBridge);
            }
            else
            {
                draft.Path.Add(fw.PublishDnat(toBridge, binding, inside));
                if (from == null)
                {
                    draft.Path.Add(Hops.Host("host", null, "sends the DNAT'd packet out of " + toBridge + " (filter OUTPUT, no FORWARD rules)"));
                }
                else
                {
                    draft.Path.Add(Hops.Host("host", null, "routes the DNAT'd packet " + Hops.BridgeOf(from) + " -> " + toBridge));
                    if (!mechanism.Works)
                    {
                        draft.Path.Add(from.Name == to.Name ? fw.IccDrop(to, toBridge)
                            : from.Internal && !fw.Modern ? fw.InternalEgressDrop(Hops.BridgeOf(from), from)
                            : fw.CrossBridgeDrop(Hops.BridgeOf(from), toBridge, inside));
                        draft.Verdict = ReachabilityVerdict.Blocked;
                        draft.Reason = published + ", but " + mechanism.Explanation + ".";
                        draft.Remedy = ComposeRemedies.Connect(ctx.Model, to.Name, ctx.SourceNs.Owner?.Name ?? src);
                        return draft;
                    }
                    if (from.Name != to.Name) draft.Path.Add(fw.PublishAccept(toBridge, binding, inside));
                }
            }
            draft.Path.AddRange(Hops.Ingress(publisher, ns, theirWay, to, IsV6(inside)));
            draft.NetworkUsed = from == null ? "host -> " + to.Name : from.Name == to.Name ? from.Name : from.Name + " -> " + to.Name;
            draft.Deliver(ListenerCheck.Check(ns, inside!, PublishedPorts.ForBinding(ctx.Query, binding), binding),
                published + ": " + mechanism.Explanation + ", and " + publisher.Name + " answers on " + binding.ContainerPort + ".");
            // A refusal inside the publisher is only actionable with the forward it came through.
            if (!draft.Reachable && draft.Reason.Length > 0)
            {
                draft.Reason = published + ". " + draft.Reason;
                if (draft.Verdict == ReachabilityVerdict.NoListener && mechanism.Via == "docker-proxy" && ctx.Query.Protocol == ReachabilityProtocol.Tcp)
                    draft.Reason += " docker-proxy itself accepts the connection on " + address + ":" + binding.HostPort
                                    + " and closes it once its own connection fails, so a client sees an empty reply or a reset rather than 'connection refused'.";
            }
            return draft;
        }
    }
}
