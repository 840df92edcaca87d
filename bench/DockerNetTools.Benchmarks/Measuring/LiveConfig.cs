using System;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace DockerNetTools.Benchmarks.Measuring
{
    /// <summary>
    /// Two jobs, each in processes of its own that BenchmarkDotNet starts (the fleet is set up once by the parent before):
    /// <list type="bullet">
    /// <item>Cold: a fresh process per measurement, one invocation, no warmup. It pays what the first cmdlet of a new
    /// PowerShell session pays: JIT of every path, the first connection to the daemon, the first /proc and /sys reads.</item>
    /// <item>Warm: the same process, after warmup. It is what every later cmdlet of that session pays: each call still
    /// makes a new backend, new clients and a new connection and reads everything again (the product keeps no model
    /// between cmdlets), but the code is jitted.</item>
    /// </list>
    /// Invocations of seconds, not nanoseconds: Monitoring (no pilot, no overhead subtraction) is the strategy for those.
    /// DNTBENCH_QUICK=1 (--quick) shortens both jobs for a smoke run; the figures of README.md come from the full jobs.
    /// </summary>
    internal static class LiveConfig
    {
        public const string ColdJob = "Cold";
        public const string WarmJob = "Warm";

        public static bool Quick => Environment.GetEnvironmentVariable("DNTBENCH_QUICK") == "1";

        /// <summary>BenchmarkDotNet's defaults (console logger, markdown/csv/html exporters, the usual columns) plus the two jobs.</summary>
        public static IConfig Create()
        {
            var config = ManualConfig.Create(DefaultConfig.Instance);
            config.AddJob(Job.Default
                .WithStrategy(RunStrategy.ColdStart)
                .WithLaunchCount(Quick ? 2 : 10)
                .WithWarmupCount(0)
                .WithIterationCount(1)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId(ColdJob));
            config.AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(Quick ? 1 : 3)
                .WithIterationCount(Quick ? 3 : 20)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId(WarmJob));
            config.AddDiagnoser(MemoryDiagnoser.Default);
            config.AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
            // The child projects are built while the shared machine may be loaded (2 cores, 8 builds): the default 2 minutes is too short then.
            return config.WithOptions(ConfigOptions.JoinSummary).WithBuildTimeout(TimeSpan.FromMinutes(10));
        }
    }
}
