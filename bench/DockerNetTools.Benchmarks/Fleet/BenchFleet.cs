using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace DockerNetTools.Benchmarks.Fleet
{
    /// <summary>
    /// Creates the 100 containers over 10 bridge networks, reusing whatever an earlier run left, and removes them.
    /// Only objects whose name has <see cref="FleetShape.Prefix"/> and that carry <see cref="FleetShape.Label"/> are ever touched:
    /// the test daemon is shared with the other tests.
    /// </summary>
    internal sealed class BenchFleet
    {
        /// <summary>dockerd does the work of a create/start itself; on two cores more than a few in flight only queue up.</summary>
        private const int MaxConcurrentCreates = 6;

        private static readonly Dictionary<string, string> Labels = new Dictionary<string, string> { [FleetShape.Label] = "1" };

        private readonly IDockerClient _client;

        public BenchFleet(IDockerClient client)
        {
            _client = client;
        }

        public async Task EnsureAsync(CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            await EnsureImageAsync(cancellationToken).ConfigureAwait(false);
            var createdNetworks = await EnsureNetworksAsync(cancellationToken).ConfigureAwait(false);
            var (created, started, reused) = await EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine("Fleet: " + FleetShape.NetworkCount + " networks (" + createdNetworks + " created), " + FleetShape.ContainerCount +
                              " containers (" + created + " created, " + started + " started, " + reused + " reused) in " +
                              clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s.");
        }

        public async Task RemoveAsync(CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var ours = await OurContainersAsync(cancellationToken).ConfigureAwait(false);
            await ForEachBoundedAsync(ours, c => _client.Containers.RemoveContainerAsync(c.ID,
                new ContainerRemoveParameters { Force = true }, cancellationToken)).ConfigureAwait(false);
            var networks = await OurNetworksAsync(cancellationToken).ConfigureAwait(false);
            foreach (var network in networks)
                await _client.Networks.DeleteNetworkAsync(network.ID, cancellationToken).ConfigureAwait(false);
            Console.WriteLine("Fleet removed: " + ours.Count + " containers, " + networks.Count + " networks in " +
                              clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s.");
        }

        private async Task EnsureImageAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _client.Images.InspectImageAsync(FleetShape.Image, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerImageNotFoundException exception)
            {
                throw new InvalidOperationException("The image " + FleetShape.Image + " is missing: run .ci/docker-test-daemon.sh start, which builds it.", exception);
            }
        }

        private async Task<int> EnsureNetworksAsync(CancellationToken cancellationToken)
        {
            var existing = (await OurNetworksAsync(cancellationToken).ConfigureAwait(false)).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            var created = 0;
            for (var i = 0; i < FleetShape.NetworkCount; i++)
            {
                var name = FleetShape.NetworkName(i);
                if (existing.Contains(name)) continue;
                await _client.Networks.CreateNetworkAsync(new NetworksCreateParameters
                {
                    Name = name,
                    Driver = "bridge",
                    Labels = Labels,
                    IPAM = new IPAM { Config = new List<IPAMConfig> { new IPAMConfig { Subnet = FleetShape.SubnetOf(i) } } },
                }, cancellationToken).ConfigureAwait(false);
                created++;
            }
            return created;
        }

        private async Task<(int Created, int Started, int Reused)> EnsureContainersAsync(CancellationToken cancellationToken)
        {
            var existing = (await OurContainersAsync(cancellationToken).ConfigureAwait(false))
                .ToDictionary(c => c.Names.First().TrimStart('/'), StringComparer.Ordinal);
            int created = 0, started = 0, reused = 0;
            await ForEachBoundedAsync(Enumerable.Range(0, FleetShape.ContainerCount).ToList(), async index =>
            {
                var name = FleetShape.ContainerName(index);
                if (existing.TryGetValue(name, out var found))
                {
                    if (string.Equals(found.State, "running", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref reused);
                        return;
                    }
                    await _client.Containers.StartContainerAsync(found.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref started);
                    return;
                }
                var response = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
                {
                    Name = name,
                    Image = FleetShape.Image,
                    Cmd = FleetShape.CommandOf(index),
                    Labels = Labels,
                    HostConfig = new HostConfig { NetworkMode = FleetShape.NetworkName(FleetShape.NetworkOf(index)) },
                }, cancellationToken).ConfigureAwait(false);
                await _client.Containers.StartContainerAsync(response.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref created);
            }).ConfigureAwait(false);
            return (created, started, reused);
        }

        private async Task<IList<ContainerListResponse>> OurContainersAsync(CancellationToken cancellationToken)
        {
            var listed = await _client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [FleetShape.Label] = true } },
            }, cancellationToken).ConfigureAwait(false);
            return listed.Where(c => c.Names.Any(n => n.TrimStart('/').StartsWith(FleetShape.Prefix, StringComparison.Ordinal))).ToList();
        }

        private async Task<IList<NetworkResponse>> OurNetworksAsync(CancellationToken cancellationToken)
        {
            var listed = await _client.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken).ConfigureAwait(false);
            return listed.Where(n => n.Name.StartsWith(FleetShape.Prefix, StringComparison.Ordinal) && n.Labels != null && n.Labels.ContainsKey(FleetShape.Label)).ToList();
        }

        private static async Task ForEachBoundedAsync<T>(IEnumerable<T> items, Func<T, Task> action)
        {
            using var gate = new SemaphoreSlim(MaxConcurrentCreates);
            await Task.WhenAll(items.Select(async item =>
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    await action(item).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
        }
    }
}
