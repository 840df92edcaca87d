using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Probing;
using DockerNetTools.Firewall;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// The host's real packet filter, read with iptables-save (and ip6tables-save when dockerd programs IPv6 rules) as root
    /// on the Docker host, each bounded by <see cref="Timeout"/>, only for a command that asks for
    /// <see cref="Backends.ModelParts.Firewall"/>. When it cannot be read (not root, no tool, a timeout, text the parser
    /// refuses, or no DOCKER chain although dockerd runs with --iptables: dockerd then uses the other iptables backend,
    /// legacy or nf_tables) the model holds none and a warning says the answers assume Docker's rules for the engine.
    /// With the nftables firewall backend (Engine 29's table ip docker-bridges), or when iptables-save shows no DOCKER chain,
    /// the whole ruleset is read as JSON with <c>nft -j list ruleset</c> instead (the same bound), and kept when it has
    /// Docker's tables or chains.
    /// </summary>
    internal sealed class HostFirewallReader
    {
        private static readonly string[] Dirs = { "/usr/sbin/", "/sbin/", "/usr/bin/" };

        /// <summary>Long enough for a busy xtables lock and a large ruleset, short enough not to hold up a model read.</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        private readonly Func<bool> _isRoot;
        private readonly Func<string, bool> _exists;
        private readonly Func<string, TimeSpan, string?> _run;
        private readonly Func<string, string?> _read;

        public HostFirewallReader(Func<bool>? isRoot = null, Func<string, bool>? exists = null, Func<string, TimeSpan, string?>? run = null, Func<string, string?>? read = null)
        {
            _isRoot = isRoot ?? (() => LinuxNative.IsRoot);
            _exists = exists ?? File.Exists;
            _run = run ?? Run;
            _read = read ?? ReadFile;
        }

        /// <summary>Fills <see cref="HostInfo.Firewall"/> (and <see cref="HostInfo.Firewall6"/>) when the host's rules can be read.</summary>
        public void Apply(DockerHostModel model, IOperationLog log)
        {
            var engine = model.Engine;
            if (!_isRoot())
            {
                log.Warning("The host's packet filter is unknown: reading it (iptables-save) needs root on the Docker host. The answers assume Docker's own rules for Engine "
                            + engine.Version + " and no others (no DOCKER-USER, ufw or firewalld rules).");
                return;
            }
            if (engine.Firewall != FirewallBackend.Iptables)
            {
                ReadNft(model, engine, log, "dockerd uses the nftables backend, and ");
            }
            else
            {
                model.Host.Firewall = Read("iptables-save", AddressFamily.InterNetwork, engine.IptablesEnabled, engine, log);
                if (model.Host.Firewall == null && _noDockerChain)
                {
                    // iptables-save shows nothing of Docker's: the rules may be in nftables itself (nft -j list ruleset).
                    ReadNft(model, engine, log, "iptables-save has no DOCKER chain although dockerd programs iptables (it probably uses the other iptables backend, legacy or nf_tables), and ");
                }
                else if (engine.Ip6tablesEnabled)
                {
                    model.Host.Firewall6 = Read("ip6tables-save", AddressFamily.InterNetworkV6, true, engine, log);
                }
            }
            // Present only while br_netfilter is loaded (per network namespace): then bridged frames may cross FORWARD too.
            model.Host.BridgeNfCall = Sysctl(BridgeNfCallPath);
            model.Host.BridgeNfCall6 = Sysctl(BridgeNfCall6Path);
        }

        public const string BridgeNfCallPath = "/proc/sys/net/bridge/bridge-nf-call-iptables";
        public const string BridgeNfCall6Path = "/proc/sys/net/bridge/bridge-nf-call-ip6tables";

        private bool? Sysctl(string path)
        {
            var text = _read(path)?.Trim();
            return text == "1" ? true : text == "0" ? false : null;
        }

        private static string? ReadFile(string path)
        {
            try
            {
                return File.Exists(path) ? File.ReadAllText(path) : null;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }

        private FirewallRuleset? Read(string name, AddressFamily family, bool dockerChains, EngineInfo engine, IOperationLog log)
        {
            var assumed = " The answers assume Docker's own rules for Engine " + engine.Version + ".";
            var tool = Dirs.Select(d => d + name).FirstOrDefault(_exists);
            if (tool == null)
            {
                log.Warning("The host's packet filter is unknown: " + name + " is not installed." + assumed);
                return null;
            }
            var text = _run(tool, Timeout);
            if (text == null)
            {
                log.Warning("The host's packet filter is unknown: " + tool + " did not answer within " + Timeout.TotalSeconds + " s." + assumed);
                return null;
            }
            var result = IptablesSaveParser.Parse(text, family);
            if (result.Ruleset == null)
            {
                log.Warning("The host's packet filter could not be read: " + tool + " printed text this module cannot parse (line " + result.Errors[0] + ")." + assumed);
                return null;
            }
            if (dockerChains && result.Ruleset.Table("filter")?.Chain("DOCKER") == null)
            {
                _noDockerChain = true;
                if (family == AddressFamily.InterNetwork) return null; // ReadNft says why, or reads the rules there
                log.Warning("The host's packet filter as " + tool + " shows it has no DOCKER chain although dockerd programs " + name.Replace("-save", string.Empty)
                            + " (it probably uses the other iptables backend, legacy or nf_tables), so those rules are not Docker's." + assumed);
                return null;
            }
            log.Verbose("Read the host's packet filter with " + tool + ": " + string.Join(", ", result.Ruleset.Tables.Select(t => t.Name + " (" + t.Chains.Sum(c => c.Rules.Count) + " rules)")) + ".");
            return result.Ruleset;
        }

        private bool _noDockerChain;

        /// <summary>
        /// The whole nftables ruleset as JSON (nft -j list ruleset, bounded like iptables-save), both families at once; with the
        /// nftables firewall backend, or when iptables-save shows no DOCKER chain. Trusted only when it has a table of Docker's
        /// (ip docker-bridges for Engine 29's nftables backend) or a chain named DOCKER (iptables-nft's tables).
        /// </summary>
        private void ReadNft(DockerHostModel model, EngineInfo engine, IOperationLog log, string why)
        {
            var assumed = " The answers assume Docker's own rules for Engine " + engine.Version + ".";
            var tool = Dirs.Select(d => d + "nft").FirstOrDefault(_exists);
            if (tool == null)
            {
                log.Warning("The host's packet filter is unknown: " + why + "nft is not installed." + assumed);
                return;
            }
            var text = _run(tool + " -j list ruleset", Timeout);
            if (text == null)
            {
                log.Warning("The host's packet filter is unknown: " + why + tool + " -j list ruleset did not answer within " + Timeout.TotalSeconds + " s." + assumed);
                return;
            }
            var result = NftJsonParser.Parse(text);
            if (result.Errors.Count > 0)
            {
                log.Warning("The host's packet filter could not be read: " + why + tool + " -j list ruleset printed text this module cannot read (" + result.Errors[0] + ")." + assumed);
                return;
            }
            var docker = new[] { result.IPv4, result.IPv6 }.Any(r => r != null && r.Tables.Any(t => t.Name.EndsWith(" docker-bridges", StringComparison.Ordinal) || t.Chain("DOCKER") != null));
            if (!docker)
            {
                log.Warning("The host's packet filter is unknown: " + why + tool + " -j list ruleset shows no table or chain of Docker's either." + assumed);
                return;
            }
            model.Host.Firewall = result.IPv4;
            model.Host.Firewall6 = engine.Ip6tablesEnabled ? result.IPv6 : null;
            log.Verbose("Read the host's packet filter with " + tool + " -j list ruleset: " + string.Join(", ", new[] { result.IPv4, result.IPv6 }.Where(r => r != null).SelectMany(r => r!.Tables).Select(t => t.Name).Distinct()) + ".");
        }

        /// <summary>Runs the tool ("path arguments"); its output, or null when it cannot start, fails, or outlives the timeout (then it is killed).</summary>
        private static string? Run(string command, TimeSpan timeout)
        {
            var space = command.IndexOf(' ');
            var outcome = space < 0 ? BoundedProcess.Run(command, string.Empty, timeout) : BoundedProcess.Run(command.Substring(0, space), command.Substring(space + 1), timeout);
            return outcome != null && outcome.ExitCode == 0 ? outcome.Output : null;
        }
    }
}
