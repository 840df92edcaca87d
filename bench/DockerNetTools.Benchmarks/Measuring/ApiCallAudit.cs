using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends;
using DockerNetTools.Benchmarks.Fleet;
using DockerNetTools.Docker;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Model;

namespace DockerNetTools.Benchmarks.Measuring
{
    /// <summary>
    /// Before the timings: runs each workload through a backend whose requests are counted, checks the API call budget
    /// (fixed calls + at most one inspect per container, no exec on the host), and checks the answers are the full ones
    /// (every fleet container has its veth and bridge, its listener, the expected verdicts), so the timings that follow
    /// measure the real path and not a degraded one. Returns the problems found; empty = all good.
    /// </summary>
    internal sealed class ApiCallAudit
    {
        /// <summary>GET /version (negotiation), /info, /networks, /containers/json: independent of the number of containers.</summary>
        private static readonly string[] FixedCalls = { ApiCall.Version, ApiCall.Info, ApiCall.ListNetworks, ApiCall.ListContainers };

        private readonly DockerEndpoint _endpoint;
        private readonly List<string> _problems = new List<string>();

        public ApiCallAudit(DockerEndpoint endpoint)
        {
            _endpoint = endpoint;
        }

        /// <summary>Root on the Docker host itself: the kernel view comes from /proc and /sys, so no exec may be made.</summary>
        private bool OnHostAsRoot => _endpoint.IsUnixSocket && Environment.UserName == "root" && Directory.Exists("/proc/self/ns");

