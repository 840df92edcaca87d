using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>
    /// Builds the networks: the three Docker always has (bridge, host, none) and the scenario's own, with ids,
    /// subnets from Docker's default pools, gateways, bridge devices and ICC derived the way the daemon does.
    /// </summary>
    internal static class NetworkDerivation
    {
        public const string DefaultBridge = "bridge";
        public const string HostNetwork = "host";
        public const string NoneNetwork = "none";

        private static readonly string[] HostNoneKeys = { "name", "id", "labels" };
        private static readonly string[] DefaultBridgeKeys = { "name", "id", "driver", "subnet", "gateway", "subnet6", "gateway6", "bridge", "bridgeIfIndex", "bridgeMac", "icc", "options", "labels" };

        /// <summary>Returns the networks in model order (bridge, host, none, then the scenario's) with their specs.</summary>
        public static List<(NetworkInfo Network, NetworkSpec Spec)> Build(ScenarioSpec spec, ScenarioErrors errors)
        {
            var byName = new Dictionary<string, NetworkSpec>(StringComparer.Ordinal);
            var user = new List<NetworkSpec>();
            foreach (var network in spec.Networks)
            {
                if (byName.ContainsKey(network.Name))
                {
                    errors.Add(network.At, "network with name " + network.Name + " already exists");
                    continue;
                }
                byName[network.Name] = network;
                if (network.Name == HostNetwork || network.Name == NoneNetwork) CheckKeys(network, HostNoneKeys, errors);
                else if (network.Name == DefaultBridge) CheckKeys(network, DefaultBridgeKeys, errors);
                else user.Add(network);
            }

            var result = new List<(NetworkInfo, NetworkSpec)>
            {
                (new NetworkInfo { Name = DefaultBridge, Driver = "bridge", IsDefaultBridge = true }, Spec(byName, DefaultBridge)),
                (new NetworkInfo { Name = HostNetwork, Driver = "host" }, Spec(byName, HostNetwork)),
                (new NetworkInfo { Name = NoneNetwork, Driver = "null" }, Spec(byName, NoneNetwork)),
            };
            foreach (var network in user)
            {
                var driver = network.Driver ?? "bridge";
                if (driver == "host" || driver == "null")
                {
                    errors.Add(network.DriverAt, "only one instance of \"" + driver + "\" network is allowed");
                    continue;
                }
                result.Add((new NetworkInfo { Name = network.Name, Driver = driver, Scope = driver == "overlay" ? "swarm" : "local" }, network));
            }

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (network, networkSpec) in result)
            {
                network.Id = networkSpec.Id ?? DerivedIds.Id("network", network.Name);
                if (ids.TryGetValue(network.Id, out var other)) errors.Add(networkSpec.At, "network id " + network.Id + " is already the id of network " + other);
                else ids[network.Id] = network.Name;
                foreach (var label in networkSpec.Labels) network.Labels[label.Key] = label.Value;
            }

            AssignSubnets(result, errors);
            CheckIPv6Subnets(result, errors);
            foreach (var (network, networkSpec) in result) Configure(network, networkSpec, spec.Engine, errors);
            // Overlays without a VXLAN id get Docker's: 4096 for the ingress, then 4097 on in the order they were made.
            var takenVnis = new HashSet<int>(result.Where(r => r.Item1.Vni != null).Select(r => r.Item1.Vni!.Value));
            var nextVni = 4097;
            foreach (var (network, _) in result.Where(r => r.Item1.IsOverlay && r.Item1.Vni == null))
            {
                if (network.Ingress && takenVnis.Add(4096)) { network.Vni = 4096; continue; }
                while (!takenVnis.Add(nextVni)) nextVni++;
                network.Vni = nextVni;
            }
            return result;
        }

        private static NetworkSpec Spec(Dictionary<string, NetworkSpec> byName, string name) =>
            byName.TryGetValue(name, out var spec) ? spec : new NetworkSpec { Name = name };

        private static void CheckKeys(NetworkSpec network, string[] allowed, ScenarioErrors errors)
        {
            foreach (var (key, at) in network.Keys.Where(k => Array.IndexOf(allowed, k.Key) < 0))
                errors.Add(at, "'" + key + "' cannot be set on Docker's built-in '" + network.Name + "' network");
            if (network.Name == DefaultBridge && network.Driver != null && network.Driver != "bridge")
                errors.Add(network.DriverAt, "the default 'bridge' network's driver is bridge");
        }

        // Explicit subnets are reserved first (the default bridge's 172.17.0.0/16 with them, since dockerd creates it
        // at start); the others get the first free pool of Docker's defaults, in the order the networks are listed.
        private static void AssignSubnets(List<(NetworkInfo Network, NetworkSpec Spec)> networks, ScenarioErrors errors)
        {
            var taken = new List<(IPv4Subnet Subnet, string Name)>();
            foreach (var (network, spec) in networks)
            {
                if (!HasAddressing(network)) continue;
                var subnet = spec.Subnet ?? (network.IsDefaultBridge ? IPv4Subnet.Parse("172.17.0.0/16") : (IPv4Subnet?)null);
                if (subnet == null) continue;
                var clash = taken.FirstOrDefault(t => Overlaps(t.Subnet, subnet.Value));
                if (clash.Name != null)
                {
                    errors.Add(spec.Subnet != null ? spec.SubnetAt : spec.At,
                        "Pool overlaps with other one on this address space (" + subnet + " of " + network.Name + " overlaps " + clash.Subnet + " of " + clash.Name + ")");
                    continue;
                }
                network.Subnet = subnet;
                taken.Add((subnet.Value, network.Name));
                foreach (var (more, at) in spec.MoreSubnets)
                {
                    var moreClash = taken.FirstOrDefault(t => Overlaps(t.Subnet, more));
                    if (moreClash.Name != null)
                        errors.Add(at, "Pool overlaps with other one on this address space (" + more + " of " + network.Name + " overlaps " + moreClash.Subnet + " of " + moreClash.Name + ")");
                    else taken.Add((more, network.Name));
                }
            }
            foreach (var (network, spec) in networks)
            {
                if (!HasAddressing(network) || network.Subnet != null || spec.Subnet != null) continue;
                var free = DefaultPools().Cast<IPv4Subnet?>().FirstOrDefault(p => taken.All(t => !Overlaps(t.Subnet, p!.Value)));
                if (free == null)
                {
                    errors.Add(spec.At, "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
                    continue;
                }
                network.Subnet = free;
                taken.Add((free.Value, network.Name));
            }
        }

        /// <summary>dockerd's default address pools: 172.17-31.0.0/16, then 192.168.0.0/16 cut into /20s.</summary>
        public static IEnumerable<IPv4Subnet> DefaultPools()
        {
            for (var second = 17; second <= 31; second++) yield return IPv4Subnet.Parse("172." + second + ".0.0/16");
            for (var third = 0; third < 256; third += 16) yield return IPv4Subnet.Parse("192.168." + third + ".0/20");
        }

        private static bool HasAddressing(NetworkInfo network) => network.Driver != "host" && network.Driver != "null";

        /// <summary>
        /// IPv6 subnets (docker network create --ipv6 --subnet fd00:61::/64) are never derived: only the ones the scenario
        /// gives, which may not overlap, each with its gateway (default: the subnet's first address, as Docker assigns it).
        /// </summary>
        private static void CheckIPv6Subnets(List<(NetworkInfo Network, NetworkSpec Spec)> networks, ScenarioErrors errors)
        {
            var taken = new List<(IPv6Subnet Subnet, string Name)>();
            foreach (var (network, spec) in networks)
            {
                if (spec.Subnet6 is IPv6Subnet subnet)
                {
                    var clash = taken.FirstOrDefault(t => t.Subnet.Overlaps(subnet));
                    if (clash.Name != null)
                        errors.Add(spec.Subnet6At,
                            "Pool overlaps with other one on this address space (" + subnet + " of " + network.Name + " overlaps " + clash.Subnet + " of " + clash.Name + ")");
                    taken.Add((subnet, network.Name));
                    network.Subnet6 = subnet;
                    if (spec.Gateway6 != null)
                    {
                        if (!subnet.Contains(spec.Gateway6))
                            errors.Add(spec.Gateway6At, "no matching subnet for gateway " + spec.Gateway6 + " (" + network.Name + " is " + subnet + ")");
                        else if (spec.Gateway6.Equals(subnet.NetworkAddress))
                            errors.Add(spec.Gateway6At, "invalid gateway " + spec.Gateway6 + ": it is the network address of " + subnet);
                        network.Gateway6 = spec.Gateway6;
                    }
                    else
                    {
                        network.Gateway6 = subnet.AddressAt(1);
                    }
                }
                else if (spec.Gateway6 != null)
                {
                    errors.Add(spec.Gateway6At, "gateway6 " + spec.Gateway6 + " needs the network's IPv6 subnet: add subnet6");
                }
            }
        }

        public static bool Overlaps(IPv4Subnet a, IPv4Subnet b) => a.Contains(b.NetworkAddress) || b.Contains(a.NetworkAddress);

        /// <summary>
        /// An overlay's VXLAN id (the key, else the vxlanid_list option; Docker gives the ingress 4096 and user overlays
        /// 4097 on), its encryption (--opt encrypted), --attachable and whether it is the ingress network.
        /// </summary>
        private static void ConfigureOverlay(NetworkInfo network, NetworkSpec spec, ScenarioErrors errors)
        {
            network.Options.TryGetValue(NetworkInfo.VxlanIdOption, out var vxlan);
            var optionVni = int.TryParse(vxlan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
            if (spec.Vni != null && optionVni != null && spec.Vni != optionVni)
                errors.Add(spec.At, "'vni: " + spec.Vni.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "' disagrees with option " + NetworkInfo.VxlanIdOption + "=" + vxlan);
            network.Vni = spec.Vni ?? optionVni;
            network.Encrypted = spec.Encrypted ?? network.Options.ContainsKey(NetworkInfo.EncryptedOption);
            network.Attachable = spec.Attachable ?? false;
            network.Ingress = spec.Ingress ?? false;
        }

        private static void Configure(NetworkInfo network, NetworkSpec spec, EngineInfo engine, ScenarioErrors errors)
        {
            foreach (var option in spec.Options) network.Options[option.Key] = option.Value;
            if (network.IsOverlay) ConfigureOverlay(network, spec, errors);
            else if (spec.Vni != null || spec.Encrypted != null || spec.Attachable != null || spec.Ingress != null)
                errors.Add(spec.At, "vni, encrypted, attachable and ingress are for overlay networks (driver: overlay), not " + network.Driver);

            if (network.Subnet is IPv4Subnet subnet)
            {
                if (spec.Gateway != null)
                {
                    if (!subnet.Contains(spec.Gateway))
                        errors.Add(spec.GatewayAt, "no matching subnet for gateway " + spec.Gateway + " (" + network.Name + " is " + subnet + ")");
                    else if (spec.Gateway.Equals(subnet.NetworkAddress) || spec.Gateway.Equals(subnet.BroadcastAddress))
                        errors.Add(spec.GatewayAt, "invalid gateway " + spec.Gateway + ": it is the network or broadcast address of " + subnet);
                    network.Gateway = spec.Gateway;
                }
                else
                {
                    network.Gateway = subnet.AddressAt(1);
                }
            }
            else if (spec.Gateway != null)
            {
                errors.Add(spec.GatewayAt, "a " + network.Driver + " network has no gateway");
            }

            if (network.IsBridge)
            {
                network.Options.TryGetValue(NetworkInfo.BridgeNameOption, out var optionName);
                if (spec.BridgeName != null && optionName != null && spec.BridgeName != optionName)
                    errors.Add(spec.At, "'bridge: " + spec.BridgeName + "' disagrees with option " + NetworkInfo.BridgeNameOption + "=" + optionName);
                network.BridgeName = spec.BridgeName ?? optionName ?? (network.IsDefaultBridge ? "docker0" : "br-" + network.Id.Substring(0, 12));
            }
            else if (spec.BridgeName != null || spec.BridgeMac != null || spec.BridgeIfIndex != null)
            {
                errors.Add(spec.At, "only bridge networks have a bridge device ('" + network.Name + "' is " + network.Driver + ")");
            }

            network.Internal = spec.Internal ?? false;
            if (network.Internal && network.IsDefaultBridge) errors.Add(spec.At, "the default bridge cannot be internal");

            // ICC: the network's own setting wins; the default bridge otherwise follows dockerd --icc.
            bool? fromOption = null;
            if (network.Options.TryGetValue(NetworkInfo.IccOption, out var iccText)) fromOption = iccText == "true";
            if (spec.Icc != null && fromOption != null && spec.Icc != fromOption)
                errors.Add(spec.At, "'icc: " + (spec.Icc.Value ? "true" : "false") + "' disagrees with option " + NetworkInfo.IccOption + "=" + iccText);
            network.IccEnabled = spec.Icc ?? fromOption ?? (network.IsDefaultBridge ? engine.InterContainerCommunication : true);
            if (spec.Icc != null) network.Options[NetworkInfo.IccOption] = spec.Icc.Value ? "true" : "false";

            if (network.IsDefaultBridge)
            {
                // What `docker network inspect bridge` shows for a default install.
                SetIfMissing(network, NetworkInfo.DefaultBridgeOption, "true");
                SetIfMissing(network, NetworkInfo.IccOption, network.IccEnabled ? "true" : "false");
                SetIfMissing(network, "com.docker.network.bridge.enable_ip_masquerade", "true");
                SetIfMissing(network, "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
                SetIfMissing(network, NetworkInfo.BridgeNameOption, network.BridgeName!);
                SetIfMissing(network, "com.docker.network.driver.mtu", "1500");
            }

            if (network.IsMacvlan)
            {
                network.Options.TryGetValue(NetworkInfo.MacvlanParentOption, out var parent);
                if (spec.Parent != null && parent != null && spec.Parent != parent)
                    errors.Add(spec.At, "'parent: " + spec.Parent + "' disagrees with option parent=" + parent);
                if (spec.Parent != null) network.Options[NetworkInfo.MacvlanParentOption] = spec.Parent;
            }
            else if (spec.Parent != null)
            {
                errors.Add(spec.At, "'parent' is for macvlan and ipvlan networks ('" + network.Name + "' is " + network.Driver + ")");
            }
        }

        private static void SetIfMissing(NetworkInfo network, string key, string value)
        {
            if (!network.Options.ContainsKey(key)) network.Options[key] = value;
        }

        /// <summary>Addresses a container may not take: the network and broadcast addresses and the gateway.</summary>
        public static bool IsReserved(NetworkInfo network, IPAddress address) =>
            network.Subnet is IPv4Subnet subnet
            && (address.Equals(subnet.NetworkAddress) || address.Equals(subnet.BroadcastAddress) || address.Equals(network.Gateway));
    }
}
