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
        public PortBinding(int containerPort, TransportProtocol protocol, string hostIp, int hostPort)
        {
            ContainerPort = containerPort;
            Protocol = protocol;
            HostIp = hostIp;
            HostPort = hostPort;
        }

        public int ContainerPort { get; }
        public TransportProtocol Protocol { get; }

        /// <summary>Host address as given ("" means all: 0.0.0.0 and ::).</summary>
        public string HostIp { get; }
        public int HostPort { get; }

        public override string ToString() =>
            (string.IsNullOrEmpty(HostIp) ? "0.0.0.0" : HostIp) + ":" + HostPort + "->" + ContainerPort + "/" + Protocol.ToString().ToLowerInvariant();
    }
}
