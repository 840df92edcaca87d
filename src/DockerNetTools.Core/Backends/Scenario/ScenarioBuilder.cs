using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>
    /// Turns a well-formed <see cref="ScenarioSpec"/> into the model: checks every cross-reference the way the daemon
    /// would have refused it, and derives what Docker derives (addresses, MACs, names, interfaces, indexes).
    /// </summary>
    internal sealed class ScenarioBuilder
    {
        // The daemon's own messages for network-mode conflicts (moby runconfig errors).
        internal const string ConflictNoNetwork = "container cannot be connected to multiple networks with one of the networks in private (none) mode";
        internal const string ConflictHostNetwork = "container cannot be disconnected from host network or connected to host network";
        internal const string ConflictSharedNetwork = "container sharing network namespace with another container or host cannot be connected to any other network";
        internal const string ConflictHostname = "conflicting options: hostname and the network mode";
        internal const string ConflictHostLinks = "conflicting options: host type networking can't be used with links. This would result in undefined behavior";
        internal const string ConflictContainerLinks = "conflicting options: container type network can't be used with links. This would result in undefined behavior";
        internal const string ConflictMac = "conflicting options: mac-address and the network mode";
        internal const string ConflictDns = "conflicting options: dns and the network mode";
        internal const string ConflictExtraHosts = "conflicting options: custom host-to-IP mapping and the network mode";
        internal const string ConflictPublish = "conflicting options: port publishing and the container type network mode";
        internal const string UserIpOnlyUserDefined = "user specified IP address is supported on user defined networks only";
        internal const string AliasOnlyUserDefined = "network-scoped alias is supported only for containers in user defined networks";

        private readonly ScenarioSpec _spec;
        private readonly ScenarioErrors _errors;
        private readonly DockerHostModel _model = new DockerHostModel();
        private readonly Dictionary<ContainerInfo, ContainerSpec> _specs = new Dictionary<ContainerInfo, ContainerSpec>();

        private ScenarioBuilder(ScenarioSpec spec, ScenarioErrors errors)
        {
            _spec = spec;
            _errors = errors;
        }

        public static DockerHostModel Build(ScenarioSpec spec, ScenarioErrors errors, string source) =>
            new ScenarioBuilder(spec, errors).BuildModel(source);

        private DockerHostModel BuildModel(string source)
        {
            _model.Source = source;
            _model.Engine = _spec.Engine;
            _model.Host.Hostname = _spec.Host.Hostname;
            _model.Host.SctpSupported = _spec.Host.Sctp;
            _model.Host.Firewall = _spec.Host.Firewall;
            _model.Host.Firewall6 = _spec.Host.Firewall6;
            _model.Host.Routes = _spec.Host.Routes;
            _model.Host.Forwarding = _spec.Host.Forwarding;
            _model.Host.Forwarding6 = _spec.Host.Forwarding6;
            _model.Host.BridgeNfCall = _spec.Host.BridgeNfCall;
            _model.Host.BridgeNfCall6 = _spec.Host.BridgeNfCall6;
            _model.Host.Resolvers = _spec.Host.Resolvers;
            var networks = NetworkDerivation.Build(_spec, _errors);
            foreach (var (network, _) in networks) _model.Networks.Add(network);
            _model.Swarm = SwarmScenario.Prepare(_spec, _model.Networks, _errors);

            CreateContainers();
            CheckNetworkModes();
            foreach (var container in _model.Containers) ResolveHostname(container, 0);
            foreach (var container in _model.Containers) AddEndpoints(container);
            AddressAllocation.Assign(_model, _specs, _errors);
            foreach (var container in _model.Containers) FinishEndpoints(container);
            InterfaceNumbering.Assign(_model, _spec, networks, _specs, _errors);
            NamespaceChecks.Add(_model, _spec.Host, _errors);
            foreach (var container in _model.Containers) AddLinksAndHosts(container);
            PortChecks.Check(_model, _specs, _errors);
            AddSockets();
            return _model;
        }

        private void CreateContainers()
        {
            var byName = new Dictionary<string, ContainerInfo>(StringComparer.Ordinal);
            var byId = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var spec in _spec.Containers)
            {
                var id = spec.Id ?? DerivedIds.Id("container", spec.Name);
                if (byName.TryGetValue(spec.Name, out var existing))
                {
                    // Docker's words; the id it quotes is only meaningful when the file gave one, so the first declaration is named by its place.
                    var first = _specs[existing];
                    var holder = first.Id != null
                        ? "container \"" + existing.Id + "\" (" + _errors.Where(first.At) + ")"
                        : "the container at " + _errors.Where(first.At);
                    _errors.Add(spec.At, "Conflict. The container name \"/" + spec.Name + "\" is already in use by " + holder
                                         + ". You have to remove (or rename) that container to be able to reuse that name.");
                    continue;
                }
                if (byId.TryGetValue(id, out var owner))
                {
                    _errors.Add(spec.At, "container id " + id + " is already the id of " + owner);
                    continue;
                }
                var container = new ContainerInfo
                {
                    Name = spec.Name,
                    Id = id,
                    Image = spec.Image,
                    State = spec.State,
                    Pid = spec.Pid,
                    NetworkMode = spec.Mode,
                };
                container.Dns.AddRange(spec.Dns);
                foreach (var label in spec.Labels) container.Labels[label.Key] = label.Value;
                byName[spec.Name] = container;
                byId[id] = spec.Name;
                _model.Containers.Add(container);
                _specs[container] = spec;
            }
        }

        private void CheckNetworkModes()
        {
            foreach (var container in _model.Containers)
            {
                var spec = _specs[container];
                var primary = spec.Endpoints[0];
                var kind = container.NetworkMode.Kind;
                var extra = spec.Endpoints.Skip(1).ToList();

                if (kind == NetworkModeKind.Network && NetworkByName(container.NetworkMode.Target!) is null)
                    _errors.Add(spec.ModeAt, NetworkNotFound(container.NetworkMode.Target!));

                if (kind == NetworkModeKind.Container) CheckContainerTarget(container, spec);

                if (spec.Disconnected)
                {
                    if (kind == NetworkModeKind.Host) _errors.Add(spec.DisconnectedAt, ConflictHostNetwork);
                    else if (kind != NetworkModeKind.Bridge && kind != NetworkModeKind.Network)
                        _errors.Add(spec.DisconnectedAt, "a " + container.NetworkMode + " container has no network endpoint to disconnect");
                    else if (primary.IPAddress != null || primary.Mac != null || primary.Aliases.Count > 0 || primary.Veth != null || primary.IfIndex != null)
                        _errors.Add(spec.DisconnectedAt, "'disconnected: true' leaves no endpoint on " + PrimaryNetworkName(container)
                                                         + ", so ip, mac, aliases, veth and ifIndex cannot be set at the container level");
                }

                var shared = kind == NetworkModeKind.Host || kind == NetworkModeKind.None || kind == NetworkModeKind.Container;
                if (shared)
                {
                    if (primary.IPAddress != null) _errors.Add(primary.IPAt, UserIpOnlyUserDefined);
                    if (primary.Mac != null) _errors.Add(primary.MacAt, ConflictMac);
                    if (primary.Aliases.Count > 0) _errors.Add(primary.AliasesAt, AliasOnlyUserDefined);
                    if (primary.Veth != null) _errors.Add(primary.VethAt, "a " + container.NetworkMode + " container has no veth of its own");
                    if (primary.IfIndex != null || primary.HostIfIndex != null)
                        _errors.Add(primary.IfIndex != null ? primary.IfIndexAt : primary.HostIfIndexAt, "a " + container.NetworkMode + " container has no interface of its own");
                    var conflict = kind == NetworkModeKind.None ? ConflictNoNetwork : kind == NetworkModeKind.Host ? ConflictHostNetwork : ConflictSharedNetwork;
                    foreach (var endpoint in extra) _errors.Add(endpoint.At, conflict);
                }
                else
                {
                    var seen = new HashSet<string>(StringComparer.Ordinal) { PrimaryNetworkName(container) };
                    foreach (var endpoint in extra)
                    {
                        if (endpoint.Network == NetworkDerivation.HostNetwork) _errors.Add(endpoint.At, ConflictHostNetwork);
                        else if (endpoint.Network == NetworkDerivation.NoneNetwork) _errors.Add(endpoint.At, ConflictNoNetwork);
                        else if (NetworkByName(endpoint.Network) is null) _errors.Add(endpoint.At, NetworkNotFound(endpoint.Network));
                        else if (!seen.Add(endpoint.Network))
                            _errors.Add(endpoint.At, "endpoint with name " + container.Name + " already exists in network " + endpoint.Network);
                    }
                    foreach (var endpoint in spec.Endpoints)
                    {
                        var name = endpoint.IsPrimary ? PrimaryNetworkName(container) : endpoint.Network;
                        if (name == NetworkDerivation.DefaultBridge && endpoint.Aliases.Count > 0) _errors.Add(endpoint.AliasesAt, AliasOnlyUserDefined);
                    }
                }

                if (kind == NetworkModeKind.Container && spec.Hostname != null) _errors.Add(spec.HostnameAt, ConflictHostname);
                if (spec.Links.Count > 0 && kind == NetworkModeKind.Host) _errors.Add(spec.Links[0].At, ConflictHostLinks);
                if (spec.Links.Count > 0 && kind == NetworkModeKind.Container) _errors.Add(spec.Links[0].At, ConflictContainerLinks);
                if (spec.ExtraHosts.Count > 0 && kind == NetworkModeKind.Container) _errors.Add(spec.ExtraHosts[0].At, ConflictExtraHosts);
                if (spec.Dns.Count > 0 && kind == NetworkModeKind.Container) _errors.Add(spec.DnsAt, ConflictDns);
                if (spec.Ports.Count > 0)
                {
                    if (kind == NetworkModeKind.Container) _errors.Add(spec.PublishAt, ConflictPublish);
                    else if (kind == NetworkModeKind.Host) _errors.Add(spec.PublishAt, "Published ports are discarded when using host network mode: remove 'publish'");
                    else if (kind == NetworkModeKind.None) _errors.Add(spec.PublishAt, "Published ports are discarded when using the none network mode: remove 'publish'");
                }
                if (spec.SocketsDeclared && spec.Sockets.Count > 0 && !container.IsRunning)
                    _errors.Add(spec.SocketsAt, container.Name + " is " + container.State.ToString().ToLowerInvariant() + ": a stopped container has no network namespace, so no sockets");
                foreach (var (link, at) in spec.Links)
                {
                    if (_model.FindContainer(link.Target) is null)
                        _errors.Add(at, "could not get container for " + link.Target + ": No such container: " + link.Target
                                        + NameSuggester.DidYouMean(link.Target, _model.Containers.Select(c => c.Name)));
                    else if (link.Target == container.Name)
                        _errors.Add(at, "a container cannot link to itself");
                }
            }
        }

        private void CheckContainerTarget(ContainerInfo container, ContainerSpec spec)
        {
            var target = container.NetworkMode.Target!;
            if (_model.FindContainer(target) is null)
            {
                _errors.Add(spec.ModeAt, "No such container: " + target + NameSuggester.DidYouMean(target, _model.Containers.Select(c => c.Name)));
                return;
            }
            if (_model.NamespaceOwner(container) is null)
                _errors.Add(spec.ModeAt, "network mode " + container.NetworkMode + " loops: " + DescribeChain(container) + " (cannot join own network namespace)");
        }

        private string DescribeChain(ContainerInfo start)
        {
            var names = new List<string> { start.Name };
            var current = start;
            for (var i = 0; i < 16 && current.NetworkMode.Kind == NetworkModeKind.Container; i++)
            {
                var next = _model.FindContainer(current.NetworkMode.Target!);
                if (next == null) break;
                names.Add(next.Name);
                if (next == start) break;
                current = next;
            }
            return string.Join(" -> ", names);
        }

        // Scenario references name networks exactly (no id prefixes, unlike user input to the cmdlets).
        // By a dictionary of the first network of each name (every container's endpoints ask), made again if a network was added since.
        private NetworkInfo? NetworkByName(string name)
        {
            if (_networksByName == null || _networksIndexed != _model.Networks.Count)
            {
                _networksByName = new Dictionary<string, NetworkInfo>(StringComparer.Ordinal);
                foreach (var network in _model.Networks)
                    if (!_networksByName.ContainsKey(network.Name)) _networksByName[network.Name] = network;
                _networksIndexed = _model.Networks.Count;
            }
            return _networksByName.TryGetValue(name, out var found) ? found : null;
        }

        private Dictionary<string, NetworkInfo>? _networksByName;
        private int _networksIndexed;

        private string NetworkNotFound(string name) =>
            "network " + name + " not found." + NameSuggester.DidYouMean(name, _model.Networks.Select(n => n.Name)).TrimEnd();

        internal static string PrimaryNetworkName(ContainerInfo container) =>
            container.NetworkMode.Kind == NetworkModeKind.Bridge ? NetworkDerivation.DefaultBridge : container.NetworkMode.Target ?? string.Empty;

        // host mode takes the host's name, container:x mode x's (the daemon copies it), otherwise the short id.
        private string ResolveHostname(ContainerInfo container, int depth)
        {
            if (container.Hostname.Length > 0) return container.Hostname;
            var spec = _specs[container];
            string hostname;
            if (container.NetworkMode.Kind == NetworkModeKind.Container && spec.Hostname == null)
            {
                var owner = _model.FindContainer(container.NetworkMode.Target!);
                hostname = owner != null && owner != container && depth < 16 ? ResolveHostname(owner, depth + 1) : container.ShortId;
            }
            else if (container.NetworkMode.Kind == NetworkModeKind.Host && spec.Hostname == null)
            {
                hostname = _model.Host.Hostname;
            }
            else
            {
                hostname = spec.Hostname ?? container.ShortId;
            }
            container.Hostname = hostname;
            return hostname;
        }

        private void AddEndpoints(ContainerInfo container)
        {
            var kind = container.NetworkMode.Kind;
            if (kind != NetworkModeKind.Bridge && kind != NetworkModeKind.Network) return;
            foreach (var endpointSpec in _specs[container].Endpoints)
            {
                if (endpointSpec.IsPrimary && _specs[container].Disconnected) continue;
                var name = endpointSpec.IsPrimary ? PrimaryNetworkName(container) : endpointSpec.Network;
                var network = NetworkByName(name);
                if (network == null || container.Endpoints.Any(e => e.NetworkName == name)) continue;
                var endpoint = new EndpointInfo
                {
                    NetworkName = name,
                    NetworkId = network.Id,
                    EndpointId = endpointSpec.EndpointId ?? DerivedIds.Id("endpoint", container.Name + ":" + name),
                    IPAddress = endpointSpec.IPAddress,
                    IPv6Address = endpointSpec.IPv6Address,
                    MacAddress = endpointSpec.Mac,
                };
                endpoint.Aliases.AddRange(endpointSpec.Aliases);
                container.Endpoints.Add(endpoint);
            }
        }

        private void FinishEndpoints(ContainerInfo container)
        {
            var specs = _specs[container].Endpoints;
            foreach (var endpoint in container.Endpoints)
            {
                var network = NetworkByName(endpoint.NetworkName)!;
                var spec = specs.First(s => (s.IsPrimary ? PrimaryNetworkName(container) : s.Network) == endpoint.NetworkName);
                if (!container.IsRunning)
                {
                    // A stopped container keeps its network config but holds no address (the daemon released it).
                    endpoint.IPAddress = null;
                    endpoint.MacAddress = null;
                    continue;
                }
                if (network.Subnet is IPv4Subnet subnet && endpoint.IPAddress != null)
                {
                    endpoint.PrefixLength = subnet.PrefixLength;
                    endpoint.Gateway = network.Gateway;
                }
                if (network.Subnet6 is IPv6Subnet subnet6 && endpoint.IPv6Address != null)
                {
                    endpoint.IPv6PrefixLength = subnet6.PrefixLength;
                    endpoint.IPv6Gateway = network.Gateway6;
                }
                if (endpoint.MacAddress == null && endpoint.IPAddress != null) endpoint.MacAddress = DerivedIds.MacFor(endpoint.IPAddress);
                if (spec.DnsNames != null) endpoint.DnsNames.AddRange(spec.DnsNames);
                else if (!network.IsDefaultBridge)
                {
                    // API 1.44 DNSNames: name, aliases, short id, hostname (deduplicated); none on the default bridge.
                    foreach (var name in new[] { container.Name }.Concat(endpoint.Aliases).Concat(new[] { container.ShortId, container.Hostname }))
                    {
                        if (name.Length > 0 && !endpoint.DnsNames.Contains(name)) endpoint.DnsNames.Add(name);
                    }
                }
            }
        }

        private void AddLinksAndHosts(ContainerInfo container)
        {
            var spec = _specs[container];
            foreach (var (link, _) in spec.Links) container.Links.Add(link);
            var gateway = NetworkByName(NetworkDerivation.DefaultBridge)?.Gateway;
            foreach (var (name, address, at) in spec.ExtraHosts)
            {
                if (address != null) container.ExtraHosts.Add(new HostsEntry(name, address));
                else if (gateway != null) container.ExtraHosts.Add(new HostsEntry(name, gateway));
                else _errors.Add(at, "host-gateway needs the default bridge's gateway, and it has none");
            }
        }

        // A namespace's sockets live with its owner: container:x sockets with x, host-mode sockets with the host.
        private void AddSockets()
        {
            var hostListeners = new List<(SocketEntry, SourcePos, string)>();
            foreach (var listener in _spec.Host.Listeners)
            {
                _model.Host.Sockets.Add(listener.Entry);
                hostListeners.Add((listener.Entry, listener.At, listener.Entry.Process != null ? "host process " + listener.Entry.Process : ProcessText.WithPid(null, listener.Entry.ProcessId, "host process")));
            }
            foreach (var container in _model.Containers)
            {
                var spec = _specs[container];
                if (!spec.SocketsDeclared) continue;
                var owner = _model.NamespaceOwner(container);
                if (owner == null) continue;
                var inHost = owner.NetworkMode.Kind == NetworkModeKind.Host;
                var target = inHost ? _model.Host.Sockets : owner.Sockets;
                foreach (var socket in spec.Sockets)
                {
                    target.Add(socket.Entry);
                    if (inHost) socket.Entry.HostModeContainer = container.Name;
                    if (inHost) hostListeners.Add((socket.Entry, socket.At, "host-mode container " + container.Name));
                }
                owner.SocketsKnown = true;
                owner.SocketsAssumed |= spec.SocketsAssumed;
            }
            foreach (var container in _model.Containers)
            {
                var owner = _model.NamespaceOwner(container);
                if (owner == null) continue;
                if (owner.NetworkMode.Kind == NetworkModeKind.Host) container.SocketsKnown = true;
                else if (owner != container)
                {
                    container.SocketsKnown = owner.SocketsKnown;
                    container.SocketsAssumed = owner.SocketsAssumed;
                }
            }
            // Every engine binds the host port (docker-proxy, the dummy proxy with --userland-proxy=false, or the daemon from 28).
            PortChecks.CheckHostListeners(_model, _specs, hostListeners, _errors);
        }
    }
}
