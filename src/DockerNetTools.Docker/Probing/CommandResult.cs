namespace DockerNetTools.Docker.Probing
{
    /// <summary>What one command run in a container's network namespace returned (<see cref="ICommandRunner"/>).</summary>
    internal sealed class CommandResult
    {
        public CommandResult(long exitCode, string stdout, string stderr)
        {
            ExitCode = exitCode;
            Stdout = stdout;
            Stderr = stderr;
        }

        public long ExitCode { get; }
        public string Stdout { get; }
        public string Stderr { get; }
        public string Output => (Stdout + "\n" + Stderr).Trim();

        /// <summary>126/127: the runtime could not start the command (not in the image, not executable).</summary>
        public bool CommandMissing => ExitCode == 126 || ExitCode == 127;
    }
}
