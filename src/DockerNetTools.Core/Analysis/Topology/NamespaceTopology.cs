using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Topology
{
    /// <summary>
    /// The network namespaces Docker did not make (host.namespaces) on the same map as the containers: their interfaces as
    /// <see cref="ContainerInterface"/> rows of kind Namespace, and the host's own bridges they hang on (seed 003's br0)
    /// as <see cref="NetworkTopology"/> rows of origin Host.
    /// </summary>
    public static class NamespaceTopology
    {
        /// <summary>What a namespace row's NetworkMode column says: it is no container's mode but `ip netns`' own.</summary>
        public const string NetnsMode = "netns";

        /// <summary>One row per interface of the namespace (lo only, when it has none), with the veth peer and its bridge.</summary>
        public static IReadOnlyList<ContainerInterface> Interfaces(DockerHostModel model, HostNamespace ns)
        {
            var note = Origin(ns);
            if (ns.Interfaces.Count == 0)
                return new[] { Row(ns.Name, null, "lo", 1, null, null, null, IPAddress.Loopback, 8, null, null, null, note + "; loopback only") };
            var rows = new List<ContainerInterface>();
            foreach (var inside in ns.Interfaces)
            {
                var bridge = model.Host.BridgeOf(inside);
                var v4 = inside.Addresses.FirstOrDefault(a => !a.IsIPv6);
                var v6 = inside.Addresses.FirstOrDefault(a => a.IsIPv6 && !a.Address.IsIPv6LinkLocal);
                var gateway = ns.Routes.FirstOrDefault(r => r.IsDefault && !r.IsIPv6 && r.Interface == inside.Name)?.Gateway;
                var own = inside.Peer == null ? "; no veth peer in the host's namespace" : bridge == null ? "; host end " + inside.Peer + " is on no bridge" : string.Empty;
                rows.Add(Row(ns.Name, bridge, inside.Name, Positive(inside.IfIndex), Positive(inside.PeerIfIndex), inside.Peer, bridge,
                    v4?.Address, v4?.PrefixLength, v6?.Address, inside.MacAddress, gateway, note + own));
            }
            return rows;
        }

        /// <summary>
        /// The host's bridges that are no Docker network's but have a namespace's veth on them, in name order: each with its
        /// address, the subnet a namespace address on it shares with it, and the namespaces on it as its members.
        /// </summary>
        public static IReadOnlyList<NetworkTopology> HostBridges(DockerHostModel model)
        {
            var docker = new HashSet<string>(model.Networks.Select(n => n.BridgeName).Where(b => b != null).Select(b => b!), StringComparer.Ordinal);
            return model.Host.Namespaces.SelectMany(ns => ns.Interfaces).Select(i => model.Host.BridgeOf(i))
                .Where(b => b != null && !docker.Contains(b!)).Select(b => b!).Distinct(StringComparer.Ordinal)
                .OrderBy(b => b, StringComparer.Ordinal)
                .Select(b => DescribeHostBridge(model, b)).ToList();
        }

        /// <summary>One host bridge with the namespaces on it (in address order).</summary>
        public static NetworkTopology DescribeHostBridge(DockerHostModel model, string bridge)
        {
            var device = model.Host.Interfaces.FirstOrDefault(i => i.Name == bridge);
            var gateway = device?.Addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            var members = new List<(uint Order, AttachedContainer Member)>();
            InterfaceAddress? subnet = null;
            foreach (var ns in model.Host.Namespaces)
            {
                foreach (var inside in ns.Interfaces.Where(i => model.Host.BridgeOf(i) == bridge))
                {
                    var v4 = inside.Addresses.FirstOrDefault(a => !a.IsIPv6);
                    var v6 = inside.Addresses.FirstOrDefault(a => a.IsIPv6 && !a.Address.IsIPv6LinkLocal);
                    if (subnet == null && v4 != null && (gateway == null || v4.OnLink(gateway))) subnet = v4;
                    members.Add((v4 != null ? IPv4Subnet.ToUInt32(v4.Address) : uint.MaxValue,
                        new AttachedContainer(ns.Name, v4?.ToString(), v6?.Address, inside.MacAddress, Array.Empty<string>(), inside.Peer) { KindValue = InterfaceOwner.Namespace }));
                }
            }
            var attached = members.OrderBy(m => m.Order).ThenBy(m => m.Member.Name, StringComparer.Ordinal).Select(m => m.Member).ToList();
            var subnetText = subnet == null ? null : new IPv4Subnet(subnet.Address, subnet.PrefixLength).ToString();
            return new NetworkTopology(bridge, string.Empty, "bridge", bridge, subnetText, gateway, false, true, attached) { OriginValue = NetworkOrigin.Host };
        }

        /// <summary>Whether <paramref name="name"/> is one of <see cref="HostBridges"/>.</summary>
        public static bool IsHostBridge(DockerHostModel model, string name) => HostBridges(model).Any(b => b.Name == name);

        private static string Origin(HostNamespace ns) =>
            ns.Origin == NamespaceOrigin.Named
                ? "ip netns " + ns.Name + ", not a Docker container"
                : "network namespace of process " + (ns.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?")
                  + (ns.Process != null ? " (" + ns.Process + ")" : string.Empty) + ", not a Docker container";

        private static ContainerInterface Row(string name, string? network, string? @interface, int? ifIndex, int? peerIfIndex, string? hostVeth, string? bridge,
            IPAddress? address, int? prefix, IPAddress? v6, string? mac, IPAddress? gateway, string note) =>
            new ContainerInterface(name, network, NetnsMode, @interface, ifIndex, peerIfIndex, hostVeth, bridge, address, prefix, v6, mac, gateway, null, note)
            {
                KindValue = InterfaceOwner.Namespace,
            };

        private static int? Positive(int value) => value > 0 ? value : (int?)null;
    }
}
