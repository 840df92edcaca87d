using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>
    /// Which containers hold a name the embedded DNS could answer with (container name, hostname, network alias or DNS
    /// name), built once per model. It lets reachability skip a full lookup when a destination's name is a container's
    /// and nothing else could answer for it: the lookup would then give that container or nothing, and either way the
    /// container is the destination.
    /// </summary>
    internal sealed class NameClaims
    {
        // The model does not change once a backend has built it, so the index lives as long as the model does.
        private static readonly ConditionalWeakTable<DockerHostModel, NameClaims> Cache = new ConditionalWeakTable<DockerHostModel, NameClaims>();

        private readonly Dictionary<string, List<ContainerInfo>> _holders = new Dictionary<string, List<ContainerInfo>>(StringComparer.OrdinalIgnoreCase);

        private NameClaims(DockerHostModel model)
        {
            foreach (var container in model.Containers)
            {
                Add(container.Name, container);
                Add(container.Hostname, container);
                foreach (var endpoint in container.Endpoints)
                {
                    foreach (var alias in endpoint.Aliases) Add(alias, container);
                    foreach (var dnsName in endpoint.DnsNames) Add(dnsName, container);
                }
            }
        }

        public static NameClaims Of(DockerHostModel model) => Cache.GetValue(model, m => new NameClaims(m));

        /// <summary>
        /// True when <paramref name="name"/> can only lead <paramref name="asker"/> to <paramref name="container"/> (or
        /// nowhere): no other container holds it, and the asker's /etc/hosts has no --link or --add-host line that could.
        /// </summary>
        public bool OnlyLeadsTo(string name, ContainerInfo container, ContainerInfo asker)
        {
            if (asker.Links.Count > 0 || asker.ExtraHosts.Count > 0) return false;
            var key = name.TrimEnd('.');
            if (!_holders.TryGetValue(key, out var holders)) return true;
            foreach (var holder in holders)
                if (!ReferenceEquals(holder, container)) return false;
            return true;
        }

        private void Add(string? name, ContainerInfo container)
        {
            if (string.IsNullOrEmpty(name)) return;
            if (!_holders.TryGetValue(name!, out var list)) _holders[name!] = list = new List<ContainerInfo>(1);
            if (!list.Contains(container)) list.Add(container);
        }
    }
}
