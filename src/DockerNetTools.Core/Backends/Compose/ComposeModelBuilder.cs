using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Compose
{
    /// <summary>
    /// Adds what `docker compose up` would create to a scenario spec: the networks the services use (named
    /// &lt;project&gt;_&lt;key&gt; unless `name:` says otherwise; external ones must already exist) and one container per
    /// replica (&lt;project&gt;-&lt;service&gt;-&lt;n&gt; unless container_name), attached as Compose attaches them. The scenario
    /// builder then derives subnets, addresses and interfaces exactly as it does for a scenario file.
    /// </summary>
    internal sealed class ComposeModelBuilder
    {
        private static readonly char[] LabelSeparator = { '=' };
        private static readonly HashSet<string> KnownNetworkModes = new HashSet<string>(StringComparer.Ordinal) { "host", "none", "bridge", "default" };

        private readonly LoadedProject _project;
        private readonly ScenarioSpec _spec;
        private readonly ScenarioErrors _errors;
        private readonly Dictionary<string, string> _networkNames = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, ComposeMap> _networkDefs = new Dictionary<string, ComposeMap>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _containers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly HashSet<string> _usedNetworks = new HashSet<string>(StringComparer.Ordinal);

        private ComposeModelBuilder(LoadedProject project, ScenarioSpec spec, ScenarioErrors errors)
        {
            _project = project;
            _spec = spec;
            _errors = errors;
        }

        public static void AddTo(ScenarioSpec spec, LoadedProject project, ScenarioErrors errors) => new ComposeModelBuilder(project, spec, errors).Build();

        private string Project => _project.Name;

        private void Build()
        {
            ReadNetworks();
            var services = Services();
            foreach (var (name, service) in services)
            {
                var replicas = Replicas(service);
                var containerName = Scalar(service, "container_name");
                if (containerName != null && replicas > 1)
                    _errors.Add(service["container_name"]!.At, "services.deploy.replicas: can't set container_name and " + name + " as container name must be unique: invalid compose project");
                var names = new List<string>();
                for (var i = 1; i <= replicas; i++) names.Add(containerName != null && i == 1 ? containerName : Project + "-" + name + "-" + i.ToString(CultureInfo.InvariantCulture));
                _containers[name] = names;
            }
            foreach (var (name, service) in Ordered(services))
            {
                var keyAt = ((ComposeMap)_project.Document["services"]!).Find(name)!.KeyAt;
                var number = 0;
                foreach (var containerName in _containers[name]) AddContainer(name, service, containerName, ++number, keyAt);
            }
            AddNetworks();
        }

        // ---- networks ----

        private void ReadNetworks()
        {
            if (_project.Document["networks"] is ComposeMap networks)
            {
                foreach (var entry in networks.Entries)
                {
                    var definition = entry.Value as ComposeMap ?? new ComposeMap(entry.KeyAt);
                    if (!(entry.Value is ComposeMap) && !(entry.Value is ComposeScalar { IsNull: true }))
                    {
                        _errors.Add(entry.Value.At, "networks." + entry.Key + " must be a mapping");
                        continue;
                    }
                    _networkDefs[entry.Key] = definition;
                    var external = IsExternal(definition, out var externalName);
                    var name = Scalar(definition, "name") ?? externalName;
                    _networkNames[entry.Key] = name ?? (external ? entry.Key : Project + "_" + entry.Key);
                }
            }
            else if (_project.Document["networks"] is { } bad && !(bad is ComposeScalar { IsNull: true }))
            {
                _errors.Add(bad.At, "networks must be a mapping of network names");
            }
            if (!_networkNames.ContainsKey("default")) _networkNames["default"] = Project + "_default";
        }

        private static bool IsExternal(ComposeMap definition, out string? legacyName)
        {
            legacyName = null;
            switch (definition["external"])
            {
                case ComposeScalar scalar:
                    return string.Equals(scalar.Value, "true", StringComparison.OrdinalIgnoreCase);
                case ComposeMap map:
                    legacyName = (map["name"] as ComposeScalar)?.Value;
                    return true;
                default:
                    return false;
            }
        }

        private void AddNetworks()
        {
            foreach (var key in _usedNetworks.OrderBy(k => k, StringComparer.Ordinal))
            {
                var name = _networkNames[key];
                _networkDefs.TryGetValue(key, out var definition);
                var at = definition?.At ?? new SourcePos(1, 1, _project.Files[0]);
                if (definition != null && IsExternal(definition, out _))
                {
                    if (!_spec.Networks.Any(n => n.Name == name) && name != NetworkDerivation.DefaultBridge && name != NetworkDerivation.HostNetwork && name != NetworkDerivation.NoneNetwork)
                        _errors.Add(at, "network " + name + " declared as external, but could not be found");
                    continue;
                }
                if (_spec.Networks.Any(n => n.Name == name)) continue; // the project is up already: Compose reuses its network
                var network = new NetworkSpec { Name = name, At = at, DriverAt = at, SubnetAt = at, GatewayAt = at, Subnet6At = at, Gateway6At = at };
                network.Labels.Add(new KeyValuePair<string, string>(ComposeLabels.Network, key));
                network.Labels.Add(new KeyValuePair<string, string>(ComposeLabels.Project, Project));
                if (definition != null) ReadNetwork(definition, network);
                _spec.Networks.Add(network);
            }
        }

        private void ReadNetwork(ComposeMap definition, NetworkSpec network)
        {
            if (definition["driver"] is ComposeScalar driver && !driver.IsNull)
            {
                network.Driver = driver.Value;
                network.DriverAt = driver.At;
            }
            if (definition["internal"] is ComposeScalar isInternal) network.Internal = Bool(isInternal);
            if (definition["driver_opts"] is ComposeMap options)
                foreach (var option in options.Entries) network.Options.Add(new KeyValuePair<string, string>(option.Key, (option.Value as ComposeScalar)?.Value ?? string.Empty));
            if (definition["labels"] is ComposeMap labels)
                foreach (var label in labels.Entries) network.Labels.Add(new KeyValuePair<string, string>(label.Key, (label.Value as ComposeScalar)?.Value ?? string.Empty));
            if (definition["labels"] is ComposeList labelList)
                foreach (var label in labelList.Items.OfType<ComposeScalar>().Where(l => l.Value != null))
                {
                    var parts = label.Value!.Split(LabelSeparator, 2);
                    network.Labels.Add(new KeyValuePair<string, string>(parts[0], parts.Length == 2 ? parts[1] : string.Empty));
                }
            var ipv6 = definition["enable_ipv6"] is ComposeScalar enable && Bool(enable) == true;
            if (!(definition["ipam"] is ComposeMap ipam) || !(ipam["config"] is ComposeList configs)) return;
            foreach (var config in configs.Items.OfType<ComposeMap>())
            {
                if (!(config["subnet"] is ComposeScalar subnet) || subnet.Value == null) continue;
                if (IPv4Subnet.TryParse(subnet.Value, out var v4))
                {
                    if (network.Subnet != null)
                    {
                        // Both engines (20.10, 28.5) refuse this on a bridge; other drivers give addresses from the first subnet.
                        if ((network.Driver ?? "bridge") == "bridge") _errors.Add(subnet.At, "bridge driver doesn't support multiple subnets");
                        else network.MoreSubnets.Add((v4, subnet.At));
                        continue;
                    }
                    network.Subnet = v4;
                    network.SubnetAt = subnet.At;
                    if (config["gateway"] is ComposeScalar gateway && gateway.Value != null)
                    {
                        network.GatewayAt = gateway.At;
                        if (AddressText.TryParseIP(gateway.Value, out var address) && address.AddressFamily == AddressFamily.InterNetwork) network.Gateway = address;
                        else _errors.Add(gateway.At, "invalid gateway address: " + gateway.Value);
                    }
                }
                else if (IPv6Subnet.TryParse(subnet.Value, out var v6))
                {
                    if (!ipv6)
                    {
                        _errors.Add(subnet.At, "an IPv6 subnet needs enable_ipv6: true on the network");
                        continue;
                    }
                    network.Subnet6 = v6;
                    network.Subnet6At = subnet.At;
                    if (config["gateway"] is ComposeScalar gateway && gateway.Value != null)
                    {
                        network.Gateway6At = gateway.At;
                        if (AddressText.TryParseIP(gateway.Value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6) network.Gateway6 = address;
                        else _errors.Add(gateway.At, "invalid gateway address: " + gateway.Value);
                    }
                }
                else
                {
                    _errors.Add(subnet.At, "invalid subnet " + subnet.Value + ": use a CIDR such as 10.1.0.0/24");
                }
            }
        }

        // ---- services ----

        private List<(string Name, ComposeMap Service)> Services()
        {
            var result = new List<(string, ComposeMap)>();
            if (!(_project.Document["services"] is ComposeMap services)) return result;
            foreach (var entry in services.Entries)
            {
                if (entry.Value is ComposeMap service) result.Add((entry.Key, service));
                else _errors.Add(entry.Value.At, "services." + entry.Key + " must be a mapping");
            }
            return result;
        }

        private int Replicas(ComposeMap service)
        {
            var node = (service["deploy"] as ComposeMap)?["replicas"] as ComposeScalar ?? service["scale"] as ComposeScalar;
            if (node == null || node.IsNull) return 1;
            if (int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return count;
            _errors.Add(node.At, "replicas must be a whole number, not '" + node.Value + "'");
            return 1;
        }

        // Compose starts a service after those it depends on (depends_on, links, network_mode service:), the rest by name.
        private static List<(string Name, ComposeMap Service)> Ordered(List<(string Name, ComposeMap Service)> services)
        {
            var byName = services.ToDictionary(s => s.Name, s => s.Service, StringComparer.Ordinal);
            var result = new List<(string, ComposeMap)>();
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            void Visit(string name)
            {
                if (state.TryGetValue(name, out var s) && s > 0) return;
                state[name] = 1;
                foreach (var dependency in Dependencies(byName[name]).Where(byName.ContainsKey).OrderBy(d => d, StringComparer.Ordinal)) Visit(dependency);
                state[name] = 2;
                result.Add((name, byName[name]));
            }
            foreach (var name in byName.Keys.OrderBy(n => n, StringComparer.Ordinal)) Visit(name);
            return result;
        }

        private static IEnumerable<string> Dependencies(ComposeMap service)
        {
            if (service["depends_on"] is ComposeList list) foreach (var item in list.Items.OfType<ComposeScalar>()) if (item.Value != null) yield return item.Value;
            if (service["depends_on"] is ComposeMap map) foreach (var key in map.Keys) yield return key;
            if (service["links"] is ComposeList links) foreach (var link in links.Items.OfType<ComposeScalar>()) if (link.Value != null) yield return link.Value.Split(':')[0];
            if (service["network_mode"] is ComposeScalar mode && mode.Value != null && mode.Value.StartsWith("service:", StringComparison.Ordinal)) yield return mode.Value.Substring(8);
        }

        private void AddContainer(string service, ComposeMap definition, string name, int number, SourcePos at)
        {
            var container = new ContainerSpec { Name = name, At = at, ModeAt = at };
            // The labels `up` puts on each container, so a what-if names project and service as the deployed stack does.
            container.Labels.Add(new KeyValuePair<string, string>(ComposeLabels.Project, Project));
            container.Labels.Add(new KeyValuePair<string, string>(ComposeLabels.Service, service));
            container.Labels.Add(new KeyValuePair<string, string>(ComposeLabels.ContainerNumber, number.ToString(CultureInfo.InvariantCulture)));
            container.Labels.Add(new KeyValuePair<string, string>(ComposeLabels.OneOff, "False"));
            container.Labels.Add(new KeyValuePair<string, string>(ComposeLabels.ConfigFiles, string.Join(",", _project.Files)));
            container.Image = Scalar(definition, "image") ?? Project + "-" + service;
            if (definition["hostname"] is ComposeScalar hostname && hostname.Value != null)
            {
                container.Hostname = hostname.Value;
                container.HostnameAt = hostname.At;
            }
            var primary = new EndpointSpec { IsPrimary = true, At = at };
            container.Endpoints.Add(primary);

            var mode = definition["network_mode"] as ComposeScalar;
            var networks = definition["networks"];
            if (mode != null && mode.Value != null)
            {
                container.ModeAt = mode.At;
                primary.At = mode.At;
                if (networks != null && !(networks is ComposeScalar { IsNull: true }))
                    _errors.Add(mode.At, "service " + service + " declares mutually exclusive `network_mode` and `networks`: invalid compose project");
                container.Mode = NetworkModeOf(service, mode);
            }
            else
            {
                AddAttachments(service, definition, container, primary, networks);
            }

            AddLinks(service, definition, container);
            AddExtraHosts(definition, container);
            AddDns(definition, container);
            AddPorts(definition, container);
            _spec.Containers.Add(container);
        }

        private NetworkMode NetworkModeOf(string service, ComposeScalar mode)
        {
            var value = mode.Value!;
            if (value.StartsWith("service:", StringComparison.Ordinal))
            {
                var target = value.Substring("service:".Length);
                if (_containers.TryGetValue(target, out var targets) && targets.Count > 0) return new NetworkMode(NetworkModeKind.Container, targets[0]);
                _errors.Add(mode.At, "service \"" + service + "\" depends on undefined service \"" + target + "\": invalid compose project");
                return NetworkMode.Default;
            }
            if (!KnownNetworkModes.Contains(value) && !value.StartsWith("container:", StringComparison.Ordinal))
            {
                _errors.Add(mode.At, "network_mode '" + value + "' is not one of host, none, bridge, service:<name>, container:<name>");
                return NetworkMode.Default;
            }
            return NetworkMode.Parse(value);
        }

        private void AddAttachments(string service, ComposeMap definition, ContainerSpec container, EndpointSpec primary, ComposeNode? networks)
        {
            var attachments = new List<(string Key, SourcePos At, ComposeMap? Config, int Priority)>();
            if (networks is ComposeMap map)
            {
                foreach (var entry in map.Entries)
                {
                    var config = entry.Value as ComposeMap;
                    var priority = 0;
                    if (config?["priority"] is ComposeScalar p && p.Value != null && !int.TryParse(p.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out priority))
                        _errors.Add(p.At, "priority must be a whole number, not '" + p.Value + "'");
                    attachments.Add((entry.Key, entry.KeyAt, config, priority));
                }
            }
            else
            {
                attachments.Add(("default", container.At, null, 0));
            }

            var first = true;
            foreach (var (key, at, config, _) in attachments.OrderByDescending(a => a.Priority).ThenBy(a => a.Key, StringComparer.Ordinal))
            {
                if (!_networkNames.ContainsKey(key))
                {
                    _errors.Add(at, "service \"" + service + "\" refers to undefined network " + key + ": invalid compose project");
                    continue;
                }
                _usedNetworks.Add(key);
                var networkName = _networkNames[key];
                var endpoint = first ? primary : new EndpointSpec();
                endpoint.Network = networkName;
                endpoint.At = at;
                endpoint.AliasesAt = at;
                if (first)
                {
                    container.Mode = NetworkMode.Parse(networkName);
                    container.ModeAt = at;
                }
                var userDefined = networkName != NetworkDerivation.DefaultBridge;
                if (userDefined)
                {
                    endpoint.Aliases.Add(container.Name);
                    endpoint.Aliases.Add(service);
                }
                if (config != null)
                {
                    if (config["aliases"] is ComposeList aliases)
                    {
                        endpoint.AliasesAt = aliases.At;
                        foreach (var alias in aliases.Items.OfType<ComposeScalar>())
                            if (alias.Value != null && !endpoint.Aliases.Contains(alias.Value)) endpoint.Aliases.Add(alias.Value);
                    }
                    endpoint.IPAddress = Address(config, "ipv4_address", AddressFamily.InterNetwork, p => endpoint.IPAt = p);
                    endpoint.IPv6Address = Address(config, "ipv6_address", AddressFamily.InterNetworkV6, p => endpoint.IPv6At = p);
                    // interface_name (Compose 2.36+, Engine 28.1+) names the container-side device; link_local_ips has no place in the model.
                    if (config["interface_name"] is ComposeScalar device && !string.IsNullOrEmpty(device.Value))
                    {
                        endpoint.Interface = device.Value;
                        endpoint.InterfaceAt = device.At;
                    }
                    if (config["mac_address"] is ComposeScalar mac) Mac(endpoint, mac);
                }
                // The service-level mac_address goes to the primary network's endpoint, as Compose sends it.
                if (first && endpoint.Mac == null && definition["mac_address"] is ComposeScalar serviceMac) Mac(endpoint, serviceMac);
                if (!first) container.Endpoints.Add(endpoint);
                first = false;
            }
            if (first) primary.Network = NetworkDerivation.DefaultBridge;
        }

        private void Mac(EndpointSpec endpoint, ComposeScalar node)
        {
            if (node.Value == null) return;
            endpoint.MacAt = node.At;
            if (AddressText.TryParseMac(node.Value, out var mac)) endpoint.Mac = mac;
            else _errors.Add(node.At, node.Value + " is not a valid mac address");
        }

                private IPAddress? Address(ComposeMap config, string key, AddressFamily family, Action<SourcePos> at)
        {
            if (!(config[key] is ComposeScalar node) || node.Value == null) return null;
            at(node.At);
            if (AddressText.TryParseIP(node.Value, out var address) && address.AddressFamily == family) return address;
            _errors.Add(node.At, "invalid " + key + ": " + node.Value);
            return null;
        }

        private void AddLinks(string service, ComposeMap definition, ContainerSpec container)
        {
            if (definition["links"] is ComposeList links)
            {
                foreach (var link in links.Items.OfType<ComposeScalar>().Where(l => l.Value != null))
                {
                    var parts = link.Value!.Split(':');
                    if (!_containers.TryGetValue(parts[0], out var targets))
                    {
                        _errors.Add(link.At, "service \"" + service + "\" depends on undefined service \"" + parts[0] + "\": invalid compose project");
                        continue;
                    }
                    var alias = parts.Length > 1 ? parts[1] : parts[0];
                    foreach (var target in targets) container.Links.Add((new ContainerLink(target, alias), link.At));
                }
            }
            if (definition["external_links"] is ComposeList external)
            {
                foreach (var link in external.Items.OfType<ComposeScalar>().Where(l => l.Value != null))
                {
                    var parts = link.Value!.Split(':');
                    container.Links.Add((new ContainerLink(parts[0], parts.Length > 1 ? parts[1] : parts[0]), link.At));
                }
            }
        }

        private void AddExtraHosts(ComposeMap definition, ContainerSpec container)
        {
            if (!(definition["extra_hosts"] is ComposeList hosts)) return;
            container.ExtraHostsAt = hosts.At;
            foreach (var entry in hosts.Items.OfType<ComposeScalar>().Where(h => h.Value != null))
            {
                var text = entry.Value!;
                var separator = text.IndexOf('=');
                if (separator < 0) separator = text.IndexOf(':');
                if (separator <= 0 || separator == text.Length - 1)
                {
                    _errors.Add(entry.At, "invalid extra_hosts entry \"" + text + "\": use host=ip (or host:ip)");
                    continue;
                }
                var host = text.Substring(0, separator);
                var value = text.Substring(separator + 1).Trim('[', ']');
                if (value == "host-gateway")
                {
                    container.ExtraHosts.Add((host, null, entry.At));
                    continue;
                }
                if (AddressText.TryParseIP(value, out var address)) container.ExtraHosts.Add((host, address, entry.At));
                else _errors.Add(entry.At, "invalid IP address in extra_hosts: \"" + value + "\"");
            }
        }

        // dns: one server or a list (docker run --dns): the embedded DNS forwards what it cannot answer to them, not to the host's.
        private void AddDns(ComposeMap definition, ContainerSpec container)
        {
            var node = definition["dns"];
            if (node == null || node is ComposeScalar { IsNull: true }) return;
            container.DnsAt = node.At;
            IEnumerable<ComposeNode> servers = node is ComposeList list ? list.Items : new[] { node };
            foreach (var server in servers.OfType<ComposeScalar>().Where(s => s.Value != null))
            {
                if (AddressText.TryParseIP(server.Value!, out var address)) container.Dns.Add(address);
                else _errors.Add(server.At, "invalid IP address in dns: \"" + server.Value + "\"");
            }
        }

        // Published ports (short and long syntax) and exposed ports; each container port is assumed to listen on 0.0.0.0.
        private void AddPorts(ComposeMap definition, ContainerSpec container)
        {
            var assumed = new List<(int Port, TransportProtocol Protocol, string Why, SourcePos At)>();
            if (definition["ports"] is ComposeList ports)
            {
                container.PublishAt = ports.At;
                foreach (var item in ports.Items)
                {
                    var text = PortText(item);
                    if (text == null) continue;
                    if (!PublishSpec.TryParse(text, out var bindings, out var error))
                    {
                        _errors.Add(item.At, "invalid port '" + text + "': " + error);
                        continue;
                    }
                    foreach (var binding in bindings)
                    {
                        container.Ports.Add((binding.IsHostRange ? new PortBinding(binding.ContainerPort, binding.Protocol, binding.HostIp, binding.HostPort) : binding, item.At));
                        assumed.Add((binding.ContainerPort, binding.Protocol, "ports: " + (item is ComposeScalar ? text : "target " + binding.ContainerPort), item.At));
                    }
                }
            }
            if (definition["expose"] is ComposeList expose)
            {
                foreach (var item in expose.Items.OfType<ComposeScalar>().Where(e => e.Value != null))
                {
                    var text = item.Value!;
                    var slash = text.IndexOf('/');
                    var protocol = TransportProtocol.Tcp;
                    if (slash >= 0 && !PublishSpec.TryParseProtocol(text.Substring(slash + 1), out protocol))
                    {
                        _errors.Add(item.At, "invalid expose '" + text + "': unknown protocol");
                        continue;
                    }
                    var range = slash >= 0 ? text.Substring(0, slash) : text;
                    var dash = range.IndexOf('-');
                    if (!ushort.TryParse(dash < 0 ? range : range.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                        || !ushort.TryParse(dash < 0 ? range : range.Substring(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end) || start == 0 || end < start)
                    {
                        _errors.Add(item.At, "invalid expose '" + text + "': use a port, a range (8000-8010) and an optional /tcp, /udp or /sctp");
                        continue;
                    }
                    for (int port = start; port <= end; port++) assumed.Add((port, protocol, "expose: " + text, item.At));
                }
            }
            if (assumed.Count == 0 && container.Mode.Kind == NetworkModeKind.Container) return;
            container.SocketsDeclared = true;
            container.SocketsAssumed = true;
            container.SocketsAt = container.At;
            foreach (var group in assumed.Where(a => a.Protocol != TransportProtocol.Sctp).GroupBy(a => (a.Port, a.Protocol)))
            {
                var first = group.First();
                var tcp = first.Protocol == TransportProtocol.Tcp;
                container.Sockets.Add(new SocketSpec
                {
                    At = first.At,
                    Entry = new SocketEntry
                    {
                        Protocol = tcp ? SocketProtocol.Tcp : SocketProtocol.Udp,
                        LocalAddress = IPAddress.Any,
                        LocalPort = first.Port,
                        State = tcp ? SocketState.Listen : SocketState.Unconnected,
                        Process = "assumed from `" + first.Why + "`",
                    },
                });
            }
        }

        // The long syntax written as the short one: [host_ip:][published:]target[/protocol].
        private string? PortText(ComposeNode item)
        {
            if (item is ComposeScalar scalar) return scalar.Value;
            if (!(item is ComposeMap map))
            {
                _errors.Add(item.At, "a port is a string (\"8080:80\") or a mapping with target, published, host_ip, protocol");
                return null;
            }
            var target = Scalar(map, "target");
            if (target == null)
            {
                _errors.Add(item.At, "a port mapping needs a target (the container port)");
                return null;
            }
            var published = Scalar(map, "published");
            var hostIp = Scalar(map, "host_ip");
            var protocol = Scalar(map, "protocol");
            var text = target;
            if (published != null) text = published + ":" + text;
            if (hostIp != null) text = (hostIp.Contains(":") ? "[" + hostIp + "]" : hostIp) + ":" + (published == null ? ":" : string.Empty) + text;
            if (protocol != null) text += "/" + protocol;
            return text;
        }

        private static string? Scalar(ComposeMap map, string key) => (map[key] as ComposeScalar)?.Value;

        private bool? Bool(ComposeScalar scalar)
        {
            var value = YamlBoolean.Parse(scalar.Value);
            if (value == null) _errors.Add(scalar.At, "expected true or false, not '" + scalar.Value + "'");
            return value;
        }
    }
}
