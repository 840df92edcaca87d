using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>
    /// Who holds which name in one model, built once per model, so a lookup costs what the name's holders cost and not a
    /// walk over every container (an all-pairs reachability looks up 9,900 names on one model of 100 containers). Every
    /// answer is the one the walk over the model gives: the index only narrows which containers the walk looks at, in
    /// the model's order.
    /// </summary>
    internal sealed class NameIndex
    {
        // The model does not change once a backend has built it ("Backends fill it once; analyses only read it"), so the
        // index lives as long as the model does.
        private static readonly ConditionalWeakTable<DockerHostModel, NameIndex> Cache = new ConditionalWeakTable<DockerHostModel, NameIndex>();

        private readonly DockerHostModel _model;
        private readonly Dictionary<string, List<ContainerInfo>> _holders = new Dictionary<string, List<ContainerInfo>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<(ContainerInfo Declarer, ContainerLink Link)>> _linkAliases =
            new Dictionary<string, List<(ContainerInfo Declarer, ContainerLink Link)>>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, Dictionary<string, List<DnsRecord>>> _records =
            new ConcurrentDictionary<string, Dictionary<string, List<DnsRecord>>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<ContainerInfo, IReadOnlyList<HostsFileEntry>> _hostsFiles =
            new ConcurrentDictionary<ContainerInfo, IReadOnlyList<HostsFileEntry>>(ReferenceComparer.Instance);

        private NameIndex(DockerHostModel model)
        {
            _model = model;
            foreach (var container in model.Containers)
            {
                Add(container.Name, container);
                Add(container.ShortId, container);
                Add(container.Hostname, container);
                foreach (var endpoint in container.Endpoints)
                {
                    foreach (var alias in endpoint.Aliases) Add(alias, container);
                    foreach (var dnsName in endpoint.DnsNames) Add(dnsName, container);
                }
                foreach (var link in container.Links)
                {
                    if (string.IsNullOrEmpty(link.Alias)) continue;
                    if (!_linkAliases.TryGetValue(link.Alias, out var declared)) _linkAliases[link.Alias] = declared = new List<(ContainerInfo, ContainerLink)>(1);
                    declared.Add((container, link));
                }
            }
        }

        public static NameIndex Of(DockerHostModel model) => Cache.GetValue(model, m => new NameIndex(m));

        /// <summary>
        /// The containers that hold <paramref name="name"/> as their name, short id, hostname, a network alias or a DNS
        /// name (case-insensitive), in the model's order; empty when none does.
        /// </summary>
        public IReadOnlyList<ContainerInfo> Holders(string name) =>
            _holders.TryGetValue(name, out var holders) ? holders : (IReadOnlyList<ContainerInfo>)Array.Empty<ContainerInfo>();

        /// <summary>The --link aliases equal to <paramref name="name"/> (case-insensitive) with the container that declared each, in the model's order.</summary>
        public IReadOnlyList<(ContainerInfo Declarer, ContainerLink Link)> LinkAliases(string name) =>
            _linkAliases.TryGetValue(name, out var links) ? links : (IReadOnlyList<(ContainerInfo, ContainerLink)>)Array.Empty<(ContainerInfo, ContainerLink)>();

        /// <summary>The records of running containers on a network that carry <paramref name="name"/>, as <see cref="EmbeddedDnsRecords.Lookup"/> lists them.</summary>
        public List<DnsRecord> Records(NetworkInfo network, string name)
        {
            var byName = _records.GetOrAdd(network.Name, _ => RecordsOn(network));
            return byName.TryGetValue(name, out var records) ? new List<DnsRecord>(records) : new List<DnsRecord>();
        }

        /// <summary>A container's /etc/hosts (<see cref="HostsFileBuilder.Build"/>), built once per container.</summary>
        public IReadOnlyList<HostsFileEntry> HostsFile(ContainerInfo container) =>
            _hostsFiles.GetOrAdd(container, c => HostsFileBuilder.Build(_model, c));

        private Dictionary<string, List<DnsRecord>> RecordsOn(NetworkInfo network)
        {
            var byName = new Dictionary<string, List<DnsRecord>>(StringComparer.OrdinalIgnoreCase);
            foreach (var record in EmbeddedDnsRecords.RecordsOn(_model, network, running: true))
            {
                if (!byName.TryGetValue(record.Name, out var records)) byName[record.Name] = records = new List<DnsRecord>(1);
                records.Add(record);
            }
            return byName;
        }

        private void Add(string? name, ContainerInfo container)
        {
            if (string.IsNullOrEmpty(name)) return;
            if (!_holders.TryGetValue(name!, out var list)) _holders[name!] = list = new List<ContainerInfo>(1);
            // Containers come in the model's order, so a repeat is the last one added.
            if (list.Count == 0 || !ReferenceEquals(list[list.Count - 1], container)) list.Add(container);
        }

        private sealed class ReferenceComparer : IEqualityComparer<ContainerInfo>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public bool Equals(ContainerInfo? x, ContainerInfo? y) => ReferenceEquals(x, y);

            public int GetHashCode(ContainerInfo obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
