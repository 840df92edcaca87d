namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// A cmdlet with -ProbeImage: the model read (through <see cref="ModelReader"/>) and the -Probe session
    /// (<see cref="ProbeSession"/>) hand the image to a live backend, which then reads and probes the containers it cannot
    /// reach through the kernel with short-lived helper containers of that image instead of docker exec.
    /// </summary>
    internal interface IProbeImageCommand
    {
        /// <summary>Null: the default, nothing is created on the Docker host.</summary>
        string? ProbeImage { get; }
    }
}
