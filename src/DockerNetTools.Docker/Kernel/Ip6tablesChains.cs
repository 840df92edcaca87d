using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Probing;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// Whether dockerd programs IPv6 rules (--ip6tables), seen from the host: the API has no field for it, and the version
    /// default is only a guess for Engine 20.10 to 26 started with --experimental (where --ip6tables is allowed but off by
    /// default) and for Engine 27+ (on by default, "ip6tables": false turns it off).
    /// </summary>
    /// <remarks>
    /// Chosen: one bounded read of the ip6tables filter table, only when this process is root on the Docker host, the
    /// engine uses iptables, and the API left the question open. dockerd creates chain DOCKER in ip6tables' filter table
    /// when --ip6tables is on (libnetwork setupIPChains for IPv6) and never without it, so "ip6tables -n -L DOCKER"
    /// answering 0 means on, 1 (no such chain) means off; anything else (no tool, a timeout, exit 3 when the kernel has
    /// no ip6_tables) leaves the version default. The netlink dump it would take to read nf_tables ourselves is not
    /// worth it for one bit, and the chain list is not in /proc (/proc/net/ip6_tables_names lists tables, and only for
    /// the legacy backend). Limits: a chain left behind by an earlier daemon run with --ip6tables, or a second daemon on the
    /// host, reads as on; the look is skipped for the nftables backend (Engine 29's table ip6 docker-bridges).
    /// </remarks>
    internal sealed class Ip6tablesChains
    {
        private static readonly string[] ListDockerChain = { "-w", "2", "-n", "-L", "DOCKER" };
        private static readonly string[] Tools = { "/usr/sbin/ip6tables", "/sbin/ip6tables", "/usr/bin/ip6tables" };

        /// <summary>Long enough for a busy xtables lock (-w 2), short enough not to hold up a model read.</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

        private readonly Func<bool> _isRoot;
        private readonly Func<string, bool> _exists;
        private readonly Func<string, string[], TimeSpan, int?> _run;

        public Ip6tablesChains(Func<bool>? isRoot = null, Func<string, bool>? exists = null, Func<string, string[], TimeSpan, int?>? run = null)
        {
            _isRoot = isRoot ?? (() => LinuxNative.IsRoot);
            _exists = exists ?? File.Exists;
            _run = run ?? Run;
        }

        /// <summary>Fills <see cref="EngineInfo.Ip6tables"/> when the API left it open and the host can tell.</summary>
        public void Apply(EngineInfo engine, IOperationLog log)
        {
            if (engine.Ip6tables.HasValue || engine.Firewall != FirewallBackend.Iptables) return;
            var found = DockerChainExists();
            if (found == null) return;
            engine.Ip6tables = found;
            log.Verbose("ip6tables: chain DOCKER " + (found.Value ? "exists" : "does not exist") + " in the filter table, so dockerd runs "
                        + (found.Value ? "with" : "without") + " --ip6tables");
        }

        /// <summary>True/false when ip6tables answered about chain DOCKER; null when it could not be asked.</summary>
        public bool? DockerChainExists()
        {
            if (!_isRoot()) return null;
            var tool = Tools.FirstOrDefault(_exists);
            if (tool == null) return null;
            switch (_run(tool, ListDockerChain, Timeout))
            {
                case 0:
                    return true;
                case 1:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>Runs the tool, output discarded; null when it cannot start or outlives the timeout (then it is killed).</summary>
        private static int? Run(string file, string[] arguments, TimeSpan timeout) =>
            BoundedProcess.Run(file, string.Join(" ", arguments), timeout)?.ExitCode;
    }
}
