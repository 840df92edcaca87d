using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Sockets
{
    /// <summary>What to keep: empty or null filters keep everything.</summary>
    public sealed class SocketFilter
    {
        public SocketFilter(IReadOnlyCollection<SocketState>? states = null, TransportProtocol? protocol = null, int? port = null)
        {
            States = states ?? Array.Empty<SocketState>();
            Protocol = protocol;
            Port = port;
        }

        public IReadOnlyCollection<SocketState> States { get; }

        /// <summary>Tcp keeps tcp and tcp6, Udp keeps udp and udp6.</summary>
        public TransportProtocol? Protocol { get; }

        /// <summary>Matches the local or the remote port.</summary>
        public int? Port { get; }

        public bool Keeps(SocketEntry s)
        {
            if (States.Count > 0 && !States.Contains(s.State)) return false;
            if (Protocol == TransportProtocol.Tcp && !s.IsTcp) return false;
            if (Protocol == TransportProtocol.Udp && s.IsTcp) return false;
            if (Protocol == TransportProtocol.Sctp) return false;
            if (Port.HasValue && s.LocalPort != Port.Value && s.RemotePort != Port.Value) return false;
            return true;
        }
    }

    /// <summary>Why a container contributed no rows although it was asked about.</summary>
    public enum SocketIssueKind
    {
        /// <summary>The sockets of the namespace were not read: unknown, not "none".</summary>
        SocketsUnknown,
        /// <summary>A stopped container has no network namespace and no sockets.</summary>
        NotRunning,
        /// <summary>container:x names a container that does not exist.</summary>
        NamespaceMissing,
    }

    public sealed class SocketIssue
    {
        public SocketIssue(string container, SocketIssueKind kind, string reason)
        {
            Container = container;
            Kind = kind;
            Reason = reason;
        }

        public string Container { get; }
        public SocketIssueKind Kind { get; }
        public string Reason { get; }
    }

    public sealed class SocketQueryResult
    {
        public SocketQueryResult(IReadOnlyList<SocketRow> rows, IReadOnlyList<SocketIssue> issues)
        {
            Rows = rows;
            Issues = issues;
        }

        public IReadOnlyList<SocketRow> Rows { get; }
        public IReadOnlyList<SocketIssue> Issues { get; }
    }

    /// <summary>
    /// netstat inside each container: the sockets of the network namespace the container really uses. Containers that
    /// share a namespace (container:x) all report the owner's sockets and name each other in SharedWith; a host-mode
    /// container reports the host's sockets.
    /// </summary>
    public static class SocketQuery
    {
        /// <summary>The Container value of the host's own sockets.</summary>
        public const string HostName = "(host)";

        public static SocketQueryResult Query(DockerHostModel model, IEnumerable<ContainerInfo> containers, SocketFilter? filter = null, bool includeHost = false)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            filter ??= new SocketFilter();
            var rows = new List<SocketRow>();
            var issues = new List<SocketIssue>();

            foreach (var container in containers)
            {
                if (!container.IsRunning)
                {
                    issues.Add(new SocketIssue(container.Name, SocketIssueKind.NotRunning,
                        "'" + container.Name + "' is not running (" + container.State.ToString().ToLowerInvariant() + "): a stopped container has no network namespace and no sockets."));
                    continue;
                }
                var owner = model.NamespaceOwner(container);
                if (owner == null)
                {
                    issues.Add(new SocketIssue(container.Name, SocketIssueKind.NamespaceMissing,
                        "'" + container.Name + "' uses --network " + container.NetworkMode + ", but that container does not exist."));
                    continue;
                }

                if (owner.NetworkMode.Kind == NetworkModeKind.Host)
                {
                    var peers = SharersOf(model, owner, hostNamespace: true).Where(n => n != container.Name).Concat(new[] { HostName }).ToList();
                    rows.AddRange(HostNamespaceSockets(model).Where(filter.Keeps).Select(s => new SocketRow(container.Name, "host", peers, s)));
                    continue;
                }

                if (!owner.SocketsKnown)
                {
                    issues.Add(new SocketIssue(container.Name, SocketIssueKind.SocketsUnknown,
                        "The sockets of " + (ReferenceEquals(owner, container) ? "'" + container.Name + "'" : "'" + owner.Name + "' (whose namespace '" + container.Name + "' shares)")
                        + " were not read, so they are unknown, not absent."));
                    continue;
                }

                var sharers = SharersOf(model, owner, hostNamespace: false).Where(n => n != container.Name).ToList();
                rows.AddRange(owner.Sockets.Where(filter.Keeps).Select(s => new SocketRow(container.Name, owner.Name, sharers, s)));
            }

            if (includeHost)
            {
                var hostModeContainers = SharersOf(model, null, hostNamespace: true).ToList();
                rows.AddRange(HostNamespaceSockets(model).Where(filter.Keeps).Select(s => new SocketRow(HostName, "host", hostModeContainers, s)));
            }
            return new SocketQueryResult(rows, issues);
        }

        /// <summary>
        /// The sockets of network namespaces Docker did not make (host.namespaces), one row each with the namespace as both
        /// Container and Namespace; a namespace whose sockets were not read is an issue, not an empty list.
        /// </summary>
        public static SocketQueryResult QueryNamespaces(IEnumerable<HostNamespace> namespaces, SocketFilter? filter = null)
        {
            filter ??= new SocketFilter();
            var rows = new List<SocketRow>();
            var issues = new List<SocketIssue>();
            foreach (var ns in namespaces)
            {
                if (!ns.SocketsKnown)
                {
                    issues.Add(new SocketIssue(ns.Name, SocketIssueKind.SocketsUnknown,
                        "The sockets of network namespace '" + ns.Name + "' were not read, so they are unknown, not absent."));
                    continue;
                }
                rows.AddRange(ns.Sockets.Where(filter.Keeps).Select(s => new SocketRow(ns.Name, "netns " + ns.Name, Array.Empty<string>(), s)));
            }
            return new SocketQueryResult(rows, issues);
        }

        /// <summary>
        /// One warning for every container whose sockets were not read (a remote daemon leaves many): their names, in the
        /// words of a single one's issue.
        /// </summary>
        public static string UnknownSockets(IReadOnlyList<SocketIssue> unknown)
        {
            if (unknown == null) throw new ArgumentNullException(nameof(unknown));
            if (unknown.Count == 1) return unknown[0].Reason;
            return "The sockets of " + string.Join(", ", unknown.Select(i => "'" + i.Container + "'")) + " were not read, so they are unknown, not absent.";
        }

        /// <summary>
        /// The host namespace's sockets: the host's own table plus those recorded on running host-mode containers
        /// (a scenario may list a host-mode service's listener on the container), each socket once.
        /// </summary>
        public static IReadOnlyList<SocketEntry> HostNamespaceSockets(DockerHostModel model)
        {
            var all = new List<SocketEntry>(model.Host.Sockets);
            foreach (var c in model.Containers.Where(c => c.IsRunning && c.NetworkMode.Kind == NetworkModeKind.Host))
                all.AddRange(c.Sockets.Where(s => !all.Any(h => Same(h, s))));
            return all;
        }

        private static bool Same(SocketEntry a, SocketEntry b) =>
            a.Protocol == b.Protocol && a.LocalPort == b.LocalPort && a.RemotePort == b.RemotePort &&
            a.LocalAddress.Equals(b.LocalAddress) && a.RemoteAddress.Equals(b.RemoteAddress) && a.State == b.State;

        /// <summary>Running containers whose namespace is <paramref name="owner"/>'s (or the host's).</summary>
        private static IEnumerable<string> SharersOf(DockerHostModel model, ContainerInfo? owner, bool hostNamespace)
        {
            foreach (var c in model.Containers.Where(c => c.IsRunning))
            {
                var o = model.NamespaceOwner(c);
                if (o == null) continue;
                if (hostNamespace ? o.NetworkMode.Kind == NetworkModeKind.Host : ReferenceEquals(o, owner)) yield return c.Name;
            }
        }
    }
}
