using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;
using YamlDotNet.RepresentationModel;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>What a scenario says of its swarm: the top-level `nodes` and `services` (with their tasks).</summary>
    internal sealed class SwarmSpec
    {
        public List<(SwarmNode Node, bool Local, SourcePos At)> Nodes { get; } = new List<(SwarmNode, bool, SourcePos)>();
        public List<ServiceSpec> Services { get; } = new List<ServiceSpec>();
        public SourcePos At { get; set; }
    }

    internal sealed class ServiceSpec
    {
        public SwarmService Service { get; } = new SwarmService();
        public SourcePos At { get; set; }
        public bool Global { get; set; }
        public List<(SwarmTask Task, string? Node, SourcePos At)> Tasks { get; } = new List<(SwarmTask, string?, SourcePos)>();
        public bool TasksGiven { get; set; }
    }

    /// <summary>
    /// Reads the swarm keys of a scenario (nodes, services and their tasks) and builds <see cref="SwarmInfo"/>: node and
    /// task ids, VIPs and task addresses on the overlays where the file leaves them out (Docker's order: the VIP first,
    /// then the tasks, each the next free address after the gateway), and the containers of the local node's tasks.
    /// </summary>
    internal static class SwarmScenario
    {
        /// <summary>The bridge network through which a node's overlay tasks reach outside (and the routing mesh its ingress sandbox).</summary>
        public const string GatewayBridge = "docker_gwbridge";

        private static readonly string[] NodeKeys = { "hostname", "id", "address", "role", "availability", "state", "ipvs", "local", "firewall" };
        private static readonly string[] ServiceKeys = { "name", "id", "image", "endpointMode", "networks", "vips", "publish", "replicas", "global", "tasks" };
        private static readonly string[] TaskKeys = { "slot", "id", "node", "container", "state", "addresses" };
        private static readonly char[] Comma = { ',' };
        private static readonly Regex LongPublish = new Regex("^(?:(?:published|target|protocol|mode)=[^,]+,?)+$", RegexOptions.CultureInvariant);

        /// <param name="readFirewall">Reads a node's firewall key as host.firewall is read (iptables-save text, errors at their line in the file).</param>
        public static SwarmSpec? Read(YamlMap root, ScenarioErrors errors, Func<YamlScalarNode, string, FirewallRuleset?> readFirewall)
        {
            if (!root.Has("nodes") && !root.Has("services")) return null;
            var spec = new SwarmSpec { At = SourcePos.Of(root.KeyNode("nodes") ?? root.KeyNode("services")) };
            foreach (var item in root.List("nodes"))
            {
                var map = YamlMap.From(item, "a swarm node", NodeKeys, errors);
                if (map == null) continue;
                var hostname = map.String("hostname");
                if (string.IsNullOrWhiteSpace(hostname))
                {
                    errors.Add(item, "a swarm node needs a 'hostname'");
                    continue;
                }
                var node = new SwarmNode { Hostname = hostname!, Id = map.String("id") ?? SwarmId("node", hostname!) };
                if (map.Scalar("address") is YamlScalarNode address)
                {
                    if (AddressText.TryParseIP(address.Value, out var parsed)) node.Address = parsed;
                    else errors.Add(address, "invalid IP address: " + address.Value);
                }
                else errors.Add(item, "swarm node " + hostname + " needs an 'address' (the address it advertises: docker swarm init/join --advertise-addr)");
                node.Role = Enum<SwarmNodeRole>(map, "role", errors) ?? SwarmNodeRole.Worker;
                node.Availability = Enum<SwarmNodeAvailability>(map, "availability", errors) ?? SwarmNodeAvailability.Active;
                node.State = map.String("state") ?? node.State;
                node.Ipvs = map.Bool("ipvs");
                if (map.Scalar("firewall") is YamlScalarNode firewall) node.Firewall = readFirewall(firewall, "firewall");
                spec.Nodes.Add((node, map.Bool("local") ?? false, SourcePos.Of(item)));
            }
            foreach (var item in root.List("services"))
            {
                var service = ReadService(item, errors);
                if (service != null) spec.Services.Add(service);
            }
            return spec;
        }

        private static ServiceSpec? ReadService(YamlNode item, ScenarioErrors errors)
        {
            var map = YamlMap.From(item, "a service", ServiceKeys, errors);
            if (map == null) return null;
            var name = map.String("name");
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(item, "a service needs a 'name'");
                return null;
            }
            var spec = new ServiceSpec { At = SourcePos.Of(item) };
            var service = spec.Service;
            service.Name = name!;
            service.Id = map.String("id") ?? SwarmId("service", name!);
            service.Image = map.String("image") ?? string.Empty;
            service.EndpointMode = Enum<SwarmEndpointMode>(map, "endpointMode", errors) ?? SwarmEndpointMode.Vip;
            foreach (var network in map.ScalarList("networks")) service.Networks.Add(network.Value!);
            foreach (var (key, value) in map.StringMap("vips"))
            {
                if (AddressText.TryParseIPv4(value, out var vip)) service.VirtualIPs[key.Value!] = vip;
                else errors.Add(key, "invalid VIP '" + value + "' on " + key.Value + ": an IPv4 address");
            }
            foreach (var publish in map.ScalarList("publish"))
            {
                var port = ParsePublish(publish.Value!);
                if (port == null) errors.Add(publish, "invalid published port '" + publish.Value + "': use 8080:80, 8080:80/udp or published=8080,target=80,protocol=tcp,mode=host");
                else service.Ports.Add(port);
            }
            spec.Global = map.Bool("global") ?? false;
            service.Replicas = spec.Global ? null : (int?)map.Integer("replicas", 0, 10000) ?? 1;
            spec.TasksGiven = map.Has("tasks");
            foreach (var taskItem in map.List("tasks"))
            {
                var taskMap = YamlMap.From(taskItem, "a task", TaskKeys, errors);
                if (taskMap == null) continue;
                var task = new SwarmTask
                {
                    ServiceName = service.Name,
                    ServiceId = service.Id,
                    Slot = (int?)taskMap.Integer("slot", 0, 10000) ?? spec.Tasks.Count + 1,
                    State = taskMap.String("state") ?? "running",
                    ContainerId = taskMap.String("container"),
                };
                task.Id = taskMap.String("id") ?? SwarmId("task", service.Name + "." + task.Slot.ToString(CultureInfo.InvariantCulture));
                foreach (var (key, value) in taskMap.StringMap("addresses"))
                {
                    if (AddressText.TryParseIPv4(value, out var address)) task.Addresses[key.Value!] = address;
                    else errors.Add(key, "invalid task address '" + value + "' on " + key.Value + ": an IPv4 address");
                }
                spec.Tasks.Add((task, taskMap.String("node"), SourcePos.Of(taskItem)));
            }
            return spec;
        }

        /// <summary>8080:80[/udp] (ingress mode) or the long form published=8080,target=80,protocol=udp,mode=host.</summary>
        internal static SwarmPort? ParsePublish(string text)
        {
            text = text.Trim();
            if (LongPublish.IsMatch(text))
            {
                var port = new SwarmPort();
                foreach (var part in text.Split(Comma, StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = part.IndexOf('=');
                    var key = part.Substring(0, eq);
                    var value = part.Substring(eq + 1);
                    switch (key)
                    {
                        case "published": if (!TryPort(value, out var published)) return null; port.PublishedPort = published; break;
                        case "target": if (!TryPort(value, out var target)) return null; port.TargetPort = target; break;
                        case "protocol": if (value != "tcp" && value != "udp" && value != "sctp") return null; port.Protocol = value; break;
                        default:
                            if (value == "ingress") port.Mode = SwarmPublishMode.Ingress;
                            else if (value == "host") port.Mode = SwarmPublishMode.Host;
                            else return null;
                            break;
                    }
                }
                return port.TargetPort > 0 && port.PublishedPort > 0 ? port : null;
            }
            var slash = text.IndexOf('/');
            var protocol = slash < 0 ? "tcp" : text.Substring(slash + 1);
            var ports = (slash < 0 ? text : text.Substring(0, slash)).Split(':');
            if (ports.Length != 2 || (protocol != "tcp" && protocol != "udp" && protocol != "sctp")) return null;
            if (!TryPort(ports[0], out var p) || !TryPort(ports[1], out var t)) return null;
            return new SwarmPort { PublishedPort = p, TargetPort = t, Protocol = protocol };
        }

        /// <summary>The text <see cref="ParsePublish"/> reads back: the short form for ingress, the long one for host mode.</summary>
        internal static string PublishText(SwarmPort port) =>
            port.Mode == SwarmPublishMode.Host
                ? "published=" + port.PublishedPort.ToString(CultureInfo.InvariantCulture) + ",target=" + port.TargetPort.ToString(CultureInfo.InvariantCulture)
                  + ",protocol=" + port.Protocol + ",mode=host"
                : port.PublishedPort.ToString(CultureInfo.InvariantCulture) + ":" + port.TargetPort.ToString(CultureInfo.InvariantCulture)
                  + (port.Protocol == "tcp" ? string.Empty : "/" + port.Protocol);

        private static bool TryPort(string text, out int port) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port >= 1 && port <= 65535;

        private static T? Enum<T>(YamlMap map, string key, ScenarioErrors errors) where T : struct
        {
            if (!(map.Scalar(key) is YamlScalarNode node)) return null;
            if (System.Enum.TryParse<T>(node.Value, true, out var value) && !int.TryParse(node.Value, out _)) return value;
            errors.Add(node, "unknown " + key + " '" + node.Value + "': use " + string.Join(", ", System.Enum.GetNames(typeof(T)).Select(n => n.ToLowerInvariant())));
            return null;
        }

        /// <summary>A 25-character lower-case id like swarmkit's (base 36), derived from what the object is.</summary>
        internal static string SwarmId(string kind, string name)
        {
            const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
            var hex = DerivedIds.Id("swarm-" + kind, name);
            var chars = new char[25];
            for (var i = 0; i < 25; i++) chars[i] = digits[Convert.ToInt32(hex.Substring(i * 2, 2), 16) % 36];
            return new string(chars);
        }

        /// <summary>
        /// Places the tasks (given ones on their node, the rest round-robin over the active nodes, one per node for a
        /// global service), gives VIPs and task addresses, and adds a container spec for each running task of the local
        /// node that the file does not list (its endpoints at the task's addresses, plus docker_gwbridge when there is one).
        /// </summary>
        public static SwarmInfo? Prepare(ScenarioSpec spec, IReadOnlyList<NetworkInfo> built, ScenarioErrors errors)
        {
            var swarmSpec = spec.Swarm;
            if (swarmSpec == null) return null;
            var swarm = new SwarmInfo();
            foreach (var (node, _, at) in swarmSpec.Nodes)
            {
                if (swarm.Nodes.Any(n => string.Equals(n.Hostname, node.Hostname, StringComparison.OrdinalIgnoreCase)))
                    errors.Add(at, "swarm node " + node.Hostname + " is listed twice");
                else swarm.Nodes.Add(node);
            }
            if (swarm.Nodes.Count == 0)
            {
                errors.Add(swarmSpec.At, "a scenario with services needs its swarm's 'nodes' (at least the node it describes)");
                return swarm;
            }
            var locals = swarmSpec.Nodes.Where(n => n.Local).ToList();
            if (locals.Count > 1) errors.Add(locals[1].At, "only one swarm node can be 'local: true' (the node whose containers the scenario lists)");
            swarm.LocalNodeId = (locals.Count > 0 ? locals[0].Node : swarm.Nodes[0]).Id;

            var networks = built.ToDictionary(n => n.Name, StringComparer.Ordinal);
            var used = new Dictionary<string, HashSet<IPAddress>>(StringComparer.Ordinal);
            HashSet<IPAddress> Used(string network)
            {
                if (!used.TryGetValue(network, out var set))
                {
                    set = new HashSet<IPAddress>();
                    if (networks.TryGetValue(network, out var ns) && ns.Gateway != null) set.Add(ns.Gateway);
                    used[network] = set;
                }
                return set;
            }
            foreach (var container in spec.Containers)
                foreach (var endpoint in container.Endpoints.Where(e => e.IPAddress != null))
                    Used(endpoint.IsPrimary ? container.Mode.Target ?? container.Mode.ToString() : endpoint.Network).Add(endpoint.IPAddress!);

            var ingress = built.FirstOrDefault(n => n.Ingress);
            var active = swarm.Nodes.Where(n => n.Availability == SwarmNodeAvailability.Active && n.Ready).ToList();
            foreach (var serviceSpec in swarmSpec.Services)
            {
                var service = serviceSpec.Service;
                if (swarm.FindService(service.Name) != null)
                {
                    errors.Add(serviceSpec.At, "service " + service.Name + " is listed twice");
                    continue;
                }
                swarm.Services.Add(service);
                foreach (var network in service.Networks)
                {
                    if (!networks.TryGetValue(network, out var ns))
                        errors.Add(serviceSpec.At, "service " + service.Name + ": network " + network + " not found." + Analysis.Common.NameSuggester.DidYouMean(network, networks.Keys).TrimEnd());
                    else if (!ns.IsOverlay)
                        errors.Add(serviceSpec.At, "service " + service.Name + ": network " + network + " is not an overlay network (a service attaches only to swarm-scoped networks)");
                }
                if (service.Ports.Any(p => p.Mode == SwarmPublishMode.Ingress))
                {
                    if (ingress == null) errors.Add(serviceSpec.At, "service " + service.Name + " publishes ingress-mode ports: the scenario needs the swarm's ingress network (an overlay network with 'ingress: true')");
                    else if (!service.Networks.Contains(ingress.Name)) service.Networks.Insert(0, ingress.Name);
                }
                foreach (var network in service.VirtualIPs) Used(network.Key).Add(network.Value);
                foreach (var (task, _, _) in serviceSpec.Tasks)
                    foreach (var address in task.Addresses) Used(address.Key).Add(address.Value);
            }
            foreach (var serviceSpec in swarmSpec.Services.Where(s => swarm.Services.Contains(s.Service)))
            {
                var service = serviceSpec.Service;
                var overlays = service.Networks.Where(networks.ContainsKey).ToList();
                if (service.EndpointMode == SwarmEndpointMode.Vip)
                    foreach (var network in overlays.Where(n => !service.VirtualIPs.ContainsKey(n)))
                        if (Next(networks[network], Used(network)) is IPAddress vip) service.VirtualIPs[network] = vip;
                var tasks = serviceSpec.Tasks.ToList();
                if (!serviceSpec.TasksGiven)
                {
                    var count = serviceSpec.Global ? active.Count : service.Replicas ?? 0;
                    for (var i = 0; i < count && active.Count > 0; i++)
                    {
                        var slot = serviceSpec.Global ? 0 : i + 1;
                        var node = active[i % active.Count];
                        var task = new SwarmTask { ServiceId = service.Id, ServiceName = service.Name, Slot = slot, NodeId = node.Id };
                        task.Id = SwarmId("task", service.Name + "." + (serviceSpec.Global ? node.Hostname : slot.ToString(CultureInfo.InvariantCulture)));
                        tasks.Add((task, node.Hostname, serviceSpec.At));
                    }
                }
                foreach (var (task, nodeName, at) in tasks)
                {
                    var node = nodeName == null ? (active.Count > 0 ? active[(task.Slot > 0 ? task.Slot - 1 : 0) % active.Count] : null) : swarm.FindNode(nodeName);
                    if (node == null)
                    {
                        errors.Add(at, "task " + task.Name + ": no swarm node " + nodeName + "." + Analysis.Common.NameSuggester.DidYouMean(nodeName ?? string.Empty, swarm.Nodes.Select(n => n.Hostname)).TrimEnd());
                        continue;
                    }
                    task.NodeId = node.Id;
                    foreach (var network in overlays.Where(n => !task.Addresses.ContainsKey(n)))
                        if (task.Running && Next(networks[network], Used(network)) is IPAddress address) task.Addresses[network] = address;
                    swarm.Tasks.Add(task);
                }
            }
            AddLocalTaskContainers(spec, swarm);
            return swarm;
        }

        private static IPAddress? Next(NetworkInfo network, HashSet<IPAddress> used)
        {
            if (network.Subnet is not IPv4Subnet subnet) return null;
            for (var i = 2; i < subnet.Size - 1; i++)
            {
                var address = subnet.AddressAt(i);
                if (used.Add(address)) return address;
            }
            return null;
        }

        private static void AddLocalTaskContainers(ScenarioSpec spec, SwarmInfo swarm)
        {
            var gwbridge = spec.Networks.FirstOrDefault(n => n.Name == GatewayBridge);
            foreach (var task in swarm.Tasks.Where(t => t.Running && t.NodeId == swarm.LocalNodeId))
            {
                var service = swarm.Services.First(s => s.Id == task.ServiceId);
                if (spec.Containers.Any(c => c.Name == task.ContainerName || (task.ContainerId != null && c.Id == task.ContainerId))) continue;
                var container = new ContainerSpec { Name = task.ContainerName, Id = task.ContainerId, Image = service.Image, Mode = NetworkMode.Parse(service.Networks.FirstOrDefault() ?? "none") };
                var first = true;
                foreach (var network in service.Networks)
                {
                    task.Addresses.TryGetValue(network, out var address);
                    container.Endpoints.Add(new EndpointSpec { Network = network, IsPrimary = first, IPAddress = address });
                    first = false;
                }
                if (first) container.Endpoints.Add(new EndpointSpec { IsPrimary = true });
                else if (gwbridge != null) container.Endpoints.Add(new EndpointSpec { Network = gwbridge.Name });
                spec.Containers.Add(container);
            }
        }
    }
}
