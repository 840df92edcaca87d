using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker;
using DockerNetTools.Model;

namespace DockerNetTools.Benchmarks
{
    /// <summary>
    /// The cmdlets' work on the fleet of 100 containers. The model reads go through DockerDaemonBackend.Create, the very
    /// path a cmdlet takes (endpoint from DOCKER_HOST), without the request counter: the counts come from the audit.
    /// </summary>
    public class LiveBenchmarks
    {
        private DockerHostModel _model = null!;
        private IReadOnlyList<ReachabilityQuery> _queries = null!;

        /// <summary>The analyses are measured alone: the model they share is read once here, outside the measurement.</summary>
        [GlobalSetup(Target = nameof(AllPairsReachability))]
        public void ReadModelOnce()
        {
            using var backend = DockerDaemonBackend.Create(null, null);
            _model = backend.GetHostModelAsync(ModelParts.All, NullOperationLog.Instance, CancellationToken.None).GetAwaiter().GetResult();
            _queries = Workloads.AllPairs();
        }

        /// <summary>Get-DockerNetInterface: new backend, topology model (list + inspects + kernel veths), every container's rows.</summary>
        [Benchmark(Description = "Interface map (model + rows)")]
        [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet runs instance methods only.")]
        public async Task<int> InterfaceMap()
        {
            using var backend = DockerDaemonBackend.Create(null, null);
            var map = await Workloads.InterfaceMapAsync(backend, NullOperationLog.Instance, CancellationToken.None).ConfigureAwait(false);
            return map.Rows.Count;
        }

        /// <summary>Get-DockerNetSocket: new backend, model with every namespace's sockets, the socket rows.</summary>
        [Benchmark(Description = "Sockets (model + query)")]
        [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet runs instance methods only.")]
        public async Task<int> Sockets()
        {
            using var backend = DockerDaemonBackend.Create(null, null);
            var result = await Workloads.SocketsAsync(backend, NullOperationLog.Instance, CancellationToken.None).ConfigureAwait(false);
            return result.Rows.Count;
        }

        /// <summary>
        /// Test-DockerNetReachability -Source dntbench-c000 -Destination 198.18.61.10 (an address outside the host, no port):
        /// new backend, the model with the host's packet filter and edge (routes, forwarding, resolvers), one question.
        /// </summary>
        [Benchmark(Description = "Reachability to an outside address (model + edge + 1 question)")]
        [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet runs instance methods only.")]
        public async Task<ReachabilityVerdict> OutsideAddress()
        {
            using var backend = DockerDaemonBackend.Create(null, null);
            var result = await Workloads.OutsideAddressAsync(backend, NullOperationLog.Instance, CancellationToken.None).ConfigureAwait(false);
            return result.VerdictValue;
        }

        /// <summary>100 x 99 reachability analyses on one model.</summary>
        [Benchmark(Description = "All-pairs reachability (9900 on one model)")]
        public int AllPairsReachability() => Workloads.AllPairsReachability(_model, _queries).Length;
    }
}
