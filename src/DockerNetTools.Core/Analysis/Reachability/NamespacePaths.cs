using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>
    /// Reachability where a network namespace Docker did not make (host.namespaces, seed 003's container4) is the source or
    /// the destination, answered as the kernel would: the source's route lookup, the bridge its veth's host end is on (L2
    /// between two ports of one bridge, through FORWARD only with br_netfilter), and across bridges the host's routing
    /// (ip_forward) and filter FORWARD: the real rules when the model holds them, else Docker's rules, which name only
    /// Docker's bridges, so the chain's policy decides for a bridge of the host's own. IPv4 only.
    /// </summary>
    internal static class NamespacePaths
    {
        /// <summary>The answer when a namespace is on either end of the question; null when none is (the other analyses answer).</summary>
        public static ResultDraft? TryAnswer(DockerHostModel model, ReachabilityQuery query)
        {
            if (model.Host.Namespaces.Count == 0) return null;
            var sourceNs = model.FindContainer(query.Source) == null ? model.Host.FindNamespace(query.Source) : null;
            ContainerInfo? sourceContainer = null;
            if (sourceNs == null)
            {
                sourceContainer = model.FindContainer(query.Source);
                if (sourceContainer == null || !sourceContainer.IsRunning || !DestinationIsNamespace(model, query.Destination)) return null;
            }
            var source = sourceNs != null ? Side.Of(model, sourceNs) : Side.Of(model, sourceContainer!);
            if (source == null) return null;
            return new Walk(model, query, source).Run();
        }

        private static bool DestinationIsNamespace(DockerHostModel model, string destination)
        {
            if (model.FindContainer(destination) == null && model.Host.FindNamespace(destination) != null) return true;
            // An address of a namespace whose veth is on a bridge of the host; one on a plain veth (a test's "outside world",
            // a VPN's) is a place past the host's edge, which the egress analysis answers by the host's routes.
            return AddressText.TryParseIP(destination.Trim('[', ']'), out var address)
                   && model.Host.Namespaces.Any(n => n.InterfaceWith(address) is NamespaceInterface inside && model.Host.BridgeOf(inside) != null);
        }

        /// <summary>One link of an end: an interface with an IPv4 address and the bridge its veth's host end is on.</summary>
        private sealed class Link
        {
            public Link(string @interface, InterfaceAddress address, string? hostEnd, string? bridge, NetworkInfo? network)
            {
                Interface = @interface;
                Address = address;
                HostEnd = hostEnd;
                Bridge = bridge;
                Network = network;
            }

            public string Interface { get; }
            public InterfaceAddress Address { get; }
            public string? HostEnd { get; }
            public string? Bridge { get; }

            /// <summary>The Docker network of a container's link; null for a namespace's.</summary>
            public NetworkInfo? Network { get; }
        }

        /// <summary>One end of the question: a namespace of host.namespaces, or a container with its own namespace.</summary>
        private sealed class Side
        {
            private Side(string name, NetNamespace ns, ContainerInfo? container)
            {
                Name = name;
                Ns = ns;
                Container = container;
            }

            public string Name { get; }
            public NetNamespace Ns { get; }
            public ContainerInfo? Container { get; }
            public List<Link> Links { get; } = new List<Link>();

            /// <summary>Routes beyond the links' own: a namespace's (ip route add), a container's default route via its gateway.</summary>
            public List<HostRoute> Routes { get; } = new List<HostRoute>();

            public bool IsNamespace => Container == null;

            /// <summary>What kind of thing it is, for sentences.</summary>
            public string What => IsNamespace ? "network namespace " + Name : "container " + Name;

            public static Side Of(DockerHostModel model, HostNamespace ns)
            {
                var side = new Side(ns.Name, NetNamespace.ManualOf(model, ns), null);
                foreach (var inside in ns.Interfaces)
                    foreach (var address in inside.Addresses.Where(a => !a.IsIPv6))
                        side.Links.Add(new Link(inside.Name, address, inside.Peer, model.Host.BridgeOf(inside), null));
                side.Routes.AddRange(ns.Routes.Where(r => !r.IsIPv6));
                return side;
            }

            /// <summary>A container in its own namespace (bridge networks); null for host, none and container: modes, which other analyses answer.</summary>
            public static Side? Of(DockerHostModel model, ContainerInfo container)
            {
                var ns = NetNamespace.Of(model, container);
                if (ns.Kind != NamespaceKind.Container || ns.Owner == null) return null;
                var side = new Side(container.Name, ns, container);
                foreach (var endpoint in ns.Owner.Endpoints.Where(e => e.IPAddress != null && e.IPAddress.AddressFamily == AddressFamily.InterNetwork))
                {
                    var network = model.FindNetwork(endpoint.NetworkName);
                    var prefix = endpoint.PrefixLength > 0 ? endpoint.PrefixLength : network?.Subnet?.PrefixLength ?? 32;
                    side.Links.Add(new Link(endpoint.InterfaceName ?? "eth?", new InterfaceAddress(endpoint.IPAddress!, prefix), endpoint.HostVeth,
                        network != null && network.IsBridge ? network.BridgeName : null, network));
                }
                var ctx = new RunContext(model, new ReachabilityQuery(container.Name, container.Name), container, ns);
                var primary = ctx.DefaultRoute(ns);
                var gateway = primary?.Gateway ?? (primary != null ? model.FindNetwork(primary.NetworkName)?.Gateway : null);
                if (primary != null && gateway != null && gateway.AddressFamily == AddressFamily.InterNetwork)
                    side.Routes.Add(new HostRoute(IPAddress.Any, 0, gateway, primary.InterfaceName ?? "eth0"));
                return side;
            }
        }

        /// <summary>One question's walk, hop by hop.</summary>
        private sealed class Walk
        {
            private const string PolicyNote = "FORWARD's policy decides: DROP when dockerd turned on ip_forward itself (the usual case; seed 003 sets it to ACCEPT with iptables --policy FORWARD ACCEPT), which the model cannot tell without the host's rules (host.firewall)";

            private readonly DockerHostModel _model;
            private readonly ReachabilityQuery _query;
            private readonly Side _source;
            private readonly List<ReachabilityHop> _path = new List<ReachabilityHop>();

            public Walk(DockerHostModel model, ReachabilityQuery query, Side source)
            {
                _model = model;
                _query = query;
                _source = source;
            }

            public ResultDraft Run()
            {
                var text = _query.Destination.Trim('[', ']');
                IPAddress? address;
                Side? named = null;
                string? nameMiss = null;
                // The host's /etc/hosts (which ip netns exec leaves in place) names 127.0.0.1 localhost.
                if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase)) text = "127.0.0.1";
                if (AddressText.TryParseIP(text, out var parsed))
                {
                    address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
                }
                else
                {
                    // A namespace made with ip netns has no DNS name anywhere, and its own resolver has no Docker DNS behind it.
                    if (_model.FindContainer(text) is { IsRunning: false } stopped)
                        return Draft(ReachabilityVerdict.NotRunning, stopped.Name + " is " + stopped.State.ToString().ToLowerInvariant() + ": a container that is not running has no network namespace.", "docker start " + stopped.Name);
                    named = NamedSide(text);
                    if (named == null)
                        return Draft(ReachabilityVerdict.NameNotResolved,
                            "'" + _query.Destination + "' is neither a container nor a network namespace of " + _model.Source + ", and " + _source.Name
                            + " has no Docker DNS to ask: " + ResolverOf(_source) + ".", null);
                    address = named.Links.Select(l => l.Address.Address).FirstOrDefault();
                    if (address == null)
                        return Draft(ReachabilityVerdict.NoNetwork, named.What + " has no IPv4 address (only lo), so nothing from outside it reaches it.", null);
                    nameMiss = NameMiss(named);
                }
                if (address.AddressFamily != AddressFamily.InterNetwork)
                    return Draft(ReachabilityVerdict.Undetermined, "Paths to and from network namespaces Docker did not make are modelled for IPv4 only.", null, address);

                var draft = ToAddress(address);
                draft.Address ??= address;
                if (nameMiss == null) return draft;
                var byAddress = draft.Verdict;
                draft.AddressVerdict = byAddress;
                draft.Verdict = ReachabilityVerdict.NameNotResolved;
                draft.NameResolves = false;
                draft.Reason = nameMiss + " By its address " + address + " it would be " + byAddress + ": " + draft.Reason;
                draft.Remedy = "Use the address " + address + (draft.Remedy != null ? "; " + draft.Remedy : string.Empty);
                return draft;
            }

            private Side? NamedSide(string name)
            {
                var container = _model.FindContainer(name);
                if (container != null) return container.IsRunning ? Side.Of(_model, container) : null;
                var ns = _model.Host.FindNamespace(name);
                return ns == null ? null : Side.Of(_model, ns);
            }

            /// <summary>Why a name does not resolve from the source, when the source or the destination is a namespace of ip netns.</summary>
            private string? NameMiss(Side named)
            {
                if (named.IsNamespace)
                    return "'" + named.Name + "' does not resolve from " + _source.Name + ": a network namespace's name is a file under /var/run/netns, not a DNS name (no Docker DNS or /etc/hosts entry has it), so a connection by that name fails at the lookup.";
                return "'" + named.Name + "' does not resolve from " + _source.Name + ": " + ResolverOf(_source) + ", so a connection by that name fails at the lookup.";
            }

            private static string ResolverOf(Side side) =>
                side.IsNamespace
                    ? "a network namespace of ip netns resolves through /etc/netns/" + side.Name + "/resolv.conf (else the host's /etc/resolv.conf), never through Docker's embedded DNS"
                    : "Docker's embedded DNS answers only for containers on " + side.Name + "'s user-defined networks";

            private ResultDraft ToAddress(IPAddress address)
            {
                // Its own address, or loopback: the packet never leaves the namespace.
                if (IPAddress.IsLoopback(address) || _source.Links.Any(l => l.Address.Address.Equals(address)))
                {
                    _path.Add(new ReachabilityHop(HopKind.Interface, _source.Name + " lo", address, "stays in " + _source.Ns.Label));
                    return Deliver(_source, address, "The address is " + _source.Name + "'s own: the packet stays in its namespace.");
                }

                var route = Lookup(_source, address);
                if (route == null)
                    return Draft(ReachabilityVerdict.NoRoute,
                        _source.What + " has no route to " + address + " (connect fails with 'Network is unreachable'): its routes are only those of its links"
                        + (_source.Links.Count == 0 ? " (it has none but lo)" : " (" + string.Join(", ", _source.Links.Select(l => l.Address + " dev " + l.Interface)) + ")") + ".",
                        _source.IsNamespace && _source.Links.FirstOrDefault(l => l.Bridge != null) is { } link && BridgeAddress(link.Bridge!, link.Address) is { } gw
                            ? "ip netns exec " + _source.Name + " ip route add default via " + gw
                            : null);
                var egress = _source.Links.FirstOrDefault(l => l.Interface == route.Interface);
                if (egress == null)
                    return Draft(ReachabilityVerdict.Undetermined, _source.What + "'s route " + route + " leaves by " + route.Interface + ", an interface the model does not hold.", null);
                _path.Add(new ReachabilityHop(HopKind.Interface, _source.Name + " " + egress.Interface, egress.Address.Address,
                    "leaves " + _source.Ns.Label + " by route " + route));
                if (egress.Bridge == null || egress.HostEnd == null)
                    return Draft(ReachabilityVerdict.Undetermined,
                        _source.Name + "'s " + egress.Interface + " has " + (egress.HostEnd == null ? "no veth peer in the host's namespace" : "its host end " + egress.HostEnd + " on no bridge")
                        + " in the model, so where its packets go cannot be told.", null);
                _path.Add(new ReachabilityHop(HopKind.Interface, egress.HostEnd, null, "host end of " + _source.Name + "'s " + egress.Interface + ", a port of " + egress.Bridge));

                var nextHop = route.Gateway ?? address;
                var neighbour = OnBridge(egress.Bridge, nextHop);
                if (neighbour == null && !HostHolds(egress.Bridge, nextHop))
                    return Draft(ReachabilityVerdict.NoSuchAddress,
                        "Nothing on " + egress.Bridge + " holds " + nextHop + (route.Gateway != null ? " (" + _source.Name + "'s gateway)" : string.Empty)
                        + ", so ARP gets no answer and the packet is never sent (ping: Destination Host Unreachable).", null);

                if (neighbour != null)
                {
                    if (route.Gateway != null && !neighbour.Links.Any(l => l.Address.Address.Equals(address)))
                        return Draft(ReachabilityVerdict.Undetermined,
                            _source.Name + "'s gateway " + route.Gateway + " is " + neighbour.What + ", which would have to route the packet on; the model does not route through namespaces.", null);
                    return Bridged(egress, neighbour, address);
                }
                return ThroughHost(egress, address);
            }

            /// <summary>Both ends on one bridge: the bridge switches the frame; with br_netfilter FORWARD sees it too.</summary>
            private ResultDraft Bridged(Link egress, Side destination, IPAddress address)
            {
                var bridge = egress.Bridge!;
                var arrival = destination.Links.FirstOrDefault(l => l.Bridge == bridge && l.Address.Address.Equals(address)) ?? destination.Links.First(l => l.Bridge == bridge);
                if (_model.Host.BridgeNfCall == true)
                {
                    var blocked = Forward(bridge, bridge, egress.Address.Address, address, "bridged on " + bridge + " (br_netfilter: bridge-nf-call-iptables=1 hands it to FORWARD)");
                    if (blocked != null) return blocked;
                }
                else
                {
                    _path.Add(new ReachabilityHop(HopKind.Bridge, bridge, BridgeAddress(bridge, egress.Address), "switches the frame from " + egress.HostEnd + " to " + arrival.HostEnd
                        + " (one L2 segment, no routing" + (_model.Host.BridgeNfCall == null ? "; if br_netfilter's bridge-nf-call-iptables were 1, FORWARD would see it too" : string.Empty) + ")"));
                }
                Enter(destination, arrival);
                return Deliver(destination, address, _source.Name + " and " + destination.Name + " are both on " + bridge + ": the bridge carries the packet from "
                    + egress.HostEnd + " to " + arrival.HostEnd + " on one L2 segment" + (_model.Host.BridgeNfCall == true ? ", and FORWARD accepts it" : string.Empty) + ".");
            }

            /// <summary>Past the gateway: the host itself, or the host's routing to another bridge.</summary>
            private ResultDraft ThroughHost(Link egress, IPAddress address)
            {
                var inBridge = egress.Bridge!;
                var gateway = BridgeAddress(inBridge, egress.Address);
                _path.Add(Hops.Host(inBridge, gateway, "the host receives it on " + inBridge + " (" + _source.Name + "'s gateway)"));
                if (HostOwns(address))
                {
                    var real = HostFirewall.Of(_model, ipv6: false);
                    if (real != null)
                    {
                        var input = real.Input(real.Packet(inBridge, null, egress.Address.Address, address, _query));
                        _path.Add(real.Hop(input));
                        if (!input.Accepted)
                            return Draft(HostFirewall.VerdictOf(input), "The packet for the host's own " + address + " meets " + real.Said(input) + ".", null);
                    }
                    return Deliver(null, address, address + " is the host's own address: the packet ends in the host's namespace (INPUT"
                        + (real == null ? ", where Docker writes no rules" : string.Empty) + ").");
                }

                var outLink = OutLink(address);
                if (outLink == null)
                    return Draft(ReachabilityVerdict.Undetermined,
                        address + " is on none of the host's bridges: the host would route it by its own table toward the outside, which the model answers for containers only.", null);
                var (destination, outBridge, network) = outLink.Value;
                if (_model.Host.Forwarding == false)
                    return Draft(ReachabilityVerdict.Blocked,
                        "The host does not route between its interfaces (net.ipv4.ip_forward=0), so the packet from " + inBridge + " never reaches " + outBridge + ".",
                        "sysctl -w net.ipv4.ip_forward=1");
                if (network != null && network.Internal)
                    return Draft(ReachabilityVerdict.Blocked,
                        "Network " + network.Name + " is --internal: Docker drops every packet into " + outBridge + " that does not come from it.", null);
                if (_source.Links.FirstOrDefault(l => l.Bridge == inBridge)?.Network is { Internal: true } inNetwork)
                    return Draft(ReachabilityVerdict.Blocked,
                        "Network " + inNetwork.Name + " is --internal: Docker drops every packet out of " + inBridge + " to another interface.", null);
                var blocked = Forward(inBridge, outBridge, egress.Address.Address, address, "routed from " + inBridge + " to " + outBridge);
                if (blocked != null) return blocked;
                var nat = SourceNat(egress, outBridge);
                var arrival = destination.Links.First(l => l.Bridge == outBridge);
                _path.Add(new ReachabilityHop(HopKind.Bridge, outBridge, BridgeAddress(outBridge, arrival.Address), "the host sends it out of " + outBridge + nat));
                Enter(destination, arrival);
                return Deliver(destination, address, "The host routes the packet from " + inBridge + " to " + outBridge + " (ip_forward on) and FORWARD lets it through; "
                    + destination.Name + "'s reply goes back the same way (conntrack: an established flow).");
            }

            /// <summary>Docker's MASQUERADE for a container's network, on the way out of its bridge: the namespace sees the host's address.</summary>
            private string SourceNat(Link egress, string outBridge)
            {
                if (egress.Network == null || HostFirewall.Of(_model, ipv6: false) != null || new FirewallRules(_model.Engine).Disabled) return string.Empty;
                if (egress.Network.Options.TryGetValue(EdgeFilter.MasqueradeOption, out var masquerade) && masquerade == "false") return string.Empty;
                var outAddress = _model.Host.Interfaces.FirstOrDefault(i => i.Name == outBridge)?.Addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
                return "; Docker's -s " + egress.Network.Subnet + " ! -o " + egress.Bridge + " -j MASQUERADE gives it the source " + (outAddress?.ToString() ?? "address of " + outBridge);
            }

            /// <summary>filter FORWARD for the packet: the real rules, else Docker's as the engine writes them. Null when accepted.</summary>
            private ResultDraft? Forward(string inBridge, string outBridge, IPAddress source, IPAddress destination, string what)
            {
                var real = HostFirewall.Of(_model, ipv6: false);
                if (real != null)
                {
                    var decision = real.Routed(real.Packet(inBridge, outBridge, source, destination, _query), _path);
                    if (decision.Accepted) return null;
                    var undetermined = decision.Verdict == Firewall.FilterVerdict.Undetermined;
                    return Draft(HostFirewall.VerdictOf(decision), "The packet " + what + " meets " + real.Said(decision)
                        + (undetermined ? ", so the model cannot tell whether it gets through." : ", so it never arrives."),
                        decision.Rule != null && !undetermined ? real.DeleteCommand(decision.Rule) : null);
                }
                var fw = new FirewallRules(_model.Engine);
                if (fw.Disabled)
                {
                    _path.Add(Hops.Decision("FORWARD", fw.DisabledText + "; the chain's policy is the host's own (ACCEPT unless set otherwise)"));
                    return null;
                }
                var dockerIn = DockerNetworkOf(inBridge);
                var dockerOut = DockerNetworkOf(outBridge);
                var major = _model.Engine.MajorVersion;
                if (dockerIn != null && inBridge != outBridge)
                {
                    _path.Add(_model.Engine.Firewall == FirewallBackend.Nftables
                        ? Hops.Decision("nftables filter-FORWARD", "packets from " + inBridge + " to other interfaces are accepted (table ip docker-bridges)")
                        : major >= 28
                            ? Hops.Decision("DOCKER-FORWARD", "-i " + inBridge + " -j ACCEPT (out of " + inBridge + " to " + outBridge + ")")
                            : Hops.Decision("FORWARD", "-i " + inBridge + " ! -o " + inBridge + " -j ACCEPT (out of " + inBridge + " to " + outBridge + ")"));
                    return null;
                }
                if (dockerOut != null && inBridge != outBridge)
                {
                    if (PublishedHere(destination) is PortBinding published)
                    {
                        _path.Add(Hops.Decision("DOCKER", "-d " + destination + " ! -i " + outBridge + " -o " + outBridge + " -p " + _query.Protocol.ToString().ToLowerInvariant()
                            + " --dport " + published.ContainerPort + " -j ACCEPT (the container publishes it)"));
                        return null;
                    }
                    if (major >= 28)
                    {
                        _path.Add(Hops.Decision("DOCKER", "! -i " + outBridge + " -o " + outBridge + " -j DROP"));
                        return Draft(ReachabilityVerdict.Blocked,
                            "From Engine 28 Docker drops packets routed into " + outBridge + " from other interfaces unless they are for a published port (DOCKER: ! -i " + outBridge + " -o " + outBridge + " -j DROP).",
                            "Publish the port (docker run -p), or set the network's com.docker.network.bridge.gateway_mode_ipv4=routed");
                    }
                    _path.Add(Hops.Decision("FORWARD", "no Docker rule accepts a new connection from " + inBridge + " into " + outBridge + ": the chain's policy decides"));
                    return Draft(ReachabilityVerdict.Undetermined, "No Docker rule accepts the packet " + what + ", so " + PolicyNote + ".", "iptables --policy FORWARD ACCEPT (seed 003), or a DOCKER-USER rule: iptables -I DOCKER-USER -i " + inBridge + " -o " + outBridge + " -j ACCEPT");
                }
                _path.Add(Hops.Decision("FORWARD", "no Docker rule names " + inBridge + (inBridge == outBridge ? string.Empty : " or " + outBridge) + ": the chain's policy decides"));
                return Draft(ReachabilityVerdict.Undetermined,
                    "The packet is " + what + "; Docker's rules name only Docker's bridges, so " + PolicyNote + ".",
                    "iptables --policy FORWARD ACCEPT (seed 003), or iptables -I DOCKER-USER -i " + inBridge + " -o " + outBridge + " -j ACCEPT");
            }

            private PortBinding? PublishedHere(IPAddress address)
            {
                if (!_query.Port.HasValue || _query.Protocol == ReachabilityProtocol.Icmp) return null;
                var container = _model.Containers.FirstOrDefault(c => c.IsRunning && c.Endpoints.Any(e => address.Equals(e.IPAddress)));
                var protocol = _query.Protocol == ReachabilityProtocol.Udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
                return container?.Ports.FirstOrDefault(p => p.ContainerPort == _query.Port.Value && p.Protocol == protocol);
            }

            private void Enter(Side destination, Link arrival)
            {
                _path.Add(new ReachabilityHop(HopKind.Interface, arrival.HostEnd ?? "veth(unknown)", null, "port of " + arrival.Bridge + ", peer of " + destination.Name + "'s " + arrival.Interface));
                _path.Add(new ReachabilityHop(HopKind.Interface, destination.Name + " " + arrival.Interface, arrival.Address.Address, "arrives in " + destination.Ns.Label));
            }

            /// <summary>Ends the path at the receiving namespace's sockets (the host's when <paramref name="destination"/> is null).</summary>
            private ResultDraft Deliver(Side? destination, IPAddress address, string reason)
            {
                var ns = destination?.Ns ?? NetNamespace.HostOf(_model);
                var draft = Draft(ReachabilityVerdict.Reachable, reason, null, address);
                draft.DestinationContainer = destination?.Name;
                draft.NetworkUsed = destination?.Links.FirstOrDefault(l => l.Address.Address.Equals(address))?.Bridge;
                return draft.Deliver(ListenerCheck.Check(ns, address, _query), reason);
            }

            private ResultDraft Draft(ReachabilityVerdict verdict, string reason, string? remedy, IPAddress? address = null)
            {
                var draft = new ResultDraft(verdict, reason, remedy) { Address = address };
                draft.Path.AddRange(_path);
                return draft;
            }

            /// <summary>The route the kernel picks: longest prefix, then lowest metric, among the links' own routes and the extra ones.</summary>
            private static HostRoute? Lookup(Side side, IPAddress address) =>
                HostRoute.Pick(side.Links.Select(l => l.Address.LinkRoute(l.Interface)).Concat(side.Routes), address);

            /// <summary>The namespace or running container that holds <paramref name="address"/> on <paramref name="bridge"/>, other than the source.</summary>
            private Side? OnBridge(string bridge, IPAddress address)
            {
                foreach (var ns in _model.Host.Namespaces)
                {
                    if (_source.IsNamespace && ns.Name == _source.Name) continue;
                    var side = Side.Of(_model, ns);
                    if (side.Links.Any(l => l.Bridge == bridge && l.Address.Address.Equals(address))) return side;
                }
                foreach (var container in _model.Containers.Where(c => c.IsRunning && c.Endpoints.Any(e => address.Equals(e.IPAddress))))
                {
                    if (ReferenceEquals(container, _source.Container)) continue;
                    var side = Side.Of(_model, container);
                    if (side != null && side.Links.Any(l => l.Bridge == bridge && l.Address.Address.Equals(address))) return side;
                }
                return null;
            }

            /// <summary>Where the host routes <paramref name="address"/>: the end that holds it and the bridge it is on (a Docker network's, or one of the host's own).</summary>
            private (Side Destination, string Bridge, NetworkInfo? Network)? OutLink(IPAddress address)
            {
                foreach (var ns in _model.Host.Namespaces)
                {
                    var side = Side.Of(_model, ns);
                    var link = side.Links.FirstOrDefault(l => l.Bridge != null && l.Address.Address.Equals(address) && BridgeAddress(l.Bridge, l.Address) != null);
                    if (link != null) return (side, link.Bridge!, null);
                }
                foreach (var container in _model.Containers.Where(c => c.IsRunning && c.Endpoints.Any(e => address.Equals(e.IPAddress))))
                {
                    var side = Side.Of(_model, container);
                    var link = side?.Links.FirstOrDefault(l => l.Bridge != null && l.Address.Address.Equals(address));
                    if (side != null && link != null) return (side, link.Bridge!, link.Network);
                }
                return null;
            }

            private NetworkInfo? DockerNetworkOf(string bridge) => _model.Networks.FirstOrDefault(n => n.IsBridge && n.BridgeName == bridge);

            /// <summary>The host's address on a bridge that is on the link of <paramref name="link"/> (br0's 10.201.0.1 for 10.201.0.4/24); null when it has none there.</summary>
            private IPAddress? BridgeAddress(string bridge, InterfaceAddress link)
            {
                var docker = DockerNetworkOf(bridge);
                if (docker?.Gateway != null) return docker.Gateway;
                return _model.Host.Interfaces.FirstOrDefault(i => i.Name == bridge)?.Addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && link.OnLink(a));
            }

            private bool HostHolds(string bridge, IPAddress address) =>
                (DockerNetworkOf(bridge)?.Gateway?.Equals(address) ?? false)
                || (_model.Host.Interfaces.FirstOrDefault(i => i.Name == bridge)?.Addresses.Contains(address) ?? false);

            /// <summary>Any address of the host's own namespace (an interface's, a Docker bridge's gateway): Linux answers for them on every interface.</summary>
            private bool HostOwns(IPAddress address) =>
                _model.Host.Interfaces.Any(i => i.Addresses.Contains(address)) || _model.Networks.Any(n => !n.IsMacvlan && address.Equals(n.Gateway));
        }
    }
}
