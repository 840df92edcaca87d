using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// Whether this machine's /proc and /sys are the Docker host's: decided once per model read, from the daemon's own
    /// containers. A unix socket is not enough (a socket forwarded from another machine, a daemon in a VM or in another
    /// PID namespace): the pid the daemon reports for a running container must be a process here whose cgroup names that
    /// container, since a pid of another machine may well be some other process here.
    /// </summary>
    internal sealed class DaemonLocality
    {
        private DaemonLocality(string? notLocalBecause)
        {
            NotLocalBecause = notLocalBecause;
        }

        /// <summary>This process reads the Docker host's kernel.</summary>
        public bool IsLocal => NotLocalBecause == null;

        /// <summary>Why this machine's kernel is not the Docker host's (a clause: "the daemon (tcp://…) is not on this machine"); null when it is.</summary>
        public string? NotLocalBecause { get; }

        public static DaemonLocality Decide(DockerEndpoint endpoint, ProcFs fs, IEnumerable<ContainerInfo> containers)
        {
            if (!endpoint.IsUnixSocket) return new DaemonLocality("the daemon (" + endpoint.Text + ") is not on this machine");
            if (!fs.Exists("/proc/self/ns/net")) return new DaemonLocality("/proc is not readable here");
            var running = containers.Where(c => c.IsRunning && c.Pid > 0).ToList();
            // No running container says nothing either way: the socket is a local file, so the host is taken to be this one.
            if (running.Count == 0 || running.Any(c => IsContainerProcess(fs, c))) return new DaemonLocality(null);
            var sample = running[0];
            var pid = sample.Pid.ToString(CultureInfo.InvariantCulture);
            var seen = fs.Exists("/proc/" + pid) ? "process " + pid + " here is not " + sample.Name : "there is no process " + pid + " (" + sample.Name + ") here";
            return new DaemonLocality("the daemon's containers are not processes of this machine (" + seen
                                      + "; the daemon runs on another machine, in a VM or in another PID namespace)");
        }

        /// <summary>The daemon's pid for <paramref name="container"/> is that container's process here: its cgroup path names the container id.</summary>
        internal static bool IsContainerProcess(ProcFs fs, ContainerInfo container)
        {
            if (container.Pid <= 0 || container.Id.Length == 0) return false;
            var cgroup = fs.ReadText("/proc/" + container.Pid.ToString(CultureInfo.InvariantCulture) + "/cgroup");
            return cgroup != null && cgroup.IndexOf(container.Id, StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
