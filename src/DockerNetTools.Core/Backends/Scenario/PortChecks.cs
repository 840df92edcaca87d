using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>
    /// Refuses what the daemon would have refused to start, in its words: two running containers publishing the same
    /// host port (same protocol; the same address is refused by the allocator, an overlapping one, a wildcard of the same
    /// family, by the bind), or a published port a host process already listens on (a wildcard blocks its own family
    /// only; a host process on :: is dual-stack).
    /// </summary>
    internal static class PortChecks
    {
        public static void Check(DockerHostModel model, IReadOnlyDictionary<ContainerInfo, ContainerSpec> specs, ScenarioErrors errors)
        {
            var held = new List<(PortBinding Binding, string Holder)>();
            foreach (var container in model.Containers.Where(c => c.IsRunning))
            {
                foreach (var (binding, at) in specs[container].Ports)
                {
                    if (binding.HostPort == 0) continue;
                    var failure = PublishFailure(model.Engine, binding, held);
                    if (failure != null)
                    {
                        errors.Add(at, failure);
                        continue;
                    }
                    held.Add((binding, container.Name));
                }
            }
            // A stopped container keeps its configured bindings (docker inspect shows them) but holds no port.
            foreach (var container in model.Containers)
            {
                foreach (var (binding, _) in specs[container].Ports) container.Ports.Add(binding);
            }
        }

        /// <summary>
        /// What docker run says for <paramref name="binding"/> next to the bindings of containers started before it, in
        /// Test-DockerNetPortConflict's order: per mapping step the allocator first, which keys on the exact host address
        /// ("Bind for 127.0.0.1:8003 failed: port is already allocated"), then the bind, which a socket on an overlapping
        /// address blocks (a wildcard next to 127.0.0.1 of the same port is allocated, and its bind fails: "Error starting
        /// userland proxy: listen tcp4 0.0.0.0:8003: bind: address already in use" on Engine 20.10). Null: it starts.
        /// </summary>
        private static string? PublishFailure(EngineInfo engine, PortBinding binding, IReadOnlyList<(PortBinding Binding, string Holder)> held)
        {
            var port = binding.HostPort;
            var same = held.Where(h => h.Binding.Protocol == binding.Protocol && h.Binding.HostPort == port).ToList();
            foreach (var step in HostBindScope.OfPublish(binding.HostIp).MappingSteps(engine))
            {
                foreach (var (other, holder) in same)
                {
                    var address = step.SameAddress(HostBindScope.OfPublish(other.HostIp));
                    if (address != null) return DockerPortMessages.PortAllocated(address, port) + " (by " + holder + ")";
                }
                foreach (var (other, holder) in same)
                {
                    var address = step.Blocked(HostBindScope.OfPublish(other.HostIp));
                    if (address != null)
                        return DockerPortMessages.AddressInUse(engine, binding.Protocol, address, port, binding.ContainerPort, "<container IP>")
                               + " (" + holder + " publishes " + PublishSpec.Format(other) + ")";
                }
            }
            return null;
        }

        /// <summary>
        /// Checks the host's own listeners (and host-mode containers') against the published ports. The error stands at
        /// the listener, unless the publish comes from another file: on a host read from a daemon the listener is no
        /// line the user wrote, and the compose file's publish is what `up` refuses.
        /// </summary>
        public static void CheckHostListeners(DockerHostModel model, IReadOnlyDictionary<ContainerInfo, ContainerSpec> specs, IEnumerable<(SocketEntry Socket, SourcePos At, string Owner)> listeners, ScenarioErrors errors)
        {
            foreach (var (socket, at, owner) in listeners)
            {
                // docker-proxy's own listeners are the published ports themselves, not a competing process.
                if (socket.Process == "docker-proxy") continue;
                var tcp = socket.IsTcp;
                if (tcp ? socket.State != SocketState.Listen : socket.State != SocketState.Unconnected) continue;
                foreach (var container in model.Containers.Where(c => c.IsRunning))
                {
                    foreach (var binding in container.Ports)
                    {
                        if (binding.HostPort != socket.LocalPort || (binding.Protocol == TransportProtocol.Tcp) != tcp || binding.Protocol == TransportProtocol.Sctp) continue;
                        // Same rule as Test-DockerNetPortConflict: a wildcard blocks its own family only (Docker's IPv6
                        // sockets are v6-only), a host process on :: is dual-stack.
                        var blocked = HostBindScope.OfPublish(binding.HostIp).Blocked(HostBindScope.OfSocket(socket));
                        if (blocked == null) continue;
                        var publishedAt = specs[container].Ports.Where(p => ReferenceEquals(p.Binding, binding)).Select(p => (SourcePos?)p.At).FirstOrDefault() ?? at;
                        errors.Add(publishedAt.File != at.File ? publishedAt : at, owner + " listens on " + socket.LocalAddress + ":" + socket.LocalPort.ToString(CultureInfo.InvariantCulture)
                                       + ", but " + container.Name + " publishes " + PublishSpec.Format(binding)
                                       + ": docker would have failed with \"" + DockerPortMessages.AddressInUse(model.Engine, binding.Protocol, blocked, binding.HostPort, binding.ContainerPort, "<container IP>") + "\"");
                    }
                }
            }
        }
    }
}
