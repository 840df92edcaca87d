namespace DockerNetTools.Analysis.Dns
{
    /// <summary>The DNS question type: A asks for IPv4 addresses, AAAA for IPv6 addresses.</summary>
    public enum RecordType
    {
        A,
        AAAA,
    }

    /// <summary>Where an answer came from: the container's /etc/hosts (read first, nsswitch "files dns") or Docker's embedded DNS server.</summary>
    public enum NameSource
    {
        HostsFile,
        EmbeddedDns,
    }

    /// <summary>Why a name maps to an address.</summary>
    public enum RecordKind
    {
        /// <summary>The container's name (registered in the embedded DNS on user-defined networks).</summary>
        ContainerName,
        /// <summary>A network-scoped alias (--network-alias), valid only on that network.</summary>
        Alias,
        /// <summary>The container's short id (12 hex), registered as an alias on user-defined networks.</summary>
        ShortId,
        /// <summary>A --link name or alias: an /etc/hosts line on the default bridge, an embedded-DNS alias on user-defined networks.</summary>
        Link,
        /// <summary>A container's hostname: its own /etc/hosts line, a linked container's, or (Engine 20.10+) an embedded-DNS name.</summary>
        Hostname,
        /// <summary>An --add-host entry.</summary>
        ExtraHost,
        /// <summary>localhost and the ip6-* loopback names Docker writes into every /etc/hosts.</summary>
        Localhost,
        /// <summary>A swarm service's name: its virtual IP (endpoint mode vip) or its tasks' addresses (dnsrr).</summary>
        Service,
        /// <summary>tasks.&lt;service&gt;: every running task's address, whatever the endpoint mode.</summary>
        ServiceTasks,
    }

    /// <summary>Why a name did not resolve; None when it did.</summary>
    public enum NameResolutionFailure
    {
        None,
        /// <summary>The asking container is not running: it has no network namespace to resolve from.</summary>
        AskerNotRunning,
        /// <summary>Nothing in the model has that name.</summary>
        NoSuchContainer,
        /// <summary>The name belongs to a container that is not running; Docker removed its DNS records.</summary>
        TargetNotRunning,
        /// <summary>The container exists but shares no user-defined network with the asker.</summary>
        NotOnSharedNetwork,
        /// <summary>The asker is only on the default bridge, which has no embedded DNS.</summary>
        NoEmbeddedDns,
        /// <summary>The target has no endpoint of its own (host, none or container: mode), so no record exists for it.</summary>
        TargetHasNoEndpoint,
        /// <summary>The asker uses network mode none: only loopback and localhost.</summary>
        AskerHasNoNetwork,
        /// <summary>The name is a hostname and the modelled engine (before 25) does not register hostnames in the embedded DNS.</summary>
        HostnameNotRegistered,
        /// <summary>The name exists but has no address of the asked type (AAAA without IPv6).</summary>
        NoAddressOfType,
        /// <summary>The question would go to the host's resolvers, outside Docker; the model cannot answer for them.</summary>
        OutsideModel,
        /// <summary>The name is a container id other than its 12-character short id (the full id, a longer or shorter prefix), which the embedded DNS does not register.</summary>
        IdNotRegistered,
        /// <summary>The name goes to servers outside Docker (upstream of the embedded DNS, or the container's resolv.conf), and none of them can be reached.</summary>
        UpstreamUnreachable,
    }
}
