using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// Who owns which socket: one pass over /proc/&lt;pid&gt;/ns/net groups the processes by network namespace, then only the
    /// processes of a namespace being reported have their fd links read ("socket:[inode]"). Processes we may not look
    /// into (not root) are skipped: their sockets simply have no owner.
    /// </summary>
    internal sealed class SocketOwners
    {
        private readonly ProcFs _fs;
        private readonly Dictionary<string, List<int>> _pidsByNamespace = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        private readonly Dictionary<int, string?> _names = new Dictionary<int, string?>();

        public SocketOwners(ProcFs fs)
        {
            _fs = fs;
            foreach (var entry in fs.ListDirectory("/proc"))
            {
                if (!int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                var ns = fs.ReadLink("/proc/" + entry + "/ns/net");
                if (ns == null) continue;
                if (!_pidsByNamespace.TryGetValue(ns, out var pids)) _pidsByNamespace[ns] = pids = new List<int>();
                pids.Add(pid);
            }
        }

        public string? NamespaceOf(int pid) => _fs.ReadLink("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/ns/net");

        public IReadOnlyList<int> ProcessesIn(string netNamespace) =>
            _pidsByNamespace.TryGetValue(netNamespace, out var pids) ? pids : (IReadOnlyList<int>)Array.Empty<int>();

        /// <summary>socket inode -> (pid, process name) for every process in the namespace whose fds are readable.</summary>
        public Dictionary<long, (int Pid, string? Name)> OwnersIn(string netNamespace)
        {
            var owners = new Dictionary<long, (int, string?)>();
            foreach (var pid in ProcessesIn(netNamespace).OrderBy(p => p))
            {
                var fdDirectory = "/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/fd";
                foreach (var fd in _fs.ListDirectory(fdDirectory))
                {
                    var target = _fs.ReadLink(fdDirectory + "/" + fd);
                    if (target == null || !target.StartsWith("socket:[", StringComparison.Ordinal)) continue;
                    if (!long.TryParse(target.Substring(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)) continue;
                    // The lowest pid wins for a shared socket (a forking server's parent), as ss shows the first owner.
                    if (!owners.ContainsKey(inode)) owners[inode] = (pid, NameOf(pid));
                }
            }
            return owners;
        }

        public string? NameOf(int pid)
        {
            if (!_names.TryGetValue(pid, out var name))
                _names[pid] = name = _fs.ReadLine("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/comm");
            return name;
        }
    }
}
