using System.Globalization;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Ports
{
    /// <summary>Whether a published port really leads to a service.</summary>
    public enum PortBindingStatus
    {
        /// <summary>A service listens on the container port on an address the forward reaches.</summary>
        Ok,
        /// <summary>Nothing listens on the container port: the forward gets connection refused.</summary>
        NoListener,
        /// <summary>The service listens on 127.0.0.1/::1 only; the forward arrives on eth0's address and is refused.</summary>
        LoopbackOnly,
        /// <summary>The container is not running; Docker released the host port.</summary>
        ContainerStopped,
        /// <summary>The container's sockets were not read: nobody can tell.</summary>
        Unknown,
        /// <summary>The container is only on --internal networks: Docker programs no port mapping there.</summary>
        InternalNetwork,
        /// <summary>Host, none or container: network mode: Docker discards -p.</summary>
        Discarded,
        /// <summary>The container is only on macvlan/ipvlan networks: Docker publishes nothing on the host (no docker-proxy, no DNAT); it is reached at its own address on the parent's LAN.</summary>
        MacvlanNetwork,
    }

    /// <summary>One published port and whether it works.</summary>
    public sealed class PortBindingReport
    {
        internal PortBindingReport(string container, PortBinding binding, PortBindingStatus status, string reason, string? remedy, string? listener)
        {
            Container = container;
            HostIp = string.IsNullOrEmpty(binding.HostIp) ? "0.0.0.0" : binding.HostIp;
            HostPort = binding.HostPort;
            Protocol = binding.Protocol;
            ContainerPort = binding.ContainerPort;
            Status = status;
            Reason = reason;
            Remedy = remedy;
            Listener = listener;
        }

        /// <summary>The host address (0.0.0.0 when none was given: Docker then binds 0.0.0.0 and ::).</summary>
        public string HostIp { get; }

        public int HostPort { get; }

        /// <summary>Where clients connect on the host, address and port as one would type them: "0.0.0.0:8004", "[::1]:8080".</summary>
        public string Host => AddressText.WithPort(HostIp, HostPort.ToString(CultureInfo.InvariantCulture));
        public TransportProtocol Protocol { get; }
        public string Container { get; }
        public int ContainerPort { get; }
        public PortBindingStatus Status { get; }
        public string Reason { get; }
        public string? Remedy { get; }

        /// <summary>The socket that serves the port ("mysqld 0.0.0.0:3306"), when one does.</summary>
        public string? Listener { get; }
    }
}
