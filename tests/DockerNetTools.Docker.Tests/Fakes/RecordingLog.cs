using System.Collections.Concurrent;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Docker.Tests.Fakes
{
    internal sealed class RecordingLog : IOperationLog
    {
        public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<string> Verbose_ { get; } = new ConcurrentQueue<string>();

        public void Verbose(string message) => Verbose_.Enqueue(message);
        public void Warning(string message) => Warnings.Enqueue(message);
        public void Progress(string activity, string status, int percentComplete) { }
    }
}
