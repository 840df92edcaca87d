using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Benchmarks.Measuring
{
    /// <summary>Keeps the backend's warnings: a warning means part of the model is unknown and the run measured a degraded path.</summary>
    internal sealed class RecordingLog : IOperationLog
    {
        private readonly ConcurrentQueue<string> _warnings = new ConcurrentQueue<string>();

        public IReadOnlyList<string> Warnings => _warnings.ToList();

        public void Verbose(string message)
        {
        }

        public void Warning(string message) => _warnings.Enqueue(message);

        public void Progress(string activity, string status, int percentComplete)
        {
        }
    }
}
