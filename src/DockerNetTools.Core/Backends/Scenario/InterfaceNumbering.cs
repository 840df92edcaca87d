using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>
    /// Interface names and indexes, numbered like a kernel that booted and then ran the scenario in order:
    /// lo = 1, the uplink = 2, other host interfaces, then the bridges, then for each running container's endpoint the
    /// veth pair created together (container side N, host side N+1, so the container's iflink is the host veth's index).
    /// Indexes and names the scenario gives are kept; derived ones skip them.
    /// </summary>
    internal sealed class InterfaceNumbering
    {
        private readonly ScenarioErrors _errors;
        private readonly Dictionary<int, string> _reserved = new Dictionary<int, string>();
        private readonly Dictionary<ContainerInfo, Dictionary<int, string>> _insideContainer = new Dictionary<ContainerInfo, Dictionary<int, string>>();
        private readonly HostInfo _host;
        private int _next = 1;

        private InterfaceNumbering(HostInfo host, ScenarioErrors errors)
        {
            _host = host;
            _errors = errors;
        }

        public static void Assign(DockerHostModel model, ScenarioSpec spec, IReadOnlyList<(NetworkInfo Network, NetworkSpec Spec)> networks,
            IReadOnlyDictionary<ContainerInfo, ContainerSpec> specs, ScenarioErrors errors) =>
            new InterfaceNumbering(model.Host, errors).Run(model, spec, networks, specs);

        private void Run(DockerHostModel model, ScenarioSpec spec, IReadOnlyList<(NetworkInfo Network, NetworkSpec Spec)> networks,
            IReadOnlyDictionary<ContainerInfo, ContainerSpec> specs)
        {
            Reserve(1, "lo", new SourcePos(1, 1));
            if (spec.Host.UplinkIfIndex is int uplinkIndex) Reserve(uplinkIndex, spec.Host.Uplink, new SourcePos(1, 1));
            for (var i = 0; i < spec.Host.Interfaces.Count; i++)
            {
                var extra = spec.Host.Interfaces[i];
                if (extra.IfIndex > 0) Reserve(extra.IfIndex, extra.Name, spec.Host.InterfacePositions[i]);
            }
            foreach (var (network, networkSpec) in networks)
            {
                if (networkSpec.BridgeIfIndex is int index) Reserve(index, network.BridgeName ?? network.Name, networkSpec.At);
            }
            foreach (var container in model.Containers.Where(c => c.IsRunning))
            {
                // The container side lives in the container's own namespace (lo = 1 there): its index only has to be unique
                // inside it. From Engine 28 Docker creates it there directly, so every eth0 is 2, like the host's own eth0.
                var inside = new Dictionary<int, string> { [1] = "lo" };
                _insideContainer[container] = inside;
                foreach (var endpoint in specs[container].Endpoints)
                {
                    var network = endpoint.IsPrimary ? ScenarioBuilder.PrimaryNetworkName(container) : endpoint.Network;
                    if (endpoint.IfIndex is int index) Reserve(inside, index, container.Name + " on " + network, endpoint.IfIndexAt);
                    if (endpoint.HostIfIndex is int hostIndex) Reserve(_reserved, hostIndex, container.Name + "'s host veth on " + network, endpoint.HostIfIndexAt);
                }
            }

            var lo = new HostInterfaceInfo { Name = "lo", IfIndex = 1, MacAddress = "00:00:00:00:00:00" };
            lo.Addresses.Add(IPAddress.Loopback);
            lo.Addresses.Add(IPAddress.IPv6Loopback);
            _host.Interfaces.Add(lo);

            var uplink = new HostInterfaceInfo
            {
                Name = spec.Host.Uplink,
                IfIndex = spec.Host.UplinkIfIndex ?? Next(),
                MacAddress = spec.Host.UplinkMac ?? DerivedIds.MacFor("uplink", spec.Host.Hostname),
            };
            uplink.Addresses.AddRange(spec.Host.Addresses);
            _host.Interfaces.Add(uplink);

            for (var i = 0; i < spec.Host.Interfaces.Count; i++)
            {
                var extra = spec.Host.Interfaces[i];
                if (_host.Interfaces.Any(h => h.Name == extra.Name))
                {
                    _errors.Add(spec.Host.InterfacePositions[i], "host interface " + extra.Name + " is listed twice");
                    continue;
                }
                if (extra.IfIndex == 0) extra.IfIndex = Next();
                if (extra.MacAddress == null) extra.MacAddress = DerivedIds.MacFor("host", extra.Name);
                _host.Interfaces.Add(extra);
            }

            foreach (var (network, networkSpec) in networks)
            {
                if (network.IsBridge && network.BridgeName != null)
                {
                    if (_host.Interfaces.Any(h => h.Name == network.BridgeName))
                    {
                        _errors.Add(networkSpec.At, "bridge device " + network.BridgeName + " of " + network.Name + " is already a host interface");
                        continue;
                    }
                    var bridge = new HostInterfaceInfo
                    {
                        Name = network.BridgeName,
                        IfIndex = networkSpec.BridgeIfIndex ?? Next(),
                        MacAddress = networkSpec.BridgeMac ?? DerivedIds.MacFor("bridge", network.Id),
                    };
                    if (network.Gateway != null) bridge.Addresses.Add(network.Gateway);
                    _host.Interfaces.Add(bridge);
                }
                else if (network.IsMacvlan && network.Options.TryGetValue(NetworkInfo.MacvlanParentOption, out var parent)
                         && _host.Interfaces.All(h => h.Name != parent))
                {
                    // docker creates a VLAN sub-interface such as eth0.10 when the parent does not exist yet.
                    _host.Interfaces.Add(new HostInterfaceInfo { Name = parent, IfIndex = Next(), MacAddress = uplink.MacAddress });
                }
            }

            // Host interface names: those the scenario gives a veth are kept out of every derivation (a derived name steps
            // aside, as Docker draws another random one), so only two given names can collide.
            var hostNames = new HashSet<string>(_host.Interfaces.Select(h => h.Name), StringComparer.Ordinal);
            var givenVeths = new HashSet<string>(model.Containers.Where(c => c.IsRunning).SelectMany(c => specs[c].Endpoints)
                .Select(e => e.Veth).Where(v => v != null).Select(v => v!), StringComparer.Ordinal);
            var networksByName = new Dictionary<string, NetworkInfo>(StringComparer.Ordinal);
            foreach (var n in model.Networks)
                if (!networksByName.ContainsKey(n.Name)) networksByName[n.Name] = n;

            foreach (var container in model.Containers.Where(c => c.IsRunning))
            {
                var number = 0;
                foreach (var endpoint in container.Endpoints)
                {
                    var endpointSpec = specs[container].Endpoints.First(s =>
                        (s.IsPrimary ? ScenarioBuilder.PrimaryNetworkName(container) : s.Network) == endpoint.NetworkName);
                    var network = networksByName[endpoint.NetworkName];
                    endpoint.InterfaceName = endpointSpec.Interface ?? "eth" + number.ToString(CultureInfo.InvariantCulture);
                    number++;
                    if (container.Endpoints.Any(e => e != endpoint && e.InterfaceName == endpoint.InterfaceName))
                        _errors.Add(endpointSpec.Interface != null ? endpointSpec.InterfaceAt : endpointSpec.At,
                            container.Name + " already has an interface named " + endpoint.InterfaceName);
                    endpoint.IfIndex = endpointSpec.IfIndex ?? NextInside(_insideContainer[container]);
                    if (network.IsMacvlan)
                    {
                        // A macvlan/ipvlan interface has no host peer: its iflink is the parent device.
                        network.Options.TryGetValue(NetworkInfo.MacvlanParentOption, out var parent);
                        endpoint.HostIfIndex = endpointSpec.HostIfIndex ?? _host.Interfaces.FirstOrDefault(h => h.Name == (parent ?? uplink.Name))?.IfIndex ?? 0;
                        if (endpointSpec.Veth != null) _errors.Add(endpointSpec.VethAt, "a " + network.Driver + " endpoint has no veth");
                        continue;
                    }
                    endpoint.HostIfIndex = endpointSpec.HostIfIndex ?? Next();
                    endpoint.HostVeth = endpointSpec.Veth ?? DeriveVeth(container.Name, network.Name, hostNames, givenVeths);
                    if (!hostNames.Add(endpoint.HostVeth))
                    {
                        _errors.Add(endpointSpec.Veth != null ? endpointSpec.VethAt : endpointSpec.At, "host interface " + endpoint.HostVeth + " already exists");
                        continue;
                    }
                    _host.Interfaces.Add(new HostInterfaceInfo
                    {
                        Name = endpoint.HostVeth,
                        IfIndex = endpoint.HostIfIndex,
                        Master = network.BridgeName,
                        MacAddress = endpointSpec.VethMac ?? DerivedIds.MacFor("veth", endpoint.HostVeth),
                    });
                }
            }
        }

        /// <summary>The first of the container's draws on the network that no host interface has and no endpoint is given.</summary>
        private static string DeriveVeth(string container, string network, HashSet<string> hostNames, HashSet<string> given)
        {
            for (var attempt = 0; ; attempt++)
            {
                var name = DerivedIds.VethName(container, network, attempt);
                if (!hostNames.Contains(name) && !given.Contains(name)) return name;
            }
        }

        private void Reserve(int index, string owner, SourcePos at) => Reserve(_reserved, index, owner, at);

        private void Reserve(Dictionary<int, string> space, int index, string owner, SourcePos at)
        {
            if (space.TryGetValue(index, out var holder))
                _errors.Add(at, "ifindex " + index.ToString(CultureInfo.InvariantCulture) + " of " + owner + " is already used by " + holder);
            else
                space[index] = owner;
        }

        /// <summary>A derived container-side index: the kernel-like running number, skipping what the container already holds.</summary>
        private int NextInside(Dictionary<int, string> inside)
        {
            var index = Next();
            while (inside.ContainsKey(index)) index = Next();
            inside[index] = "derived";
            return index;
        }

        private int Next()
        {
            while (_reserved.ContainsKey(_next)) _next++;
            var index = _next;
            _reserved[index] = "derived";
            _next++;
            return index;
        }
    }
}
