using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// What the exec fallback read and what it could not (grouped by why), so the backend says it once: as its own
    /// warnings on the Docker host, or inside the one remote-host warning of a command.
    /// </summary>
    internal sealed class ExecReadOutcome
    {
        public ExecReadOutcome(string why, bool hostInterfacesKnown)
        {
            Why = why;
            HostInterfacesKnown = hostInterfacesKnown;
        }

        /// <summary>Why the kernel view was not used for these containers.</summary>
        public string Why { get; }

        public bool HostInterfacesKnown { get; }

        /// <summary>How the containers were read ("docker exec", or a helper container of an image).</summary>
        public string Method { get; set; } = "docker exec";

        public List<string> Read { get; } = new List<string>();

        /// <summary>Failure text → the containers that failed that way.</summary>
        public Dictionary<string, List<string>> Failures { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        public void Failed(string container, string failure)
        {
            if (!Failures.TryGetValue(failure, out var names)) Failures[failure] = names = new List<string>();
            names.Add(container);
        }

        /// <summary>The warnings on the Docker host itself, where only some containers needed the fallback.</summary>
        public void WarnEach(IOperationLog log)
        {
            if (Read.Count > 0)
                log.Warning("Read " + string.Join(", ", Read) + " through " + Method + " because " + Why +
                            ": interfaces and sockets come from the container itself; host veth names " +
                            (HostInterfacesKnown ? "are matched by index" : "are unknown (the host's /sys is not visible)") +
                            " and socket owners are unknown.");
            foreach (var failure in Failures)
                log.Warning("Interface names, ifindexes, host veths and sockets are unknown for " + string.Join(", ", failure.Value) +
                            ": " + Why + ", and " + failure.Key + ".");
        }

        /// <summary>One sentence for the remote-host warning: which containers were read, which not and why.</summary>
        public string Summary()
        {
            var parts = new List<string>();
            if (Read.Count > 0) parts.Add("interfaces and sockets of " + string.Join(", ", Read) + " were read through " + Method);
            parts.AddRange(Failures.Select(f => (parts.Count == 0 ? "interfaces and sockets of " : "those of ") + string.Join(", ", f.Value) + " are unknown: " + f.Key));
            return string.Join("; ", parts);
        }

        public bool AnyFailed => Failures.Count > 0;
    }
}
