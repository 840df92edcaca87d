using System;
using System.Globalization;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>Whether this process can open sockets in a container's network namespace, and if not, why.</summary>
    internal sealed class NamespaceAccess
    {
        private readonly DockerEndpoint _endpoint;
        private readonly ProcFs _fs;
        private readonly Func<bool> _isRoot;

        public NamespaceAccess(DockerEndpoint endpoint, ProcFs fs, Func<bool>? isRoot = null)
        {
            _endpoint = endpoint;
            _fs = fs;
            _isRoot = isRoot ?? (() => LinuxNative.IsRoot);
        }

        /// <summary>The /proc/&lt;pid&gt;/ns/net path to join, or null with <paramref name="why"/> saying what is missing.</summary>
        public string? NamespacePath(ContainerInfo container, out string why)
        {
            why = string.Empty;
            if (!LinuxNative.IsLinux) why = "this is not Linux";
            else if (!_endpoint.IsUnixSocket) why = "the daemon (" + _endpoint.Text + ") is not on this machine";
            else if (!_isRoot()) why = "this process is not root (joining a network namespace needs CAP_SYS_ADMIN)";
            else if (container.Pid <= 0) why = container.Name + " has no process id";
            if (why.Length > 0) return null;

            var pid = container.Pid.ToString(CultureInfo.InvariantCulture);
            // The pid is the daemon's view: it is this container's only if its cgroup names the container (not a daemon in a VM or another PID namespace).
            if (!DaemonLocality.IsContainerProcess(_fs, container))
            {
                why = "process " + pid + " is not " + container.Name + "'s here (the daemon runs in another PID namespace or VM)";
                return null;
            }
            var path = "/proc/" + pid + "/ns/net";
            if (!_fs.Exists(path))
            {
                why = path + " does not exist";
                return null;
            }
            return _fs.PathOf(path);
        }
    }
}
