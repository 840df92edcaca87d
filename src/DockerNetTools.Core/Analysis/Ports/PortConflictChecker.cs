using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Analysis.Sockets;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Ports
{
    /// <summary>
    /// Would publishing these ports collide? Holders are the running containers' publishes (stopped containers hold
    /// none; containers only on --internal networks get no port mapping), listeners in the host's namespace (host
    /// processes and host-mode containers; docker-proxy's own sockets are the publishes again and are skipped), and
    /// the earlier bindings of the same request. Same protocol and port collide when the addresses are equal or either
    /// is a wildcard of the same family; TCP and UDP never collide.
    /// </summary>
    public sealed class PortConflictChecker
    {
        private const int LastPort = 65535;
        private readonly DockerHostModel _model;
        private readonly List<PortOccupant> _occupants;
        private readonly List<PortOccupant> _requested = new List<PortOccupant>();

        public PortConflictChecker(DockerHostModel model)
        {
            _model = model ?? throw new ArgumentNullException(nameof(model));
            _occupants = Publishes(model).Concat(HostListeners(model)).ToList();
        }

        /// <summary>Checks every binding of one -p spec (a range gives several). Throws PublishSpecInvalid for bad syntax.</summary>
        public IReadOnlyList<PortConflict> Check(string publish) =>
            PublishSpec.Parse(publish).Select(b => Check(publish, b)).ToList();

        /// <summary>Checks one binding and remembers it, so a later binding of the same request that collides with it is reported.</summary>
        public PortConflict Check(string publish, PortBinding binding)
        {
            if (binding.HostPort == 0)
                return new PortConflict(publish, binding, false, false, null, PortHolderKind.None,
                    "No host port given: Docker picks a free one from the ephemeral range (net.ipv4.ip_local_port_range).",
                    "Docker picks a free host port; see it afterwards with docker port <container>.", null);

            var scope = HostBindScope.OfPublish(binding.HostIp);
            var result = Find(binding.Protocol, binding.HostPort, scope, binding.ContainerPort);
            PortConflict answer;
            if (result == null)
            {
                var free = HostBindScope.HostPort(scope.Addresses[0], binding.HostPort) + "/" + Proto(binding.Protocol);
                answer = new PortConflict(publish, binding, false, false, null, PortHolderKind.None,
                    "Free: nothing publishes or listens on " + free + ".",
                    "Publishing " + publish + " does not collide with anything on " + _model.Source + ".", null);
            }
            else
            {
                var (holder, reason) = result.Value;
                var suggestion = Suggest(binding.Protocol, binding.HostPort, scope);
                answer = new PortConflict(publish, binding, true, true, holder.Name, holder.Kind, reason,
                    Explain(holder, binding, suggestion), suggestion);
            }
            if (!answer.Conflict)
                _requested.Add(new PortOccupant(PortHolderKind.SameRequest, "-p " + publish + " (this request)", "is already requested by -p " + publish,
                    binding.Protocol, binding.HostPort, scope, binding.ContainerPort));
            return answer;
        }

        private (PortOccupant Holder, string Reason)? Find(TransportProtocol protocol, int port, HostBindScope scope, int containerPort)
        {
            // The allocator refuses an exact duplicate first; only then does anything try to bind.
            foreach (var o in _occupants.Concat(_requested).Where(o => o.Protocol == protocol && o.Port == port && o.IsAllocation))
            {
                var same = scope.SameAddress(o.Scope);
                if (same != null) return (o, DockerPortMessages.PortAllocated(same, port));
            }
            foreach (var o in _occupants.Concat(_requested).Where(o => o.Protocol == protocol && o.Port == port))
            {
                var blocked = scope.Blocked(o.Scope);
                if (blocked == null) continue;
                return (o, DockerPortMessages.AddressInUse(_model.Engine, protocol, blocked, port, containerPort, "<container IP>"));
            }
            return null;
        }

        private int? Suggest(TransportProtocol protocol, int from, HostBindScope scope)
        {
            for (var port = from + 1; port <= LastPort; port++)
                if (Find(protocol, port, scope, 0) == null) return port;
            return null;
        }

        private string Explain(PortOccupant holder, PortBinding binding, int? suggestion)
        {
            var who = holder.Kind == PortHolderKind.HostProcess ? holder.Name : "'" + holder.Name + "'";
            var sentence = (holder.Kind == PortHolderKind.SameRequest ? "Port " + binding.HostPort + " " + holder.What : who + " " + holder.What) + ".";
            var instead = suggestion.HasValue
                ? " Use another host port, e.g. -p " + (string.IsNullOrEmpty(binding.HostIp) ? string.Empty : Bracket(binding.HostIp) + ":") + suggestion.Value + ":" + binding.ContainerPort
                  + (binding.Protocol == TransportProtocol.Tcp ? string.Empty : "/" + Proto(binding.Protocol))
                : " No higher host port is free.";
            var free = holder.Kind == PortHolderKind.Container ? ", or free it: docker rm -f " + holder.Name
                : holder.Kind == PortHolderKind.HostModeContainer ? ", or stop the host-mode container: docker stop " + holder.Name
                : holder.Kind == PortHolderKind.HostProcess ? ", or stop that process" : string.Empty;
            return sentence + instead + free + ".";
        }

        private static IEnumerable<PortOccupant> Publishes(DockerHostModel model)
        {
            foreach (var c in model.Containers)
            {
                if (!c.IsRunning) continue;
                if (c.NetworkMode.Kind == NetworkModeKind.Host || c.NetworkMode.Kind == NetworkModeKind.None || c.NetworkMode.Kind == NetworkModeKind.Container) continue;
                if (c.Endpoints.Count > 0 && c.Endpoints.All(e => model.FindNetwork(e.NetworkName)?.Internal == true)) continue;
                foreach (var p in c.Ports.Where(p => p.HostPort > 0))
                    yield return new PortOccupant(PortHolderKind.Container, c.Name, "already publishes " + p, p.Protocol, p.HostPort, HostBindScope.OfPublish(p.HostIp), p.ContainerPort);
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
                var process = (s.Process ?? "a process") + (s.ProcessId.HasValue ? " (pid " + s.ProcessId.Value + ")" : string.Empty);
                var where = HostBindScope.HostPort(s.LocalAddress, s.LocalPort) + "/" + Proto(protocol);
                if (hostModeContainer != null)
                    yield return new PortOccupant(PortHolderKind.HostModeContainer, hostModeContainer,
                        "uses the host's network (--network host) and " + process + " listens on " + where, protocol, s.LocalPort, HostBindScope.OfSocket(s), null);
                else
                    yield return new PortOccupant(PortHolderKind.HostProcess, "host process " + process,
                        "listens on " + where + " in the host's namespace", protocol, s.LocalPort, HostBindScope.OfSocket(s), null);
            }
        }

        private static string Proto(TransportProtocol p) => p.ToString().ToLowerInvariant();

        private static string Bracket(string ip) => ip.IndexOf(':') >= 0 ? "[" + ip + "]" : ip;
    }
}
