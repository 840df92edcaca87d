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

        /// <summary>
        /// dockerd --ip6tables as set; null means the engine's default (<see cref="Ip6tablesEnabled"/>). Engine 20.10 brought the
        /// option as experimental and off (moby#41622: dockerd refuses --ip6tables without --experimental); Engine 27 turned it
        /// on by default and out of experimental (moby#47747). Without it Docker writes no IPv6 rules at all: no isolation,
        /// ICC or --internal drop, no IPv6 DNAT for published ports (docker-proxy still serves the [::] binding).
        /// </summary>
        public bool? Ip6tables { get; set; }

        /// <summary>Whether Docker programs ip6tables (or ip6 nftables) rules: <see cref="Ip6tables"/>, else on from Engine 27.</summary>
        public bool Ip6tablesEnabled => Ip6tables ?? Ip6tablesDefault(MajorVersion);

        /// <summary>The --ip6tables default of an engine major version: on from Engine 27, off (and experimental) before.</summary>
        public static bool Ip6tablesDefault(int majorVersion) => majorVersion >= 27;

        public string OperatingSystem { get; set; } = "linux";

        /// <summary>
        /// dockerd --dns (daemon.json "dns"): the servers every container's DNS goes to unless it has its own --dns. Empty
        /// when not set (the host's resolvers are used); null when the backend could not read it (scenario key engine.dns).
        /// </summary>
        public System.Collections.Generic.List<System.Net.IPAddress>? Dns { get; set; } = new System.Collections.Generic.List<System.Net.IPAddress>();

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