        public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
        {
            Console.WriteLine();
            Console.WriteLine("API calls per operation (counted at the HTTP handler; cold = first call in this process, warm = the next, each with a new backend):");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-34} {1,5} {2,8} {3,6} {4,6} {5,6} {6,8} {7,5} {8,6} {9,9}",
                "operation", "run", "version", "info", "nets", "list", "inspect", "exec", "total", "ms"));

            for (var run = 0; run < 2; run++)
            {
                var which = run == 0 ? "cold" : "warm";
                var (counter, log, elapsed, map) = await CountAsync((b, l) => Workloads.InterfaceMapAsync(b, l, cancellationToken)).ConfigureAwait(false);
                Report("Get-DockerNetInterface (topology)", which, counter, elapsed, map.Model, log);
                CheckInterfaces(map);
            }
            for (var run = 0; run < 2; run++)
            {
                var which = run == 0 ? "cold" : "warm";
                DockerHostModel? model = null;
                var (counter, log, elapsed, result) = await CountAsync(async (b, l) =>
                {
                    model = await b.GetHostModelAsync(ModelParts.Sockets, l, cancellationToken).ConfigureAwait(false);
                    return Analysis.Sockets.SocketQuery.Query(model, model.Containers);
                }).ConfigureAwait(false);
                Report("Get-DockerNetSocket (sockets)", which, counter, elapsed, model!, log);
                CheckSockets(model!, result);
            }
            await CheckReachabilityAsync(cancellationToken).ConfigureAwait(false);
            return _problems;
        }

        private async Task<(ApiCallCounter Counter, RecordingLog Log, TimeSpan Elapsed, T Result)> CountAsync<T>(
            Func<IDockerNetBackend, RecordingLog, Task<T>> work)
        {
            var counter = new ApiCallCounter();
            var log = new RecordingLog();
            var clock = Stopwatch.StartNew();
            using var backend = new DockerDaemonBackend(_endpoint, counter.Wrap);
            var result = await work(backend, log).ConfigureAwait(false);
            return (counter, log, clock.Elapsed, result);
        }

        private void Report(string operation, string run, ApiCallCounter counter, TimeSpan elapsed, DockerHostModel model, RecordingLog log)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-34} {1,5} {2,8} {3,6} {4,6} {5,6} {6,8} {7,5} {8,6} {9,9:0.0}",
                operation, run, counter[ApiCall.Version], counter[ApiCall.Info], counter[ApiCall.ListNetworks], counter[ApiCall.ListContainers],
                counter[ApiCall.InspectContainer], counter[ApiCall.Exec], counter.Total, elapsed.TotalMilliseconds));

            var containers = model.Containers.Count;
            foreach (var kind in FixedCalls)
                if (counter[kind] != 1) _problems.Add(operation + " " + run + ": " + counter[kind] + " x " + kind + ", expected 1.");
            // A container removed between the list and its inspect is simply absent from the model: never more inspects than that.
            if (counter[ApiCall.InspectContainer] < containers || counter[ApiCall.InspectContainer] > containers + 2)
                _problems.Add(operation + " " + run + ": " + counter[ApiCall.InspectContainer] + " inspects for " + containers + " containers.");
            var unexpected = counter.Snapshot().Where(p => !FixedCalls.Contains(p.Key) && p.Key != ApiCall.InspectContainer && p.Key != ApiCall.Exec).ToList();
            foreach (var pair in unexpected) _problems.Add(operation + " " + run + ": unexpected request " + pair.Key + " x " + pair.Value + ".");
            if (OnHostAsRoot && counter[ApiCall.Exec] > 0)
                _problems.Add(operation + " " + run + ": " + counter[ApiCall.Exec] + " exec requests although this runs on the host as root.");
            var budget = FixedCalls.Length + containers;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-34} {1,5} containers on the daemon: {2} ({3} of them the benchmark's); budget {4} + 1 x {2} = {5} calls",
                string.Empty, string.Empty, containers, model.Containers.Count(c => c.Name.StartsWith(FleetShape.Prefix, StringComparison.Ordinal)),
                FixedCalls.Length, budget));
            foreach (var warning in log.Warnings) _problems.Add(operation + " " + run + ": warning: " + warning);
        }

        private void CheckInterfaces(InterfaceMapResult map)
        {
            foreach (var name in FleetShape.ContainerNames)
            {
                var rows = map.Rows.Where(r => r.Container == name).ToList();
                if (rows.Count != 1)
                {
                    _problems.Add("Interface map: " + name + " has " + rows.Count + " rows, expected 1.");
                    continue;
                }
                var row = rows[0];
                if (row.HostVeth == null || row.Bridge == null || row.IfIndex == null)
                {
                    _problems.Add("Interface map: " + name + " has no host veth/bridge/ifindex: the kernel view was not read.");
                    continue;
                }
                // The kernel agrees: the veth exists on the host and hangs on that bridge.
                var master = Path.GetFileName(new FileInfo("/sys/class/net/" + row.HostVeth + "/master").LinkTarget ?? string.Empty);
                if (!string.Equals(master, row.Bridge, StringComparison.Ordinal))
                    _problems.Add("Interface map: " + name + "'s veth " + row.HostVeth + " hangs on '" + master + "', the map says " + row.Bridge + ".");
            }
        }

        private void CheckSockets(DockerHostModel model, Analysis.Sockets.SocketQueryResult result)
        {
            for (var i = 0; i < FleetShape.ContainerCount; i++)
            {
                var name = FleetShape.ContainerName(i);
                var container = model.FindContainer(name);
                if (container == null || !container.SocketsKnown)
                {
                    _problems.Add("Sockets: " + name + "'s sockets were not read.");
                    continue;
                }
                var port = FleetShape.PortOf(i);
                if (!result.Rows.Any(r => r.Container == name && r.LocalPort == port && r.StateValue == SocketState.Listen))
                    _problems.Add("Sockets: no listener on " + port + " in " + name + ".");
            }
        }

        private async Task CheckReachabilityAsync(CancellationToken cancellationToken)
        {
            using var backend = new DockerDaemonBackend(_endpoint, new ApiCallCounter().Wrap);
            var model = await backend.GetHostModelAsync(ModelParts.All, new RecordingLog(), cancellationToken).ConfigureAwait(false);
            var queries = Workloads.AllPairs();
            var clock = Stopwatch.StartNew();
            var results = Workloads.AllPairsReachability(model, queries);
            var elapsed = clock.Elapsed;
            var verdicts = results.GroupBy(r => r.Verdict).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count());
            Console.WriteLine("  All-pairs reachability: " + results.Length + " analyses on one model in " + elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) +
                              " ms (cold, first in this process): " + string.Join(", ", verdicts) + ".");
            var mismatches = 0;
            for (var i = 0; i < results.Length; i++)
            {
                var sameNetwork = FleetShape.NetworkOf(IndexOf(queries[i].Source)) == FleetShape.NetworkOf(IndexOf(queries[i].Destination));
                // Same network: open path and a listener. Different networks: Docker's isolation (or the embedded DNS,
                // which only answers for shared networks) stops it; either reason is right, "reachable" never is.
                var verdict = results[i].VerdictValue;
                var right = sameNetwork
                    ? verdict == ReachabilityVerdict.Reachable
                    : verdict == ReachabilityVerdict.Blocked || verdict == ReachabilityVerdict.NameNotResolved;
                if (right) continue;
                if (++mismatches <= 5)
                    _problems.Add("Reachability " + queries[i] + ": " + verdict + " (" + results[i].Reason + "), expected " +
                                  (sameNetwork ? "Reachable" : "Blocked or NameNotResolved") + ".");
            }
            if (mismatches > 5) _problems.Add("Reachability: " + mismatches + " verdicts in all differ from the expected ones.");
        }

        private static int IndexOf(string containerName) => int.Parse(containerName.AsSpan(FleetShape.Prefix.Length + 1), NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
