using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;
using YamlDotNet.RepresentationModel;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>
    /// Reads the scenario YAML into a <see cref="ScenarioSpec"/>: the schema (keys, types) and the form of every value
    /// (addresses, CIDRs, MACs, publish specs, socket states). Cross-references are ScenarioBuilder's job.
    /// </summary>
    internal sealed class ScenarioReader
    {
        // Docker's characters for container names (moby daemon/names: RestrictedNameChars, one leading '/' allowed) and its
        // words when it refuses one ("Invalid container name (a b/c), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", Engine
        // 20.10). Docker's pattern repeats the second class with '+', so it refuses one-character names too; scenarios keep
        // them (the tests' a, b, c), since a name's length changes nothing on the network.
        private const string ContainerNameChars = "[a-zA-Z0-9][a-zA-Z0-9_.-]";
        private static readonly Regex ValidContainerName = new Regex("^/?" + ContainerNameChars + "*$", RegexOptions.CultureInvariant);

        private static readonly Regex SwarmIdPattern = new Regex("^[a-z0-9]{25}$", RegexOptions.CultureInvariant);
        private static readonly char[] BridgeNameForbidden = { ' ', '/', ':' };
        private static readonly string[] TopKeys = { "name", "description", "engine", "host", "networks", "containers", "nodes", "services" };
        private static readonly string[] EngineKeys = { "version", "apiVersion", "firewall", "userlandProxy", "icc", "iptables", "ip6tables", "os", "dns" };
        private static readonly string[] HostKeys = { "hostname", "addresses", "uplink", "uplinkIfIndex", "uplinkMac", "interfaces", "listeners", "sctp", "firewall", "firewall6", "routes", "forwarding", "forwarding6", "bridgeNfCall", "bridgeNfCall6", "resolvers", "nftables", "namespaces" };
        private static readonly char[] BadInterfaceChars = { ' ', '/', ':' };
        private static readonly string[] RouteKeys = { "destination", "gateway", "interface", "metric" };
        private static readonly string[] HostInterfaceKeys = { "name", "ifIndex", "master", "addresses", "mac" };
        private static readonly string[] NamespaceKeys = { "name", "pid", "process", "inode", "interfaces", "routes", "sockets" };
        private static readonly string[] NamespaceInterfaceKeys = { "name", "ifIndex", "addresses", "mac", "peer", "peerIfIndex" };
        private static readonly string[] NetworkKeys =
        {
            "name", "driver", "id", "subnet", "gateway", "subnet6", "gateway6", "bridge", "bridgeIfIndex", "bridgeMac", "internal", "icc", "parent", "options", "labels",
            "vni", "encrypted", "attachable", "ingress",
        };
        private static readonly string[] EndpointKeys = { "ip", "ipv6", "mac", "aliases", "dnsNames", "interface", "veth", "vethMac", "ifIndex", "hostIfIndex", "endpointId" };
        private static readonly string[] ContainerOnlyKeys =
        {
            "name", "id", "image", "hostname", "state", "pid", "network", "disconnected", "networks", "links", "publish", "extraHosts", "sockets", "socketsAssumed", "dns", "labels",
        };
        private static readonly string[] ContainerKeys = Concat(ContainerOnlyKeys, EndpointKeys);
        private static readonly string[] AttachmentKeys = Concat(new[] { "name" }, EndpointKeys);
        private static readonly string[] SocketKeys = { "protocol", "local", "remote", "state", "recvQ", "sendQ", "process", "pid", "inode", "uid" };
        private static readonly string[] Drivers = { "bridge", "host", "null", "macvlan", "ipvlan", "overlay" };

        private readonly ScenarioErrors _errors;

        /// <summary>The scenario's lines, to place an error inside a block scalar (host.firewall) at its own line and column.</summary>
        private readonly string[] _lines;

        private ScenarioReader(ScenarioErrors errors, string text)
        {
            _errors = errors;
            _lines = text.Split('\n');
        }

        public static ScenarioSpec Read(YamlNode root, ScenarioErrors errors, string text = "") => new ScenarioReader(errors, text).ReadRoot(root);

        private ScenarioSpec ReadRoot(YamlNode root)
        {
            var spec = new ScenarioSpec();
            var map = YamlMap.From(root, "the scenario", TopKeys, _errors);
            if (map == null) return spec;
            spec.Name = map.String("name");
            spec.Description = map.String("description");
            if (map.Value("engine") is YamlNode engine) ReadEngine(engine, spec.Engine);
            if (map.Value("host") is YamlNode host) ReadHost(host, spec.Host);
            foreach (var item in map.List("networks"))
            {
                var network = ReadNetwork(item);
                if (network != null) spec.Networks.Add(network);
            }
            foreach (var item in map.List("containers"))
            {
                var container = ReadContainer(item);
                if (container != null) spec.Containers.Add(container);
            }
            spec.Swarm = SwarmScenario.Read(map, _errors, (node, key) => ReadFirewall(node, key, AddressFamily.InterNetwork));
            return spec;
        }

        private void ReadEngine(YamlNode node, EngineInfo engine)
        {
            var map = YamlMap.From(node, "engine", EngineKeys, _errors);
            if (map == null) return;
            engine.Version = map.String("version") ?? engine.Version;
            engine.ApiVersion = map.String("apiVersion") ?? engine.ApiVersion;
            engine.OperatingSystem = map.String("os") ?? engine.OperatingSystem;
            if (map.Scalar("firewall") is YamlScalarNode firewall)
            {
                switch (firewall.Value!.ToLowerInvariant())
                {
                    case "iptables":
                        engine.Firewall = FirewallBackend.Iptables;
                        break;
                    case "nftables":
                        engine.Firewall = FirewallBackend.Nftables;
                        break;
                    default:
                        _errors.Add(firewall, "unknown firewall '" + firewall.Value + "': use iptables or nftables");
                        break;
                }
            }
            engine.UserlandProxy = map.Bool("userlandProxy") ?? engine.UserlandProxy;
            engine.InterContainerCommunication = map.Bool("icc") ?? engine.InterContainerCommunication;
            engine.IptablesEnabled = map.Bool("iptables") ?? engine.IptablesEnabled;
            engine.Ip6tables = map.Bool("ip6tables") ?? engine.Ip6tables;
            if (map.Has("dns")) engine.Dns = ReadAddressList(map, "dns", "DNS server address");
        }

        private void ReadHost(YamlNode node, HostSpec host)
        {
            var map = YamlMap.From(node, "host", HostKeys, _errors);
            if (map == null) return;
            host.Hostname = map.String("hostname") ?? host.Hostname;
            foreach (var scalar in map.ScalarList("addresses"))
            {
                if (AddressText.TryParseIP(scalar.Value, out var address)) host.Addresses.Add(address);
                else _errors.Add(scalar, "invalid IP address: " + scalar.Value);
            }
            host.Uplink = map.String("uplink") ?? host.Uplink;
            host.Sctp = map.Bool("sctp");
            host.UplinkIfIndex = (int?)map.Integer("uplinkIfIndex", 1, int.MaxValue);
            if (map.Scalar("uplinkMac") is YamlScalarNode mac) host.UplinkMac = ReadMac(mac);
            foreach (var item in map.List("interfaces"))
            {
                var ifMap = YamlMap.From(item, "a host interface", HostInterfaceKeys, _errors);
                if (ifMap == null) continue;
                var info = new HostInterfaceInfo { Name = RequireString(ifMap, "name", "a host interface") ?? string.Empty };
                info.IfIndex = (int?)ifMap.Integer("ifIndex", 1, int.MaxValue) ?? 0;
                info.Master = ifMap.String("master");
                if (ifMap.Scalar("mac") is YamlScalarNode ifMac) info.MacAddress = ReadMac(ifMac);
                foreach (var scalar in ifMap.ScalarList("addresses"))
                {
                    if (AddressText.TryParseIP(scalar.Value, out var address)) info.Addresses.Add(address);
                    else _errors.Add(scalar, "invalid IP address: " + scalar.Value);
                }
                host.Interfaces.Add(info);
                host.InterfacePositions.Add(SourcePos.Of(item));
            }
            foreach (var item in map.List("listeners"))
            {
                var socket = ReadSocket(item, "a host listener");
                if (socket != null) host.Listeners.Add(socket);
            }
            if (map.Has("routes"))
            {
                host.Routes = new List<HostRoute>();
                foreach (var item in map.List("routes"))
                {
                    var route = ReadRoute(item, host.Uplink);
                    if (route != null) host.Routes.Add(route);
                }
            }
            foreach (var item in map.List("namespaces"))
            {
                var ns = ReadNamespace(item);
                if (ns != null) host.Namespaces.Add(ns);
            }
            host.Forwarding = map.Bool("forwarding");
            host.Forwarding6 = map.Bool("forwarding6");
            host.BridgeNfCall = map.Bool("bridgeNfCall");
            host.BridgeNfCall6 = map.Bool("bridgeNfCall6");
            if (map.Has("resolvers")) host.Resolvers = ReadAddressList(map, "resolvers", "nameserver address");
            if (map.Scalar("firewall") is YamlScalarNode firewall) host.Firewall = ReadFirewall(firewall, "firewall", AddressFamily.InterNetwork);
            if (map.Scalar("firewall6") is YamlScalarNode firewall6) host.Firewall6 = ReadFirewall(firewall6, "firewall6", AddressFamily.InterNetworkV6);
            if (map.Scalar("nftables") is YamlScalarNode nftables)
            {
                if (host.Firewall != null || host.Firewall6 != null)
                {
                    _errors.Add(nftables, "'nftables' and 'firewall'/'firewall6' are two readings of one packet filter: give one of them");
                }
                else
                {
                    // host.nftables: the JSON of `nft -j list ruleset`, both families at once (an inet table is in both).
                    var result = Firewall.NftJsonParser.Parse(nftables.Value ?? string.Empty);
                    foreach (var error in result.Errors) _errors.Add(nftables, "nftables: " + error);
                    host.Firewall = result.IPv4;
                    host.Firewall6 = result.IPv6;
                }
            }
        }

        /// <summary>
        /// One item of host.namespaces: a network namespace Docker did not make, { name, pid, process, inode, interfaces:
        /// [{ name: veth4, addresses: [10.201.0.4/24], peer: brid4 }], routes: [{ destination: default, gateway: 10.201.0.1 }],
        /// sockets }. A route's interface defaults to the namespace's first interface.
        /// </summary>
        private NamespaceSpec? ReadNamespace(YamlNode node)
        {
            var map = YamlMap.From(node, "a network namespace", NamespaceKeys, _errors);
            if (map == null) return null;
            var name = RequireString(map, "name", "a network namespace");
            if (name == null) return null;
            var spec = new NamespaceSpec { At = SourcePos.Of(node) };
            var ns = spec.Namespace;
            ns.Name = name;
            ns.ProcessId = (int?)map.Integer("pid", 1, int.MaxValue);
            ns.Process = map.String("process");
            ns.Inode = map.Integer("inode", 1, long.MaxValue);
            // "pid 4242": a namespace only a process holds has no name of its own, the live reader names it so.
            ns.Origin = name.StartsWith(NamespaceSpec.ProcessPrefix, StringComparison.Ordinal) ? NamespaceOrigin.Process : NamespaceOrigin.Named;
            if (ns.Origin == NamespaceOrigin.Named && (name.IndexOf('/') >= 0 || name == "." || name == ".."))
                _errors.Add(map.Value("name"), "invalid namespace name '" + name + "': ip netns names a file under /var/run/netns, so no '/'");
            foreach (var item in map.List("interfaces"))
            {
                var ifMap = YamlMap.From(item, "a namespace interface", NamespaceInterfaceKeys, _errors);
                if (ifMap == null) continue;
                var inside = new NamespaceInterface { Name = RequireString(ifMap, "name", "a namespace interface") ?? string.Empty };
                if (inside.Name.Length > 15 || inside.Name.IndexOfAny(BadInterfaceChars) >= 0)
                    _errors.Add(ifMap.Value("name"), "invalid interface name '" + inside.Name + "': at most 15 characters, no spaces, '/' or ':'");
                inside.IfIndex = (int?)ifMap.Integer("ifIndex", 1, int.MaxValue) ?? 0;
                inside.Peer = ifMap.String("peer");
                inside.PeerIfIndex = (int?)ifMap.Integer("peerIfIndex", 1, int.MaxValue) ?? 0;
                if (ifMap.Scalar("mac") is YamlScalarNode mac) inside.MacAddress = ReadMac(mac);
                foreach (var scalar in ifMap.ScalarList("addresses"))
                {
                    if (InterfaceAddress.TryParse(scalar.Value, out var address)) inside.Addresses.Add(address!);
                    else _errors.Add(scalar, "invalid interface address '" + scalar.Value + "': give address/prefix, such as 10.201.0.4/24");
                }
                ns.Interfaces.Add(inside);
                spec.PeerPositions.Add(SourcePos.Of(ifMap.Value("peer") ?? item));
            }
            var firstInterface = ns.Interfaces.Count > 0 ? ns.Interfaces[0].Name : "lo";
            foreach (var item in map.List("routes"))
            {
                var route = ReadRoute(item, firstInterface);
                if (route != null) ns.Routes.Add(route);
            }
            if (map.Has("sockets"))
            {
                ns.SocketsKnown = true;
                foreach (var item in map.List("sockets"))
                {
                    var socket = ReadSocket(item, "a socket");
                    if (socket != null) ns.Sockets.Add(socket.Entry);
                }
            }
            return spec;
        }

        /// <summary>
        /// One item of host.routes: { destination: 10.8.0.0/16 | default | ::/0, gateway: 10.8.0.1, interface: tun0, metric: 50 }.
        /// `default` is the IPv4 default route (IPv6 when the gateway is an IPv6 address); the interface defaults to the uplink.
        /// </summary>
        private HostRoute? ReadRoute(YamlNode node, string uplink)
        {
            var map = YamlMap.From(node, "a route", RouteKeys, _errors);
            if (map == null) return null;
            var destinationNode = map.Scalar("destination");
            if (destinationNode == null)
            {
                _errors.Add(node, "a route needs a 'destination' (a CIDR such as 10.8.0.0/16, or default)");
                return null;
            }
            IPAddress? gateway = null;
            var gatewayNode = map.Scalar("gateway");
            if (gatewayNode != null && !AddressText.TryParseIP(gatewayNode.Value, out gateway!))
            {
                _errors.Add(gatewayNode, "invalid gateway address: " + gatewayNode.Value);
                return null;
            }
            var text = destinationNode.Value!.Trim();
            IPAddress destination;
            int prefix;
            if (string.Equals(text, "default", StringComparison.OrdinalIgnoreCase))
            {
                destination = gateway != null && gateway.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
                prefix = 0;
            }
            else
            {
                var slash = text.IndexOf('/');
                var max = 0;
                if (slash <= 0 || !AddressText.TryParseIP(text.Substring(0, slash), out destination)
                    || !int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix)
                    || prefix > (max = destination.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32))
                {
                    _errors.Add(destinationNode, "invalid route destination '" + text + "': use a CIDR such as 10.8.0.0/16 or fd00:8::/64, or default");
                    return null;
                }
                if (!HostRoute.IsNetworkAddress(destination, prefix))
                {
                    _errors.Add(destinationNode, "invalid prefix for given prefix length: " + text + " has host bits set (ip route refuses it)");
                    return null;
                }
            }
            if (gateway != null && gateway.AddressFamily != destination.AddressFamily)
            {
                _errors.Add(gatewayNode, "gateway " + gateway + " is not the same address family as destination " + text);
                return null;
            }
            var iface = map.String("interface") ?? uplink;
            if (iface.Length == 0 || iface.Length > 15 || iface.IndexOfAny(BadInterfaceChars) >= 0)
            {
                _errors.Add(map.Value("interface"), "invalid interface name '" + iface + "': at most 15 characters, no spaces, '/' or ':'");
                return null;
            }
            var metric = (int?)map.Integer("metric", 0, int.MaxValue) ?? 0;
            return new HostRoute(destination, prefix, gateway, iface, metric);
        }

        /// <summary>A list of IP addresses (engine.dns, host.resolvers, a container's dns); a bad item is an error at its position.</summary>
        private List<IPAddress> ReadAddressList(YamlMap map, string key, string what)
        {
            var list = new List<IPAddress>();
            foreach (var scalar in map.ScalarList(key))
            {
                if (AddressText.TryParseIP(scalar.Value, out var address)) list.Add(address);
                else _errors.Add(scalar, "invalid " + what + ": " + scalar.Value);
            }
            return list;
        }

        /// <summary>
        /// host.firewall / host.firewall6: the text iptables-save / ip6tables-save printed, as a literal block scalar (|).
        /// An error in it is reported at the line and column of the bad rule in the scenario file.
        /// </summary>
        private FirewallRuleset? ReadFirewall(YamlScalarNode node, string key, AddressFamily family)
        {
            if (node.Style == YamlDotNet.Core.ScalarStyle.Folded)
            {
                _errors.Add(node, "'" + key + "' must be a literal block (" + key + ": |) so every rule keeps its own line; '>' folds the lines together");
                return null;
            }
            var result = Firewall.IptablesSaveParser.Parse(node.Value ?? string.Empty, family);
            foreach (var error in result.Errors)
            {
                if (node.Style != YamlDotNet.Core.ScalarStyle.Literal)
                {
                    _errors.Add(node, key + " line " + error.Line + ", column " + error.Column + ": " + error.Reason);
                    continue;
                }
                // A literal block's text starts on the line after its '|'; each of its lines is indented by the block's indentation.
                var line = node.Start.Line + error.Line;
                var raw = line - 1 < _lines.Length ? _lines[line - 1].TrimEnd('\r') : string.Empty;
                var indent = raw.Length - raw.TrimStart(' ').Length;
                _errors.Add(new SourcePos(line, indent + error.Column), key + ": " + error.Reason);
            }
            return result.Ruleset;
        }

        private NetworkSpec? ReadNetwork(YamlNode node)
        {
            var map = YamlMap.From(node, "a network", NetworkKeys, _errors);
            if (map == null) return null;
            var name = RequireString(map, "name", "a network");
            if (name == null) return null;
            var spec = new NetworkSpec { Name = name, At = SourcePos.Of(map.Value("name")) };
            foreach (var pair in map.Node.Children)
            {
                if (pair.Key is YamlScalarNode k && k.Value != null) spec.Keys.Add((k.Value, SourcePos.Of(k)));
            }
            if (map.Scalar("driver") is YamlScalarNode driver)
            {
                spec.DriverAt = SourcePos.Of(driver);
                var value = driver.Value!.ToLowerInvariant();
                if (Array.IndexOf(Drivers, value) >= 0) spec.Driver = value;
                else _errors.Add(driver, "unknown network driver '" + driver.Value + "': use " + string.Join(", ", Drivers));
            }
            // A swarm-scoped network's id is swarmkit's: 25 lower-case letters and digits.
            if (map.Scalar("id") is YamlScalarNode id) spec.Id = SwarmIdPattern.IsMatch(id.Value!) ? id.Value : ReadId(id);
            spec.Vni = (int?)map.Integer("vni", 1, 16777215);
            spec.Encrypted = map.Bool("encrypted");
            spec.Attachable = map.Bool("attachable");
            spec.Ingress = map.Bool("ingress");
            if (map.Scalar("subnet") is YamlScalarNode subnet)
            {
                spec.SubnetAt = SourcePos.Of(subnet);
                if (IPv4Subnet.TryParse(subnet.Value, out var parsed) && IsStrictCidr(subnet.Value!)) spec.Subnet = parsed;
                else _errors.Add(subnet, "invalid CIDR address: " + subnet.Value);
            }
            spec.Gateway = ReadAddress(map, "gateway", AddressFamily.InterNetwork, "gateway address", at => spec.GatewayAt = at);
            if (map.Scalar("subnet6") is YamlScalarNode subnet6)
            {
                spec.Subnet6At = SourcePos.Of(subnet6);
                if (IPv6Subnet.TryParse(subnet6.Value, out var parsed)) spec.Subnet6 = parsed;
                else _errors.Add(subnet6, "invalid IPv6 CIDR address: " + subnet6.Value);
            }
            spec.Gateway6 = ReadAddress(map, "gateway6", AddressFamily.InterNetworkV6, "IPv6 gateway address", at => spec.Gateway6At = at);
            spec.BridgeName = map.String("bridge");
            if (spec.BridgeName != null && (spec.BridgeName.Length > 15 || spec.BridgeName.IndexOfAny(BridgeNameForbidden) >= 0))
                _errors.Add(map.Value("bridge"), "invalid bridge device name '" + spec.BridgeName + "': at most 15 characters, no spaces, '/' or ':'");
            spec.BridgeIfIndex = (int?)map.Integer("bridgeIfIndex", 1, int.MaxValue);
            if (map.Scalar("bridgeMac") is YamlScalarNode bridgeMac) spec.BridgeMac = ReadMac(bridgeMac);
            spec.Internal = map.Bool("internal");
            spec.Icc = map.Bool("icc");
            spec.Parent = map.String("parent");
            foreach (var (key, value) in map.StringMap("options"))
            {
                spec.Options.Add(new KeyValuePair<string, string>(key.Value!, value));
                if (key.Value == NetworkInfo.IccOption && value != "true" && value != "false")
                    _errors.Add(key, "option " + NetworkInfo.IccOption + " must be \"true\" or \"false\", not '" + value + "'");
            }
            foreach (var (key, value) in map.StringMap("labels")) spec.Labels.Add(new KeyValuePair<string, string>(key.Value!, value));
            return spec;
        }

        private ContainerSpec? ReadContainer(YamlNode node)
        {
            var map = YamlMap.From(node, "a container", ContainerKeys, _errors);
            if (map == null) return null;
            var name = RequireString(map, "name", "a container");
            if (name == null) return null;
            var spec = new ContainerSpec { Name = name.TrimStart('/'), At = SourcePos.Of(map.Value("name")) };
            if (!ValidContainerName.IsMatch(name)) _errors.Add(spec.At, "Invalid container name (" + name + "), only " + ContainerNameChars + " are allowed");
            if (map.Scalar("id") is YamlScalarNode id) spec.Id = ReadId(id);
            spec.Image = map.String("image") ?? string.Empty;
            if (map.Scalar("hostname") is YamlScalarNode hostname)
            {
                spec.Hostname = hostname.Value;
                spec.HostnameAt = SourcePos.Of(hostname);
            }
            if (map.Scalar("state") is YamlScalarNode state)
            {
                if (Enum.TryParse<ContainerState>(state.Value, true, out var parsed) && !int.TryParse(state.Value, out _)) spec.State = parsed;
                else _errors.Add(state, "unknown container state '" + state.Value + "': use running, exited, created, paused, restarting or dead");
            }
            spec.Pid = (int?)map.Integer("pid", 0, int.MaxValue) ?? 0;

            var primary = new EndpointSpec { IsPrimary = true };
            if (map.Scalar("network") is YamlScalarNode mode)
            {
                spec.ModeAt = SourcePos.Of(mode);
                primary.At = spec.ModeAt;
                if (mode.Value!.StartsWith("container:", StringComparison.Ordinal) && mode.Value.Length == "container:".Length)
                    _errors.Add(mode, "invalid container format container:<name|id>");
                spec.Mode = NetworkMode.Parse(mode.Value);
            }
            else
            {
                spec.ModeAt = spec.At;
                primary.At = spec.At;
            }
            ReadEndpointKeys(map, primary);
            spec.Endpoints.Add(primary);
            spec.Disconnected = map.Bool("disconnected") ?? false;
            spec.DisconnectedAt = SourcePos.Of(map.KeyNode("disconnected"));
            foreach (var item in map.List("networks"))
            {
                var attachment = ReadAttachment(item);
                if (attachment != null) spec.Endpoints.Add(attachment);
            }

            foreach (var link in map.ScalarList("links"))
            {
                var parts = link.Value!.Split(':');
                if (parts.Length > 2 || parts[0].Length == 0 || (parts.Length == 2 && parts[1].Length == 0))
                {
                    _errors.Add(link, "invalid link '" + link.Value + "': use name or name:alias");
                    continue;
                }
                var target = parts[0].TrimStart('/');
                spec.Links.Add((new ContainerLink(target, parts.Length == 2 ? parts[1] : target), SourcePos.Of(link)));
            }

            spec.PublishAt = SourcePos.Of(map.KeyNode("publish"));
            foreach (var publish in map.ScalarList("publish"))
            {
                if (PublishSpec.TryParse(publish.Value, out var bindings, out var error))
                {
                    // A container's publish is what Docker gave it: one port, the range's first on a modelled host.
                    foreach (var binding in bindings)
                        spec.Ports.Add((binding.IsHostRange ? new PortBinding(binding.ContainerPort, binding.Protocol, binding.HostIp, binding.HostPort) : binding, SourcePos.Of(publish)));
                }
                else
                {
                    _errors.Add(publish, "invalid publish '" + publish.Value + "': " + error);
                }
            }

            if (map.Has("dns"))
            {
                spec.DnsAt = SourcePos.Of(map.KeyNode("dns"));
                spec.Dns.AddRange(ReadAddressList(map, "dns", "DNS server address"));
            }

            spec.ExtraHostsAt = SourcePos.Of(map.KeyNode("extraHosts"));
            foreach (var entry in map.ScalarList("extraHosts")) ReadExtraHost(entry, spec);

            if (map.Has("sockets"))
            {
                spec.SocketsDeclared = true;
                spec.SocketsAt = SourcePos.Of(map.KeyNode("sockets"));
                foreach (var item in map.List("sockets"))
                {
                    var socket = ReadSocket(item, "a socket");
                    if (socket != null) spec.Sockets.Add(socket);
                }
            }
            spec.SocketsAssumed = map.Bool("socketsAssumed") ?? false;
            if (spec.SocketsAssumed && !spec.SocketsDeclared) _errors.Add(map.KeyNode("socketsAssumed"), "socketsAssumed needs the container's sockets (the assumed listeners)");
            foreach (var (key, value) in map.StringMap("labels")) spec.Labels.Add(new KeyValuePair<string, string>(key.Value!, value));
            return spec;
        }

        private EndpointSpec? ReadAttachment(YamlNode node)
        {
            if (node is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value))
                return new EndpointSpec { Network = scalar.Value!, At = SourcePos.Of(scalar) };
            var map = YamlMap.From(node, "a network attachment", AttachmentKeys, _errors);
            if (map == null) return null;
            var name = RequireString(map, "name", "a network attachment");
            if (name == null) return null;
            var endpoint = new EndpointSpec { Network = name, At = SourcePos.Of(map.Value("name")) };
            ReadEndpointKeys(map, endpoint);
            return endpoint;
        }

        /// <summary>An address key of one family: null when absent; its position goes to <paramref name="at"/>, a bad value is an error there.</summary>
        private IPAddress? ReadAddress(YamlMap map, string key, AddressFamily family, string what, Action<SourcePos> at)
        {
            if (!(map.Scalar(key) is YamlScalarNode node)) return null;
            at(SourcePos.Of(node));
            if (AddressText.TryParseIP(node.Value, out var address) && address.AddressFamily == family) return address;
            _errors.Add(node, "invalid " + what + ": " + node.Value);
            return null;
        }

        private void ReadEndpointKeys(YamlMap map, EndpointSpec endpoint)
        {
            endpoint.IPAddress = ReadAddress(map, "ip", AddressFamily.InterNetwork, "IPv4 address", at => endpoint.IPAt = at);
            endpoint.IPv6Address = ReadAddress(map, "ipv6", AddressFamily.InterNetworkV6, "IPv6 address", at => endpoint.IPv6At = at);
            if (map.Scalar("mac") is YamlScalarNode mac)
            {
                endpoint.MacAt = SourcePos.Of(mac);
                endpoint.Mac = ReadMac(mac);
            }
            endpoint.AliasesAt = SourcePos.Of(map.Value("aliases"));
            foreach (var alias in map.ScalarList("aliases")) endpoint.Aliases.Add(alias.Value!);
            if (map.Has("dnsNames"))
            {
                endpoint.DnsNames = new List<string>();
                foreach (var dnsName in map.ScalarList("dnsNames")) endpoint.DnsNames.Add(dnsName.Value!);
            }
            if (map.Scalar("veth") is YamlScalarNode veth)
            {
                endpoint.VethAt = SourcePos.Of(veth);
                endpoint.Veth = veth.Value;
                if (veth.Value!.Length > 15) _errors.Add(veth, "invalid interface name '" + veth.Value + "': at most 15 characters");
            }
            if (map.Scalar("vethMac") is YamlScalarNode vethMac) endpoint.VethMac = ReadMac(vethMac);
            if (map.Scalar("interface") is YamlScalarNode iface)
            {
                endpoint.InterfaceAt = SourcePos.Of(iface);
                endpoint.Interface = iface.Value;
                if (iface.Value!.Length > 15) _errors.Add(iface, "invalid interface name '" + iface.Value + "': at most 15 characters");
            }
            endpoint.IfIndexAt = SourcePos.Of(map.Value("ifIndex"));
            endpoint.IfIndex = (int?)map.Integer("ifIndex", 1, int.MaxValue);
            endpoint.HostIfIndexAt = SourcePos.Of(map.Value("hostIfIndex"));
            endpoint.HostIfIndex = (int?)map.Integer("hostIfIndex", 1, int.MaxValue);
            if (map.Scalar("endpointId") is YamlScalarNode endpointId) endpoint.EndpointId = ReadId(endpointId);
        }

        private void ReadExtraHost(YamlScalarNode entry, ContainerSpec spec)
        {
            // docker --add-host name:ip (newer CLIs also accept name=ip); "host-gateway" is resolved by the builder.
            var text = entry.Value!;
            var separator = text.IndexOf('=');
            if (separator < 0) separator = text.IndexOf(':');
            if (separator <= 0 || separator == text.Length - 1)
            {
                _errors.Add(entry, "bad format for add-host: \"" + text + "\"");
                return;
            }
            var name = text.Substring(0, separator);
            var value = text.Substring(separator + 1).Trim('[', ']');
            if (value == "host-gateway")
            {
                spec.ExtraHosts.Add((name, null, SourcePos.Of(entry)));
                return;
            }
            if (!AddressText.TryParseIP(value, out var address))
            {
                _errors.Add(entry, "invalid IP address in add-host: \"" + value + "\"");
                return;
            }
            spec.ExtraHosts.Add((name, address, SourcePos.Of(entry)));
        }

        private SocketSpec? ReadSocket(YamlNode node, string what)
        {
            var map = YamlMap.From(node, what, SocketKeys, _errors);
            if (map == null) return null;
            var entry = new SocketEntry();
            var ok = true;

            var protocolNode = map.Scalar("protocol");
            var protocolText = protocolNode?.Value?.ToLowerInvariant() ?? "tcp";
            var isTcp = protocolText == "tcp" || protocolText == "tcp6";
            if (!isTcp && protocolText != "udp" && protocolText != "udp6")
            {
                _errors.Add(protocolNode, "unknown socket protocol '" + protocolNode!.Value + "': use tcp, tcp6, udp or udp6");
                return null;
            }

            var localNode = map.Scalar("local");
            if (localNode == null)
            {
                _errors.Add(node, what + " needs 'local' (address:port, e.g. \"0.0.0.0:80\" or \"[::]:80\")");
                return null;
            }
            if (!AddressText.TryParseEndpoint(localNode.Value, out var local, out var localPort, out var error))
            {
                _errors.Add(localNode, error);
                ok = false;
            }
            var v6 = local.AddressFamily == AddressFamily.InterNetworkV6;
            if (ok && protocolText.EndsWith("6", StringComparison.Ordinal) && !v6)
            {
                _errors.Add(localNode, protocolText + " sockets have IPv6 addresses: write [::]:" + localPort.ToString(CultureInfo.InvariantCulture)
                                       + " or [::ffff:" + local + "]:" + localPort.ToString(CultureInfo.InvariantCulture));
                ok = false;
            }
            entry.Protocol = isTcp ? (v6 ? SocketProtocol.Tcp6 : SocketProtocol.Tcp) : (v6 ? SocketProtocol.Udp6 : SocketProtocol.Udp);
            entry.LocalAddress = local;
            entry.LocalPort = localPort;
            entry.RemoteAddress = v6 ? IPAddress.IPv6Any : IPAddress.Any;

            if (map.Scalar("remote") is YamlScalarNode remoteNode)
            {
                if (!AddressText.TryParseEndpoint(remoteNode.Value, out var remote, out var remotePort, out error))
                {
                    _errors.Add(remoteNode, error);
                    ok = false;
                }
                else if (remote.AddressFamily != local.AddressFamily)
                {
                    _errors.Add(remoteNode, "remote '" + remoteNode.Value + "' is not the same address family as local '" + localNode.Value + "'");
                    ok = false;
                }
                entry.RemoteAddress = remote;
                entry.RemotePort = remotePort;
            }

            var connected = entry.RemotePort != 0;
            if (map.Scalar("state") is YamlScalarNode stateNode)
            {
                if (!SocketStates.TryParse(stateNode.Value!, out var state))
                {
                    _errors.Add(stateNode, "unknown socket state '" + stateNode.Value + "': use " + SocketStates.Known);
                    ok = false;
                }
                else if (!isTcp && state != SocketState.Unconnected && state != SocketState.Established && state != SocketState.Closed && state != SocketState.Unknown)
                {
                    _errors.Add(stateNode, "a UDP socket is unconnected or established, not " + stateNode.Value);
                    ok = false;
                }
                entry.State = state;
            }
            else
            {
                entry.State = isTcp ? (connected ? SocketState.Established : SocketState.Listen) : (connected ? SocketState.Established : SocketState.Unconnected);
            }

            entry.RecvQ = map.Integer("recvQ", 0, long.MaxValue) ?? 0;
            entry.SendQ = map.Integer("sendQ", 0, long.MaxValue) ?? 0;
            entry.Process = map.String("process");
            entry.ProcessId = (int?)map.Integer("pid", 1, int.MaxValue);
            // Absent is unknown (null), not 0: uid 0 is root.
            entry.Inode = map.Integer("inode", 0, long.MaxValue);
            entry.Uid = (int?)map.Integer("uid", 0, int.MaxValue);
            return ok ? new SocketSpec { Entry = entry, At = SourcePos.Of(node) } : null;
        }

        private string? RequireString(YamlMap map, string key, string what)
        {
            var value = map.String(key);
            if (!string.IsNullOrWhiteSpace(value)) return value;
            _errors.Add(map.KeyNode(key) ?? (YamlNode)map.Node, what + " needs a '" + key + "'");
            return null;
        }

        private string? ReadId(YamlScalarNode node)
        {
            var value = node.Value!.ToLowerInvariant();
            if (value.Length == 64 && IsHex(value)) return value;
            _errors.Add(node, "invalid id '" + node.Value + "': an id is 64 hexadecimal characters");
            return null;
        }

        private string? ReadMac(YamlScalarNode node)
        {
            if (AddressText.TryParseMac(node.Value, out var mac)) return mac;
            _errors.Add(node, node.Value + " is not a valid mac address");
            return null;
        }

        private static bool IsStrictCidr(string text)
        {
            var slash = text.IndexOf('/');
            return slash > 0 && AddressText.TryParseIPv4(text.Substring(0, slash), out _);
        }

        private static bool IsHex(string value)
        {
            foreach (var c in value)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            }
            return true;
        }

        private static string[] Concat(string[] a, string[] b)
        {
            var result = new string[a.Length + b.Length];
            a.CopyTo(result, 0);
            b.CopyTo(result, a.Length);
            return result;
        }
    }
}
