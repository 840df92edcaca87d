using System;
using System.Linq;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>What the host's kernel supports, read from /proc (and /lib/modules) on the Docker host itself.</summary>
    internal static class KernelFeatures
    {
        /// <summary>
        /// Whether -p …/sctp can work: true when SCTP is loaded (/proc/net/sctp, /proc/sys/net/sctp: the module or the
        /// built-in protocol registers them); false when it is not and nothing can add it: a kernel without loadable
        /// modules (no /proc/modules), or one whose module lists (modules.dep, modules.builtin of the running release)
        /// have no sctp; null otherwise: opening an SCTP socket may load the module on first use (unless blacklisted),
        /// which cannot be told without trying.
        /// </summary>
        public static bool? Sctp(ProcFs fs)
        {
            if (fs.Exists("/proc/net/sctp") || fs.Exists("/proc/sys/net/sctp")) return true;
            if (!fs.Exists("/proc/self")) return null;
            if (!fs.Exists("/proc/modules")) return false;
            var release = fs.ReadLine("/proc/sys/kernel/osrelease");
            if (string.IsNullOrEmpty(release)) return null;
            var dep = fs.ReadText("/lib/modules/" + release + "/modules.dep");
            var builtin = fs.ReadText("/lib/modules/" + release + "/modules.builtin");
            if (dep == null || builtin == null) return null;
            return Lists(dep) || Lists(builtin) ? (bool?)null : false;
        }

        // modules.dep: "kernel/net/sctp/sctp.ko.xz: kernel/lib/libcrc32c.ko.xz"; modules.builtin: "kernel/net/sctp/sctp.ko".
        private static bool Lists(string modules) =>
            modules.Split('\n').Any(line =>
            {
                var path = line.Split(':')[0].Trim();
                return path.EndsWith("/sctp.ko", StringComparison.Ordinal) || path.IndexOf("/sctp.ko.", StringComparison.Ordinal) >= 0;
            });
    }
}
