using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using DockerNetTools.Docker.Client;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Building
{
    /// <summary>
    /// Builds the core model from what the daemon said: a pure function of a <see cref="DaemonSnapshot"/>, so it runs
    /// the same on a live daemon and on recorded responses. Follows the scenario backend's conventions: host/none
    /// networks exist, host/none/container: containers have no endpoints of their own.
    /// </summary>
    public static class HostModelBuilder
    {
        /// <summary>An extra host is name=address (or the older name:address).</summary>
        private static readonly char[] ExtraHostSeparators = { '=', ':' };
        /// <summary>API 1.44 added EndpointSettings.DNSNames.</summary>
        private static readonly System.Version DnsNamesSince = new System.Version(1, 44);

        /// <summary>Up to API 1.44 the daemon put the container's short id into every endpoint's Aliases.</summary>
        private static readonly System.Version AliasesWithoutShortIdSince = new System.Version(1, 45);

        public static DockerHostModel Build(DaemonSnapshot snapshot)
        {
            var model = new DockerHostModel { Source = snapshot.Endpoint };
            model.Engine = BuildEngine(snapshot);
            model.Host.Hostname = snapshot.Info.Name ?? string.Empty;

            foreach (var network in snapshot.Networks.OrderBy(n => n.Created).ThenBy(n => n.Name, StringComparer.Ordinal))
                model.Networks.Add(BuildNetwork(network));

            var containers = snapshot.Containers.OrderBy(c => c.Created).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
            var namesById = containers.ToDictionary(c => c.ID, c => TrimName(c.Name), StringComparer.Ordinal);
            foreach (var container in containers)
                model.Containers.Add(BuildContainer(container, snapshot.ApiVersion, model, namesById));

            AddGatewayBridgeEndpoints(model, snapshot.Networks);
            FillMissingGateways(model);
            // After the gateways are known: host-gateway entries resolve to the default bridge's gateway.
            for (var i = 0; i < containers.Count; i++)
                AddExtraHosts(model.Containers[i], containers[i].HostConfig?.ExtraHosts, model);
            var defaultBridge = model.Networks.FirstOrDefault(n => n.IsDefaultBridge);
            if (defaultBridge != null) model.Engine.InterContainerCommunication = defaultBridge.IccEnabled;
            if (snapshot.Swarm != null) model.Swarm = SwarmModelBuilder.Build(snapshot.Swarm, model.Networks);
            return model;
        }

        private static EngineInfo BuildEngine(DaemonSnapshot snapshot)
        {
            var driver = snapshot.Info.FirewallBackend?.Driver ?? string.Empty;
            var engine = new EngineInfo
            {
                Version = FirstNonEmpty(snapshot.Version.Version, snapshot.Info.ServerVersion) ?? string.Empty,
                ApiVersion = ApiVersionNegotiator.Format(snapshot.ApiVersion),
                // /info FirewallBackend exists from API 1.48 ("iptables", "nftables", "iptables+firewalld"); older engines only know iptables.
                Firewall = driver.IndexOf("nftables", StringComparison.OrdinalIgnoreCase) >= 0 ? FirewallBackend.Nftables : FirewallBackend.Iptables,
                OperatingSystem = FirstNonEmpty(snapshot.Version.Os, snapshot.Info.OSType) ?? "linux",
            };
            engine.Ip6tables = Ip6tablesFromApi(engine.MajorVersion, snapshot.Info.ExperimentalBuild);
            return engine;
        }

        /// <summary>
        /// No API field says whether dockerd runs with --ip6tables. Before Engine 27 the option needs --experimental
        /// (dockerd refuses to start otherwise, moby#41622) and /info's ExperimentalBuild is that flag, so a
        /// non-experimental daemon certainly writes no IPv6 rules: false. Otherwise null, the version default (off before
        /// 27, on from 27, moby#47747), which the kernel look refines when this process is root on the Docker host
        /// (Kernel/Ip6tablesChains).
        /// </summary>
        internal static bool? Ip6tablesFromApi(int majorVersion, bool experimental) =>
            majorVersion > 0 && !EngineInfo.Ip6tablesDefault(majorVersion) && !experimental ? false : (bool?)null;

        /// <summary>
        /// A container on an overlay also has an endpoint on docker_gwbridge (its default route: "default via 172.18.0.1 dev
        /// eth2" in a swarm task on Engine 20.10.24), which its inspect leaves out: docker_gwbridge's own listing names it
        /// (as gateway_&lt;id&gt;, keyed by the container id), and that is where it is read from.
        /// </summary>
        private static void AddGatewayBridgeEndpoints(DockerHostModel model, IReadOnlyList<NetworkResponse> networks)
        {
            var gwbridge = networks.FirstOrDefault(n => string.Equals(n.Name, GatewayBridgeName, StringComparison.Ordinal));
            if (gwbridge?.Containers == null) return;
            var network = model.FindNetwork(GatewayBridgeName);
            foreach (var pair in gwbridge.Containers)
            {
                var container = model.Containers.FirstOrDefault(c => string.Equals(c.Id, pair.Key, StringComparison.Ordinal));
                if (container == null || container.EndpointOn(GatewayBridgeName) != null || pair.Value == null) continue;
                var endpoint = new EndpointInfo
                {
                    NetworkName = GatewayBridgeName,
                    NetworkId = gwbridge.ID ?? string.Empty,
                    EndpointId = pair.Value.EndpointID ?? string.Empty,
                    MacAddress = string.IsNullOrEmpty(pair.Value.MacAddress) ? null : pair.Value.MacAddress,
                    Gateway = network?.Gateway,
                };
                var cidr = pair.Value.IPv4Address ?? string.Empty;
                var slash = cidr.IndexOf('/');
                if (slash > 0 && AddressText.TryParseIPv4(cidr.Substring(0, slash), out var address))
                {
                    endpoint.IPAddress = address;
                    endpoint.PrefixLength = int.Parse(cidr.Substring(slash + 1), System.Globalization.CultureInfo.InvariantCulture);
                }
                container.Endpoints.Add(endpoint);
            }
        }

        private const string GatewayBridgeName = "docker_gwbridge";

        private static NetworkInfo BuildNetwork(NetworkResponse network)
        {
            var info = new NetworkInfo
            {
                Name = network.Name ?? string.Empty,
                Id = network.ID ?? string.Empty,
                Driver = string.IsNullOrEmpty(network.Driver) ? "null" : network.Driver,
                Scope = network.Scope ?? "local",
                Internal = network.Internal,
                Attachable = network.Attachable,
                Ingress = network.Ingress,
            };
            if (network.Options != null)
                foreach (var option in network.Options) info.Options[option.Key] = option.Value ?? string.Empty;
            if (network.Labels != null)
                foreach (var label in network.Labels) info.Labels[label.Key] = label.Value ?? string.Empty;

            if (info.IsOverlay)
            {
                // vxlanid_list holds one id per subnet ("4097" or "4097,4098"); the first is the IPv4 subnet's.
                var vxlan = Option(info, NetworkInfo.VxlanIdOption)?.Split(',')[0];
                if (int.TryParse(vxlan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var vni)) info.Vni = vni;
                info.Encrypted = info.Options.ContainsKey(NetworkInfo.EncryptedOption);
            }

            // The daemon's own default-bridge options are on the bridge network: read them rather than assume docker0/ICC on.
            info.IsDefaultBridge = info.IsBridge && IsTrue(Option(info, NetworkInfo.DefaultBridgeOption));
            var icc = Option(info, NetworkInfo.IccOption);
            info.IccEnabled = icc == null || !IsFalse(icc);
            if (info.IsBridge)
                info.BridgeName = Option(info, NetworkInfo.BridgeNameOption) is { Length: > 0 } bridgeName
                    ? bridgeName
                    : info.IsDefaultBridge ? "docker0" : "br-" + Short(info.Id);

            var ipv4 = network.IPAM?.Config?.FirstOrDefault(c => IPv4Subnet.TryParse(c.Subnet, out _));
            if (ipv4 != null)
            {
                info.Subnet = IPv4Subnet.Parse(ipv4.Subnet);
                info.Gateway = ParseIPv4(ipv4.Gateway);
            }
            // docker network create --ipv6 --subnet fd00:61::/64: the IPv6 entry of the IPAM config. Engine 20.10 leaves its
            // Gateway empty unless --gateway named one (the daemon still gives the bridge the subnet's first address).
            var ipv6 = network.EnableIPv6 ? network.IPAM?.Config?.FirstOrDefault(c => IPv6Subnet.TryParse(c.Subnet, out _)) : null;
            if (ipv6 != null)
            {
                info.Subnet6 = IPv6Subnet.Parse(ipv6.Subnet);
                info.Gateway6 = ParseIPv6(ipv6.Gateway);
            }
            return info;
        }

        private static ContainerInfo BuildContainer(ContainerInspectResponse inspect, System.Version apiVersion, DockerHostModel model,
            IReadOnlyDictionary<string, string> namesById)
        {
            var container = new ContainerInfo
            {
                Name = TrimName(inspect.Name),
                Id = inspect.ID ?? string.Empty,
                Image = inspect.Config?.Image ?? inspect.Image ?? string.Empty,
                Hostname = inspect.Config?.Hostname ?? string.Empty,
                State = StateOf(inspect.State),
            };
            container.Pid = container.IsRunning && inspect.State != null ? (int)inspect.State.Pid : 0;
            container.NetworkMode = NetworkModeOf(inspect.HostConfig?.NetworkMode, model, namesById);
            // `docker network disconnect none c && docker network connect net c` leaves HostConfig.NetworkMode at "none"
            // (also across restarts, Engine 20.10 to 28): the container's networks, not its create-time mode, say where it is.
            if (container.NetworkMode.Kind == NetworkModeKind.None)
            {
                var joined = RealNetworks(inspect, model).FirstOrDefault();
                if (joined != null) container.NetworkMode = joined.IsDefaultBridge ? NetworkMode.Default : new NetworkMode(NetworkModeKind.Network, joined.Name);
            }

            var ownsEndpoints = container.NetworkMode.Kind == NetworkModeKind.Bridge || container.NetworkMode.Kind == NetworkModeKind.Network;
            if (ownsEndpoints && inspect.NetworkSettings?.Networks != null)
            {
                foreach (var pair in inspect.NetworkSettings.Networks)
                {
                    var network = NetworkOf(pair, model);
                    // Docker lists the host/none pseudo-networks here too; the convention is: no endpoint for them.
                    if (IsPseudoNetwork(network)) continue;
                    container.Endpoints.Add(BuildEndpoint(pair.Key, pair.Value ?? new EndpointSettings(), network, container, apiVersion));
                }
            }

            if (inspect.Config?.Labels != null)
                foreach (var label in inspect.Config.Labels) container.Labels[label.Key] = label.Value ?? string.Empty;
            AddPorts(container, inspect);
            AddLinks(container, inspect.HostConfig?.Links);
            foreach (var server in inspect.HostConfig?.DNS ?? new List<string>())
            {
                if (IPAddress.TryParse(server, out var address)) container.Dns.Add(address);
            }
            return container;
        }

        private static NetworkInfo? NetworkOf(KeyValuePair<string, EndpointSettings> pair, DockerHostModel model) =>
            model.FindNetwork(pair.Value?.NetworkID ?? string.Empty) ?? model.FindNetwork(pair.Key);

        private static bool IsPseudoNetwork(NetworkInfo? network) => network != null && (network.Driver == "host" || network.Driver == "null");

        /// <summary>The networks the container is attached to, other than the host/none pseudo-networks, in the daemon's order.</summary>
        private static IEnumerable<NetworkInfo> RealNetworks(ContainerInspectResponse inspect, DockerHostModel model) =>
            (inspect.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
                .Select(pair => NetworkOf(pair, model))
                .Where(network => network != null && !IsPseudoNetwork(network))
                .Select(network => network!);

        private static EndpointInfo BuildEndpoint(string networkName, EndpointSettings settings, NetworkInfo? network, ContainerInfo container, System.Version apiVersion)
        {
            var endpoint = new EndpointInfo
            {
                NetworkName = network?.Name ?? networkName,
                NetworkId = FirstNonEmpty(settings.NetworkID, network?.Id) ?? string.Empty,
                EndpointId = settings.EndpointID ?? string.Empty,
                IPAddress = ParseIPv4(settings.IPAddress),
                PrefixLength = (int)settings.IPPrefixLen,
                Gateway = ParseIPv4(settings.Gateway),
                IPv6Address = ParseIP(settings.GlobalIPv6Address),
                IPv6PrefixLength = (int)settings.GlobalIPv6PrefixLen,
                IPv6Gateway = ParseIPv6(settings.IPv6Gateway),
                MacAddress = string.IsNullOrEmpty(settings.MacAddress) ? null : settings.MacAddress.ToLowerInvariant(),
            };

            foreach (var alias in settings.Aliases ?? Array.Empty<string>())
            {
                // Before API 1.45 the daemon added the short id to the aliases itself; the model keeps what the user configured.
                if (apiVersion < AliasesWithoutShortIdSince && IsOwnId(alias, container.Id)) continue;
                if (!endpoint.Aliases.Contains(alias, StringComparer.Ordinal)) endpoint.Aliases.Add(alias);
            }

            if (apiVersion >= DnsNamesSince && settings.DNSNames != null)
            {
                endpoint.DnsNames.AddRange(settings.DNSNames.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal));
            }
            else if (network == null || network.HasEmbeddedDns)
            {
                // What older daemons register with the embedded DNS: the name, the aliases and the short id.
                foreach (var name in new[] { container.Name }.Concat(endpoint.Aliases).Concat(new[] { container.ShortId }))
                    if (!string.IsNullOrEmpty(name) && !endpoint.DnsNames.Contains(name, StringComparer.Ordinal)) endpoint.DnsNames.Add(name);
            }
            return endpoint;
        }

        /// <summary>
        /// HostConfig.PortBindings is what was asked for (HostIp "" = every address); an empty HostPort is an
        /// ephemeral port whose number only NetworkSettings.Ports knows while the container runs. -P adds
        /// bindings that exist only in NetworkSettings.Ports.
        /// </summary>
        private static void AddPorts(ContainerInfo container, ContainerInspectResponse inspect)
        {
            var configured = inspect.HostConfig?.PortBindings ?? new Dictionary<string, IList<global::Docker.DotNet.Models.PortBinding>>();
            var applied = inspect.NetworkSettings?.Ports ?? new Dictionary<string, IList<global::Docker.DotNet.Models.PortBinding>>();

            foreach (var pair in configured.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!TryParsePortKey(pair.Key, out var containerPort, out var protocol)) continue;
                foreach (var binding in pair.Value ?? Array.Empty<global::Docker.DotNet.Models.PortBinding>())
                {
                    var hostIp = binding.HostIP ?? string.Empty;
                    var hostPort = ParsePort(binding.HostPort);
                    if (hostPort == 0 && applied.TryGetValue(pair.Key, out var actual) && actual != null)
                    {
                        var match = actual.FirstOrDefault(a => SameHostIp(a.HostIP, hostIp));
                        hostPort = ParsePort(match?.HostPort);
                    }
                    // An ephemeral port of a stopped container has no number yet: nothing is held on the host.
                    if (hostPort == 0) continue;
                    container.Ports.Add(new Model.PortBinding(containerPort, protocol, hostIp, hostPort));
                }
            }

            foreach (var pair in applied.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (configured.ContainsKey(pair.Key) || pair.Value == null) continue;
                if (!TryParsePortKey(pair.Key, out var containerPort, out var protocol)) continue;
                foreach (var group in pair.Value.GroupBy(b => ParsePort(b.HostPort)))
                {
                    if (group.Key == 0) continue;
                    var addresses = group.Select(b => b.HostIP ?? string.Empty).Distinct().ToList();
                    // The daemon reports a wildcard binding twice, as 0.0.0.0 and ::; the model says "" for "every address".
                    if (addresses.Any(IsWildcard))
                        container.Ports.Add(new Model.PortBinding(containerPort, protocol, string.Empty, group.Key));
                    foreach (var address in addresses.Where(a => !IsWildcard(a)))
                        container.Ports.Add(new Model.PortBinding(containerPort, protocol, address, group.Key));
                }
            }
        }

        /// <summary>HostConfig.Links entries look like "/target:/source/alias".</summary>
        private static void AddLinks(ContainerInfo container, IList<string>? links)
        {
            if (links == null) return;
            foreach (var link in links)
            {
                var colon = link.IndexOf(':');
                var target = TrimName(colon < 0 ? link : link.Substring(0, colon));
                var aliasPath = colon < 0 ? target : link.Substring(colon + 1);
                var alias = aliasPath.Substring(aliasPath.LastIndexOf('/') + 1);
                if (target.Length == 0) continue;
                container.Links.Add(new ContainerLink(target, alias.Length == 0 ? target : alias));
            }
        }

        /// <summary>--add-host "name:ip" (newer CLIs also send "name=ip"); host-gateway becomes the default bridge's gateway, as the daemon does.</summary>
        private static void AddExtraHosts(ContainerInfo container, IList<string>? extraHosts, DockerHostModel model)
        {
            if (extraHosts == null) return;
            foreach (var entry in extraHosts)
            {
                var separator = entry.IndexOfAny(ExtraHostSeparators);
                if (separator <= 0) continue;
                var hostname = entry.Substring(0, separator);
                var value = entry.Substring(separator + 1).Trim('[', ']');
                IPAddress? address;
                if (string.Equals(value, "host-gateway", StringComparison.Ordinal))
                    address = model.Networks.FirstOrDefault(n => n.IsDefaultBridge)?.Gateway;
                else
                    address = ParseIP(value);
                if (address != null) container.ExtraHosts.Add(new HostsEntry(hostname, address));
            }
        }

        /// <summary>
        /// Old daemons leave the default bridge's IPAM Gateway empty: take it from an endpoint on it, else the
        /// subnet's first address, which is what the daemon assigns.
        /// </summary>
        private static void FillMissingGateways(DockerHostModel model)
        {
            foreach (var network in model.Networks.Where(n => n.Gateway == null && n.Subnet != null && n.IsBridge))
                network.Gateway = GatewayFromEndpoints(model, network.Name) ?? network.Subnet!.Value.AddressAt(1);
            foreach (var network in model.Networks.Where(n => n.Gateway6 == null && n.Subnet6 != null && n.IsBridge))
                network.Gateway6 = model.Containers.SelectMany(c => c.Endpoints)
                                       .Where(e => string.Equals(e.NetworkName, network.Name, StringComparison.Ordinal) && e.IPv6Gateway != null)
                                       .Select(e => e.IPv6Gateway).FirstOrDefault()
                                   ?? network.Subnet6!.Value.AddressAt(1);
        }

        private static IPAddress? GatewayFromEndpoints(DockerHostModel model, string networkName) =>
            model.Containers.SelectMany(c => c.Endpoints)
                .Where(e => string.Equals(e.NetworkName, networkName, StringComparison.Ordinal) && e.Gateway != null)
                .Select(e => e.Gateway)
                .FirstOrDefault();

        private static NetworkMode NetworkModeOf(string? text, DockerHostModel model, IReadOnlyDictionary<string, string> namesById)
        {
            var mode = NetworkMode.Parse(text);
            switch (mode.Kind)
            {
                case NetworkModeKind.Container:
                    // The daemon stores container:<full id>; name it the way the user would.
                    var target = mode.Target ?? string.Empty;
                    var name = namesById.FirstOrDefault(p => p.Key.StartsWith(target, StringComparison.Ordinal) && target.Length > 0).Value
                               ?? (namesById.Values.Contains(TrimName(target)) ? TrimName(target) : target);
                    return new NetworkMode(NetworkModeKind.Container, name);
                case NetworkModeKind.Network:
                    // A network given by id, or a user-defined network named "bridge"-like: resolve to its name.
                    var network = model.FindNetwork(mode.Target ?? string.Empty);
                    if (network != null && network.IsDefaultBridge) return NetworkMode.Default;
                    return network == null ? mode : new NetworkMode(NetworkModeKind.Network, network.Name);
                default:
                    return mode;
            }
        }

        private static ContainerState StateOf(State? state)
        {
            switch (state?.Status?.ToLowerInvariant())
            {
                case "created": return ContainerState.Created;
                case "running": return ContainerState.Running;
                case "paused": return ContainerState.Paused;
                case "restarting": return ContainerState.Restarting;
                case "removing": return ContainerState.Removing;
                case "dead": return ContainerState.Dead;
                case "exited": return ContainerState.Exited;
            }
            if (state == null) return ContainerState.Created;
            if (state.Paused) return ContainerState.Paused;
            if (state.Restarting) return ContainerState.Restarting;
            if (state.Running) return ContainerState.Running;
            return state.Dead ? ContainerState.Dead : ContainerState.Exited;
        }

        internal static bool TryParsePortKey(string key, out int port, out TransportProtocol protocol)
        {
            protocol = TransportProtocol.Tcp;
            var slash = key.IndexOf('/');
            var number = slash < 0 ? key : key.Substring(0, slash);
            var name = slash < 0 ? "tcp" : key.Substring(slash + 1);
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port <= 0 || port > 65535) return false;
            switch (name.ToLowerInvariant())
            {
                case "tcp": protocol = TransportProtocol.Tcp; return true;
                case "udp": protocol = TransportProtocol.Udp; return true;
                case "sctp": protocol = TransportProtocol.Sctp; return true;
                default: return false;
            }
        }

        private static int ParsePort(string? text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0 && port <= 65535 ? port : 0;

        private static bool IsWildcard(string? hostIp) => string.IsNullOrEmpty(hostIp) || hostIp == "0.0.0.0" || hostIp == "::";

        private static bool SameHostIp(string? applied, string configured) =>
            string.IsNullOrEmpty(configured) ? IsWildcard(applied) : string.Equals(applied, configured, StringComparison.OrdinalIgnoreCase);

        private static bool IsOwnId(string alias, string id) =>
            alias.Length >= 12 && id.StartsWith(alias, StringComparison.OrdinalIgnoreCase);

        private static string? Option(NetworkInfo network, string key) => network.Options.TryGetValue(key, out var value) ? value : null;

        private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

        private static bool IsFalse(string? value) => string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) || value == "0";

        private static string TrimName(string? name) => (name ?? string.Empty).TrimStart('/');

        private static string Short(string id) => id.Length > 12 ? id.Substring(0, 12) : id;

        private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v));

        private static IPAddress? ParseIP(string? text) =>
            !string.IsNullOrEmpty(text) && IPAddress.TryParse(text, out var address) ? address : null;

        private static IPAddress? ParseIPv6(string? text) =>
            ParseIP(text) is IPAddress address && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? address : null;

        private static IPAddress? ParseIPv4(string? text)
        {
            var address = ParseIP(text);
            return address != null && address.AddressFamily == AddressFamily.InterNetwork ? address : null;
        }
    }
}
