using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Docker.Building
{
    /// <summary>
    /// Fetches a <see cref="DaemonSnapshot"/> with a fixed number of round trips: /info, /networks and /containers/json
    /// at once, then one inspect per container, at most <see cref="MaxConcurrentInspects"/> in flight.
    /// </summary>
    internal static class DaemonReader
    {
        public const int MaxConcurrentInspects = 8;

        public static async Task<DaemonSnapshot> ReadAsync(IDockerClient client, string endpoint, System.Version apiVersion, VersionResponse version,
            IOperationLog log, CancellationToken cancellationToken)
        {
            var infoTask = client.System.GetSystemInfoAsync(cancellationToken);
            var networksTask = client.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken);
            var listTask = client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cancellationToken);
            await Task.WhenAll(infoTask, networksTask, listTask).ConfigureAwait(false);

            var listed = listTask.Result;
            log.Verbose("Docker daemon " + endpoint + ": " + networksTask.Result.Count + " networks, " + listed.Count + " containers.");
            var containers = await InspectAllAsync(client, listed.Select(c => c.ID).ToList(), log, cancellationToken).ConfigureAwait(false);
            var swarm = await ReadSwarmAsync(client, endpoint, infoTask.Result, log, cancellationToken).ConfigureAwait(false);
            var networks = networksTask.Result.ToList();
            // The list leaves out each network's containers; docker_gwbridge's are the overlay containers' way out, which
            // their own inspect does not show, so that one network is inspected (one more round trip, on swarm nodes only).
            var gwbridge = networks.FindIndex(n => string.Equals(n.Name, "docker_gwbridge", StringComparison.Ordinal));
            if (gwbridge >= 0)
                networks[gwbridge] = await client.Networks.InspectNetworkAsync(networks[gwbridge].ID, cancellationToken).ConfigureAwait(false);
            return new DaemonSnapshot(endpoint, apiVersion, version, infoTask.Result, networks, containers) { Swarm = swarm };
        }

        /// <summary>
        /// A manager's nodes, services and tasks (one round trip each, at once); null when the engine is in no swarm. A
        /// worker cannot answer the swarm API: its snapshot holds only its own node id, and the log says to ask a manager.
        /// </summary>
        private static async Task<SwarmSnapshot?> ReadSwarmAsync(IDockerClient client, string endpoint, SystemInfoResponse info, IOperationLog log,
            CancellationToken cancellationToken)
        {
            var state = info.Swarm?.LocalNodeState;
            if (!string.Equals(state, "active", StringComparison.OrdinalIgnoreCase)) return null;
            if (!info.Swarm!.ControlAvailable)
            {
                log.Verbose("Docker daemon " + endpoint + " is a swarm worker: only a manager lists the swarm's nodes, services and tasks.");
                return new SwarmSnapshot(info.Swarm.NodeID, Array.Empty<NodeListResponse>(), Array.Empty<SwarmService>(), Array.Empty<TaskResponse>());
            }
            var nodesTask = client.Swarm.ListNodesAsync(cancellationToken);
            var servicesTask = client.Swarm.ListServicesAsync(new ServiceListParameters(), cancellationToken);
            var tasksTask = client.Tasks.ListAsync(cancellationToken);
            await Task.WhenAll(nodesTask, servicesTask, tasksTask).ConfigureAwait(false);
            log.Verbose("Docker daemon " + endpoint + " is a swarm manager: " + nodesTask.Result.Count + " nodes, " + servicesTask.Result.Count + " services, "
                        + tasksTask.Result.Count + " tasks.");
            return new SwarmSnapshot(info.Swarm.NodeID, nodesTask.Result.ToList(), servicesTask.Result.ToList(), tasksTask.Result.ToList());
        }

        private static async Task<IReadOnlyList<ContainerInspectResponse>> InspectAllAsync(IDockerClient client, List<string> ids,
            IOperationLog log, CancellationToken cancellationToken)
        {
            const string activity = "Reading containers from the Docker daemon";
            using var gate = new SemaphoreSlim(MaxConcurrentInspects);
            var done = 0;
            var tasks = ids.Select(async id =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
                }
                catch (DockerContainerNotFoundException)
                {
                    // Removed between the list and the inspect: it is simply not there any more.
                    log.Verbose("Container " + id + " disappeared while it was being read.");
                    return null;
                }
                finally
                {
                    gate.Release();
                    var finished = Interlocked.Increment(ref done);
                    if (ids.Count >= 20) log.Progress(activity, finished + " of " + ids.Count, finished * 100 / ids.Count);
                }
            }).ToList();
            var results = await Task.WhenAll(tasks).ConfigureAwait(false);
            return results.Where(r => r != null).Select(r => r!).ToList();
        }
    }
}
