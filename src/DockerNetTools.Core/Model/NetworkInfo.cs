using System;
using System.Collections.Generic;
using System.Net;

namespace DockerNetTools.Model
{
    /// <summary>One Docker network as `docker network inspect` would describe it.</summary>
    public sealed class NetworkInfo
    {
        public const string IccOption = "com.docker.network.bridge.enable_icc";
        public const string BridgeNameOption = "com.docker.network.bridge.name";
        public const string DefaultBridgeOption = "com.docker.network.bridge.default_bridge";
        public const string MacvlanParentOption = "parent";
        public const string VxlanIdOption = "com.docker.network.driver.overlay.vxlanid_list";
        public const string EncryptedOption = "encrypted";

        public string Name { get; set; } = string.Empty;
        public string Id { get; set; } = string.Empty;

        /// <summary>bridge, host, null, macvlan, ipvlan, overlay.</summary>
        public string Driver { get; set; } = "bridge";

        public string Scope { get; set; } = "local";

        /// <summary>IPv4 subnet (null for host/none networks).</summary>
        public IPv4Subnet? Subnet { get; set; }

        public IPAddress? Gateway { get; set; }

        /// <summary>IPv6 subnet of a network created with --ipv6 (IPAM config's IPv6 entry); null without IPv6.</summary>
        public IPv6Subnet? Subnet6 { get; set; }

        /// <summary>IPv6 gateway: the bridge's IPv6 address (Docker's default: the subnet's first address).</summary>
        public IPAddress? Gateway6 { get; set; }

        /// <summary>The Linux bridge device (docker0, br-&lt;id12&gt;) for bridge networks.</summary>
        public string? BridgeName { get; set; }

        /// <summary>docker network create --internal: no traffic leaves the network, published ports do not work.</summary>
        public bool Internal { get; set; }

        /// <summary>Inter-container communication (enable_icc, or dockerd --icc for the default bridge).</summary>
        public bool IccEnabled { get; set; } = true;

        /// <summary>True for Docker's default "bridge" network (docker0): no embedded DNS, legacy links.</summary>
        public bool IsDefaultBridge { get; set; }

        /// <summary>An overlay network's VXLAN id (com.docker.network.driver.overlay.vxlanid_list); null for other drivers or when not known.</summary>
        public int? Vni { get; set; }

        /// <summary>docker network create --opt encrypted: the overlay's VXLAN traffic between nodes goes in IPsec ESP.</summary>
        public bool Encrypted { get; set; }

        /// <summary>docker network create --attachable: standalone containers (docker run --network) may join the overlay.</summary>
        public bool Attachable { get; set; }

        /// <summary>The swarm's ingress network (the routing mesh of ingress-mode published ports).</summary>
        public bool Ingress { get; set; }

        public bool IsOverlay => string.Equals(Driver, "overlay", StringComparison.OrdinalIgnoreCase);

        public Dictionary<string, string> Options { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public Dictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The Compose project that created the network (label com.docker.compose.project); null when Compose did not.</summary>
        public string? ComposeProject => Labels.TryGetValue(ComposeLabels.Project, out var project) && project.Length > 0 ? project : null;

        public bool IsBridge => string.Equals(Driver, "bridge", StringComparison.OrdinalIgnoreCase);
        public bool IsMacvlan => string.Equals(Driver, "macvlan", StringComparison.OrdinalIgnoreCase)
                                 || string.Equals(Driver, "ipvlan", StringComparison.OrdinalIgnoreCase);

        /// <summary>User-defined networks get Docker's embedded DNS server (127.0.0.11).</summary>
        public bool HasEmbeddedDns => !IsDefaultBridge && (IsBridge || IsMacvlan || string.Equals(Driver, "overlay", StringComparison.OrdinalIgnoreCase));

        public override string ToString() => Name;
    }
}
