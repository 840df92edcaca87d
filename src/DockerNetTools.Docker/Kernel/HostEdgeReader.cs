using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using DockerNetTools.Diagnostics;
using DockerNetTools.Kernel;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// The host's edge, read on the Docker host itself for the questions that need it (ModelParts.Edge): the main routing
    /// table (/proc/net/route, /proc/net/ipv6_route), net.ipv4.ip_forward and net.ipv6.conf.all.forwarding, the resolv.conf
    /// Docker reads (see <see cref="ResolvConf"/>) and dockerd's --dns.
    /// </summary>
    /// <remarks>
    /// The API does not expose dockerd's --dns (GET /info has no DNS field; checked on Engine 20.10 and 28.5), so it is read
    /// from the daemon's process: the dockerd whose -H/--host names the socket this backend talks to (or, when none names
    /// one, the dockerd on the default socket), its --dns flags, else "dns" in its --config-file (default
    /// /etc/docker/daemon.json; dockerd refuses an option given both ways). /proc/&lt;pid&gt;/cmdline is world-readable on
    /// an ordinary host; daemon.json usually is too. Anything not readable is left unknown (null) and named in one warning.
    /// </remarks>
    internal sealed class HostEdgeReader
    {
        private static readonly char[] Nul = { '\0' };
        private readonly ProcFs _fs;

        public HostEdgeReader(ProcFs fs)
        {
            _fs = fs;
        }

        /// <summary>Fills the edge into <paramref name="model"/>; <paramref name="socketPath"/> is the daemon's unix socket.</summary>
        public void Apply(DockerHostModel model, string? socketPath, IOperationLog log)
        {
            var unknown = new List<string>();
            var v4 = _fs.ReadText("/proc/net/route");
            var v6 = _fs.ReadText("/proc/net/ipv6_route");
            if (v4 != null)
            {
                var routes = RouteTableParser.ParseIPv4(v4);
                routes.AddRange(RouteTableParser.ParseIPv6(v6));
                model.Host.Routes = routes;
            }
            else
            {
                unknown.Add("routes (/proc/net/route)");
            }

            model.Host.Forwarding = Sysctl("/proc/sys/net/ipv4/ip_forward");
            if (model.Host.Forwarding == null) unknown.Add("net.ipv4.ip_forward");
            model.Host.Forwarding6 = _fs.Exists("/proc/sys/net/ipv6") ? Sysctl("/proc/sys/net/ipv6/conf/all/forwarding") : false;

            var etc = _fs.ReadText(ResolvConf.DefaultPath);
            var path = ResolvConf.PathDockerReads(etc);
            var text = path == ResolvConf.DefaultPath ? etc : _fs.ReadText(path);
            if (text != null)
            {
                model.Host.Resolvers = ResolvConf.Nameservers(text);
                log.Verbose("Docker reads the host's nameservers from " + path + ": " + string.Join(", ", model.Host.Resolvers) + ".");
            }
            else
            {
                unknown.Add("the host's resolv.conf (" + path + ")");
            }

            var dns = DaemonDns(socketPath, log);
            model.Engine.Dns = dns;
            if (dns == null) unknown.Add("dockerd's --dns");

            if (unknown.Count > 0)
                log.Warning("Could not read " + string.Join(", ", unknown) + " on this host; answers that need them say what they assume.");
        }

        /// <summary>A daemon whose host this process cannot read (a remote daemon, no /proc): all unknown, said in the backend's one remote-host warning.</summary>
        public static void Unknown(DockerHostModel model)
        {
            model.Engine.Dns = null;
        }

        private bool? Sysctl(string path)
        {
            var line = _fs.ReadLine(path);
            if (line == "1") return true;
            if (line == "0") return false;
            return null;
        }

        /// <summary>dockerd's --dns: its flags, else daemon.json's "dns"; empty when neither sets it, null when dockerd is not found.</summary>
        internal List<IPAddress>? DaemonDns(string? socketPath, IOperationLog log)
        {
            var args = DaemonArguments(socketPath);
            if (args == null) return null;
            var fromFlags = FlagValues(args, "--dns");
            var list = new List<IPAddress>();
            if (fromFlags.Count > 0)
            {
                foreach (var value in fromFlags)
                {
                    if (IPAddress.TryParse(value, out var address)) list.Add(address);
                }
                return list;
            }
            var configFile = FlagValues(args, "--config-file").LastOrDefault() ?? "/etc/docker/daemon.json";
            if (!_fs.Exists(configFile)) return list;
            var json = _fs.ReadText(configFile);
            if (json == null)
            {
                log.Verbose("dockerd's " + configFile + " is not readable here; its \"dns\" is unknown.");
                return null;
            }
            return DaemonJsonDns(json);
        }

        /// <summary>The "dns" list of a daemon.json; empty when it has none or cannot be parsed (dockerd would not have started).</summary>
        internal static List<IPAddress> DaemonJsonDns(string json)
        {
            var list = new List<IPAddress>();
            try
            {
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("dns", out var dns) && dns.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in dns.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String && IPAddress.TryParse(item.GetString() ?? string.Empty, out var address)) list.Add(address);
                    }
                }
            }
            catch (JsonException)
            {
            }
            return list;
        }

        /// <summary>The command line of the dockerd serving <paramref name="socketPath"/>; null when no such process is visible.</summary>
        internal IReadOnlyList<string>? DaemonArguments(string? socketPath)
        {
            IReadOnlyList<string>? onDefault = null;
            foreach (var entry in _fs.ListDirectory("/proc"))
            {
                if (entry.Length == 0 || !entry.All(char.IsDigit)) continue;
                if (_fs.ReadLine("/proc/" + entry + "/comm") != "dockerd") continue;
                var cmdline = _fs.ReadText("/proc/" + entry + "/cmdline");
                if (string.IsNullOrEmpty(cmdline)) continue;
                var args = cmdline!.Split(Nul, StringSplitOptions.RemoveEmptyEntries);
                var hosts = FlagValues(args, "--host").Concat(FlagValues(args, "-H")).ToList();
                if (socketPath != null && hosts.Any(h => SocketOf(h) == socketPath)) return args;
                if (hosts.Count == 0 || hosts.Any(h => h.StartsWith("fd://", StringComparison.Ordinal))) onDefault ??= args;
            }
            return socketPath == null || socketPath == "/var/run/docker.sock" || socketPath == "/run/docker.sock" ? onDefault : null;
        }

        private static string SocketOf(string host) => host.StartsWith("unix://", StringComparison.Ordinal) ? host.Substring("unix://".Length) : host;

        /// <summary>Values of a flag given as "--flag value" or "--flag=value", in order.</summary>
        internal static List<string> FlagValues(IReadOnlyList<string> args, string flag)
        {
            var values = new List<string>();
            for (var i = 0; i < args.Count; i++)
            {
                if (args[i] == flag && i + 1 < args.Count) values.Add(args[++i]);
                else if (args[i].StartsWith(flag + "=", StringComparison.Ordinal)) values.Add(args[i].Substring(flag.Length + 1));
            }
            return values;
        }
    }
}
