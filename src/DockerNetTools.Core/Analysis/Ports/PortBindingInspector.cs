using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Ports
{
    /// <summary>
    /// Follows each published port to the container: docker-proxy or the DNAT rule delivers to the container's own
    /// address (eth0), so the service must listen on the container port on 0.0.0.0, :: or that address.
    /// </summary>
    public static class PortBindingInspector
    {
        public static IReadOnlyList<PortBindingReport> Inspect(DockerHostModel model, IEnumerable<ContainerInfo> containers)
        {
            var reports = new List<PortBindingReport>();
            foreach (var container in containers)
                foreach (var binding in container.Ports)
                    reports.Add(Inspect(model, container, binding));
            return reports;
        }

        public static PortBindingReport Inspect(DockerHostModel model, ContainerInfo container, PortBinding binding)
        {
            var report = Status(model, container, binding);
            if (!HoldsHostPort(report.StatusValue) || binding.HostPort <= 0) return report.WithExposure(PortExposure.NotPublished, "Docker publishes nothing for it on the host.", null);
            var exposure = Reachability.PortExposureAnalysis.Of(model, container, binding);
            return report.WithExposure(exposure.Exposure, exposure.Reason, exposure.Warning);
        }

        /// <summary>
        /// Whether Docker holds the host port of a binding with this status: not for a stopped container, a discarded publish
        /// (host, none, container: modes), a container only on internal networks or only on macvlan/ipvlan.
        /// </summary>
        internal static bool HoldsHostPort(PortBindingStatus status) =>
            status != PortBindingStatus.ContainerStopped && status != PortBindingStatus.Discarded
            && status != PortBindingStatus.InternalNetwork && status != PortBindingStatus.MacvlanNetwork;

        private static PortBindingReport Status(DockerHostModel model, ContainerInfo container, PortBinding binding)
        {
            var name = container.Name;
            var port = binding.ContainerPort + "/" + Proto(binding.Protocol);

            if (!container.IsRunning)
                return new PortBindingReport(name, binding, PortBindingStatus.ContainerStopped,
                    "'" + name + "' is " + container.State.ToString().ToLowerInvariant() + (container.State == ContainerState.Restarting
                        ? ": it waits for its restart policy, and Docker has released its published ports until it starts again."
                        : ": Docker releases its published ports while it is stopped."),
                    "docker start " + name, null);

            if (container.NetworkMode.Kind == NetworkModeKind.Host || container.NetworkMode.Kind == NetworkModeKind.None || container.NetworkMode.Kind == NetworkModeKind.Container)
                return new PortBindingReport(name, binding, PortBindingStatus.Discarded,
                    "Docker discards published ports in network mode " + container.NetworkMode
                    + (container.NetworkMode.Kind == NetworkModeKind.Host ? ": the service listens on the host's ports directly." : ": there is no endpoint to forward to."),
                    container.NetworkMode.Kind == NetworkModeKind.Host ? "Connect to the host's port " + binding.ContainerPort + " directly." : null, null);

            var networks = container.Endpoints.Select(e => model.FindNetwork(e.NetworkName)).Where(n => n != null).Select(n => n!).ToList();
            if (networks.Count > 0 && networks.All(n => n.Internal))
                return new PortBindingReport(name, binding, PortBindingStatus.InternalNetwork,
                    "'" + name + "' is only on --internal network" + (networks.Count > 1 ? "s " : " ") + string.Join(", ", networks.Select(n => n.Name))
                    + ": Docker programs no port mapping for internal networks, so " + binding + " does not work.",
                    "docker network connect bridge " + name + "  (or another network that is not --internal)", null);

            if (EndpointOrder.OnlyOnMacvlan(model, container.Endpoints))
            {
                var own = container.Endpoints.Select(e => e.IPAddress).FirstOrDefault(a => a != null);
                var parents = networks.Select(n => n.Options.TryGetValue(NetworkInfo.MacvlanParentOption, out var p) ? p : null).Where(p => p != null).Distinct().ToList();
                var at = own != null ? own + ":" + binding.ContainerPort : "its own address, port " + binding.ContainerPort;
                return new PortBindingReport(name, binding, PortBindingStatus.MacvlanNetwork,
                    "'" + name + "' is only on " + string.Join("/", networks.Select(n => n.Driver.ToLowerInvariant()).Distinct()) + " network" + (networks.Count > 1 ? "s " : " ")
                    + string.Join(", ", networks.Select(n => n.Name)) + ": Docker publishes nothing on the host there (no docker-proxy, no DNAT), so " + Host(binding)
                    + " leads nowhere; the container is reached at " + at + " on the LAN of " + (parents.Count > 0 ? string.Join(", ", parents) : "the parent interface")
                    + " (not from the host itself, which macvlan keeps apart from its children).",
                    "Connect to " + at + " from another machine on that LAN.", null);
            }

            var owner = model.NamespaceOwner(container) ?? container;
            if (!owner.SocketsKnown)
                return new PortBindingReport(name, binding, PortBindingStatus.Unknown,
                    "The sockets of '" + owner.Name + "' were not read, so whether anything listens on " + port + " is unknown.", null, null);

            var gateway = ForwardEndpoint(model, container);
            var addresses = (gateway != null ? new[] { gateway } : container.Endpoints.ToArray())
                .SelectMany(e => new[] { e.IPAddress, e.IPv6Address }).Where(a => a != null).Select(a => a!).ToList();
            var onPort = owner.Sockets.Where(s => IsListener(s, binding.Protocol) && s.LocalPort == binding.ContainerPort).ToList();
            var serving = onPort.FirstOrDefault(s => Reaches(s.LocalAddress, addresses));

            // With an IPv6 address on the forward's endpoint, docker-proxy's [::] listener forwards to that address (its
            // IPv4 listener to the IPv4 one): a service on 0.0.0.0 only answers IPv4 clients. Docker 20.10.24, a network
            // with --ipv6: -container-ip fd00:abcd::2 for the :: side; [::1]:18995 got an empty reply, 127.0.0.1 a page.
            var v6Target = model.Engine.UserlandProxy && binding.Protocol == TransportProtocol.Tcp ? gateway?.IPv6Address : null;
            var explicitV6 = IPAddress.TryParse(binding.HostIp, out var hostIp) && hostIp.AddressFamily == AddressFamily.InterNetworkV6;
            if (serving != null && v6Target != null && (string.IsNullOrEmpty(binding.HostIp) || explicitV6)
                && !onPort.Any(s => s.LocalAddress.Equals(IPAddress.IPv6Any) || s.LocalAddress.Equals(v6Target)))
            {
                var v6Host = "[" + (explicitV6 ? hostIp!.ToString() : "::") + "]:" + binding.HostPort;
                var lost = "docker-proxy forwards IPv6 clients of " + v6Host + " to [" + v6Target + "]:" + binding.ContainerPort
                           + ", where nothing listens (" + Describe(serving) + " takes IPv4 only), so they get " + Symptom(model, binding);
                var bothFamilies = ListenerFixes.BothFamilies(binding.ContainerPort, serving.LocalAddress);
                if (explicitV6)
                    return new PortBindingReport(name, binding, PortBindingStatus.NoListener, "Nothing in '" + name + "' listens on " + port + " over IPv6: " + lost + ".", bothFamilies, null);
                return new PortBindingReport(name, binding, PortBindingStatus.Ok,
                    Listens(serving) + ", for IPv4 clients; but " + lost + ".", bothFamilies, Describe(serving));
            }

            if (serving != null)
                return new PortBindingReport(name, binding, PortBindingStatus.Ok,
                    Listens(serving) + ".", null, Describe(serving));

            var loopback = onPort.FirstOrDefault(s => IPAddress.IsLoopback(Unmapped(s.LocalAddress)));
            if (loopback != null)
            {
                var target = (gateway ?? container.Endpoints.FirstOrDefault(e => e.IPAddress != null))?.IPAddress;
                return new PortBindingReport(name, binding, PortBindingStatus.LoopbackOnly,
                    ProcessText.Capitalized(Describe(loopback)) + " is bound to loopback only: docker-proxy and the DNAT rule deliver to "
                    + (target != null ? target + ":" + binding.ContainerPort : "the container's address") + ", where nothing answers: clients get " + Symptom(model, binding) + ".",
                    ListenerFixes.LoopbackOnly(binding.ContainerPort, loopback.LocalAddress), Describe(loopback));
            }

            var elsewhere = owner.Sockets.Where(s => IsListener(s, binding.Protocol) && Reaches(s.LocalAddress, addresses))
                .Select(s => s.LocalPort).Distinct().OrderBy(p => p).ToList();
            var reason = "Nothing in '" + name + "' listens on " + port
                         + (onPort.Count > 0 ? " on an address the forward reaches (bound to " + string.Join(", ", onPort.Select(s => s.LocalAddress)) + ")" : string.Empty)
                         + (elsewhere.Count > 0 ? " (it listens on " + string.Join(", ", elsewhere.Select(p => p + "/" + Proto(binding.Protocol))) + ")" : string.Empty)
                         + (gateway != null && container.Endpoints.Count(e => e.IPAddress != null) > 1
                             ? "; the forward goes to " + gateway.IPAddress + ":" + binding.ContainerPort + ", its address on " + gateway.NetworkName
                               + " (Docker maps published ports on one network only, the first by name)"
                             : string.Empty)
                         + ", so clients of " + Host(binding) + " get " + Symptom(model, binding) + ".";
            var remedy = onPort.Count > 0
                ? ListenerFixes.OtherAddresses(binding.ContainerPort, onPort.Select(s => s.LocalAddress), ipv6: false, direct: false)
                : ListenerFixes.NothingListens(name, binding.ContainerPort, binding.Protocol, elsewhere, binding);
            return new PortBindingReport(name, binding, PortBindingStatus.NoListener, reason, remedy, null);
        }

        /// <summary>
        /// The endpoint docker-proxy and the DNAT rule deliver to (<see cref="EndpointOrder.PortMappingEndpoint"/>; checked
        /// on Docker 20.10.24: bridge + auditp-net2 forwards to the auditp-net2 address, bridge + zz-auditp-net3 to the
        /// bridge address). Null when that is not a bridge network's endpoint with an address.
        /// </summary>
        private static EndpointInfo? ForwardEndpoint(DockerHostModel model, ContainerInfo container)
        {
            var chosen = EndpointOrder.PortMappingEndpoint(model, container.Endpoints);
            return chosen != null && model.FindNetwork(chosen.NetworkName) is { IsBridge: true } ? chosen : null;
        }

        /// <summary>
        /// What a client sees when the forward finds no socket. DNAT'd packets (from other machines) get the container's
        /// RST; docker-proxy (connections from this host and its containers) has already accepted the client's connection
        /// and closes it when its own connection is refused, so there the client sees an empty reply or a reset.
        /// </summary>
        private static string Symptom(DockerHostModel model, PortBinding binding)
        {
            // UDP: docker-proxy's own socket gets the container's ICMP error, so a client it relays hears nothing.
            if (binding.Protocol == TransportProtocol.Udp)
                return model.Engine.UserlandProxy
                    ? "no answer (docker-proxy forwards the datagram and swallows the ICMP port-unreachable) or, through the DNAT rule (from other machines), an ICMP port-unreachable"
                    : "an ICMP port-unreachable";
            if (binding.Protocol != TransportProtocol.Tcp || !model.Engine.UserlandProxy) return "connection refused";
            return "an empty reply (docker-proxy accepts, then closes) or, from other machines, connection refused";
        }

        private static bool IsListener(SocketEntry s, TransportProtocol protocol) =>
            protocol == TransportProtocol.Tcp ? s.IsTcp && s.State == SocketState.Listen
            : protocol == TransportProtocol.Udp && !s.IsTcp;

        // 0.0.0.0 and :: (dual-stack) take the forward; so does a socket bound to one of the container's own addresses.
        private static bool Reaches(IPAddress local, IReadOnlyList<IPAddress> containerAddresses)
        {
            var address = Unmapped(local);
            if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
            return containerAddresses.Any(a => a.Equals(address));
        }

        private static IPAddress Unmapped(IPAddress a) =>
            a.AddressFamily == AddressFamily.InterNetworkV6 && a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;

        private static string Listens(SocketEntry s) =>
            ProcessText.Capitalized(ProcessText.Name(s.Process)) + " listens on " + Address(s);

        private static string Address(SocketEntry s) =>
            (s.LocalAddress.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + s.LocalAddress + "]" : s.LocalAddress.ToString()) + ":" + s.LocalPort;

        private static string Describe(SocketEntry s) =>
            (s.Process ?? ProcessText.Name(null) + " on") + " " + (s.LocalAddress.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + s.LocalAddress + "]" : s.LocalAddress.ToString()) + ":" + s.LocalPort;

        private static string Host(PortBinding b) =>
            (string.IsNullOrEmpty(b.HostIp) ? "0.0.0.0" : b.HostIp.IndexOf(':') >= 0 ? "[" + b.HostIp + "]" : b.HostIp) + ":" + b.HostPort;

        private static string Proto(TransportProtocol p) => p.ToString().ToLowerInvariant();
    }
}
