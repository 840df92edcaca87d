using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>
    /// Puts host.namespaces into the model once the host's interfaces exist, refusing what the kernel would: two namespaces
    /// of one name (`ip netns add` says "File exists"), a veth peer that is no host interface, or one end shared by two.
    /// </summary>
    internal static class NamespaceChecks
    {
        public static void Add(DockerHostModel model, HostSpec host, ScenarioErrors errors)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var peers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var spec in host.Namespaces)
            {
                var ns = spec.Namespace;
                if (!names.Add(ns.Name))
                {
                    errors.Add(spec.At, "Cannot create namespace file \"/var/run/netns/" + ns.Name + "\": File exists (namespace " + ns.Name + " is listed twice)");
                    continue;
                }
                for (var i = 0; i < ns.Interfaces.Count; i++)
                {
                    var inside = ns.Interfaces[i];
                    if (inside.Peer == null) continue;
                    var hostEnd = model.Host.Interfaces.FirstOrDefault(h => string.Equals(h.Name, inside.Peer, StringComparison.Ordinal));
                    if (hostEnd == null)
                    {
                        errors.Add(spec.PeerPositions[i], "peer " + inside.Peer + " of " + ns.Name + "'s " + inside.Name
                                                          + " is no host interface: list it under host.interfaces (with master: the bridge it is on)");
                        continue;
                    }
                    if (peers.TryGetValue(inside.Peer, out var other))
                    {
                        errors.Add(spec.PeerPositions[i], "host interface " + inside.Peer + " is already the peer of " + other + ": a veth has one peer");
                        continue;
                    }
                    peers[inside.Peer] = ns.Name + "'s " + inside.Name;
                    if (inside.PeerIfIndex == 0) inside.PeerIfIndex = hostEnd.IfIndex;
                }
                foreach (var inside in ns.Interfaces.Where(i => i.MacAddress == null)) inside.MacAddress = DerivedIds.MacFor("netns", ns.Name + "/" + inside.Name);
                // ifindexes inside a fresh namespace: lo is 1, the next interfaces follow (a moved veth keeps its own, so only when unknown).
                var next = 2;
                foreach (var inside in ns.Interfaces.Where(i => i.IfIndex == 0))
                {
                    while (ns.Interfaces.Any(i => i.IfIndex == next)) next++;
                    inside.IfIndex = next++;
                }
                model.Host.Namespaces.Add(ns);
            }
        }
    }
}
