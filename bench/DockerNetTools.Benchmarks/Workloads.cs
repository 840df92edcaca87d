using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Analysis.Sockets;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.Backends;
using DockerNetTools.Benchmarks.Fleet;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Benchmarks
{
    /// <summary>
    /// The work of the cmdlets, without PowerShell: each call makes its own backend and reads the model, as every cmdlet
    /// invocation does (ModelReader creates and disposes a backend per call; nothing is cached between cmdlets).
    /// </summary>
    internal static class Workloads
    {
        /// <summary>Get-DockerNetInterface with no argument: the topology model, then every container's interface rows.</summary>
        public static async Task<InterfaceMapResult> InterfaceMapAsync(IDockerNetBackend backend, IOperationLog log, CancellationToken cancellationToken)
        {
            var model = await backend.GetHostModelAsync(ModelParts.Topology, log, cancellationToken).ConfigureAwait(false);
            var rows = new List<ContainerInterface>();
            foreach (var container in model.Containers)
                rows.AddRange(TopologyAnalysis.Interfaces(model, container));
            return new InterfaceMapResult(model, rows);
        }

        /// <summary>Get-DockerNetSocket with no argument: the model with sockets, then the socket rows of every container.</summary>
        public static async Task<SocketQueryResult> SocketsAsync(IDockerNetBackend backend, IOperationLog log, CancellationToken cancellationToken)
        {
            var model = await backend.GetHostModelAsync(ModelParts.Sockets, log, cancellationToken).ConfigureAwait(false);
            return SocketQuery.Query(model, model.Containers);
        }

        /// <summary>
        /// Test-DockerNetReachability to an address outside the host without -Port: the parts the cmdlet asks for then
        /// (topology, the packet filter, the edge; no sockets), and the one question.
        /// </summary>
        public static async Task<ReachabilityResult> OutsideAddressAsync(IDockerNetBackend backend, IOperationLog log, CancellationToken cancellationToken)
        {
            var model = await backend.GetHostModelAsync(ModelParts.Topology | ModelParts.Firewall | ModelParts.Edge, log, cancellationToken).ConfigureAwait(false);
            return ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(FleetShape.ContainerName(0), FleetShape.OutsideAddress));
        }

        /// <summary>The fleet's containers, all ordered pairs (100 x 99), each to the port its destination listens on.</summary>
        public static IReadOnlyList<ReachabilityQuery> AllPairs()
        {
            var queries = new List<ReachabilityQuery>(FleetShape.ContainerCount * (FleetShape.ContainerCount - 1));
            for (var source = 0; source < FleetShape.ContainerCount; source++)
            {
                for (var destination = 0; destination < FleetShape.ContainerCount; destination++)
                {
                    if (source == destination) continue;
                    queries.Add(new ReachabilityQuery(FleetShape.ContainerName(source), FleetShape.ContainerName(destination),
                        FleetShape.PortOf(destination), ReachabilityProtocol.Tcp));
                }
            }
            return queries;
        }

        /// <summary>Test-DockerNetReachability for every pair, on one model (the analyses only: the model is read once before).</summary>
        public static ReachabilityResult[] AllPairsReachability(DockerHostModel model, IReadOnlyList<ReachabilityQuery> queries)
        {
            var results = new ReachabilityResult[queries.Count];
            for (var i = 0; i < queries.Count; i++)
                results[i] = ReachabilityAnalyzer.Analyze(model, queries[i]);
            return results;
        }
    }

    internal sealed class InterfaceMapResult
    {
        public InterfaceMapResult(DockerHostModel model, IReadOnlyList<ContainerInterface> rows)
        {
            Model = model;
            Rows = rows;
        }

        public DockerHostModel Model { get; }
        public IReadOnlyList<ContainerInterface> Rows { get; }
    }
}
