using System.Globalization;

namespace DockerNetTools.Model
{
    /// <summary>
    /// How a socket's process is named in sentences. The name is unknown when /proc did not give it (another user's
    /// process read without root, a kernel table without the inode's owner) or a scenario's socket has no `process:`;
    /// such a socket is still a socket, and the text says what is not known instead of inventing a name.
    /// </summary>
    internal static class ProcessText
    {
        /// <summary>"node", or "a process of unknown name".</summary>
        public static string Name(string? process) => process ?? "a process of unknown name";

        /// <summary>"sshd (pid 812)", "sshd", "a host process of unknown name (pid 812)", "a host process of unknown name and pid".</summary>
        public static string WithPid(string? process, int? pid, string kind) =>
            process != null
                ? process + (pid.HasValue ? " (pid " + pid.Value.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty)
                : "a " + kind + " of unknown name" + (pid.HasValue ? " (pid " + pid.Value.ToString(CultureInfo.InvariantCulture) + ")" : " and pid");

        /// <summary>A host process in the words of a port conflict: "host process sshd (pid 812)", "a host process of unknown name and pid".</summary>
        public static string HostProcess(string? process, int? pid) =>
            process != null ? "host process " + WithPid(process, pid, "host process") : WithPid(null, pid, "host process");

        /// <summary>
        /// An unknown process's text capitalized where it starts a sentence ("A host process of …"); a process's own name
        /// is left as the kernel spells it ("sshd listens on …").
        /// </summary>
        public static string Capitalized(string text) =>
            text.StartsWith("a ", System.StringComparison.Ordinal) ? "A" + text.Substring(1) : text;
    }
}
