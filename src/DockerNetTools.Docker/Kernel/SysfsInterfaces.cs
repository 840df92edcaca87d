using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>Reads /sys/class/net under some prefix: the host's, or a container's through /proc/&lt;pid&gt;/root.</summary>
    internal static class SysfsInterfaces
    {
        public static IReadOnlyList<InterfaceRecord> Read(ProcFs fs, string classNet)
        {
            var result = new List<InterfaceRecord>();
            foreach (var name in fs.ListDirectory(classNet).OrderBy(n => n, System.StringComparer.Ordinal))
            {
                var directory = classNet + "/" + name;
                var ifIndex = fs.ReadInt(directory + "/ifindex");
                if (ifIndex <= 0) continue;
                var ifLink = fs.ReadInt(directory + "/iflink");
                var mac = fs.ReadLine(directory + "/address");
                var masterLink = fs.ReadLink(directory + "/master");
                var master = string.IsNullOrEmpty(masterLink) ? null : Path.GetFileName(masterLink);
                result.Add(new InterfaceRecord(name, ifIndex, ifLink <= 0 ? ifIndex : ifLink, string.IsNullOrEmpty(mac) ? null : mac!.ToLowerInvariant(), master));
            }
            return result;
        }

        /// <summary>Interface names listed in a /proc/net/dev text (one namespace's devices, whatever the mount namespace).</summary>
        public static HashSet<string> NamesFromNetDev(string? netDev)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            if (netDev == null) return names;
            foreach (var line in netDev.Split('\n').Skip(2))
            {
                var colon = line.IndexOf(':');
                if (colon > 0) names.Add(line.Substring(0, colon).Trim());
            }
            return names;
        }
    }
}
