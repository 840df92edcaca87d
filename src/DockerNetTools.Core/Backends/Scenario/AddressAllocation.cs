using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>
    /// IPv4 addresses per network the way Docker's IPAM hands them out on a fresh host: addresses given in the
    /// scenario are reserved first, then every other running endpoint gets the lowest free address after the gateway,
    /// in container order.
    /// </summary>
    internal static class AddressAllocation
    {
        public static void Assign(DockerHostModel model, IReadOnlyDictionary<ContainerInfo, ContainerSpec> specs, ScenarioErrors errors)
        {
            var byNetwork = MembersByNetwork(model);
            foreach (var network in model.Networks.Where(n => n.Subnet6 != null)) AssignIPv6(network, Members(byNetwork, network), specs, errors);
            foreach (var network in model.Networks)
            {
                var members = Members(byNetwork, network);
                if (members.Count == 0) continue;
                if (!(network.Subnet is IPv4Subnet subnet))
                {
                    foreach (var (container, endpoint) in members.Where(m => m.Endpoint.IPAddress != null))
                        errors.Add(IpPos(specs[container], network.Name, container), "network " + network.Name + " has no IPv4 subnet for " + endpoint.IPAddress);
                    continue;
                }

                var used = new Dictionary<uint, string>();
                foreach (var (container, endpoint) in members.Where(m => m.Endpoint.IPAddress != null))
                {
                    var at = IpPos(specs[container], network.Name, container);
                    var address = endpoint.IPAddress!;
                    var key = IPv4Subnet.ToUInt32(address);
                    if (!subnet.Contains(address))
                        errors.Add(at, "Invalid address " + address + ": It does not belong to any of this network's subnets (" + network.Name + " is " + subnet + ")");
                    else if (address.Equals(network.Gateway))
                        errors.Add(at, "Address already in use: " + address + " is the gateway of " + network.Name);
                    else if (address.Equals(subnet.NetworkAddress) || address.Equals(subnet.BroadcastAddress))
                        errors.Add(at, "Invalid address " + address + ": it is the network or broadcast address of " + subnet);
                    else if (used.TryGetValue(key, out var holder))
                        errors.Add(at, "Address already in use: " + address + " on " + network.Name + " is already taken by " + holder);
                    else used[key] = container.Name;
                }

                // Lowest free address after the gateway (the gateway itself, network and broadcast are never given out).
                long next = 1;
                foreach (var (container, endpoint) in members.Where(m => m.Endpoint.IPAddress == null))
                {
                    IPAddress? found = null;
                    for (; next < subnet.Size - 1; next++)
                    {
                        var candidate = subnet.AddressAt(next);
                        if (candidate.Equals(network.Gateway) || used.ContainsKey(IPv4Subnet.ToUInt32(candidate))) continue;
                        found = candidate;
                        break;
                    }
                    if (found == null)
                    {
                        errors.Add(specs[container].At, "no available IPv4 addresses on this network's address pools: " + network.Name + " (" + network.Id + ")");
                        break;
                    }
                    endpoint.IPAddress = found;
                    used[IPv4Subnet.ToUInt32(found)] = container.Name;
                }
            }
        }

        /// <summary>
        /// A network with an IPv6 subnet (--ipv6) gives every running endpoint an IPv6 address too: the scenario's own
        /// first (inside the subnet, not the gateway, not taken twice), then the lowest free one after the gateway
        /// (Docker 20.10.24: the first container on fd00:61::/64 got fd00:61::2).
        /// </summary>
        private static void AssignIPv6(NetworkInfo network, List<(ContainerInfo Container, EndpointInfo Endpoint)> members, IReadOnlyDictionary<ContainerInfo, ContainerSpec> specs,
            ScenarioErrors errors)
        {
            var subnet = network.Subnet6!.Value;
            var used = new Dictionary<IPAddress, string>();
            foreach (var (container, endpoint) in members.Where(m => m.Endpoint.IPv6Address != null))
            {
                var address = endpoint.IPv6Address!;
                var at = Ipv6Pos(specs[container], network.Name, container);
                if (!subnet.Contains(address))
                    errors.Add(at, "Invalid address " + address + ": It does not belong to any of this network's subnets (" + network.Name + " is " + subnet + ")");
                else if (address.Equals(network.Gateway6))
                    errors.Add(at, "Address already in use: " + address + " is the gateway of " + network.Name);
                else if (address.Equals(subnet.NetworkAddress))
                    errors.Add(at, "Invalid address " + address + ": it is the network address of " + subnet);
                else if (used.TryGetValue(address, out var holder))
                    errors.Add(at, "Address already in use: " + address + " on " + network.Name + " is already taken by " + holder);
                else used[address] = container.Name;
            }

            long next = 1;
            foreach (var (container, endpoint) in members.Where(m => m.Endpoint.IPv6Address == null))
            {
                IPAddress candidate;
                do candidate = subnet.AddressAt(next++);
                while (subnet.Contains(candidate) && (candidate.Equals(network.Gateway6) || used.ContainsKey(candidate)));
                if (!subnet.Contains(candidate))
                {
                    errors.Add(specs[container].At, "no available IPv6 addresses on this network's address pools: " + network.Name + " (" + network.Id + ")");
                    break;
                }
                endpoint.IPv6Address = candidate;
                used[candidate] = container.Name;
            }
        }

        /// <summary>
        /// The running containers' endpoints on each network, in container order: one pass over the containers, not one per
        /// network (10,000 containers on 100 networks).
        /// </summary>
        private static Dictionary<string, List<(ContainerInfo Container, EndpointInfo Endpoint)>> MembersByNetwork(DockerHostModel model)
        {
            var byNetwork = new Dictionary<string, List<(ContainerInfo, EndpointInfo)>>(StringComparer.Ordinal);
            foreach (var container in model.Containers.Where(c => c.IsRunning))
                foreach (var endpoint in container.Endpoints)
                {
                    if (!byNetwork.TryGetValue(endpoint.NetworkName, out var members)) byNetwork[endpoint.NetworkName] = members = new List<(ContainerInfo, EndpointInfo)>();
                    members.Add((container, endpoint));
                }
            return byNetwork;
        }

        private static List<(ContainerInfo Container, EndpointInfo Endpoint)> Members(Dictionary<string, List<(ContainerInfo Container, EndpointInfo Endpoint)>> byNetwork, NetworkInfo network) =>
            byNetwork.TryGetValue(network.Name, out var members) ? members : new List<(ContainerInfo, EndpointInfo)>();

        private static SourcePos Ipv6Pos(ContainerSpec spec, string network, ContainerInfo container)
        {
            var primaryNetwork = ScenarioBuilder.PrimaryNetworkName(container);
            var endpoint = spec.Endpoints.FirstOrDefault(e => (e.IsPrimary ? primaryNetwork : e.Network) == network);
            return endpoint != null && endpoint.IPv6Address != null ? endpoint.IPv6At : spec.At;
        }

        private static SourcePos IpPos(ContainerSpec spec, string network, ContainerInfo container)
        {
            var primaryNetwork = ScenarioBuilder.PrimaryNetworkName(container);
            var endpoint = spec.Endpoints.FirstOrDefault(e => (e.IsPrimary ? primaryNetwork : e.Network) == network);
            return endpoint != null && endpoint.IPAddress != null ? endpoint.IPAt : spec.At;
        }
    }
}
