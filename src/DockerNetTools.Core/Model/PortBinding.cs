namespace DockerNetTools.Model
{
    public enum TransportProtocol
    {
        Tcp,
        Udp,
        Sctp,
    }

    /// <summary>One published port: HostIp:HostPort on the host forwards to ContainerPort/Protocol.</summary>
    public sealed class PortBinding
    {
        public PortBinding(int containerPort, TransportProtocol protocol, string hostIp, int hostPort, int hostPortEnd = 0)
        {
            ContainerPort = containerPort;
            Protocol = protocol;
            HostIp = hostIp;
            HostPort = hostPort;
            HostPortEnd = hostPortEnd > hostPort ? hostPortEnd : hostPort;
        }

        public int ContainerPort { get; }
        public TransportProtocol Protocol { get; }

        /// <summary>Host address as given ("" means all: 0.0.0.0 and ::).</summary>
        public string HostIp { get; }
        public int HostPort { get; }

        /// <summary>
        /// The last port of a requested host range ("8001-8005:80": Docker takes one free port of 8001..8005);
        /// equal to <see cref="HostPort"/> for a single port. A running container's binding is always a single port.
        /// </summary>
        public int HostPortEnd { get; }

        /// <summary>True for a request of one port out of a host range.</summary>
        public bool IsHostRange => HostPortEnd > HostPort;

        public override string ToString() =>
            (string.IsNullOrEmpty(HostIp) ? "0.0.0.0" : HostIp) + ":" + HostPort + "->" + ContainerPort + "/" + Protocol.ToString().ToLowerInvariant();
    }
}
