using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Backends;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Tests.Fakes
{
    /// <summary>Runs the live backend against a recorded daemon (no /proc: the kernel view is skipped).</summary>
    internal static class Recorded
    {
        public static readonly DockerEndpoint Endpoint =
            new DockerEndpoint(new Uri("unix:///recorded/docker.sock"), "unix:///recorded/docker.sock", EndpointSource.Parameter, null);

        public static DockerDaemonBackend Backend(RecordedDaemon daemon, ProcFs? procFs = null) =>
            new DockerDaemonBackend(Endpoint, procFs ?? new ProcFs(Path.Combine(Path.GetTempPath(), "dnt-no-proc-" + Guid.NewGuid().ToString("N"))), daemon.CreateClient);

        /// <summary>
        /// Makes a fixture tree the recorded engine 20.10's host: t1's pid (7620) is a process there whose cgroup names
        /// t1, which is how the backend tells the Docker host's /proc from another machine's (DaemonLocality).
        /// </summary>
        public static void AddContainerProcess(string root)
        {
            var cgroup = Path.Combine(root, "proc", "7620", "cgroup");
            Directory.CreateDirectory(Path.GetDirectoryName(cgroup)!);
            File.WriteAllText(cgroup, "0::/system.slice/docker-eb0a272cfee0a988ce8d9d5abe30c8e132001b39236ff0c26607cf41aa6f1e82.scope\n");
        }

        /// <param name="procFs">A fixture tree standing for the host's / (default: none, so the kernel view is skipped).</param>
        public static async Task<(DockerHostModel Model, RecordedDaemon Daemon, RecordingLog Log)> ReadAsync(string engine, Action<RecordedDaemon>? configure = null,
            ProcFs? procFs = null)
        {
            var daemon = new RecordedDaemon(RecordedDaemon.RecordingsOf(engine));
            configure?.Invoke(daemon);
            var log = new RecordingLog();
            using var backend = Backend(daemon, procFs);
            var model = await backend.GetHostModelAsync(ModelParts.All, log, CancellationToken.None);
            return (model, daemon, log);
        }
    }
}
