using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    internal enum TargetKind
    {
        /// <summary>A container (by name, or the owner of an address).</summary>
        Container,
        /// <summary>The host: a bridge gateway, a host address, or a host-mode container.</summary>
        Host,
        /// <summary>The source's own loopback (127.0.0.0/8, ::1, localhost).</summary>
        Loopback,
        /// <summary>An address inside a Docker network's subnet that nothing holds.</summary>
        UnusedAddress,
        /// <summary>An address outside every Docker network and the host.</summary>
        Outside,
    }

    /// <summary>Where the destination the user typed really is.</summary>
    internal sealed class DestinationTarget
    {
        private DestinationTarget(TargetKind kind)
        {
            Kind = kind;
        }

        public TargetKind Kind { get; private set; }

        /// <summary>The container asked for (may share another's namespace, or the host's).</summary>
        public ContainerInfo? Container { get; private set; }

        /// <summary>A fixed address (given as an IP or resolved from a name); null lets the analysis pick per network.</summary>
        public IPAddress? Address { get; private set; }

        /// <summary>The endpoint holding <see cref="Address"/>, when a container does.</summary>
        public EndpointInfo? Endpoint { get; private set; }

        /// <summary>The network whose gateway or subnet the address belongs to.</summary>
        public NetworkInfo? Network { get; private set; }

        /// <summary>How a name was turned into the address, for the reason ("alias sqll on bridgetest via 127.0.0.11").</summary>
        public string? ResolvedVia { get; private set; }

        public static DestinationTarget ForContainer(ContainerInfo container, IPAddress? address = null, EndpointInfo? endpoint = null) =>
            new DestinationTarget(TargetKind.Container) { Container = container, Address = address, Endpoint = endpoint };

        public static DestinationTarget ForHost(IPAddress? address, NetworkInfo? network, ContainerInfo? hostModeContainer = null) =>
            new DestinationTarget(TargetKind.Host) { Address = address, Network = network, Container = hostModeContainer };

        public static DestinationTarget ForLoopback(IPAddress address) => new DestinationTarget(TargetKind.Loopback) { Address = address };

        public static DestinationTarget ForUnused(IPAddress address, NetworkInfo network) =>
            new DestinationTarget(TargetKind.UnusedAddress) { Address = address, Network = network };

        public static DestinationTarget ForOutside(IPAddress address) => new DestinationTarget(TargetKind.Outside) { Address = address };

        /// <summary>A container whose name is the name that was resolved, when the answer is another container (an alias shadows it).</summary>
        public ContainerInfo? ShadowedContainer { get; private set; }

        public DestinationTarget WithResolution(string via, ContainerInfo? namedContainer = null)
        {
            ResolvedVia = via;
            ShadowedContainer = namedContainer;
            NameResolves = true;
            return this;
        }

        /// <summary>Whether the name the user typed resolves from the source; null when an address was typed.</summary>
        public bool? NameResolves { get; private set; }

        /// <summary>Why the name does not resolve from the source and what would make it (the DNS analysis's answer), when it does not.</summary>
        public NameLookup? NameMiss { get; private set; }

        public DestinationTarget Named(bool resolves)
        {
            NameResolves = resolves;
            return this;
        }

        public DestinationTarget Unresolved(NameLookup miss)
        {
            NameResolves = false;
            NameMiss = miss;
            return this;
        }
    }
}
