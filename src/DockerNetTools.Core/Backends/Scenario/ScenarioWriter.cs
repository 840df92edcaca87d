using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>
    /// Writes a <see cref="DockerHostModel"/> as scenario YAML with every derived value spelled out (ids, addresses,
    /// MACs, interface names, veths and ifindexes), so <see cref="ScenarioLoader"/> reproduces the model exactly.
    /// It writes only what the model holds: networks, containers, endpoints, ports, hosts entries and sockets; the
    /// model carries no environment variables, commands, mounts or other secrets, and this writer adds none.
    /// </summary>
    public static class ScenarioWriter
    {
        /// <summary>Characters that make a plain YAML scalar mean something else, so a value holding one is quoted.</summary>
        private static readonly char[] YamlIndicators = { ':', '#', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ' };
        /// <summary>The scenario text for <paramref name="model"/>; <paramref name="name"/> becomes its `name:`.</summary>
        public static string ToYaml(DockerHostModel model, string? name = null)
        {
            using (var writer = new StringWriter(CultureInfo.InvariantCulture))
            {
                Write(model, writer, name);
                return writer.ToString();
            }
        }

        /// <summary>Writes the scenario text for <paramref name="model"/> to <paramref name="output"/>.</summary>
        public static void Write(DockerHostModel model, TextWriter output, string? name = null)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            if (output == null) throw new ArgumentNullException(nameof(output));

            var root = new YamlMappingNode();
            Add(root, "name", name ?? "Snapshot");
            if (model.Source.Length > 0) Add(root, "description", "Written by DockerNetTools from " + model.Source + ".");
            root.Add("engine", Engine(model.Engine));
            root.Add("host", Host(model));
            var networks = new YamlSequenceNode();
            foreach (var network in model.Networks) networks.Add(Network(model, network));
            root.Add("networks", networks);
            var containers = new YamlSequenceNode();
            foreach (var container in model.Containers) containers.Add(Container(model, container));
            root.Add("containers", containers);
            if (model.Swarm != null) AddSwarm(root, model.Swarm);

            output.WriteLine("# DockerNetTools scenario (about_DockerNetTools_Scenarios). Every derived value is explicit,");
            output.WriteLine("# so loading this file with -Scenario reproduces the host it was written from.");
            using (var buffer = new StringWriter(CultureInfo.InvariantCulture))
            {
                new YamlStream(new YamlDocument(root)).Save(buffer, assignAnchors: false);
                // YamlStream ends every document with an explicit "..." marker; a scenario is one document without it.
                var text = buffer.ToString().TrimEnd();
                if (text.EndsWith("...", StringComparison.Ordinal)) text = text.Substring(0, text.Length - 3).TrimEnd();
                output.WriteLine(text);
            }
        }

        /// <summary>A link-local IPv6 address without its %scope: the scope is an interface index of the host it was read on, and scenarios take plain addresses.</summary>
        private static string Unscoped(IPAddress address) =>
            address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()).ToString() : address.ToString();

        private static YamlMappingNode Engine(EngineInfo engine)
        {
            var map = new YamlMappingNode();
            Add(map, "version", engine.Version);
            Add(map, "apiVersion", engine.ApiVersion);
            Add(map, "firewall", engine.Firewall == FirewallBackend.Nftables ? "nftables" : "iptables");
            Add(map, "userlandProxy", engine.UserlandProxy);
            Add(map, "icc", engine.InterContainerCommunication);
            Add(map, "iptables", engine.IptablesEnabled);
            // The effective value, not "default": a snapshot reloads with the same IPv6 rules whatever its version string says.
            Add(map, "ip6tables", engine.Ip6tablesEnabled);
            Add(map, "os", engine.OperatingSystem);
            if (engine.Dns != null && engine.Dns.Count > 0) map.Add("dns", Flow(engine.Dns.Select(Unscoped)));
            return map;
        }

        private static YamlMappingNode Host(DockerHostModel model)
        {
            var map = new YamlMappingNode();
            Add(map, "hostname", model.Host.Hostname);
            var own = model.Host.Interfaces.Where(i => i.Name != "lo" && !IsDockerDevice(model, i.Name)).ToList();
            // The uplink: the first interface of the host's own that has an address (else the first of its own).
            var uplink = own.FirstOrDefault(i => i.Addresses.Count > 0) ?? own.FirstOrDefault();
            if (uplink != null)
            {
                map.Add("addresses", Flow(uplink.Addresses.Select(Unscoped)));
                Add(map, "uplink", uplink.Name);
                Add(map, "uplinkIfIndex", uplink.IfIndex);
                if (uplink.MacAddress != null) Add(map, "uplinkMac", uplink.MacAddress);
            }
            var others = own.Where(i => i != uplink).ToList();
            if (others.Count > 0)
            {
                var interfaces = new YamlSequenceNode();
                foreach (var item in others)
                {
                    var entry = FlowMap();
                    Add(entry, "name", item.Name);
                    Add(entry, "ifIndex", item.IfIndex);
                    if (item.Master != null) Add(entry, "master", item.Master);
                    if (item.Addresses.Count > 0) entry.Add("addresses", Flow(item.Addresses.Select(Unscoped)));
                    if (item.MacAddress != null) Add(entry, "mac", item.MacAddress);
                    interfaces.Add(entry);
                }
                map.Add("interfaces", interfaces);
            }
            var listeners = new YamlSequenceNode();
            foreach (var socket in model.Host.Sockets.Where(s => !IsHostModeContainers(model, s))) listeners.Add(Socket(socket));
            map.Add("listeners", listeners);
            if (model.Host.SctpSupported is bool sctp) Add(map, "sctp", sctp);
            if (model.Host.Routes != null)
            {
                var routes = new YamlSequenceNode();
                foreach (var route in model.Host.Routes) routes.Add(Route(route));
                map.Add("routes", routes);
            }
            if (model.Host.Namespaces.Count > 0)
            {
                var namespaces = new YamlSequenceNode();
                foreach (var ns in model.Host.Namespaces) namespaces.Add(Namespace(ns));
                map.Add("namespaces", namespaces);
            }
            if (model.Host.Forwarding is bool forwarding) Add(map, "forwarding", forwarding);
            if (model.Host.Forwarding6 is bool forwarding6) Add(map, "forwarding6", forwarding6);
            if (model.Host.BridgeNfCall is bool bridgeNfCall) Add(map, "bridgeNfCall", bridgeNfCall);
            if (model.Host.BridgeNfCall6 is bool bridgeNfCall6) Add(map, "bridgeNfCall6", bridgeNfCall6);
            if (model.Host.Resolvers != null) map.Add("resolvers", Flow(model.Host.Resolvers.Select(Unscoped)));
            var nft = model.Host.Firewall?.Format == FirewallFormat.NftJson ? model.Host.Firewall : model.Host.Firewall6?.Format == FirewallFormat.NftJson ? model.Host.Firewall6 : null;
            if (nft != null)
            {
                map.Add("nftables", Literal(nft.Text));
            }
            else
            {
                if (model.Host.Firewall != null) map.Add("firewall", Literal(model.Host.Firewall.Text));
                if (model.Host.Firewall6 != null) map.Add("firewall6", Literal(model.Host.Firewall6.Text));
            }
            return map;
        }

        private static YamlMappingNode Namespace(HostNamespace ns)
        {
            var map = new YamlMappingNode();
            Add(map, "name", ns.Name);
            if (ns.ProcessId is int pid) Add(map, "pid", pid);
            if (ns.Process != null) Add(map, "process", ns.Process);
            if (ns.Inode is long inode) Add(map, "inode", inode);
            var interfaces = new YamlSequenceNode();
            foreach (var inside in ns.Interfaces)
            {
                var entry = FlowMap();
                Add(entry, "name", inside.Name);
                if (inside.IfIndex > 0) Add(entry, "ifIndex", inside.IfIndex);
                if (inside.Addresses.Count > 0) entry.Add("addresses", Flow(inside.Addresses.Select(a => Unscoped(a.Address) + "/" + a.PrefixLength.ToString(CultureInfo.InvariantCulture))));
                if (inside.MacAddress != null) Add(entry, "mac", inside.MacAddress);
                if (inside.Peer != null) Add(entry, "peer", inside.Peer);
                if (inside.PeerIfIndex > 0) Add(entry, "peerIfIndex", inside.PeerIfIndex);
                interfaces.Add(entry);
            }
            map.Add("interfaces", interfaces);
            if (ns.Routes.Count > 0)
            {
                var routes = new YamlSequenceNode();
                foreach (var route in ns.Routes) routes.Add(Route(route));
                map.Add("routes", routes);
            }
            if (ns.SocketsKnown)
            {
                var sockets = new YamlSequenceNode();
                foreach (var socket in ns.Sockets) sockets.Add(Socket(socket));
                map.Add("sockets", sockets);
            }
            return map;
        }

        private static YamlMappingNode Route(HostRoute route)
        {
            var entry = FlowMap();
            Add(entry, "destination", route.DestinationText);
            if (route.Gateway != null) Add(entry, "gateway", Unscoped(route.Gateway));
            Add(entry, "interface", route.Interface);
            if (route.Metric != 0) Add(entry, "metric", route.Metric);
            return entry;
        }

        private static YamlMappingNode Network(DockerHostModel model, NetworkInfo network)
        {
            var map = new YamlMappingNode();
            Add(map, "name", network.Name);
            Add(map, "id", network.Id);
            var builtInHostOrNone = !network.IsDefaultBridge && (network.Name == NetworkDerivation.HostNetwork || network.Name == NetworkDerivation.NoneNetwork);
            if (!builtInHostOrNone)
            {
                if (!network.IsDefaultBridge) Add(map, "driver", network.Driver);
                if (network.Subnet is IPv4Subnet subnet) Add(map, "subnet", subnet.ToString());
                if (network.Gateway != null) Add(map, "gateway", network.Gateway.ToString());
                if (network.Subnet6 is IPv6Subnet subnet6) Add(map, "subnet6", subnet6.ToString());
                if (network.Gateway6 != null) Add(map, "gateway6", network.Gateway6.ToString());
                if (network.BridgeName != null)
                {
                    Add(map, "bridge", network.BridgeName);
                    var device = model.Host.Interfaces.FirstOrDefault(i => i.Name == network.BridgeName);
                    if (device != null)
                    {
                        Add(map, "bridgeIfIndex", device.IfIndex);
                        if (device.MacAddress != null) Add(map, "bridgeMac", device.MacAddress);
                    }
                }
                if (network.Internal && !network.IsDefaultBridge) Add(map, "internal", true);
                // ICC travels in the options when they hold it; otherwise say it only when it is not what the loader assumes.
                var iccDefault = network.IsDefaultBridge ? model.Engine.InterContainerCommunication : true;
                if (!network.Options.ContainsKey(NetworkInfo.IccOption) && network.IccEnabled != iccDefault) Add(map, "icc", network.IccEnabled);
                if (network.IsOverlay)
                {
                    if (network.Vni is int vni) Add(map, "vni", vni);
                    if (network.Encrypted) Add(map, "encrypted", true);
                    if (network.Attachable) Add(map, "attachable", true);
                    if (network.Ingress) Add(map, "ingress", true);
                }
                if (network.Options.Count > 0) map.Add("options", StringMap(network.Options));
            }
            if (network.Labels.Count > 0) map.Add("labels", StringMap(network.Labels));
            return map;
        }

        /// <summary>The swarm's nodes and services with every task placed and addressed (the local node's task containers are in containers).</summary>
        private static void AddSwarm(YamlMappingNode root, SwarmInfo swarm)
        {
            var nodes = new YamlSequenceNode();
            foreach (var node in swarm.Nodes)
            {
                // A node's firewall is a literal block, which a flow mapping cannot hold.
                var map = node.Firewall == null ? FlowMap() : new YamlMappingNode();
                Add(map, "hostname", node.Hostname);
                Add(map, "id", node.Id);
                if (node.Address != null) Add(map, "address", Unscoped(node.Address));
                Add(map, "role", node.Role.ToString().ToLowerInvariant());
                Add(map, "availability", node.Availability.ToString().ToLowerInvariant());
                Add(map, "state", node.State);
                if (node.Ipvs is bool ipvs) Add(map, "ipvs", ipvs);
                if (node.Id == swarm.LocalNodeId) Add(map, "local", true);
                if (node.Firewall != null) map.Add("firewall", Literal(node.Firewall.Text));
                nodes.Add(map);
            }
            root.Add("nodes", nodes);
            var services = new YamlSequenceNode();
            foreach (var service in swarm.Services)
            {
                var map = new YamlMappingNode();
                Add(map, "name", service.Name);
                Add(map, "id", service.Id);
                if (service.Image.Length > 0) Add(map, "image", service.Image);
                Add(map, "endpointMode", service.EndpointMode.ToString().ToLowerInvariant());
                map.Add("networks", Flow(service.Networks));
                if (service.VirtualIPs.Count > 0) map.Add("vips", StringMap(service.VirtualIPs.ToDictionary(v => v.Key, v => v.Value.ToString())));
                if (service.Ports.Count > 0) map.Add("publish", Flow(service.Ports.Select(SwarmScenario.PublishText)));
                if (service.Replicas is int replicas) Add(map, "replicas", replicas);
                else Add(map, "global", true);
                var tasks = new YamlSequenceNode();
                foreach (var task in swarm.Tasks.Where(t => t.ServiceId == service.Id))
                {
                    var entry = FlowMap();
                    Add(entry, "slot", task.Slot);
                    Add(entry, "id", task.Id);
                    Add(entry, "node", swarm.Nodes.FirstOrDefault(n => n.Id == task.NodeId)?.Hostname ?? task.NodeId);
                    if (task.ContainerId != null) Add(entry, "container", task.ContainerId);
                    Add(entry, "state", task.State);
                    if (task.Addresses.Count > 0)
                    {
                        var addresses = FlowMap();
                        foreach (var address in task.Addresses) Add(addresses, address.Key, address.Value.ToString());
                        entry.Add("addresses", addresses);
                    }
                    tasks.Add(entry);
                }
                map.Add("tasks", tasks);
                services.Add(map);
            }
            root.Add("services", services);
        }

        private static YamlMappingNode Container(DockerHostModel model, ContainerInfo container)
        {
            var map = new YamlMappingNode();
            Add(map, "name", container.Name);
            Add(map, "id", container.Id);
            if (container.Image.Length > 0) Add(map, "image", container.Image);
            var kind = container.NetworkMode.Kind;
            if (kind != NetworkModeKind.Container) Add(map, "hostname", container.Hostname);
            Add(map, "state", container.State.ToString().ToLowerInvariant());
            if (container.Pid > 0) Add(map, "pid", container.Pid);
            Add(map, "network", container.NetworkMode.ToString());

            if (kind == NetworkModeKind.Bridge || kind == NetworkModeKind.Network)
            {
                var primaryName = ScenarioBuilder.PrimaryNetworkName(container);
                var primary = container.EndpointOn(primaryName);
                if (primary == null) Add(map, "disconnected", true);
                else AddEndpoint(model, map, primary);
                var others = container.Endpoints.Where(e => e != primary).ToList();
                if (others.Count > 0)
                {
                    var networks = new YamlSequenceNode();
                    foreach (var endpoint in others)
                    {
                        var entry = new YamlMappingNode();
                        Add(entry, "name", endpoint.NetworkName);
                        AddEndpoint(model, entry, endpoint);
                        networks.Add(entry);
                    }
                    map.Add("networks", networks);
                }
            }

            if (container.Links.Count > 0)
                map.Add("links", Flow(container.Links.Select(l => l.Alias == l.Target ? l.Target : l.Target + ":" + l.Alias)));
            if (container.Ports.Count > 0) map.Add("publish", Flow(container.Ports.Select(PublishSpec.Format)));
            if (container.Dns.Count > 0) map.Add("dns", Flow(container.Dns.Select(Unscoped)));
            if (container.ExtraHosts.Count > 0) map.Add("extraHosts", Flow(container.ExtraHosts.Select(h => h.Hostname + ":" + h.Address)));

            // Sockets are written where the loader files them: with the namespace's owner; a host-mode container's
            // are the host sockets tagged with its name. A container: container's sockets are its owner's.
            IEnumerable<SocketEntry>? sockets = null;
            if (kind == NetworkModeKind.Host) sockets = model.Host.Sockets.Where(s => s.HostModeContainer == container.Name);
            else if (kind != NetworkModeKind.Container && container.SocketsKnown) sockets = container.Sockets;
            if (sockets != null)
            {
                var list = new YamlSequenceNode();
                foreach (var socket in sockets) list.Add(Socket(socket));
                map.Add("sockets", list);
                // A what-if's sockets are assumptions (a port not among them is unknown, not closed): say so, so it reloads the same.
                if (container.SocketsAssumed) Add(map, "socketsAssumed", true);
            }
            if (container.Labels.Count > 0) map.Add("labels", StringMap(container.Labels));
            return map;
        }

        private static void AddEndpoint(DockerHostModel model, YamlMappingNode map, EndpointInfo endpoint)
        {
            if (endpoint.IPAddress != null) Add(map, "ip", endpoint.IPAddress.ToString());
            if (endpoint.IPv6Address != null) Add(map, "ipv6", endpoint.IPv6Address.ToString());
            if (endpoint.MacAddress != null) Add(map, "mac", endpoint.MacAddress);
            if (endpoint.Aliases.Count > 0) map.Add("aliases", Flow(endpoint.Aliases));
            if (endpoint.IPAddress != null) map.Add("dnsNames", Flow(endpoint.DnsNames));
            if (endpoint.InterfaceName != null) Add(map, "interface", endpoint.InterfaceName);
            if (endpoint.HostVeth != null)
            {
                Add(map, "veth", endpoint.HostVeth);
                var veth = model.Host.Interfaces.FirstOrDefault(i => i.Name == endpoint.HostVeth);
                if (veth?.MacAddress != null) Add(map, "vethMac", veth.MacAddress);
            }
            if (endpoint.IfIndex > 0) Add(map, "ifIndex", endpoint.IfIndex);
            // A macvlan endpoint's iflink is its parent device, which the loader derives; only a veth peer is written.
            if (endpoint.HostIfIndex > 0 && endpoint.HostVeth != null) Add(map, "hostIfIndex", endpoint.HostIfIndex);
            if (endpoint.EndpointId.Length > 0) Add(map, "endpointId", endpoint.EndpointId);
        }

        private static YamlMappingNode Socket(SocketEntry socket)
        {
            var map = FlowMap();
            Add(map, "protocol", socket.Protocol.ToString().ToLowerInvariant());
            Add(map, "local", Endpoint(socket.LocalAddress, socket.LocalPort));
            var remoteIsAny = socket.RemotePort == 0 && (socket.RemoteAddress.Equals(IPAddress.Any) || socket.RemoteAddress.Equals(IPAddress.IPv6Any));
            if (!remoteIsAny) Add(map, "remote", Endpoint(socket.RemoteAddress, socket.RemotePort));
            Add(map, "state", SocketStates.Format(socket.State));
            if (socket.RecvQ != 0) Add(map, "recvQ", socket.RecvQ);
            if (socket.SendQ != 0) Add(map, "sendQ", socket.SendQ);
            if (socket.Process != null) Add(map, "process", socket.Process);
            if (socket.ProcessId is int pid) Add(map, "pid", pid);
            // Known values are written, 0 (root, a TIME_WAIT inode) included; unknown ones stay unknown on reload.
            if (socket.Inode is { } inode) Add(map, "inode", inode);
            if (socket.Uid is { } uid) Add(map, "uid", uid);
            return map;
        }

        private static string Endpoint(IPAddress address, int port) =>
            (address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString()) + ":" + port.ToString(CultureInfo.InvariantCulture);

        private static bool IsDockerDevice(DockerHostModel model, string name) =>
            model.Networks.Any(n => n.BridgeName == name) || model.Containers.Any(c => c.Endpoints.Any(e => e.HostVeth == name));

        private static bool IsHostModeContainers(DockerHostModel model, SocketEntry socket) =>
            socket.HostModeContainer != null
            && model.Containers.Any(c => c.Name == socket.HostModeContainer && c.NetworkMode.Kind == NetworkModeKind.Host);

        /// <summary>Multi-line text (iptables-save output) as a literal block, each line as it was.</summary>
        private static YamlScalarNode Literal(string text) => new YamlScalarNode(text.Replace("\r\n", "\n")) { Style = ScalarStyle.Literal };

        private static YamlMappingNode FlowMap() => new YamlMappingNode { Style = YamlDotNet.Core.Events.MappingStyle.Flow };

        private static YamlSequenceNode Flow(IEnumerable<string> items)
        {
            var sequence = new YamlSequenceNode { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };
            foreach (var item in items) sequence.Add(Scalar(item));
            return sequence;
        }

        private static YamlMappingNode StringMap(IDictionary<string, string> values)
        {
            var map = new YamlMappingNode();
            foreach (var pair in values.OrderBy(p => p.Key, StringComparer.Ordinal)) map.Add(Scalar(pair.Key), Scalar(pair.Value, quoteAlways: true));
            return map;
        }

        private static void Add(YamlMappingNode map, string key, string value) => map.Add(new YamlScalarNode(key), Scalar(value));
        private static void Add(YamlMappingNode map, string key, bool value) => map.Add(new YamlScalarNode(key), new YamlScalarNode(value ? "true" : "false"));
        private static void Add(YamlMappingNode map, string key, long value) =>
            map.Add(new YamlScalarNode(key), new YamlScalarNode(value.ToString(CultureInfo.InvariantCulture)));

        // Strings are quoted whenever a plain scalar could be read back as something else (a number, a bool, null,
        // or text with YAML punctuation); names stay readable.
        private static YamlScalarNode Scalar(string value, bool quoteAlways = false)
        {
            var node = new YamlScalarNode(value);
            if (quoteAlways || NeedsQuotes(value)) node.Style = ScalarStyle.DoubleQuoted;
            return node;
        }

        private static bool NeedsQuotes(string value)
        {
            if (value.Length == 0) return true;
            var lower = value.ToLowerInvariant();
            // A word a reader would take for a boolean or null stays text only when quoted.
            if (YamlBoolean.Parse(lower) != null || lower == "null" || lower == "~") return true;
            if (char.IsDigit(value[0]) || value[0] == '-' || value[0] == '+' || value[0] == '.') return true;
            return value.IndexOfAny(YamlIndicators) >= 0;
        }
    }
}
