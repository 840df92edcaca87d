using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DockerNetTools.Benchmarks.Fleet;
using DockerNetTools.Benchmarks.Measuring;

namespace DockerNetTools.Benchmarks
{
    /// <summary>
    /// dotnet run -c Release --project bench/DockerNetTools.Benchmarks -- [--keep] [--quick] [--audit-only] [--remove] [--ignore-audit] [--scale] [BenchmarkDotNet options]
    ///   --keep          leave the 100 containers and 10 networks for the next run (which reuses them)
    ///   --quick         short jobs for a smoke run (2 cold launches, 3 warm iterations)
    ///   --audit-only    set up, count API calls and check the answers, measure nothing
    ///   --remove        only remove the fleet
    ///   --ignore-audit  measure even when the audit found problems (exit code stays 1)
    ///   --scale         no daemon: scenario files of 1,000 and 10,000 containers, loaded and mapped, and their memory
    /// Exit codes: 0 all good, 1 audit problems, 2 no daemon, 3 the interface-map target was missed.
    ///
    /// BenchmarkDotNet measures in child processes it starts itself, and a cold measurement needs a fresh process each
    /// time; so the daemon setup cannot live in a [GlobalSetup] (it would run in every child). This parent sets the
    /// fleet up once (reusing what is there), counts the API calls, then hands over to BenchmarkDotNet, and removes the
    /// fleet at the end unless --keep.
    /// </summary>
    internal static class Program
    {
        private const double TargetMilliseconds = 1000;
        private static readonly string[] FilterAll = { "--filter", "*" };
        private static readonly int[] ScaleSizes = { 1000, 10000 };
        /// <summary>Where a problem's kind ends: its first word.</summary>
        private static readonly SearchValues<char> KindEnd = SearchValues.Create(" :");

        public static async Task<int> Main(string[] args)
        {
            var options = new List<string>(args);
            var keep = Take(options, "--keep");
            var quick = Take(options, "--quick");
            var auditOnly = Take(options, "--audit-only");
            var removeOnly = Take(options, "--remove");
            var ignoreAudit = Take(options, "--ignore-audit");
            var scale = Take(options, "--scale");
            if (quick) Environment.SetEnvironmentVariable("DNTBENCH_QUICK", "1");
            if (!options.Any(o => o == "--filter" || o == "-f")) options.AddRange(FilterAll);

            if (scale) return RunScale(options);

            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };

            var endpoint = DaemonConnection.Endpoint();
            global::Docker.DotNet.IDockerClient client;
            try
            {
                client = await DaemonConnection.ConnectAsync(endpoint, cancel.Token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine("No Docker daemon at " + endpoint.Text + ": " + exception.Message);
                Console.Error.WriteLine("Start the test daemon first: .ci/docker-test-daemon.sh start && eval \"$(.ci/docker-test-daemon.sh env)\"");
                return 2;
            }

            using (client)
            {
                var fleet = new BenchFleet(client);
                if (removeOnly)
                {
                    await fleet.RemoveAsync(CancellationToken.None).ConfigureAwait(false);
                    return 0;
                }
                try
                {
                    await fleet.EnsureAsync(cancel.Token).ConfigureAwait(false);
                    var problems = await new ApiCallAudit(endpoint).RunAsync(cancel.Token).ConfigureAwait(false);
                    if (problems.Count > 0)
                    {
                        Console.Error.WriteLine();
                        Console.Error.WriteLine("The audit found " + problems.Count + " problem(s); timings would measure a degraded path:");
                        // A few of each kind: one cause usually shows up once per container.
                        foreach (var kind in problems.GroupBy(p => p.Substring(0, Math.Max(0, p.AsSpan().IndexOfAny(KindEnd)))))
                        {
                            foreach (var problem in kind.Take(4)) Console.Error.WriteLine("  " + problem);
                            if (kind.Count() > 4) Console.Error.WriteLine("  ... and " + (kind.Count() - 4) + " more like these");
                        }
                        if (!ignoreAudit) return 1;
                        Console.Error.WriteLine("--ignore-audit: measuring anyway; these figures are not the product's full path.");
                    }
                    else
                    {
                        Console.WriteLine("  Audit passed: fixed calls once each, one inspect per container, no exec, full answers.");
                    }
                    if (auditOnly || cancel.IsCancellationRequested) return 0;

                    // JoinSummary: one summary for all; none at all when BenchmarkDotNet rejected the options (it printed why).
                    var summaries = BenchmarkSwitcher.FromTypes(new[] { typeof(LiveBenchmarks) }).Run(options.ToArray(), LiveConfig.Create()).ToList();
                    if (summaries.Count == 0) return 2;
                    var met = summaries.All(ReportTarget);
                    return problems.Count > 0 ? 1 : met ? 0 : 3;
                }
                finally
                {
                    if (!keep) await fleet.RemoveAsync(CancellationToken.None).ConfigureAwait(false);
                    else Console.WriteLine("Fleet kept (--keep): the next run reuses it; remove it with --remove.");
                }
            }
        }

