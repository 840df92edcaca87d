using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>
    /// Runs one read-only command with a container's network namespace: inside the container (<see cref="ExecRunner"/>,
    /// the image's own tools) or in a short-lived helper container that joins it (<see cref="HelperContainerRunner"/>,
    /// -ProbeImage's tools).
    /// </summary>
    internal interface ICommandRunner
    {
        /// <summary>How the commands run, for messages ("docker exec", "helper containers of busybox").</summary>
        string Method { get; }

        /// <summary>Whose tools a command of <paramref name="containerName"/>'s runs with ("web's image", "the -ProbeImage busybox").</summary>
        string ToolsOf(string containerName);

        /// <summary>Null when the command did not finish within <paramref name="limit"/>; Ctrl+C throws.</summary>
        Task<CommandResult?> RunAsync(string containerId, IReadOnlyList<string> command, TimeSpan limit, CancellationToken cancellationToken);
    }
}
