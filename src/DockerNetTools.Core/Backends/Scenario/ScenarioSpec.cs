using System.Collections.Generic;
using System.Net;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    // What the YAML says, with the positions needed for errors found later; every value here is already well-formed
    // (formats checked while reading). Cross-references and derivation happen in ScenarioBuilder.

    internal sealed class ScenarioSpec
    {
        public string? Name { get; set; }
        public string? Description { get; set; }
        public EngineInfo Engine { get; } = new EngineInfo();
        public HostSpec Host { get; } = new HostSpec();
        public List<NetworkSpec> Networks { get; } = new List<NetworkSpec>();
        public List<ContainerSpec> Containers { get; } = new List<ContainerSpec>();

        /// <summary>The swarm keys (nodes, services); null when the scenario has none.</summary>
        public SwarmSpec? Swarm { get; set; }
    }

    internal sealed class HostSpec
    {
        public string Hostname { get; set; } = "dockerhost";
        public List<IPAddress> Addresses { get; } = new List<IPAddress>();
        public string Uplink { get; set; } = "eth0";
        public int? UplinkIfIndex { get; set; }
        public string? UplinkMac { get; set; }
        public List<HostInterfaceInfo> Interfaces { get; } = new List<HostInterfaceInfo>();
        public List<SourcePos> InterfacePositions { get; } = new List<SourcePos>();
        public List<SocketSpec> Listeners { get; } = new List<SocketSpec>();
        public bool? Sctp { get; set; }
        public List<HostRoute>? Routes { get; set; }
        public bool? Forwarding { get; set; }
        public bool? Forwarding6 { get; set; }
        public bool? BridgeNfCall { get; set; }
        public bool? BridgeNfCall6 { get; set; }
        public List<IPAddress>? Resolvers { get; set; }
        public FirewallRuleset? Firewall { get; set; }
        public FirewallRuleset? Firewall6 { get; set; }
        public List<NamespaceSpec> Namespaces { get; } = new List<NamespaceSpec>();
    }

    /// <summary>One item of host.namespaces, read; its peers are checked against host.interfaces by the builder.</summary>
    internal sealed class NamespaceSpec
    {
        /// <summary>The name a namespace only a process holds goes by: "pid 4242".</summary>
        public const string ProcessPrefix = "pid ";

        public HostNamespace Namespace { get; } = new HostNamespace();
        public SourcePos At { get; set; }

        /// <summary>Where each interface's peer was given (the interface's own position when it has none), in interface order.</summary>
        public List<SourcePos> PeerPositions { get; } = new List<SourcePos>();
    }

    internal sealed class NetworkSpec
    {
        public string Name { get; set; } = string.Empty;
        public SourcePos At { get; set; }
        public string? Driver { get; set; }
        public SourcePos DriverAt { get; set; }
        public string? Id { get; set; }
        public IPv4Subnet? Subnet { get; set; }
        public SourcePos SubnetAt { get; set; }
        public IPAddress? Gateway { get; set; }
        public SourcePos GatewayAt { get; set; }

        /// <summary>IPv4 subnets after the first (drivers other than bridge): reserved and overlap-checked; addresses come from the first.</summary>
        public List<(IPv4Subnet Subnet, SourcePos At)> MoreSubnets { get; } = new List<(IPv4Subnet, SourcePos)>();
        public IPv6Subnet? Subnet6 { get; set; }
        public SourcePos Subnet6At { get; set; }
        public IPAddress? Gateway6 { get; set; }
        public SourcePos Gateway6At { get; set; }
        public string? BridgeName { get; set; }
        public int? BridgeIfIndex { get; set; }
        public string? BridgeMac { get; set; }
        public bool? Internal { get; set; }
        public bool? Icc { get; set; }
        public string? Parent { get; set; }
        public int? Vni { get; set; }
        public bool? Encrypted { get; set; }
        public bool? Attachable { get; set; }
        public bool? Ingress { get; set; }
        public List<KeyValuePair<string, string>> Options { get; } = new List<KeyValuePair<string, string>>();
        public List<KeyValuePair<string, string>> Labels { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>Keys given, for the checks on the built-in host/none/bridge networks.</summary>
        public List<(string Key, SourcePos At)> Keys { get; } = new List<(string, SourcePos)>();
    }

    internal sealed class ContainerSpec
    {
        public string Name { get; set; } = string.Empty;
        public SourcePos At { get; set; }
        public string? Id { get; set; }
        public string Image { get; set; } = string.Empty;
        public string? Hostname { get; set; }
        public SourcePos HostnameAt { get; set; }
        public ContainerState State { get; set; } = ContainerState.Running;
        public int Pid { get; set; }
        public NetworkMode Mode { get; set; } = NetworkMode.Default;
        public SourcePos ModeAt { get; set; }

        /// <summary>`docker network disconnect` from the network-mode network: no endpoint there (others may remain).</summary>
        public bool Disconnected { get; set; }
        public SourcePos DisconnectedAt { get; set; }

        /// <summary>The network-mode endpoint (container-level ip/mac/aliases) first, then the `networks:` items.</summary>
        public List<EndpointSpec> Endpoints { get; } = new List<EndpointSpec>();

        public List<(ContainerLink Link, SourcePos At)> Links { get; } = new List<(ContainerLink, SourcePos)>();
        public List<(PortBinding Binding, SourcePos At)> Ports { get; } = new List<(PortBinding, SourcePos)>();
        public SourcePos PublishAt { get; set; }
        public List<(string Name, IPAddress? Address, SourcePos At)> ExtraHosts { get; } = new List<(string, IPAddress?, SourcePos)>();
        public SourcePos ExtraHostsAt { get; set; }

        /// <summary>docker run --dns: the container's own nameservers.</summary>
        public List<IPAddress> Dns { get; } = new List<IPAddress>();
        public SourcePos DnsAt { get; set; }
        public bool SocketsDeclared { get; set; }

        /// <summary>The sockets are assumptions (a compose service's ports and expose), see <see cref="ContainerInfo.SocketsAssumed"/>.</summary>
        public bool SocketsAssumed { get; set; }
        public SourcePos SocketsAt { get; set; }
        public List<SocketSpec> Sockets { get; } = new List<SocketSpec>();

        /// <summary>Config.Labels (Compose's project, service, container-number, oneoff among them).</summary>
        public List<KeyValuePair<string, string>> Labels { get; } = new List<KeyValuePair<string, string>>();
    }

    internal sealed class EndpointSpec
    {
        public string Network { get; set; } = string.Empty;
        public SourcePos At { get; set; }

        /// <summary>True for the endpoint that comes from the container-level keys (the network mode's network).</summary>
        public bool IsPrimary { get; set; }
        public IPAddress? IPAddress { get; set; }
        public SourcePos IPAt { get; set; }
        public IPAddress? IPv6Address { get; set; }
        public SourcePos IPv6At { get; set; }
        public string? Mac { get; set; }
        public SourcePos MacAt { get; set; }
        public List<string> Aliases { get; } = new List<string>();
        public SourcePos AliasesAt { get; set; }
        public List<string>? DnsNames { get; set; }
        public string? Veth { get; set; }
        public SourcePos VethAt { get; set; }
        public string? VethMac { get; set; }
        public string? Interface { get; set; }
        public SourcePos InterfaceAt { get; set; }
        public int? IfIndex { get; set; }
        public SourcePos IfIndexAt { get; set; }
        public int? HostIfIndex { get; set; }
        public SourcePos HostIfIndexAt { get; set; }
        public string? EndpointId { get; set; }
    }

    internal sealed class SocketSpec
    {
        public SocketEntry Entry { get; set; } = new SocketEntry();
        public SourcePos At { get; set; }
    }
}
