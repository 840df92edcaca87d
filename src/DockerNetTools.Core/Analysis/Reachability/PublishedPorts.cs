using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>How a packet sent to a published port on a host address gets to the container behind it, or why it does not.</summary>
    internal sealed class PublishMechanism
    {
        public PublishMechanism(bool works, string via, string explanation)
        {
            Works = works;
            Via = via;
            Explanation = explanation;
        }

        public bool Works { get; }

        /// <summary>"docker-proxy" or "DNAT".</summary>
        public string Via { get; }

        public string Explanation { get; }
    }

    /// <summary>Published ports (-p): the way around network isolation, and the way in to a host address.</summary>
    internal static class PublishedPorts
    {
        /// <summary>
        /// Which path a published-port packet from a container on <paramref name="from"/> to a container on <paramref name="to"/> takes.
        /// With the userland proxy on (up to Engine 28) packets from containers to the host's addresses are not DNAT'd
        /// (nat DOCKER has -i &lt;bridge&gt; -j RETURN): docker-proxy accepts them in INPUT and opens its own connection from the host,
        /// which no FORWARD rule sees (checked on a real daemon: 172.17.0.1:8001 reached a container on another bridge).
        /// With the proxy off the packet is DNAT'd and forwarded between bridges, and DOCKER-ISOLATION drops it. Engine 29
        /// (moby#49981) DNATs from other networks whatever the proxy setting, and its DOCKER chain accepts published ports.
        /// </summary>
        /// <param name="fw">The rules of the packet's address family: a published port on an IPv6 address ([::]) meets the
        /// IPv6 ones, which without --ip6tables do not exist (no IPv6 DNAT: only docker-proxy serves it).</param>
        public static PublishMechanism Mechanism(RunContext ctx, FirewallRules fw, NetworkInfo from, NetworkInfo to)
        {
            var engine = ctx.Model.Engine;
            var same = from.Name == to.Name;
            if (fw.Disabled)
                return engine.UserlandProxy
                    ? new PublishMechanism(true, "docker-proxy", "docker-proxy accepts it on the host and opens its own connection to the container"
                                                                  + (fw.OnlyIPv6Unfiltered ? " (" + fw.DisabledText + ", so no IPv6 DNAT: the proxy is the only way in)" : string.Empty))
                    : new PublishMechanism(false, "nothing", NothingForwards(fw));
            if (fw.Modern && !same)
                return new PublishMechanism(true, "DNAT", "the host DNATs it to the container and " + fw.EngineText + " accepts published ports from other networks");
            if (engine.UserlandProxy && !same && !SkipsDnat(from))
                return new PublishMechanism(false, "DNAT",
                    "Docker writes no nat rule '-A DOCKER -i " + Hops.BridgeOf(from) + " -j RETURN' for " + (from.Internal ? "an --internal network" : "a network with " + EdgeFilter.MasqueradeOption + "=false")
                    + ", so the packet is DNAT'd to the container and forwarded from " + Hops.BridgeOf(from) + " to " + Hops.BridgeOf(to) + ", where "
                    + (from.Internal ? "the internal network's rule" : "DOCKER-ISOLATION" + (fw.IPv6 ? " (ip6tables)" : string.Empty)) + " drops it (docker-proxy never sees it; it times out)");
            if (engine.UserlandProxy)
                return new PublishMechanism(true, "docker-proxy", "docker-proxy accepts it on the host (INPUT) and opens its own connection to the container, which no FORWARD rule sees");
            if (!same)
                return new PublishMechanism(false, "DNAT",
                    "with the userland proxy off the DNAT'd packet is forwarded from " + Hops.BridgeOf(from) + " to " + Hops.BridgeOf(to) + " and DOCKER-ISOLATION"
                    + (fw.IPv6 ? " (ip6tables)" : string.Empty) + " drops it");
            return ContainerPaths.IccOn(ctx, to, fw)
                ? new PublishMechanism(true, "DNAT", "the host DNATs it back into " + Hops.BridgeOf(to) + " (hairpin NAT, userland proxy off)")
                : new PublishMechanism(false, "DNAT", "the hairpin-NAT'd packet stays on " + Hops.BridgeOf(to) + ", where ICC is off, so it is dropped");
        }

        /// <summary>
        /// Whether Docker's nat DOCKER chain returns packets that arrive on this network's bridge (-i &lt;bridge&gt; -j RETURN), so a
        /// published port dialled from it is the host's own (INPUT, docker-proxy). libnetwork writes that rule with the
        /// network's MASQUERADE rule while the userland proxy is on, and neither for an --internal network (checked on Engine
        /// 20.10.24 and 28.5: iptables-save -t nat has no RETURN for an internal or enable_ip_masquerade=false bridge).
        /// </summary>
        private static bool SkipsDnat(NetworkInfo network) =>
            network.IsMacvlan || (!network.Internal && !(network.Options.TryGetValue(EdgeFilter.MasqueradeOption, out var masquerade) && masquerade == "false"));

        /// <summary>
        /// Which path a connection from the host's own namespace (a host-mode container) to a published port on one of the
        /// host's addresses takes. nat OUTPUT sends locally generated packets for local addresses to the DOCKER chain, which
        /// DNATs them; they leave through filter OUTPUT, so no FORWARD or isolation rule sees them. While the userland proxy is
        /// on, that OUTPUT rule skips 127.0.0.0/8 (! -d 127.0.0.0/8), so docker-proxy, bound to the host port, takes loopback
        /// connections; with the proxy off Docker DNATs loopback too (and sets route_localnet on the bridge).
        /// </summary>
        public static PublishMechanism FromHost(RunContext ctx, IPAddress address)
        {
            var proxy = ctx.Model.Engine.UserlandProxy;
            var fw = ctx.FirewallFor(address);
            if (fw.Disabled)
                return proxy
                    ? new PublishMechanism(true, "docker-proxy", "docker-proxy accepts it on the host and opens its own connection to the container ("
                                                                  + (fw.IPv6 ? "dockerd without --ip6tables" : "dockerd --iptables=false") + ": no DNAT)")
                    : new PublishMechanism(false, "nothing", NothingForwards(fw));
            if (IPAddress.IsLoopback(address))
                return proxy
                    ? new PublishMechanism(true, "docker-proxy",
                        "nat OUTPUT leaves 127.0.0.0/8 alone while the userland proxy is on, so docker-proxy takes the connection on the host and opens its own to the container")
                    : new PublishMechanism(true, "DNAT",
                        "with the userland proxy off nat OUTPUT sends 127.0.0.0/8 to the DOCKER chain too, which DNATs it to the container (route_localnet)");
            return new PublishMechanism(true, "DNAT",
                "nat OUTPUT sends the host's own packets for its local addresses to the DOCKER chain, which DNATs them to the container; they leave through filter OUTPUT, which Docker does not filter");
        }

        private static string NothingForwards(FirewallRules fw) => fw.IPv6
            ? "dockerd runs without --ip6tables and with --userland-proxy=false, so nothing forwards published ports on IPv6 addresses (no IPv6 DNAT, no docker-proxy)"
            : "dockerd runs with --iptables=false and --userland-proxy=false, so nothing forwards published ports";

        /// <summary>
        /// True when a binding of <paramref name="publisher"/> takes packets for <paramref name="address"/>. 0.0.0.0 means every
        /// IPv4 address and :: every IPv6 one. A binding without a host address ("-p 8081:80") is mapped on the default
        /// binding address (dockerd --ip, the network's host_binding_ipv4, 0.0.0.0 unless set) and, from Engine 20.10, on
        /// :: as well (see <see cref="HasImplicitIPv6Binding"/>).
        /// </summary>
        public static bool Covers(DockerHostModel model, ContainerInfo publisher, PortBinding binding, IPAddress address)
        {
            var hostIp = binding.HostIp;
            if (string.IsNullOrEmpty(hostIp))
            {
                var defaultIp = DefaultBindingAddress(model, publisher);
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                    return defaultIp.AddressFamily == AddressFamily.InterNetworkV6
                        ? defaultIp.Equals(IPAddress.IPv6Any) || defaultIp.Equals(address)
                        : defaultIp.Equals(IPAddress.Any) && HasImplicitIPv6Binding(model, publisher);
                return defaultIp.Equals(IPAddress.Any) || defaultIp.Equals(address);
            }
            if (hostIp == "0.0.0.0") return address.AddressFamily == AddressFamily.InterNetwork;
            if (hostIp == "::" || hostIp == "[::]") return address.AddressFamily == AddressFamily.InterNetworkV6;
            return IPAddress.TryParse(hostIp.Trim('[', ']'), out var bound) && bound.Equals(address);
        }

        /// <summary>
        /// Whether Docker adds the :: side to a publish without a host address. libnetwork's bridge driver
        /// (allocatePortsInternal / validatePortBindingIPv6 from Engine 20.10; configurePortBindingIPv6 from Engine 27) maps
        /// it on :: when the default binding address is 0.0.0.0, the host can listen on [::1] (not a kernel booted with
        /// ipv6.disable=1, moby#42288), and the container has an IPv6 address on the network its ports are mapped on, or the
        /// userland proxy is on (docker-proxy -host-ip :: then forwards to the container's IPv4 address). Checked on Docker
        /// 20.10.24: -p 8082:80 on the IPv4-only default bridge gave "0.0.0.0:8082" and "[::]:8082" and a second
        /// docker-proxy with -host-ip :: -container-ip 172.17.0.2. The model assumes the host can listen on IPv6.
        /// </summary>
        public static bool HasImplicitIPv6Binding(DockerHostModel model, ContainerInfo publisher)
        {
            if (model.Engine.MajorVersion < 20) return false;
            if (model.Engine.UserlandProxy) return true;
            var way = EndpointOrder.PortMappingEndpoint(model, NetNamespace.Of(model, publisher).Endpoints);
            return way?.IPv6Address != null;
        }

        /// <summary>The default binding address of the publisher's port-mapping network (com.docker.network.bridge.host_binding_ipv4, dockerd --ip).</summary>
        private static IPAddress DefaultBindingAddress(DockerHostModel model, ContainerInfo publisher)
        {
            var way = EndpointOrder.PortMappingEndpoint(model, NetNamespace.Of(model, publisher).Endpoints);
            var network = way == null ? null : model.FindNetwork(way.NetworkName);
            return network != null && network.Options.TryGetValue(HostBindingOption, out var text) && IPAddress.TryParse(text, out var address)
                ? address
                : IPAddress.Any;
        }

        private const string HostBindingOption = "com.docker.network.bridge.host_binding_ipv4";

        /// <summary>Adds the published ports of the destination that the source can use instead, through its gateway or the host's address.</summary>
        public static void AddAlternatives(RunContext ctx, ResultDraft draft, NetNamespace dstNs)
        {
            var owner = dstNs.Owner;
            if (owner == null || owner.Ports.Count == 0) return;
            var myWay = ctx.DefaultRoute(ctx.SourceNs);
            var myNetwork = myWay == null ? null : ctx.Network(myWay);
            var theirWay = ctx.PublishingEndpoint(dstNs);
            var theirNetwork = theirWay == null ? null : ctx.Network(theirWay);
            if (myWay == null || myNetwork == null || myNetwork.IsMacvlan || theirWay == null || theirNetwork == null || EndpointOrder.OnlyOnMacvlan(ctx.Model, dstNs.Endpoints)) return;

            var notes = new List<string>();
            foreach (var binding in Relevant(ctx.Query, owner.Ports))
            {
                var mechanism = Mechanism(ctx, ctx.Firewall, myNetwork, theirNetwork);
                if (!mechanism.Works)
                {
                    notes.Add("its published port " + binding.HostPort + " does not help either: " + mechanism.Explanation);
                    continue;
                }
                var inner = ListenerCheck.Check(dstNs, theirWay.IPAddress!, ForBinding(ctx.Query, binding));
                if (inner.Verdict == ReachabilityVerdict.NoListener)
                {
                    notes.Add("its published port " + binding.HostPort + " forwards to " + binding.ContainerPort + ", where " + inner.Reason!.TrimEnd('.').ToLowerInvariantFirst());
                    continue;
                }
                var unchecked_ = inner.Verdict == ReachabilityVerdict.Undetermined ? "; whether " + owner.Name + " listens on " + binding.ContainerPort + " was not checked" : string.Empty;
                var what = "published " + binding.HostPort + "->" + binding.ContainerPort + "/" + FirewallRules.Proto(binding.Protocol) + " on " + owner.Name + ", via " + mechanism.Via + unchecked_;
                foreach (var address in Addresses(ctx, myWay, myNetwork).Where(a => Covers(ctx.Model, owner, binding, a)))
                    draft.Alternatives.Add(new ReachabilityAlternative(address, binding.HostPort, mechanism.Via, what));
            }
            if (draft.Alternatives.Count == 0 && notes.Count > 0) draft.Reason += " Note: " + string.Join("; ", notes.Distinct()) + ".";
        }

        /// <summary>The bindings that answer the question: the asked port and protocol, or every one for a ping.</summary>
        private static IEnumerable<PortBinding> Relevant(ReachabilityQuery query, IEnumerable<PortBinding> bindings)
        {
            var list = bindings.Where(b => b.Protocol != TransportProtocol.Sctp && b.HostPort > 0);
            if (!query.Port.HasValue) return list;
            var protocol = query.Protocol == ReachabilityProtocol.Udp ? TransportProtocol.Udp : TransportProtocol.Tcp;
            return list.Where(b => b.ContainerPort == query.Port.Value && b.Protocol == protocol);
        }

        /// <summary>The source's own gateway, then the host's address.</summary>
        private static IEnumerable<IPAddress> Addresses(RunContext ctx, EndpointInfo myWay, NetworkInfo myNetwork)
        {
            var gateway = myWay.Gateway ?? myNetwork.Gateway;
            if (gateway != null) yield return gateway;
            var host = ctx.HostAddress();
            if (host != null && !host.Equals(gateway)) yield return host;
        }

        public static ReachabilityQuery ForBinding(ReachabilityQuery query, PortBinding binding) =>
            new ReachabilityQuery(query.Source, query.Destination, binding.ContainerPort,
                binding.Protocol == TransportProtocol.Udp ? ReachabilityProtocol.Udp : ReachabilityProtocol.Tcp);

        private static string ToLowerInvariantFirst(this string text) =>
            text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text.Substring(1);
    }
}
