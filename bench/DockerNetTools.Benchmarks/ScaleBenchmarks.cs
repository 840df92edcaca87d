using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Benchmarks
{
    /// <summary>
    /// Get-DockerNetInterface -Scenario on a scenario file of many containers (100 user-defined networks, the containers
    /// spread evenly over them): load the file into a model (YAML, derivation of ids, addresses, interfaces) and map every
    /// container's interfaces, as the cmdlet does. No daemon: run with --scale.
    /// </summary>
    public class ScaleBenchmarks
    {
        public const int Networks = 100;
        private string _path = null!;

        [Params(1000, 10000)]
        public int Containers { get; set; }

        [GlobalSetup]
        public void WriteScenario()
        {
            _path = ScenarioPath(Containers);
            File.WriteAllText(_path, Scenario(Containers));
        }

        [GlobalCleanup]
        public void RemoveScenario() => File.Delete(_path);

        /// <summary>Get-DockerNetInterface -Scenario fleet.yaml: the scenario backend's model, then every container's rows.</summary>
        [Benchmark(Description = "Scenario interface map (load + rows)")]
        public async Task<int> ScenarioInterfaceMap()
        {
            using var backend = new ScenarioBackend(_path);
            var map = await Workloads.InterfaceMapAsync(backend, NullOperationLog.Instance, CancellationToken.None).ConfigureAwait(false);
            return map.Rows.Count;
        }

        internal static string ScenarioPath(int containers) =>
            Path.Combine(Path.GetTempPath(), "dntbench-scale-" + containers.ToString(CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".yaml");

        /// <summary>Networks app0..app99 (10.0.N.0/24, so up to 25,300 containers) and containers c0.., a hundredth on each network.</summary>
        internal static string Scenario(int containers)
        {
            var perNetwork = containers / Networks;
            var text = new StringBuilder("networks:\n");
            for (var n = 0; n < Networks; n++)
                text.Append("  - { name: app").Append(n.ToString(CultureInfo.InvariantCulture))
                    .Append(", subnet: 10.").Append((n / 200).ToString(CultureInfo.InvariantCulture)).Append('.')
                    .Append((n % 200).ToString(CultureInfo.InvariantCulture)).Append(".0/24 }\n");
            text.Append("containers:\n");
            for (var n = 0; n < Networks; n++)
                for (var c = 0; c < perNetwork; c++)
                    text.Append("  - { name: c").Append((n * perNetwork + c).ToString(CultureInfo.InvariantCulture))
                        .Append(", network: app").Append(n.ToString(CultureInfo.InvariantCulture)).Append(" }\n");
            return text.ToString();
        }

        /// <summary>
        /// What a loaded model keeps alive (the managed heap after a full collection, with the model held, less before):
        /// the memory the cmdlet needs for that many containers, beside what loading allocates on the way (BenchmarkDotNet's
        /// Allocated column).
        /// </summary>
        public static IReadOnlyList<(int Containers, long Bytes)> RetainedMemory(IEnumerable<int> sizes)
        {
            var rows = new List<(int, long)>();
            foreach (var size in sizes)
            {
                var path = ScenarioPath(size);
                File.WriteAllText(path, Scenario(size));
                try
                {
                    ScenarioLoader.Load(path); // the code paths jitted and their statics set, outside the figure
                    var before = GC.GetTotalMemory(forceFullCollection: true);
                    var model = ScenarioLoader.Load(path);
                    var after = GC.GetTotalMemory(forceFullCollection: true);
                    GC.KeepAlive(model);
                    rows.Add((size, after - before));
                }
                finally
                {
                    File.Delete(path);
                }
            }
            return rows;
        }
    }
}
