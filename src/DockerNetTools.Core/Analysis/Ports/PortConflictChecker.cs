using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Sockets;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Ports
{
    /// <summary>
    /// Would publishing these ports collide? Holders are the running containers' publishes (stopped containers hold
    /// none; containers only on --internal networks get no port mapping, and containers only on macvlan/ipvlan
    /// networks none either), listeners in the host's namespace (host processes and host-mode containers;
    /// docker-proxy's own sockets are the publishes again and are skipped), and the earlier bindings of the same
    /// request. Same protocol and port collide when the addresses are equal or either is a wildcard of the same
    /// family; TCP and UDP never collide. A host address no interface of the host has cannot be bound at all.
    /// </summary>
    public sealed class PortConflictChecker
    {
        private const int LastPort = 65535;
        private readonly DockerHostModel _model;
        private readonly List<PortOccupant> _occupants;
        private readonly List<PortOccupant> _stopped;
        private readonly List<PortOccupant> _requested = new List<PortOccupant>();
        private readonly List<IPAddress> _hostAddresses;

        public PortConflictChecker(DockerHostModel model)
        {
            _model = model ?? throw new ArgumentNullException(nameof(model));
            _occupants = Publishes(model, running: true).Concat(HostListeners(model)).Concat(SwarmPorts(model)).ToList();
            _stopped = Publishes(model, running: false).ToList();
            _hostAddresses = HostAddresses(model);
        }

        /// <summary>Checks every binding of one -p spec (a range gives several). Throws PublishSpecInvalid for bad syntax.</summary>
        public IReadOnlyList<PortConflict> Check(string publish) =>
            PublishSpec.Parse(publish).Select(b => Check(publish, b)).ToList();

        /// <summary>Checks one binding and remembers it, so a later binding of the same request that collides with it is reported.</summary>
        public PortConflict Check(string publish, PortBinding binding)
        {
            if (binding.HostPort == 0)
            {
                if (SctpMissing(binding)) return SctpUnsupported(publish, binding, null);
                return new PortConflict(publish, binding, false, false, null, PortHolderKind.None,
                    "No host port given: Docker picks a free one from the ephemeral range (net.ipv4.ip_local_port_range)." + SctpCaveat(binding),
                    "Docker picks a free host port; see it afterwards with docker port <container>.", null);
            }

            var scope = HostBindScope.OfPublish(binding.HostIp);
            // -p cannot carry a zone (fe80::1%eth0), so a link-local address is bound without a scope id: EINVAL.
            var linkLocal = scope.Addresses.FirstOrDefault(a => a.IsIPv6LinkLocal);
            if (linkLocal != null)
            {
                return new PortConflict(publish, binding, true, true, null, PortHolderKind.AddressNotOnHost,
                    DockerPortMessages.BindFailed(_model.Engine, binding.Protocol, linkLocal, binding.HostPort, binding.ContainerPort, "<container IP>", DockerPortMessages.InvalidArgumentText),
                    linkLocal + " is an IPv6 link-local address: it is only valid with an interface (a zone), which -p cannot give, so nothing can bind it."
                    + " Publish on a global address of the host, or on all of them: -p " + AllAddresses(binding) + ":" + binding.ContainerPort + ProtoSuffix(binding.Protocol) + ".", null,
                    binding.IsHostRange ? binding.HostPort + "-" + binding.HostPortEnd : null);
            }
            var foreign = NotOnHost(scope);
            if (foreign != null)
            {
                return new PortConflict(publish, binding, true, true, null, PortHolderKind.AddressNotOnHost,
                    DockerPortMessages.BindFailed(_model.Engine, binding.Protocol, foreign, binding.HostPort, binding.ContainerPort, "<container IP>", DockerPortMessages.CannotAssignText),
                    "No interface of " + _model.Source + " has the address " + foreign + " (its addresses: " + string.Join(", ", _hostAddresses) + "), so nothing can bind it."
                    + " Publish on one of the host's addresses, or on all of them: -p " + AllAddresses(binding) + ":" + binding.ContainerPort + ProtoSuffix(binding.Protocol) + ".", null,
                    binding.IsHostRange ? binding.HostPort + "-" + binding.HostPortEnd : null);
            }

            return binding.IsHostRange ? CheckRange(publish, binding, scope) : CheckOne(publish, binding, scope);
        }

        private PortConflict CheckOne(string publish, PortBinding binding, HostBindScope scope)
        {
            var result = Find(binding.Protocol, binding.HostPort, scope, binding.ContainerPort);
            // The allocator answers before anything opens a socket; without SCTP no socket opens, so no bind is tried.
            if ((result == null || !result.Value.Allocated) && SctpMissing(binding)) return SctpUnsupported(publish, binding, null);
            if (result != null)
            {
                var (holder, reason, _) = result.Value;
                var suggestion = Suggest(binding.Protocol, binding.HostPort, scope);
                return new PortConflict(publish, binding, true, true, holder.Name, holder.Kind, reason,
                    Explain(holder, binding, suggestion), suggestion);
            }
            var free = HostBindScope.HostPort(scope.Addresses[0], binding.HostPort) + "/" + Proto(binding.Protocol);
            Remember(publish, binding, binding.HostPort, scope);
            return new PortConflict(publish, binding, false, false, null, PortHolderKind.None,
                "Free: nothing publishes or listens on " + free + "." + StoppedNote(binding.Protocol, binding.HostPort, scope) + SctpCaveat(binding),
                "Publishing " + publish + " does not collide with anything on " + _model.Source + ".", null);
        }

        // The port allocator hands out the first port of the range it holds no allocation for (moby
        // portallocator.findPort; "all ports are allocated" when it holds them all), and the engine then binds it.
        // Before Engine 28 a failed bind ends the request (no retry for an explicit host port); from 28 the daemon
        // releases that port and tries the next, up to 10 attempts (bindHostPorts).
        private PortConflict CheckRange(string publish, PortBinding binding, HostBindScope scope)
        {
            var range = binding.HostPort + "-" + binding.HostPortEnd;
            var taken = new List<(int Port, PortOccupant Holder)>();
            (PortOccupant Holder, string Reason)? bindFailure = null;
            var attempts = 0;
            int? chosen = null;
            for (var port = binding.HostPort; port <= binding.HostPortEnd; port++)
            {
                var hit = Find(binding.Protocol, port, scope, binding.ContainerPort);
                if ((hit == null || !hit.Value.Allocated) && SctpMissing(binding))
                    return SctpUnsupported(publish, new PortBinding(binding.ContainerPort, binding.Protocol, binding.HostIp, port, binding.HostPortEnd), range);
                if (hit == null)
                {
                    chosen = port;
                    break;
                }
                var (holder, reason, allocated) = hit.Value;
                taken.Add((port, holder));
                if (allocated) continue;
                bindFailure = (holder, reason);
                attempts++;
                if (!DockerPortMessages.RangeSkipsBoundPorts(_model.Engine) || attempts >= DockerPortMessages.MaxAllocatePortAttempts) break;
            }

            var takenText = string.Join("; ", taken.Select(t => t.Port + " by " + Name(t.Holder)));
            if (chosen.HasValue)
            {
                var picked = new PortBinding(binding.ContainerPort, binding.Protocol, binding.HostIp, chosen.Value, binding.HostPortEnd);
                Remember(publish, binding, chosen.Value, scope);
                return new PortConflict(publish, picked, false, false, null, PortHolderKind.None,
                    "Free: Docker takes " + chosen.Value + " of " + range + (taken.Count > 0 ? " (taken: " + takenText + ")" : string.Empty) + "."
                    + StoppedNote(binding.Protocol, chosen.Value, scope) + SctpCaveat(binding),
                    "Publishing " + publish + " gets host port " + chosen.Value + " on " + _model.Source + "; see it afterwards with docker port <container>.",
                    null, range, taken.Select(t => t.Port).ToList());
            }

            var first = new PortBinding(binding.ContainerPort, binding.Protocol, binding.HostIp, bindFailure.HasValue ? taken[taken.Count - 1].Port : binding.HostPort, binding.HostPortEnd);
            var suggestion = Suggest(binding.Protocol, binding.HostPortEnd, scope);
            var instead = suggestion.HasValue
                ? " Use another host port, e.g. -p " + PortText(binding, suggestion.Value) + ":" + binding.ContainerPort + ProtoSuffix(binding.Protocol)
                : " No higher host port is free.";
            if (bindFailure.HasValue)
            {
                var (holder, reason) = bindFailure.Value;
                var why = DockerPortMessages.RangeSkipsBoundPorts(_model.Engine)
                    ? "Engine " + _model.Engine.Version + " gives up after " + attempts + " ports it could not bind"
                    : "Engine " + _model.Engine.Version + " binds the port its allocator hands out, " + first.HostPort + ", and does not try another when that fails";
                return new PortConflict(publish, first, true, true, holder.Name, holder.Kind, reason,
                    why + " (taken: " + takenText + ")." + instead + ".", suggestion, range, taken.Select(t => t.Port).ToList());
            }
            var holders = taken.Select(t => t.Holder.Name).Distinct().ToList();
            return new PortConflict(publish, first, true, true, string.Join(", ", holders),
                holders.Count == 1 ? taken[0].Holder.Kind : PortHolderKind.Several, DockerPortMessages.AllPortsAllocated,
                "Every port of " + range + " is already published (" + takenText + ")." + instead + ".", suggestion, range, taken.Select(t => t.Port).ToList());
        }

        private bool SctpMissing(PortBinding binding) => binding.Protocol == TransportProtocol.Sctp && _model.Host.SctpSupported == false;

        // Docker's proxy opens an SCTP socket for -p …/sctp: on a kernel without SCTP that fails before any bind.
        private PortConflict SctpUnsupported(string publish, PortBinding binding, string? range)
        {
            var address = HostBindScope.OfPublish(binding.HostIp).Addresses[0];
            return new PortConflict(publish, binding, true, true, null, PortHolderKind.ProtocolNotSupported,
                DockerPortMessages.ProtocolNotSupported(_model.Engine, address, binding.HostPort, binding.ContainerPort),
                "The kernel of " + _model.Source + " has no SCTP, so Docker's proxy cannot open an SCTP socket and docker run fails whatever the port."
                + " Load SCTP where the kernel has it as a module (modprobe sctp) and publish again, or publish over TCP or UDP: -p "
                + (binding.HostPort > 0 ? PortText(binding, binding.HostPort) + ":" : string.Empty) + binding.ContainerPort + ".",
                null, range);
        }

        // Unknown (a daemon read from another machine, a kernel that may load sctp on first use): the answer says what it assumed.
        private string SctpCaveat(PortBinding binding) =>
            binding.Protocol == TransportProtocol.Sctp && _model.Host.SctpSupported == null
                ? " This assumes the host's kernel has SCTP, which " + _model.Source + " does not say; without it docker run fails with \""
                  + DockerPortMessages.ProtocolNotSupported(_model.Engine, HostBindScope.OfPublish(binding.HostIp).Addresses[0], binding.HostPort, binding.ContainerPort) + "\"."
                : string.Empty;

        private void Remember(string publish, PortBinding binding, int hostPort, HostBindScope scope) =>
            _requested.Add(new PortOccupant(PortHolderKind.SameRequest, "-p " + publish + " (this request)", "is already requested by -p " + publish,
                binding.Protocol, hostPort, scope, binding.ContainerPort));

        private (PortOccupant Holder, string Reason, bool Allocated)? Find(TransportProtocol protocol, int port, HostBindScope scope, int containerPort)
        {
            foreach (var step in scope.MappingSteps(_model.Engine))
            {
                var hit = FindOn(protocol, port, step, containerPort);
                if (hit != null) return hit;
            }
            return null;
        }

        private (PortOccupant Holder, string Reason, bool Allocated)? FindOn(TransportProtocol protocol, int port, HostBindScope scope, int containerPort)
        {
            // The allocator refuses an exact duplicate first; only then does anything try to bind.
            foreach (var o in _occupants.Concat(_requested).Where(o => o.Protocol == protocol && o.Port == port && o.IsAllocation))
            {
                var same = scope.SameAddress(o.Scope);
                if (same != null) return (o, DockerPortMessages.PortAllocated(same, port), true);
            }
            foreach (var o in _occupants.Concat(_requested).Where(o => o.Protocol == protocol && o.Port == port))
            {
                var blocked = scope.Blocked(o.Scope);
                if (blocked == null) continue;
                return (o, DockerPortMessages.AddressInUse(_model.Engine, protocol, blocked, port, containerPort, "<container IP>"), false);
            }
            return null;
        }

        // A stopped container holds no port, but docker start takes its publishes again: say what it would then meet.
        private string StoppedNote(TransportProtocol protocol, int port, HostBindScope scope)
        {
            foreach (var o in _stopped.Where(o => o.Protocol == protocol && o.Port == port))
            {
                var same = o.Scope.SameAddress(scope);
                var blocked = same == null ? o.Scope.Blocked(scope) : null;
                if (same == null && blocked == null) continue;
                var error = same != null
                    ? DockerPortMessages.PortAllocated(same, port)
                    : DockerPortMessages.AddressInUse(_model.Engine, protocol, blocked!, port, o.ContainerPort ?? 0, "<container IP>");
                return " Note: the stopped container '" + o.Name + "' " + o.What + "; it holds nothing while stopped, but once this is published,"
                       + " docker start " + o.Name + " fails with \"" + error + "\".";
            }
            return string.Empty;
        }

        // Wildcards and loopback (all of 127.0.0.0/8, ::1) can always be bound; any other address must be one of the
        // host's. Unknown when the backend read no host address (the host's interfaces were not visible).
        private IPAddress? NotOnHost(HostBindScope scope)
        {
            if (_hostAddresses.Count == 0) return null;
            return scope.Addresses.FirstOrDefault(a => !HostBindScope.IsAny(a) && !IPAddress.IsLoopback(a) && !_hostAddresses.Contains(a));
        }

        private static List<IPAddress> HostAddresses(DockerHostModel model)
        {
            var own = model.Host.Interfaces.SelectMany(i => i.Addresses).Where(a => !IPAddress.IsLoopback(a)).ToList();
            if (own.Count == 0) return own;
            // A bridge network's gateway sits on its bridge device in the host's namespace.
            own.AddRange(model.Networks.Where(n => n.IsBridge && n.Gateway != null).Select(n => n.Gateway!));
            return own.Distinct().ToList();
        }

        private static string Name(PortOccupant o) => o.Kind == PortHolderKind.HostProcess ? o.Name : o.Kind == PortHolderKind.SameRequest ? "this request" : "'" + o.Name + "'";

        private static string PortText(PortBinding b, int port) =>
            (string.IsNullOrEmpty(b.HostIp) ? string.Empty : Bracket(b.HostIp) + ":") + port;

        private static string AllAddresses(PortBinding b) => b.HostPort + (b.IsHostRange ? "-" + b.HostPortEnd : string.Empty);

        private static string ProtoSuffix(TransportProtocol p) => p == TransportProtocol.Tcp ? string.Empty : "/" + Proto(p);

        private int? Suggest(TransportProtocol protocol, int from, HostBindScope scope)
        {
            for (var port = from + 1; port <= LastPort; port++)
                if (Find(protocol, port, scope, 0) == null) return port;
            return null;
        }

        private static string Explain(PortOccupant holder, PortBinding binding, int? suggestion)
        {
            var who = holder.Kind == PortHolderKind.HostProcess ? holder.Name : "'" + holder.Name + "'";
            var sentence = (holder.Kind == PortHolderKind.SameRequest ? "Port " + binding.HostPort + " " + holder.What : ProcessText.Capitalized(who) + " " + holder.What) + ".";
            var instead = suggestion.HasValue
                ? " Use another host port, e.g. -p " + (string.IsNullOrEmpty(binding.HostIp) ? string.Empty : Bracket(binding.HostIp) + ":") + suggestion.Value + ":" + binding.ContainerPort
                  + (binding.Protocol == TransportProtocol.Tcp ? string.Empty : "/" + Proto(binding.Protocol))
                : " No higher host port is free.";
            // docker stop frees a container's published ports and keeps the container (docker rm -f would delete it).
            var free = holder.Kind == PortHolderKind.Container ? ", or free it: docker stop " + holder.Name + " (a stopped container holds no host port)"
                : holder.Kind == PortHolderKind.HostModeContainer ? ", or stop the host-mode container: docker stop " + holder.Name
                : holder.Kind == PortHolderKind.HostProcess ? ", or stop that process" : string.Empty;
            return sentence + instead + free + ".";
        }

        /// <summary>
        /// The publishes Docker programs: none in host, none or container: network mode, none for a container only on
        /// --internal networks (no port mapping there) or only on macvlan/ipvlan networks (Docker ignores -p there:
        /// no docker-proxy, no DNAT; the container answers at its own address on the parent's LAN).
        /// </summary>
        internal static bool PublishesOnHost(DockerHostModel model, ContainerInfo c)
        {
            if (c.NetworkMode.Kind == NetworkModeKind.Host || c.NetworkMode.Kind == NetworkModeKind.None || c.NetworkMode.Kind == NetworkModeKind.Container) return false;
            var networks = c.Endpoints.Select(e => model.FindNetwork(e.NetworkName)).ToList();
            if (networks.Count == 0 || networks.Any(n => n == null)) return true;
            if (networks.All(n => n!.Internal)) return false;
            return !EndpointOrder.OnlyOnMacvlan(model, c.Endpoints);
        }

        private static IEnumerable<PortOccupant> Publishes(DockerHostModel model, bool running)
        {
            foreach (var c in model.Containers)
            {
                if (c.IsRunning != running || !PublishesOnHost(model, c)) continue;
                foreach (var p in c.Ports.Where(p => p.HostPort > 0))
                    yield return new PortOccupant(PortHolderKind.Container, c.Name, (running ? "already publishes " : "publishes ") + p,
                        p.Protocol, p.HostPort, HostBindScope.OfPublish(p.HostIp), p.ContainerPort);
            }
        }

        /// <summary>
        /// A swarm's published ports on this node: an ingress-mode port is taken on every node of the swarm (the routing
        /// mesh answers it everywhere, whether or not a task runs there) when the node has IPVS; a host-mode port only on
        /// the nodes that run one of the service's tasks (the task's container publishes it, so a container read here
        /// already holds it).
        /// </summary>
        private static IEnumerable<PortOccupant> SwarmPorts(DockerHostModel model)
        {
            var swarm = model.Swarm;
            if (swarm == null) yield break;
            foreach (var service in swarm.Services)
            {
                foreach (var port in service.Ports.Where(p => p.PublishedPort > 0))
                {
                    var protocol = port.Protocol == "udp" ? TransportProtocol.Udp : port.Protocol == "sctp" ? TransportProtocol.Sctp : TransportProtocol.Tcp;
                    if (port.Mode == SwarmPublishMode.Ingress)
                    {
                        // Without ip_vs the node cannot program the routing mesh, and dockerd reserves nothing: on Engine
                        // 20.10.24 without ip_vs, docker run -p on an ingress-published port succeeds on every node.
                        if (swarm.LocalNode?.Ipvs == false) continue;
                        yield return new PortOccupant(PortHolderKind.SwarmService, "service " + service.Name,
                            "publishes " + port + " in ingress mode: the routing mesh takes it on every node of the swarm", protocol, port.PublishedPort, HostBindScope.OfPublish(string.Empty), port.TargetPort);
                        continue;
                    }
                    var local = swarm.TasksOf(service).Where(t => t.NodeId == swarm.LocalNodeId).ToList();
                    if (local.Count == 0) continue;
                    var containers = local.Select(t => model.Containers.FirstOrDefault(c => c.Id == t.ContainerId || c.Name == t.ContainerName)).ToList();
                    if (containers.Any(c => c != null && c.Ports.Any(p => p.HostPort == port.PublishedPort))) continue;
                    yield return new PortOccupant(PortHolderKind.SwarmService, "service " + service.Name,
                        "publishes " + port.PublishedPort.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + port.TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        + "/" + port.Protocol + " in host mode, and its task " + local[0].Name + " runs on this node", protocol, port.PublishedPort, HostBindScope.OfPublish(string.Empty), port.TargetPort);
                }
            }
        }

        private static IEnumerable<PortOccupant> HostListeners(DockerHostModel model)
        {
            foreach (var s in SocketQuery.HostNamespaceSockets(model))
            {
                if (string.Equals(s.Process, "docker-proxy", StringComparison.Ordinal)) continue;
                if (s.IsTcp && s.State != SocketState.Listen) continue;
                var protocol = s.IsTcp ? TransportProtocol.Tcp : TransportProtocol.Udp;
                var hostModeContainer = s.HostModeContainer ?? model.Containers
                    .FirstOrDefault(c => c.IsRunning && c.NetworkMode.Kind == NetworkModeKind.Host && c.Pid > 0 && c.Pid == s.ProcessId)?.Name;
                var process = ProcessText.WithPid(s.Process, s.ProcessId, "process");
                var where = HostBindScope.HostPort(s.LocalAddress, s.LocalPort) + "/" + Proto(protocol);
                if (hostModeContainer != null)
                    yield return new PortOccupant(PortHolderKind.HostModeContainer, hostModeContainer,
                        "uses the host's network (--network host) and " + process + " listens on " + where, protocol, s.LocalPort, HostBindScope.OfSocket(s), null);
                else
                    yield return new PortOccupant(PortHolderKind.HostProcess, ProcessText.HostProcess(s.Process, s.ProcessId),
                        "listens on " + where + " in the host's namespace", protocol, s.LocalPort, HostBindScope.OfSocket(s), null);
            }
        }

        private static string Proto(TransportProtocol p) => p.ToString().ToLowerInvariant();

        private static string Bracket(string ip) => ip.IndexOf(':') >= 0 ? "[" + ip + "]" : ip;
    }
}
