using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>
    /// Writes a container's /etc/hosts the way Docker does: the loopback lines, --add-host entries, one line per
    /// legacy --link on the default bridge ("IP alias target-hostname [target-name]"), then the container's own
    /// address and hostname. A container: mode container shares its owner's file; a host-mode container gets the
    /// host's own file, of which only localhost and the --add-host entries are known to the model.
    /// </summary>
    public static class HostsFileBuilder
    {
        // Shared by every entry built, so read-only wrappers: a caller (a PowerShell user) cannot change them for the next one.
        private static readonly IReadOnlyList<string> Localhost4Names = Array.AsReadOnly(new[] { "localhost" });
        private static readonly IReadOnlyList<string> Localhost6Names = Array.AsReadOnly(new[] { "localhost", "ip6-localhost", "ip6-loopback" });
        /// <summary>The entries of <paramref name="container"/>'s /etc/hosts (the namespace owner's for container: mode).</summary>
        public static IReadOnlyList<HostsFileEntry> Build(DockerHostModel model, ContainerInfo container)
        {
            var owner = model.NamespaceOwner(container) ?? container;
            var entries = new List<HostsFileEntry>
            {
                Line(IPAddress.Loopback, Localhost4Names, RecordKind.Localhost),
                Line(IPAddress.IPv6Loopback, Localhost6Names, RecordKind.Localhost),
            };

            foreach (var extra in owner.ExtraHosts)
                entries.Add(Line(extra.Address, new[] { extra.Hostname }, RecordKind.ExtraHost));

            if (owner.NetworkMode.Kind == NetworkModeKind.Host || owner.NetworkMode.Kind == NetworkModeKind.None)
                return entries;

            var defaultBridge = owner.Endpoints.FirstOrDefault(e => IsDefaultBridge(model, e.NetworkName));
            if (defaultBridge != null)
            {
                foreach (var link in owner.Links)
                {
                    var target = model.FindContainer(link.Target);
                    var address = target?.Endpoints.FirstOrDefault(e => IsDefaultBridge(model, e.NetworkName))?.IPAddress;
                    if (target == null || address == null) continue;
                    entries.Add(LinkLine(link, target, address, defaultBridge.NetworkName));
                }
            }

            var own = owner.Endpoints.FirstOrDefault(e => e.IPAddress != null);
            if (own != null && !string.IsNullOrEmpty(owner.Hostname))
            {
                entries.Add(new HostsFileEntry(own.IPAddress!, new[] { owner.Hostname }, new[] { RecordKind.Hostname }, owner.Name, own.NetworkName));
                if (own.IPv6Address != null)
                    entries.Add(new HostsFileEntry(own.IPv6Address, new[] { owner.Hostname }, new[] { RecordKind.Hostname }, owner.Name, own.NetworkName));
            }
            return entries;
        }

        /// <summary>The entries matching <paramref name="name"/> (case-insensitive, like glibc) with an address of the asked family.</summary>
        internal static IEnumerable<(HostsFileEntry Entry, RecordKind Kind)> Match(IEnumerable<HostsFileEntry> entries, string name, AddressFamily family)
        {
            foreach (var entry in entries)
            {
                if (entry.Address.AddressFamily != family) continue;
                for (var i = 0; i < entry.Names.Count; i++)
                {
                    if (!string.Equals(entry.Names[i], name, StringComparison.OrdinalIgnoreCase)) continue;
                    yield return (entry, entry.Kinds[i]);
                    break;
                }
            }
        }

        private static HostsFileEntry LinkLine(ContainerLink link, ContainerInfo target, IPAddress address, string network)
        {
            // Docker writes the alias, then the target's hostname, then the target's name when it differs from the alias.
            var names = new List<string> { link.Alias };
            var kinds = new List<RecordKind> { RecordKind.Link };
            if (!string.IsNullOrEmpty(target.Hostname) && !names.Contains(target.Hostname, StringComparer.Ordinal))
            {
                names.Add(target.Hostname);
                kinds.Add(RecordKind.Hostname);
            }
            if (!names.Contains(target.Name, StringComparer.Ordinal))
            {
                names.Add(target.Name);
                kinds.Add(RecordKind.Link);
            }
            return new HostsFileEntry(address, names, kinds, target.Name, network);
        }

        private static HostsFileEntry Line(IPAddress address, IReadOnlyList<string> names, RecordKind kind) =>
            new HostsFileEntry(address, names, names.Select(_ => kind).ToList(), null, null);

        internal static bool IsDefaultBridge(DockerHostModel model, string networkName)
        {
            var network = model.FindNetwork(networkName);
            return network != null ? network.IsDefaultBridge : string.Equals(networkName, "bridge", StringComparison.Ordinal);
        }
    }
}
