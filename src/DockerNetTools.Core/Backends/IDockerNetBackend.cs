using System;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Backends
{
    /// <summary>
    /// A source of the host model: a scenario file (simulation) or a live Docker daemon.
    /// Analyses never see the backend, only the <see cref="DockerHostModel"/> it builds.
    /// </summary>
    public interface IDockerNetBackend : IDisposable
    {
        /// <summary>What this backend reads, for messages: "scenario SeedLab", "unix:///var/run/docker.sock".</summary>
        string Endpoint { get; }

        /// <summary>Builds the model. <paramref name="parts"/> lets a live backend skip costly reads (sockets) nobody asked for.</summary>
        Task<DockerHostModel> GetHostModelAsync(ModelParts parts, IOperationLog log, CancellationToken cancellationToken);
    }

    /// <summary>Which parts of the model a command needs.</summary>
    [Flags]
    public enum ModelParts
    {
        /// <summary>Networks, containers, endpoints, ports, hosts entries, veths.</summary>
        Topology = 1,
        /// <summary>Sockets in every container's namespace and on the host.</summary>
        Sockets = 2,
        /// <summary>The host's packet filter (iptables-save), for the questions it decides (reachability).</summary>
        Firewall = 4,
        /// <summary>The host's edge: its routes, forwarding sysctls, the resolv.conf Docker reads and dockerd's --dns.</summary>
        Edge = 8,
        All = Topology | Sockets | Firewall | Edge,
    }
}
