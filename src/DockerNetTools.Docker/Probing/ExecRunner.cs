using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>Runs one read-only command in a container through the exec API and returns its exit code and output.</summary>
    internal sealed class ExecRunner : ICommandRunner
    {
        private readonly IDockerClient _client;

        public ExecRunner(IDockerClient client)
        {
            _client = client;
        }

        public string Method => "docker exec";

        public string ToolsOf(string containerName) => containerName + "'s image";

        /// <summary>Null when the command did not finish within <paramref name="limit"/>.</summary>
        public async Task<CommandResult?> RunAsync(string containerId, IReadOnlyList<string> command, TimeSpan limit, CancellationToken cancellationToken)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(limit);
            try
            {
                var created = await _client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
                {
                    AttachStdout = true,
                    AttachStderr = true,
                    Cmd = new List<string>(command),
                }, bounded.Token).ConfigureAwait(false);
                string stdout, stderr;
                using (var stream = await _client.Exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters(), bounded.Token).ConfigureAwait(false))
                    (stdout, stderr) = await stream.ReadOutputToEndAsync(bounded.Token).ConfigureAwait(false);
                // The output stream can close a moment before the daemon records the exit code.
                for (var attempt = 0; ; attempt++)
                {
                    var inspect = await _client.Exec.InspectContainerExecAsync(created.ID, bounded.Token).ConfigureAwait(false);
                    if (!inspect.Running && inspect.ExitCode.HasValue) return new CommandResult(inspect.ExitCode.Value, stdout, stderr);
                    if (attempt >= 50) return null;
                    await Task.Delay(20, bounded.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }
}
