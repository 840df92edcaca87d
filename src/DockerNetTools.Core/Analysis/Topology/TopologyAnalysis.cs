using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Analysis.Reachability;
using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Topology
{
    /// <summary>
    /// The veth/bridge map of a host: which networks exist with which containers on them, and, per container,
    /// which interfaces it sees and where each one comes out on the host.
    /// </summary>
    public static class TopologyAnalysis
    {
        private const string HostDriver = "host";
        private const string NullDriver = "null";

        /// <summary>The network with its running containers (as `docker network inspect` lists them), in address order.</summary>
        public static NetworkTopology Describe(DockerHostModel model, NetworkInfo network)
        {
            var attached = new List<(uint Order, AttachedContainer Container)>();
            foreach (var container in model.Containers.Where(c => c.IsRunning))
            {
                var endpoint = container.EndpointOn(network.Name);
                if (endpoint != null)
                {
                    attached.Add((endpoint.IPAddress is { } ip && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPv4Subnet.ToUInt32(ip) : uint.MaxValue,
                        new AttachedContainer(container.Name, WithPrefix(endpoint, network), endpoint.IPv6Address, endpoint.MacAddress,
                            endpoint.Aliases.ToList(), endpoint.HostVeth)
                        {
                            Project = container.ComposeProject,
                            Service = container.ComposeService,
                            Interface = endpoint.InterfaceName ?? "eth" + container.Endpoints.IndexOf(endpoint).ToString(CultureInfo.InvariantCulture),
                            PublishedPortBindings = PortsOn(model, container, endpoint),
                        }));
                }
                else if (SharesWholeNamespace(container, network))
                {
                    // docker network inspect host/none lists these containers, without an address.
                    attached.Add((uint.MaxValue, new AttachedContainer(container.Name, null, null, null, Array.Empty<string>(), null)
                        { Project = container.ComposeProject, Service = container.ComposeService }));
                }
            }

            var containers = attached
                .OrderBy(a => a.Order)
                .ThenBy(a => a.Container.Name, StringComparer.Ordinal)
                .Select(a => a.Container)
                .ToList();
            return new NetworkTopology(network.Name, network.Id, network.Driver, network.BridgeName, network.Subnet?.ToString(),
                network.Gateway, network.Internal, network.IccEnabled, containers)
            {
                Uplink = network.IsBridge && !network.Internal ? UplinkOf(model) : null,
                Project = network.ComposeProject,
                Projects = new[] { network.ComposeProject }.Concat(containers.Select(c => c.Project))
                    .Where(p => p != null).Select(p => p!).Distinct(StringComparer.Ordinal).ToList(),
            };
        }

        /// <summary>
        /// The interfaces <paramref name="container"/> sees, one per row: its endpoints (eth0, eth1, …) with their veth and bridge;
        /// lo only for none; one row saying so for host; for container:&lt;x&gt; the interfaces of x's namespace.
        /// </summary>
        public static IReadOnlyList<ContainerInterface> Interfaces(DockerHostModel model, ContainerInfo container)
        {
            var rows = InterfacesOf(model, container);
            foreach (var row in rows)
            {
                row.Project = container.ComposeProject;
                row.Service = container.ComposeService;
            }
            return rows;
        }

        private static IReadOnlyList<ContainerInterface> InterfacesOf(DockerHostModel model, ContainerInfo container)
        {
            var mode = container.NetworkMode.ToString();
            if (container.NetworkMode.Kind != NetworkModeKind.Container)
                return OwnInterfaces(model, container, container.Name, mode, sharedWith: null, sharePrefix: null);

            var owner = model.NamespaceOwner(container);
            if (owner == null)
            {
                return new[]
                {
                    Row(container.Name, null, mode, null, null, null, null, null,
                        "shares missing " + container.NetworkMode.Target + "'s namespace"),
                };
            }
            if (!container.IsRunning) return new[] { NotRunningRow(container, mode, null) };
            return OwnInterfaces(model, owner, container.Name, mode, owner.Name, "shares " + owner.Name + "'s namespace");
        }

        // The rows of the namespace that `owner` created, labelled as seen from `asked`.
        private static IReadOnlyList<ContainerInterface> OwnInterfaces(DockerHostModel model, ContainerInfo owner, string asked, string mode,
            string? sharedWith, string? sharePrefix)
        {
            string Note(string? own) => sharePrefix == null ? own ?? string.Empty : own == null ? sharePrefix : sharePrefix + "; " + own;
            string? NoteOrNull(string? own) => sharePrefix == null && own == null ? null : Note(own);

            switch (owner.NetworkMode.Kind)
            {
                case NetworkModeKind.Host:
                    return new[]
                    {
                        new ContainerInterface(asked, HostDriver, mode, null, null, null, null, null, null, null, null, null, null, sharedWith,
                            Note(owner.IsRunning ? "shares the host's interfaces" : StateText(owner) + "; host's interfaces when running")),
                    };
                case NetworkModeKind.None:
                    if (!owner.IsRunning) return new[] { NotRunningRow(owner, mode, "none", asked, sharedWith, sharePrefix) };
                    return new[]
                    {
                        new ContainerInterface(asked, "none", mode, "lo", 1, null, null, null, IPAddress.Loopback, 8, null, null, null, sharedWith,
                            Note("loopback only (network none)")),
                    };
            }

            if (!owner.IsRunning)
            {
                var networks = owner.Endpoints.Count == 0 ? new string?[] { null } : owner.Endpoints.Select(e => (string?)e.NetworkName).ToArray();
                return networks.Select(n => NotRunningRow(owner, mode, n, asked, sharedWith, sharePrefix)).ToList();
            }
            if (owner.Endpoints.Count == 0)
                return new[] { Row(asked, null, mode, null, null, null, sharedWith, null, Note("attached to no network")) };

            var rows = new List<ContainerInterface>();
            for (var i = 0; i < owner.Endpoints.Count; i++)
            {
                var endpoint = owner.Endpoints[i];
                var network = model.FindNetwork(endpoint.NetworkName);
                string? bridge = null;
                string? own = null;
                if (network != null && network.IsBridge) bridge = network.BridgeName;
                else if (network != null && network.IsMacvlan)
                {
                    network.Options.TryGetValue(NetworkInfo.MacvlanParentOption, out var parent);
                    own = network.Driver + " on " + (parent ?? "the uplink") + ": no veth, no bridge";
                }
                rows.Add(new ContainerInterface(
                    asked,
                    endpoint.NetworkName,
                    mode,
                    endpoint.InterfaceName ?? "eth" + i,
                    Positive(endpoint.IfIndex),
                    Positive(endpoint.HostIfIndex),
                    endpoint.HostVeth,
                    bridge,
                    endpoint.IPAddress,
                    endpoint.IPAddress == null ? (int?)null : PrefixOf(endpoint, network),
                    endpoint.IPv6Address,
                    endpoint.MacAddress,
                    endpoint.Gateway ?? network?.Gateway,
                    sharedWith,
                    NoteOrNull(own))
                {
                    PublishedPortBindings = PortsOn(model, owner, endpoint),
                });
            }
            return rows;
        }

        private static ContainerInterface NotRunningRow(ContainerInfo owner, string mode, string? network, string? asked = null,
            string? sharedWith = null, string? sharePrefix = null)
        {
            var own = StateText(owner) + ": no namespace until started";
            return Row(asked ?? owner.Name, network, mode, null, null, null, sharedWith, null, sharePrefix == null ? own : sharePrefix + "; " + own);
        }

        private static ContainerInterface Row(string container, string? network, string mode, string? @interface, IPAddress? address,
            int? prefix, string? sharedWith, string? bridge, string note) =>
            new ContainerInterface(container, network, mode, @interface, null, null, null, bridge, address, prefix, null, null, null, sharedWith, note);

        // Docker programs a container's -p on one endpoint (EndpointOrder.PortMappingEndpoint): the ports belong there only.
        private static IReadOnlyList<PortBinding> PortsOn(DockerHostModel model, ContainerInfo container, EndpointInfo endpoint) =>
            container.Ports.Count > 0 && ReferenceEquals(EndpointOrder.PortMappingEndpoint(model, container.Endpoints), endpoint)
                ? container.Ports
                : (IReadOnlyList<PortBinding>)Array.Empty<PortBinding>();

        private static string UplinkOf(DockerHostModel model) =>
            model.Host.Routes?.FirstOrDefault(r => r.IsDefault && !r.IsIPv6)?.Interface ?? new HostRouting(model).Uplink;

        private static string StateText(ContainerInfo container) => container.State.ToString().ToLowerInvariant();

        private static bool SharesWholeNamespace(ContainerInfo container, NetworkInfo network) =>
            (container.NetworkMode.Kind == NetworkModeKind.Host && string.Equals(network.Driver, HostDriver, StringComparison.OrdinalIgnoreCase))
            || (container.NetworkMode.Kind == NetworkModeKind.None && string.Equals(network.Driver, NullDriver, StringComparison.OrdinalIgnoreCase));

        private static string? WithPrefix(EndpointInfo endpoint, NetworkInfo network) =>
            endpoint.IPAddress == null ? null : endpoint.IPAddress + "/" + PrefixOf(endpoint, network);

        private static int PrefixOf(EndpointInfo endpoint, NetworkInfo? network) =>
            endpoint.PrefixLength > 0 ? endpoint.PrefixLength : network?.Subnet?.PrefixLength ?? 32;

        private static int? Positive(int value) => value > 0 ? value : (int?)null;
    }
}
