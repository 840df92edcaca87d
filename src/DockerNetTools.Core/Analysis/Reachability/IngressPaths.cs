using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Firewall;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>
    /// Packets from a client outside the host (on the LAN or the internet) to the host: it arrives on the interface the host's
    /// routes give for the client's address; raw and nat PREROUTING see it first, and a published port's DNAT sends it
    /// through FORWARD (DOCKER-USER, Docker's chains) to the container, never through INPUT, so INPUT rules (ufw's among them)
    /// do not apply to it. A packet for the host itself (no DNAT) goes to INPUT. A packet routed straight to a container's
    /// address (a LAN host with a route to the bridge subnet) is forwarded too: accepted for published ports up to Engine 27,
    /// dropped in raw PREROUTING (-d &lt;container&gt; ! -i &lt;bridge&gt; -j DROP) from Engine 28. The host's real rules decide
    /// when the model holds them (host.firewall); otherwise the rules Docker writes are derived from the engine.
    /// </summary>
    internal static class IngressPaths
    {
        /// <summary>
        /// True when <paramref name="source"/> is an address of no container, no Docker network and not the host's own: a
        /// client outside the host. A name of a container is always the container.
        /// </summary>
        public static bool IsOutsideSource(DockerHostModel model, string source, out IPAddress address)
        {
            address = IPAddress.None;
            var text = source.Trim();
            if (text.Length > 2 && text[0] == '[' && text[text.Length - 1] == ']') text = text.Substring(1, text.Length - 2);
            if (model.FindContainer(source) != null || !AddressText.TryParseIP(text, out var parsed)) return false;
            if (parsed.IsIPv4MappedToIPv6) parsed = parsed.MapToIPv4();
            if (AddressOwners.Find(model, parsed).Kind != TargetKind.Outside) return false;
            address = parsed;
            return true;
        }

        public static ResultDraft FromOutside(DockerHostModel model, ReachabilityQuery query, IPAddress client)
        {
            var way = new Ingress(model, query, client);
            return way.Run();
        }

        /// <summary>What the host's filter does with one packet from outside: accepted (and where to), dropped by a rule, or undecidable.</summary>
        internal sealed class Walk
        {
            public Walk(FilterDecision deciding, FilterDecision? dnat, FilterDecision? input)
            {
                Deciding = deciding;
                Dnat = dnat;
                Input = input;
            }

            /// <summary>The decision that ends the walk: PREROUTING's drop, FORWARD's (after a DNAT) or INPUT's.</summary>
            public FilterDecision Deciding { get; }

            /// <summary>PREROUTING, when it DNAT'd the packet.</summary>
            public FilterDecision? Dnat { get; }

            /// <summary>INPUT's decision: the one that decides when nothing DNAT'd the packet; for a DNAT'd packet, what INPUT would have done (it does not apply).</summary>
            public FilterDecision? Input { get; }

            public bool Forwarded => Dnat != null;
        }

        /// <summary>
        /// Walks the host's real rules for a packet from outside (its InInterface the one it arrives on): PREROUTING, then FORWARD when a nat rule DNATs it (to the bridge of the new destination), else INPUT.
        /// </summary>
        internal static Walk WalkRules(HostFirewall real, FirewallPacket packet)
        {
            var pre = real.Prerouting(packet);
            if (!pre.Accepted) return new Walk(pre, null, null);
            if (pre.DnatRule == null) return new Walk(real.Input(pre.Packet), null, null);
            var forwarded = pre.Packet.Clone();
            var network = real.NetworkOf(forwarded.Destination);
            forwarded.OutInterface = network == null ? null : Hops.BridgeOf(network);
            var original = packet.Clone();
            return new Walk(real.Forward(forwarded), pre, real.Input(original));
        }

        private sealed class Ingress
        {
            private readonly DockerHostModel _model;
            private readonly ReachabilityQuery _query;
            private readonly IPAddress _client;
            private readonly bool _v6;
            private readonly HostRouting _routing;
            private readonly HostFirewall? _real;
            private readonly FirewallRules _fw;
            private readonly List<ReachabilityHop> _path = new List<ReachabilityHop>();
            private string _inInterface = "eth0";

            public Ingress(DockerHostModel model, ReachabilityQuery query, IPAddress client)
            {
                _model = model;
                _query = query;
                _client = client;
                _v6 = client.AddressFamily == AddressFamily.InterNetworkV6;
                _routing = new HostRouting(model);
                _real = HostFirewall.Of(model, _v6);
                _fw = new FirewallRules(model.Engine, _v6);
            }

            private string Service => _query.ServiceText;

            private string Client => _client + " (outside the host)";

            public ResultDraft Run()
            {
                var destination = Destination();
                _path.Add(Hops.Host(_client.ToString(), _client, "a client outside the host sends " + Service + " to " + destination));
                if ((destination.AddressFamily == AddressFamily.InterNetworkV6) != _v6)
                    return Done(new ResultDraft(ReachabilityVerdict.NoRoute,
                        _client + " and " + destination + " are of different address families: an IPv" + (_v6 ? "6" : "4") + " client cannot send to an IPv" + (_v6 ? "4" : "6") + " address.")
                    { Address = destination });

                var route = _routing.Lookup(_client);
                if (route == null)
                    return Done(new ResultDraft(ReachabilityVerdict.NoRoute,
                        "The host has no route to " + _client + " (no route covers it and there is no default route), so whatever it sends arrives nowhere the host could answer: replies to "
                        + _client + " cannot leave the host.", "add a route on the host: ip route add <prefix of " + _client + "> via <gateway> (or a default route)")
                    { Address = destination });
                _inInterface = route.Interface;
                _path.Add(new ReachabilityHop(HopKind.Interface, _inInterface, null,
                    "arrives on " + _inInterface + ", the host's interface towards " + _client + " ('" + route + "'" + (_routing.RoutesKnown ? string.Empty : ", assumed: the model holds none of the host's routes") + ")"));

                var target = AddressOwners.Find(_model, destination);
                switch (target.Kind)
                {
                    case TargetKind.Loopback:
                        _path.Add(Hops.Decision("host", "a packet for " + destination + " that arrives on " + _inInterface + " is a martian: the kernel drops it"));
                        return Done(new ResultDraft(ReachabilityVerdict.Blocked,
                            destination + " is a loopback address: the kernel drops packets for it that arrive on " + _inInterface + " (a martian destination), so nothing outside the host reaches it there.",
                            "dial the host's own address on " + _inInterface + " instead, with the port published on it (not on 127.0.0.1)")
                        { Address = destination });
                    case TargetKind.Host:
                        return Done(ToHostAddress(destination, target.Network));
                    case TargetKind.Container:
                        return Done(ToContainerAddress(destination, target.Container!, target.Endpoint));
                    case TargetKind.UnusedAddress:
                        _path.Add(Hops.Bridge(target.Network!, "no container on " + target.Network!.Name + " holds " + destination));
                        return Done(new ResultDraft(ReachabilityVerdict.NoSuchAddress,
                            "No container on network " + target.Network.Name + " holds " + destination + ", so nothing answers there (ARP/neighbour discovery gets no reply).")
                        { Address = destination, NetworkUsed = target.Network.Name });
                    default:
                        _path.Add(Hops.Host("host", destination, "would route the packet on, through the host"));
                        return Done(new ResultDraft(ReachabilityVerdict.Undetermined,
                            "Neither " + _client + " nor " + destination + " is on this host: the host would only route the packet through, which this analysis of the way into the host does not follow.")
                        { Address = destination });
                }
            }

            private ResultDraft Done(ResultDraft draft)
            {
                var path = new List<ReachabilityHop>(_path);
                path.AddRange(draft.Path);
                draft.Path.Clear();
                draft.Path.AddRange(path);
                return draft;
            }

            /// <summary>The destination as an address: typed as one, or a container's name (its address on the network its ports map on).</summary>
            private IPAddress Destination()
            {
                var text = _query.Destination;
                var unbracketed = text.Length > 2 && text[0] == '[' && text[text.Length - 1] == ']' ? text.Substring(1, text.Length - 2) : text;
                if (AddressText.TryParseIP(unbracketed, out var address)) return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                var container = _model.FindContainer(text);
                var endpoint = container == null ? null : EndpointOrder.PortMappingEndpoint(_model, NetNamespace.Of(_model, container).Endpoints)
                                                        ?? container.Endpoints.FirstOrDefault(e => e.IPAddress != null);
                var chosen = endpoint == null ? null : _v6 ? endpoint.IPv6Address : endpoint.IPAddress;
                if (chosen != null) return chosen;
                throw new Diagnostics.DockerNetException(Diagnostics.ErrorIds.ReachabilityDestinationInvalid, Diagnostics.ErrorKind.InvalidArgument,
                    Resources.ErrorText.Format(Resources.ErrorMessages.ReachabilityDestinationFromOutside, text, _client), text)
                {
                    RecommendedAction = Resources.ErrorMessages.ReachabilityDestinationFromOutsideAction,
                };
            }

            private ResultDraft? NotForwarding(string to)
            {
                if (_routing.Forwards(_v6)) return null;
                var sysctl = _v6 ? "net.ipv6.conf.all.forwarding" : "net.ipv4.ip_forward";
                _path.Add(Hops.Decision(sysctl, "0: the host routes no packet from " + _inInterface + " to " + to));
                return new ResultDraft(ReachabilityVerdict.Blocked,
                    sysctl + " is 0 on the host, so it does not forward " + _client + "'s packet from " + _inInterface + " to " + to + ".",
                    "sysctl -w " + sysctl + "=1, and keep it in /etc/sysctl.d");
            }

            /// <summary>The client dials one of the host's own addresses: a published port's DNAT, else the host itself (INPUT).</summary>
            private ResultDraft ToHostAddress(IPAddress address, NetworkInfo? gatewayOf)
            {
                if (_real != null) return ToHostByRules(_real, address);

                var published = _query.Port.HasValue ? PublishedBinding(address) : null;
                if (published != null && !_fw.Disabled)
                {
                    var (binding, publisher) = published.Value;
                    var ns = NetNamespace.Of(_model, publisher);
                    var theirWay = EndpointOrder.PortMappingEndpoint(_model, ns.Endpoints);
                    var to = theirWay == null ? null : _model.FindNetwork(theirWay.NetworkName);
                    if (theirWay != null && to != null && !to.IsMacvlan)
                    {
                        var inside = _v6 ? theirWay.IPv6Address ?? theirWay.IPAddress : theirWay.IPAddress;
                        var bridge = Hops.BridgeOf(to);
                        _path.Add(_fw.PublishDnat(bridge, binding, inside));
                        var off = NotForwarding(bridge);
                        if (off != null) return Published(off, publisher, address);
                        _path.Add(Hops.Host("host", null, "routes the DNAT'd packet " + _inInterface + " -> " + bridge + " (FORWARD, not INPUT)"));
                        _path.Add(_fw.PublishAccept(bridge, binding, inside));
                        var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { Address = address, DestinationContainer = publisher.Name, NetworkUsed = to.Name };
                        draft.Path.AddRange(Hops.Ingress(publisher, ns, theirWay, to, _v6));
                        var publishedText = Endpoint(address, binding.HostPort) + " is published by " + publisher.Name + " (" + binding + ")";
                        draft.Deliver(ListenerCheck.Check(ns, inside!, PublishedPorts.ForBinding(_query, binding), binding),
                            publishedText + ": Docker's nat rule DNATs " + _client + "'s packet to " + Endpoint(inside, binding.ContainerPort) + " as it arrives on " + _inInterface
                            + ", so it is forwarded (FORWARD, where Docker's DOCKER chain accepts published ports), not delivered to the host: INPUT rules, ufw's among them, never see it; "
                            + publisher.Name + " answers on " + binding.ContainerPort + ". " + Assumed());
                        if (!draft.Reachable) draft.Reason = publishedText + ". " + draft.Reason;
                        return draft;
                    }
                }
                if (published != null && _fw.Disabled && _model.Engine.UserlandProxy)
                    _path.Add(Hops.Host("host INPUT", address, "no DNAT (" + _fw.DisabledText + "): delivered to the host, where docker-proxy holds the port (the host's INPUT rules were not read)"));
                else
                    _path.Add(Hops.Host("host INPUT", address, "delivered to the host itself (no published port takes it; the host's INPUT rules were not read)"));
                return ToHostListener(address, gatewayOf, "the packet is for the host itself, so INPUT decides, whose rules the model does not hold (assumed open)");
            }

            private ResultDraft ToHostByRules(HostFirewall real, IPAddress address)
            {
                var walk = WalkRules(real, real.Packet(_inInterface, null, _client, address, _query));
                var decision = walk.Deciding;
                var arrives = _client + "'s packet to " + Endpoint(address, _query.Port) + " arrives on " + _inInterface;
                if (walk.Dnat == null)
                {
                    _path.Add(real.Hop(decision));
                    if (!decision.Accepted)
                    {
                        var pre = decision.Hook == FirewallHook.Prerouting;
                        return new ResultDraft(HostFirewall.VerdictOf(decision),
                            arrives + (pre ? ", and in PREROUTING " : ": no nat rule DNATs it, so it is for the host itself, and in INPUT ") + real.Said(decision) + ".")
                        { Address = address };
                    }
                    return ToHostListener(address, null, "no nat rule DNATs it, so it is for the host itself, and INPUT accepts it (" + (decision.RuleText ?? "no rule") + ")");
                }

                _path.Add(real.DnatHop(walk.Dnat));
                var target = walk.Dnat.Packet.Destination;
                var network = real.NetworkOf(target);
                var bridge = network == null ? "?" : Hops.BridgeOf(network);
                var dnat = arrives + ", and the host's nat rule " + walk.Dnat.DnatRule!.Text + " sends it to " + HostFirewall.Endpoint(walk.Dnat.Packet);
                var off = NotForwarding(bridge);
                if (off != null) return off;
                _path.Add(Hops.Host("host", null, "routes the DNAT'd packet " + _inInterface + " -> " + bridge + " (FORWARD, not INPUT)"));
                _path.Add(real.Hop(decision));
                var inputNote = InputNote(real, walk);
                if (!decision.Accepted)
                    return new ResultDraft(HostFirewall.VerdictOf(decision), dnat + ", so it is forwarded, and in FORWARD " + real.Said(decision) + "." + inputNote) { Address = address };

                var owner = OwnerOf(target);
                if (owner == null || network == null)
                    return new ResultDraft(ReachabilityVerdict.Undetermined, dnat + ", which no container in the model holds, so the model does not follow it further.") { Address = address };
                var ns = NetNamespace.Of(_model, owner.Value.Container);
                var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { Address = address, DestinationContainer = owner.Value.Container.Name, NetworkUsed = network.Name };
                draft.Path.AddRange(Hops.Ingress(owner.Value.Container, ns, owner.Value.Endpoint, network, _v6));
                var port = walk.Dnat.Packet.DestinationPort;
                var query = new ReachabilityQuery(_query.Source, _query.Destination, port, _query.Protocol);
                draft.Deliver(ListenerCheck.Check(ns, target, query),
                    dnat + ", so it is forwarded, not delivered to the host: INPUT rules, ufw's among them, never see it. In FORWARD the host's rules accept it ("
                    + (decision.RuleText ?? "no rule") + "), and " + owner.Value.Container.Name + " answers on " + port + "." + inputNote);
                if (!draft.Reachable) draft.Reason = dnat + ". " + draft.Reason;
                return draft;
            }

            /// <summary>A note when INPUT would have dropped the packet the DNAT took past it (the ufw trap).</summary>
            private static string InputNote(HostFirewall real, Walk walk) =>
                walk.Input != null && (walk.Input.Verdict == FilterVerdict.Drop || walk.Input.Verdict == FilterVerdict.Reject)
                    ? " Note: INPUT's " + (walk.Input.Rule != null ? "rule " : "policy ") + walk.Input.RuleText + " (" + (real.IPv6 ? "ip6tables " : "iptables ") + (walk.Input.Table ?? "filter") + " "
                      + walk.Input.Chain + ") would drop it, but does not apply: the packet is forwarded, not delivered to the host. To filter a published port, put the rule in DOCKER-USER."
                    : string.Empty;

            private ResultDraft ToHostListener(IPAddress address, NetworkInfo? gatewayOf, string why)
            {
                var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { Address = address, NetworkUsed = gatewayOf?.Name };
                var hostNs = NetNamespace.HostOf(_model);
                var loopbackOnly = _query.Port.HasValue ? LoopbackBinding() : null;
                var outcome = ListenerCheck.Check(hostNs, address, _query);
                draft.Deliver(outcome, _client + "'s packet to " + Endpoint(address, _query.Port) + " arrives on " + _inInterface + "; " + why
                                       + (_query.Port.HasValue ? ", and a host process answers " + Service : ", and the host answers the ping") + ".");
                if (!draft.Reachable && loopbackOnly != null)
                {
                    draft.DestinationContainer = loopbackOnly.Value.Container.Name;
                    draft.Reason = Endpoint(address, _query.Port) + " is not published: " + loopbackOnly.Value.Container.Name + " publishes " + loopbackOnly.Value.Binding
                                   + ", on the loopback address only, so no nat rule DNATs " + _client + "'s packet and only the host's own processes reach the port. "
                                   + char.ToUpperInvariant(draft.Reason[0]) + draft.Reason.Substring(1);
                    draft.Remedy = "publish it on the host's address instead: docker run -p " + (_v6 ? "[::]:" : "0.0.0.0:") + loopbackOnly.Value.Binding.HostPort + ":" + loopbackOnly.Value.Binding.ContainerPort
                                   + " (or keep 127.0.0.1 and let clients come through an SSH tunnel or a reverse proxy on the host)";
                }
                return draft;
            }

            /// <summary>The client sends straight to a container's address (it has a route to the bridge subnet via this host).</summary>
            private ResultDraft ToContainerAddress(IPAddress address, ContainerInfo container, EndpointInfo? endpoint)
            {
                var network = endpoint == null ? null : _model.FindNetwork(endpoint.NetworkName);
                if (!container.IsRunning)
                    return new ResultDraft(ReachabilityVerdict.NotRunning, container.Name + " is not running, so nothing answers at " + address + ".", "docker start " + container.Name)
                    { Address = address, DestinationContainer = container.Name };
                if (network == null || endpoint == null)
                    return new ResultDraft(ReachabilityVerdict.NoNetwork, container.Name + " has no network the host routes " + address + " to.") { Address = address, DestinationContainer = container.Name };
                var ns = NetNamespace.Of(_model, container);
                var bridge = Hops.BridgeOf(network);
                ResultDraft Mine(ResultDraft d)
                {
                    d.Address = address;
                    d.DestinationContainer = container.Name;
                    d.NetworkUsed = network.Name;
                    return d;
                }
                if (network.IsMacvlan)
                    return Mine(new ResultDraft(ReachabilityVerdict.Undetermined,
                        container.Name + " is on macvlan network " + network.Name + ": clients on the parent interface's LAN reach " + address + " directly, not through the host's routing, which this analysis follows."));

                var direct = "Direct routed access: " + _client + " sends to " + container.Name + "'s own address " + address + " (a router or the client has a route to " + SubnetText(network) + " via this host)";
                var query = _query;
                if (_real != null)
                {
                    var packet = _real.Packet(_inInterface, null, _client, address, _query);
                    var pre = _real.Prerouting(packet);
                    if (!pre.Accepted)
                    {
                        _path.Add(_real.Hop(pre));
                        return Mine(new ResultDraft(HostFirewall.VerdictOf(pre), direct + ", and as it arrives on " + _inInterface + " " + _real.Said(pre)
                            + (pre.Table == "raw" ? " (Docker writes this rule from Engine 28: only packets that come in on the container's own bridge may address it directly)" : string.Empty) + ".",
                            pre.Table == "raw" ? PublishRemedy(container, query) : null));
                    }
                    if (pre.DnatRule != null)
                    {
                        _path.Add(_real.DnatHop(pre));
                        return Mine(new ResultDraft(ReachabilityVerdict.Undetermined, direct + ", and the host's nat rule " + pre.DnatRule.Text + " rewrites it, which the model does not follow."));
                    }
                    var off = NotForwarding(bridge);
                    if (off != null) return Mine(off);
                    var forwarded = pre.Packet.Clone();
                    forwarded.OutInterface = bridge;
                    var decision = _real.Forward(forwarded);
                    _path.Add(Hops.Host("host", null, "routes the packet " + _inInterface + " -> " + bridge + " (FORWARD)"));
                    _path.Add(_real.Hop(decision));
                    if (!decision.Accepted)
                        return Mine(new ResultDraft(HostFirewall.VerdictOf(decision), direct + ", and in FORWARD " + _real.Said(decision) + ".", PublishRemedy(container, query)));
                    var draft = Mine(new ResultDraft(ReachabilityVerdict.Reachable, string.Empty));
                    draft.Path.AddRange(Hops.Ingress(container, ns, endpoint, network, _v6));
                    return draft.Deliver(ListenerCheck.Check(ns, address, query),
                        direct + ": no rule in PREROUTING stops it, FORWARD accepts it (" + (decision.RuleText ?? "no rule") + "), and " + container.Name + " answers"
                        + (query.Port.HasValue ? " on " + query.Port : string.Empty) + ". Its reply goes back by its default route through the host, unNATed: the client sees " + address + ".");
                }

                // Derived from the engine: what Docker writes for a packet from another interface to the container's address.
                if (!_fw.Disabled && network.Internal)
                {
                    _path.Add(_fw.InternalIngressDrop(bridge, network));
                    return Mine(new ResultDraft(ReachabilityVerdict.Blocked, direct + ", but " + network.Name + " is --internal: Docker drops every packet from outside it. " + Assumed()));
                }
                var directDrop = !_fw.Disabled && (_model.Engine.Firewall == FirewallBackend.Nftables || _model.Engine.MajorVersion >= 28) && !Unprotected(network);
                if (directDrop)
                {
                    _path.Add(_model.Engine.Firewall == FirewallBackend.Nftables
                        ? Hops.Decision((_v6 ? "nftables ip6 " : "nftables ") + "raw-PREROUTING", "\"DROP DIRECT ACCESS\" drops packets for " + address + " that do not arrive on " + bridge)
                        : Hops.Decision((_v6 ? "ip6tables " : string.Empty) + "raw PREROUTING", "-A PREROUTING -d " + address + (_v6 ? "/128" : "/32") + " ! -i " + bridge + " -j DROP drops it"));
                    return Mine(new ResultDraft(ReachabilityVerdict.Blocked,
                        direct + ", but from Engine 28 Docker drops, in raw PREROUTING, every packet for a container's address that does not come in on the container's own bridge ("
                        + bridge + "), published port or not. " + Assumed(), PublishRemedy(container, query)));
                }
                var offDerived = NotForwarding(bridge);
                if (offDerived != null) return Mine(offDerived);
                _path.Add(Hops.Host("host", null, "routes the packet " + _inInterface + " -> " + bridge + " (FORWARD)"));
                var accepted = _fw.Disabled ? null : PublishedFor(container, query);
                if (_fw.Disabled)
                {
                    _path.Add(Hops.Decision(_v6 ? "ip6tables FORWARD" : "FORWARD", _fw.DisabledText + "; the chain's policy is the host's own (ACCEPT unless set otherwise)"));
                }
                else if (accepted != null)
                {
                    _path.Add(_fw.PublishAccept(bridge, accepted, address));
                }
                else
                {
                    _path.Add(Hops.Decision(_v6 ? "ip6tables FORWARD" : "FORWARD", "no Docker rule accepts " + Service + " for " + address + " from " + _inInterface + ": the chain's policy decides"));
                    return Mine(new ResultDraft(ReachabilityVerdict.Undetermined,
                        direct + ": Docker's DOCKER chain accepts such packets only for the container's published ports, and " + (query.Port.HasValue ? Service + " is not one of them" : "a ping is none")
                        + ", so FORWARD's policy decides: DROP when dockerd turned on ip_forward itself (the usual case), which the model cannot tell without the host's rules.",
                        PublishRemedy(container, query)));
                }
                var delivered = Mine(new ResultDraft(ReachabilityVerdict.Reachable, string.Empty));
                delivered.Path.AddRange(Hops.Ingress(container, ns, endpoint, network, _v6));
                return delivered.Deliver(ListenerCheck.Check(ns, address, query),
                    direct + ": " + (_fw.Disabled ? _fw.DisabledText + ", so FORWARD's policy lets it through" : "up to Engine 27 Docker's DOCKER chain accepts packets from other interfaces for the container's published ports")
                    + ", and " + container.Name + " answers" + (query.Port.HasValue ? " on " + query.Port : string.Empty) + ". " + Assumed());
            }

            /// <summary>gateway_mode_ipv4 "nat-unprotected" or "routed" (Engine 28): Docker writes no direct-access drop for the network.</summary>
            private bool Unprotected(NetworkInfo network) =>
                network.Options.TryGetValue(_v6 ? EdgeFilter.GatewayMode6Option : EdgeFilter.GatewayModeOption, out var mode) && (mode == "nat-unprotected" || mode == "routed");

            private string Assumed() => "(Docker's rules as " + _fw.EngineText + " writes them, assumed: the host's own rules were not read.)";

            private static string PublishRemedy(ContainerInfo container, ReachabilityQuery query) =>
                query.Port.HasValue
                    ? "publish the port (docker run -p <host port>:" + query.Port + " … " + container.Name + ") and let clients dial the host's address, or allow the direct access in DOCKER-USER"
                    : "publish a port and let clients dial the host's address";

            private PortBinding? PublishedFor(ContainerInfo container, ReachabilityQuery query)
            {
                if (!query.Port.HasValue) return null;
                var owner = _model.NamespaceOwner(container) ?? container;
                var protocol = query.Protocol == ReachabilityProtocol.Udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
                return owner.Ports.FirstOrDefault(b => b.ContainerPort == query.Port && b.Protocol == protocol && b.HostPort > 0 && !IsLoopbackBinding(b));
            }

            private (ContainerInfo Container, EndpointInfo Endpoint)? OwnerOf(IPAddress address)
            {
                foreach (var container in _model.Containers.Where(c => c.IsRunning))
                {
                    var endpoint = container.Endpoints.FirstOrDefault(e => address.Equals(e.IPAddress) || address.Equals(e.IPv6Address));
                    if (endpoint != null) return (container, endpoint);
                }
                return null;
            }

            private (PortBinding Binding, ContainerInfo Container)? PublishedBinding(IPAddress address)
            {
                var protocol = _query.Protocol == ReachabilityProtocol.Udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
                foreach (var container in _model.Containers.Where(c => c.IsRunning && c.NetworkMode.Kind != NetworkModeKind.Host))
                    foreach (var binding in container.Ports)
                        if (binding.HostPort == _query.Port && binding.Protocol == protocol && PublishedPorts.Covers(_model, container, binding, address))
                            return (binding, container);
                return null;
            }

            private (PortBinding Binding, ContainerInfo Container)? LoopbackBinding()
            {
                var protocol = _query.Protocol == ReachabilityProtocol.Udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
                foreach (var container in _model.Containers.Where(c => c.IsRunning))
                    foreach (var binding in container.Ports)
                        if (binding.HostPort == _query.Port && binding.Protocol == protocol && IsLoopbackBinding(binding))
                            return (binding, container);
                return null;
            }

            private static ResultDraft Published(ResultDraft draft, ContainerInfo publisher, IPAddress address)
            {
                draft.Address = address;
                draft.DestinationContainer = publisher.Name;
                return draft;
            }

            private string SubnetText(NetworkInfo network) => (_v6 ? network.Subnet6?.ToString() : network.Subnet?.ToString()) ?? network.Name;
        }

        internal static bool IsLoopbackBinding(PortBinding binding) => AddressText.IsLoopbackHostIp(binding.HostIp);

        internal static string Endpoint(IPAddress? address, int? port) =>
            (address != null && address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address?.ToString() ?? "?")
            + (port.HasValue ? ":" + port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
    }
}