        /// <summary>
        /// --scale: no daemon; a scenario file of 1,000 and of 10,000 containers over 100 networks, loaded and mapped
        /// (ScaleBenchmarks), then the memory a loaded model keeps, to show it grows in step with the containers.
        /// Exit code 3 when the warm map of 10,000 containers misses its second.
        /// </summary>
        private static int RunScale(List<string> options)
        {
            var summaries = BenchmarkSwitcher.FromTypes(new[] { typeof(ScaleBenchmarks) }).Run(options.ToArray(), LiveConfig.Create()).ToList();
            if (summaries.Count == 0) return 2;
            Console.WriteLine();
            Console.WriteLine("Memory a loaded scenario model keeps (managed heap after a full collection):");
            var retained = ScaleBenchmarks.RetainedMemory(ScaleSizes);
            foreach (var (containers, bytes) in retained)
                Console.WriteLine("  " + containers.ToString("N0", CultureInfo.InvariantCulture).PadLeft(6) + " containers: " + (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture)
                                  + " MB, " + (bytes / (double)containers / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB a container");
            var met = true;
            foreach (var report in summaries.SelectMany(s => s.Reports).Where(r => r.BenchmarkCase.Job.Id == LiveConfig.WarmJob
                                                                               && r.BenchmarkCase.Parameters["Containers"] is int n && n == 10000))
            {
                if (report.ResultStatistics == null) continue;
                var mean = report.ResultStatistics.Mean / 1e6;
                met &= mean < TargetMilliseconds;
                Console.WriteLine("Target: warm interface map of a 10,000-container scenario under " + TargetMilliseconds + " ms: mean "
                                  + mean.ToString("0", CultureInfo.InvariantCulture) + " ms: " + (mean < TargetMilliseconds ? "met" : "MISSED"));
            }
            return met ? 0 : 3;
        }

        /// <summary>The target: the whole interface map of 100 containers in under a second.</summary>
        private static bool ReportTarget(Summary summary)
        {
            var met = true;
            Console.WriteLine();
            foreach (var report in summary.Reports.Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(LiveBenchmarks.InterfaceMap)))
            {
                var statistics = report.ResultStatistics;
                if (statistics == null) continue;
                var mean = statistics.Mean / 1e6;
                var ok = mean < TargetMilliseconds;
                met &= ok;
                Console.WriteLine("Target: interface map of " + FleetShape.ContainerCount + " containers under " + TargetMilliseconds + " ms, " +
                                  report.BenchmarkCase.Job.Id + ": mean " + mean.ToString("0", CultureInfo.InvariantCulture) + " ms, max " + (statistics.Max / 1e6).ToString("0", CultureInfo.InvariantCulture) +
                                  " ms: " + (ok ? "met" : "MISSED"));
            }
            return met;
        }

        private static bool Take(List<string> options, string name)
        {
            var found = options.RemoveAll(o => string.Equals(o, name, StringComparison.Ordinal)) > 0;
            return found;
        }
    }
}
