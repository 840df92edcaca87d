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

    /// <summary>Who outside the host reaches a published port (clients on the LAN or the internet, not the host's own processes).</summary>
    public enum PortExposure
    {
        /// <summary>Every client that can route to the host's address.</summary>
        Anyone,
        /// <summary>Only the sources a rule lets through (ExposureReason names the rule that stops the rest).</summary>
        SomeSources,
        /// <summary>No client outside the host: a rule drops them all (ExposureReason names it), or nothing forwards the port.</summary>
        Nobody,
        /// <summary>Published on 127.0.0.1 or ::1: only the host's own processes reach it.</summary>
        LoopbackOnly,
        /// <summary>Docker publishes nothing for it (the container is stopped, on --internal or macvlan networks only, or in host/none/container mode).</summary>
        NotPublished,
        /// <summary>A rule the model cannot evaluate decides (ExposureReason names it).</summary>
        Unknown,
    }

    /// <summary>One published port and whether it works.</summary>
    public sealed class PortBindingReport
    {
        internal PortBindingReport(string container, PortBinding binding, PortBindingStatus status, string reason, string? remedy, string? listener)
        {
            Container = container;
            HostIp = string.IsNullOrEmpty(binding.HostIp) ? "0.0.0.0" : binding.HostIp;
            HostPort = binding.HostPort;
            ProtocolValue = binding.Protocol;
            ContainerPort = binding.ContainerPort;
            StatusValue = status;
            Reason = reason;
            Remedy = remedy;
            Listener = listener;
        }

        /// <summary>The host address (0.0.0.0 when none was given: Docker then binds 0.0.0.0 and ::).</summary>
        public string HostIp { get; }

        public int HostPort { get; }

        /// <summary>Where clients connect on the host, address and port as one would type them: "0.0.0.0:8004", "[::1]:8080".</summary>
        public string Host => AddressText.WithPort(HostIp, HostPort.ToString(CultureInfo.InvariantCulture));

        /// <summary>Tcp, Udp or Sctp (a <see cref="TransportProtocol"/> name).</summary>
        public string Protocol => ProtocolValue.ToString();

        internal TransportProtocol ProtocolValue { get; }

        public string Container { get; }
        public int ContainerPort { get; }

        /// <summary>A <see cref="PortBindingStatus"/> name: whether the port works, and if not, why.</summary>
        public string Status => StatusValue.ToString();

        internal PortBindingStatus StatusValue { get; }

        public string Reason { get; }
        public string? Remedy { get; }

        /// <summary>The socket that serves the port ("mysqld 0.0.0.0:3306"), when one does.</summary>
        public string? Listener { get; }

        /// <summary>Who outside the host reaches the port: through the publish's DNAT and FORWARD (where INPUT rules do not apply), by the host's rules when read.</summary>
        public string Exposure => ExposureValue.ToString();

        internal PortExposure ExposureValue { get; private set; } = PortExposure.NotPublished;

        /// <summary>Why: the rules that let clients in, or the rule that stops them.</summary>
        public string? ExposureReason { get; private set; }

        /// <summary>An INPUT rule (ufw's, say) that appears to block the port but does not apply to it, when there is one.</summary>
        public string? Warning { get; private set; }

        internal PortBindingReport WithExposure(PortExposure exposure, string? reason, string? warning)
        {
            ExposureValue = exposure;
            ExposureReason = reason;
            Warning = warning;
            return this;
        }
    }
}
