using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerNetTools.Model
{
    /// <summary>
    /// Everything the analyses know about one Docker host: what a backend (scenario file or live daemon) built.
    /// Backends fill it once; analyses only read it.
    /// </summary>
    public sealed class DockerHostModel
    {
        /// <summary>Where the model came from, e.g. "scenario SeedLab" or "unix:///var/run/docker.sock".</summary>
        public string Source { get; set; } = string.Empty;

        public EngineInfo Engine { get; set; } = new EngineInfo();

        public HostInfo Host { get; set; } = new HostInfo();

        public List<NetworkInfo> Networks { get; } = new List<NetworkInfo>();

        public List<ContainerInfo> Containers { get; } = new List<ContainerInfo>();

        /// <summary>The swarm the engine is part of; null when it is not in one (or the backend did not read it).</summary>
        public SwarmInfo? Swarm { get; set; }

        /// <summary>Finds a container by exact name (with or without the leading '/'), full id or unique id prefix.</summary>
        public ContainerInfo? FindContainer(string nameOrId)
        {
            if (string.IsNullOrEmpty(nameOrId)) return null;
            var name = nameOrId.TrimStart('/');
            // Loops, not LINQ: the analyses look containers and networks up for every hop of every question.
            foreach (var c in Containers)
                if (string.Equals(c.Name, name, StringComparison.Ordinal)) return c;
            foreach (var c in Containers)
                if (string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) return c;
            if (name.Length < 4) return null;
            var byId = Containers.Where(c => c.Id.StartsWith(name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            return byId.Count == 1 ? byId[0] : null;
        }

        /// <summary>Finds a network by exact name, full id or unique id prefix.</summary>
        public NetworkInfo? FindNetwork(string nameOrId)
        {
            if (string.IsNullOrEmpty(nameOrId)) return null;
            foreach (var n in Networks)
                if (string.Equals(n.Name, nameOrId, StringComparison.Ordinal)) return n;
            if (nameOrId.Length < 4) return null;
            var byId = Networks.Where(n => n.Id.StartsWith(nameOrId, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            return byId.Count == 1 ? byId[0] : null;
        }

        /// <summary>
        /// The container whose network namespace <paramref name="container"/> really uses:
        /// itself, or for <c>container:&lt;x&gt;</c> the end of that chain. Null when the chain names a missing container.
        /// </summary>
        public ContainerInfo? NamespaceOwner(ContainerInfo container)
        {
            var current = container;
            for (var hops = 0; hops < 16; hops++)
            {
                if (current.NetworkMode.Kind != NetworkModeKind.Container) return current;
                var next = FindContainer(current.NetworkMode.Target ?? string.Empty);
                if (next == null) return null;
                current = next;
            }
            return null;
        }
    }
}
