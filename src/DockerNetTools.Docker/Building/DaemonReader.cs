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
            return new DaemonSnapshot(endpoint, apiVersion, version, infoTask.Result, networksTask.Result.ToList(), containers);
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
