using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>
    /// Refuses what the daemon would have refused to start: two running containers publishing the same host port
    /// (same protocol, addresses equal or either a wildcard), or a published port a host process already listens on
    /// (a wildcard blocks its own family only; a host process on :: is dual-stack).
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
                    var clash = held.FirstOrDefault(h => Collide(h.Binding, binding));
                    if (clash.Holder != null)
                    {
                        errors.Add(at, "Bind for " + Display(binding) + ":" + binding.HostPort.ToString(CultureInfo.InvariantCulture)
                                       + " failed: port is already allocated (by " + clash.Holder + ")");
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

        /// <summary>Checks the host's own listeners (and host-mode containers') against the published ports.</summary>
        public static void CheckHostListeners(DockerHostModel model, IEnumerable<(SocketEntry Socket, SourcePos At, string Owner)> listeners, ScenarioErrors errors)
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
                        if (HostBindScope.OfPublish(binding.HostIp).Blocked(HostBindScope.OfSocket(socket)) == null) continue;
                        errors.Add(at, owner + " listens on " + socket.LocalAddress + ":" + socket.LocalPort.ToString(CultureInfo.InvariantCulture)
                                       + ", but " + container.Name + " publishes " + PublishSpec.Format(binding)
                                       + ": docker would have failed with \"listen " + (tcp ? "tcp" : "udp") + ": bind: address already in use\"");
                    }
                }
            }
        }

        internal static bool Collide(PortBinding a, PortBinding b)
        {
            if (a.Protocol != b.Protocol || a.HostPort != b.HostPort) return false;
            if (a.HostIp.Length == 0 || b.HostIp.Length == 0) return true;
            var ipA = IPAddress.Parse(a.HostIp);
            var ipB = IPAddress.Parse(b.HostIp);
            // 0.0.0.0 and :: are separate bindings (engines list both for one -p); a wildcard covers its own family only.
            if (ipA.AddressFamily != ipB.AddressFamily) return false;
            return IsAny(ipA) || IsAny(ipB) || ipA.Equals(ipB);
        }

        private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

        private static string Display(PortBinding binding) =>
            binding.HostIp.Length == 0 ? "0.0.0.0" : binding.HostIp.IndexOf(':') >= 0 ? "[" + binding.HostIp + "]" : binding.HostIp;
    }
}
