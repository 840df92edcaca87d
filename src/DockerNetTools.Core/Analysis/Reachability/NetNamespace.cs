using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    internal enum NamespaceKind
    {
        /// <summary>A container's own namespace with its endpoints (bridge, user-defined, macvlan networks).</summary>
        Container,
        /// <summary>The host's namespace (the host itself and every host-mode container).</summary>
        Host,
        /// <summary>network mode none: loopback only.</summary>
        None,
        /// <summary>container:&lt;x&gt; where x does not exist.</summary>
        Missing,
        /// <summary>A namespace Docker did not make (host.namespaces: ip netns add, a process' own).</summary>
        Manual,
    }

    /// <summary>
    /// A network namespace as packets see it. Containers in container:&lt;x&gt; mode and host-mode containers do not have
    /// their own: they are folded onto their owner (x, or the host), which is what decides every rule below.
    /// </summary>
    internal sealed class NetNamespace
    {
        private NetNamespace(NamespaceKind kind, ContainerInfo? owner, DockerHostModel model)
        {
            Kind = kind;
            Owner = owner;
            Model = model;
        }

        public NamespaceKind Kind { get; }

        /// <summary>The namespace Docker did not make, for <see cref="NamespaceKind.Manual"/>.</summary>
        public HostNamespace? Manual { get; private set; }

        /// <summary>The container whose namespace this is (null for the host's).</summary>
        public ContainerInfo? Owner { get; }

        private DockerHostModel Model { get; }

        public static NetNamespace Of(DockerHostModel model, ContainerInfo container)
        {
            var owner = model.NamespaceOwner(container);
            if (owner == null) return new NetNamespace(NamespaceKind.Missing, null, model);
            switch (owner.NetworkMode.Kind)
            {
                case NetworkModeKind.Host: return new NetNamespace(NamespaceKind.Host, null, model);
                case NetworkModeKind.None: return new NetNamespace(NamespaceKind.None, owner, model);
                default: return new NetNamespace(NamespaceKind.Container, owner, model);
            }
        }

        public static NetNamespace HostOf(DockerHostModel model) => new NetNamespace(NamespaceKind.Host, null, model);

        public static NetNamespace ManualOf(DockerHostModel model, HostNamespace ns) => new NetNamespace(NamespaceKind.Manual, null, model) { Manual = ns };

        /// <summary>"sourcecontainer's namespace", "the host's namespace".</summary>
        public string Label => Kind == NamespaceKind.Host ? "the host's namespace" : Manual != null ? "network namespace " + Manual.Name : (Owner?.Name ?? "?") + "'s namespace";

        /// <summary>Who answers in this namespace, for sentences: "the host", "sourcecontainer".</summary>
        public string Who => Kind == NamespaceKind.Host ? "the host" : Manual?.Name ?? Owner?.Name ?? "?";

        public IReadOnlyList<EndpointInfo> Endpoints => Kind == NamespaceKind.Container && Owner != null
            ? (IReadOnlyList<EndpointInfo>)Owner.Endpoints
            : Array.Empty<EndpointInfo>();

        public bool SameAs(NetNamespace other)
        {
            if (Kind == NamespaceKind.Host && other.Kind == NamespaceKind.Host) return true;
            if (Kind == NamespaceKind.Missing || other.Kind == NamespaceKind.Missing) return false;
            if (Manual != null || other.Manual != null) return ReferenceEquals(Manual, other.Manual);
            return Owner != null && ReferenceEquals(Owner, other.Owner);
        }

        /// <summary>Sockets open in this namespace: for the host, its own processes plus every running host-mode container's.</summary>
        public IEnumerable<SocketEntry> Sockets
        {
            get
            {
                if (Manual != null) return Manual.Sockets;
                if (Kind != NamespaceKind.Host) return Owner?.Sockets ?? Enumerable.Empty<SocketEntry>();
                return Model.Host.Sockets.Concat(HostModeContainers.SelectMany(c => c.Sockets));
            }
        }

        /// <summary>
        /// Whether the sockets were read. The host has no flag of its own: it counts as known when any host listener
        /// or any host-mode container's sockets were recorded.
        /// </summary>
        public bool SocketsKnown => Manual != null ? Manual.SocketsKnown : Kind == NamespaceKind.Host
            ? Model.Host.Sockets.Count > 0 || HostModeContainers.Any(c => c.SocketsKnown)
            : Owner != null && Owner.SocketsKnown;

        /// <summary>The sockets are a what-if's assumptions (compose ports/expose): a port not among them is unknown.</summary>
        public bool SocketsAssumed => Kind != NamespaceKind.Host && Owner != null && Owner.SocketsAssumed;

        private IEnumerable<ContainerInfo> HostModeContainers =>
            Model.Containers.Where(c => c.IsRunning && c.NetworkMode.Kind == NetworkModeKind.Host);
    }
}
