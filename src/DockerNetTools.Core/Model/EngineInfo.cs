namespace DockerNetTools.Model
{
    /// <summary>Which packet filter the engine programs; the chain names in a reachability path depend on it.</summary>
    public enum FirewallBackend
    {
        Iptables,
        Nftables,
    }

    /// <summary>The daemon's version and the daemon-wide options that change how traffic is treated.</summary>
    public sealed class EngineInfo
    {
        /// <summary>Engine version, e.g. "20.10.24" (what this project's machines run) or "29.0.1".</summary>
        public string Version { get; set; } = "20.10.24";

        /// <summary>API version the backend spoke (negotiated for a live daemon).</summary>
        public string ApiVersion { get; set; } = "1.41";

        public FirewallBackend Firewall { get; set; } = FirewallBackend.Iptables;

        /// <summary>dockerd --userland-proxy (default on): docker-proxy answers published ports on the host's addresses.</summary>
        public bool UserlandProxy { get; set; } = true;

        /// <summary>dockerd --icc (default on): inter-container communication on the default bridge.</summary>
        public bool InterContainerCommunication { get; set; } = true;

        /// <summary>dockerd --iptables (default on). When off Docker programs no isolation or NAT rules at all.</summary>
        public bool IptablesEnabled { get; set; } = true;

        public string OperatingSystem { get; set; } = "linux";

        /// <summary>The engine's major version number, 0 when the version string cannot be read.</summary>
        public int MajorVersion
        {
            get
            {
                var dot = Version.IndexOf('.');
                var head = dot < 0 ? Version : Version.Substring(0, dot);
                return int.TryParse(head, out var major) ? major : 0;
            }
        }

        /// <summary>Engine 29 replaced DOCKER-ISOLATION-STAGE-1/2 with per-bridge rules in the DOCKER chain.</summary>
        public bool UsesIsolationChains => MajorVersion < 29 && Firewall == FirewallBackend.Iptables;
    }
}
