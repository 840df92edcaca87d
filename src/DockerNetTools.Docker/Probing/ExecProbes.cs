using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>
    /// Probes through the exec API with whatever the image has (busybox or netcat's nc, ping, cat, nslookup), or with
    /// -ProbeImage's in a helper container, for when this process cannot join the namespace (not root, a remote daemon).
    /// Read-only commands, each bounded in time.
    /// </summary>
    internal sealed class ExecProbes
    {
        private static readonly string[] CatHosts = { "cat", "/etc/hosts" };
        private static readonly string[] CatResolvConf = { "cat", "/etc/resolv.conf" };
        private static readonly TimeSpan ApiMargin = TimeSpan.FromSeconds(5);
        private readonly ICommandRunner _runner;

        public ExecProbes(ICommandRunner runner)
        {
            _runner = runner;
        }

        private bool InHelper => _runner is HelperContainerRunner;
        private string Nc => InHelper ? ProbeMethods.HelperNc : ProbeMethods.ExecNc;
        private string Ping => InHelper ? ProbeMethods.HelperPing : ProbeMethods.ExecPing;
        private string Nslookup => InHelper ? ProbeMethods.HelperNslookup : ProbeMethods.ExecNslookup;

        public async Task<ProbeObservation> TcpConnectAsync(ContainerInfo source, IPAddress address, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            // Without stdin attached nc reads EOF at once and exits 0 after a successful connect.
            var result = await RunAsync(source, new[] { "nc", "-w", WholeSeconds(timeout), address.ToString(), port.ToString(CultureInfo.InvariantCulture) }, timeout, cancellationToken).ConfigureAwait(false);
            var target = address + ":" + port;
            if (result == null) return TimedOutCommand("nc", target, timeout, address);
            if (result.CommandMissing) return ProbeObservation.NotRun(_runner.ToolsOf(source.Name) + " has no nc (" + FirstLine(result.Output) + ")", address);
            if (result.ExitCode == 0)
                return new ProbeObservation(ProbeOutcome.Reachable, Nc, "nc connected to " + target, address);
            var output = result.Output;
            var outcome = Contains(output, "refused") ? ProbeOutcome.Refused
                : Contains(output, "timed out") ? ProbeOutcome.TimedOut
                : Contains(output, "unreachable") || Contains(output, "no route") ? ProbeOutcome.Unreachable
                : (ProbeOutcome?)null;
            if (outcome == null)
                return ProbeObservation.NotRun("nc in " + source.Name + " exited " + result.ExitCode + " with output that does not say why: " + FirstLine(output), address);
            return new ProbeObservation(outcome.Value, Nc, "nc " + target + ": " + FirstLine(output), address);
        }

        public async Task<ProbeObservation> PingAsync(ContainerInfo source, IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var result = await RunAsync(source, new[] { "ping", "-c", "1", "-W", WholeSeconds(timeout), address.ToString() }, timeout, cancellationToken).ConfigureAwait(false);
            if (result == null) return TimedOutCommand("ping", address.ToString(), timeout, address);
            if (result.CommandMissing) return ProbeObservation.NotRun(_runner.ToolsOf(source.Name) + " has no ping (" + FirstLine(result.Output) + ")", address);
            if (result.ExitCode == 0)
                return new ProbeObservation(ProbeOutcome.Reachable, Ping, "ping got an echo reply from " + address, address);
            if (Contains(result.Output, "unreachable"))
                return new ProbeObservation(ProbeOutcome.Unreachable, Ping, "ping: " + FirstLine(result.Output), address);
            if (Contains(result.Output, "permission denied") || Contains(result.Output, "operation not permitted"))
                return ProbeObservation.NotRun("ping in " + source.Name + " may not open an ICMP socket: " + FirstLine(result.Output), address);
            return new ProbeObservation(ProbeOutcome.TimedOut, Ping,
                "ping got no echo reply from " + address + " within " + WholeSeconds(timeout) + " s", address);
        }

        /// <summary>/etc/hosts first, then nslookup against 127.0.0.11 when resolv.conf names the embedded DNS.</summary>
        public async Task<ProbeObservation> ResolveAsync(ContainerInfo source, string name, bool ipv6, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var family = ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
            var hosts = await RunAsync(source, CatHosts, timeout, cancellationToken).ConfigureAwait(false);
            if (hosts == null || hosts.ExitCode != 0)
                return ProbeObservation.NotRun(hosts == null ? "reading /etc/hosts in " + source.Name + " did not finish" : _runner.ToolsOf(source.Name) + " has no cat to read /etc/hosts (" + FirstLine(hosts.Output) + ")");
            var fromHosts = HostsFileText.Lookup(hosts.Stdout, name, family);
            if (fromHosts.Count > 0)
                return new ProbeObservation(ProbeOutcome.Resolved, Nslookup, "/etc/hosts has " + name + " -> " + string.Join(", ", fromHosts), addresses: fromHosts);

            var resolv = await RunAsync(source, CatResolvConf, timeout, cancellationToken).ConfigureAwait(false);
            var servers = resolv == null ? Array.Empty<string>() : HostsFileText.Nameservers(resolv.Stdout);
            if (!servers.Contains(ResolverChoice.EmbeddedDns))
                return ResolverChoice.NoEmbeddedDns(name, servers, Nslookup);

            var lookup = await RunAsync(source, new[] { "nslookup", "-type=" + (ipv6 ? "aaaa" : "a"), name, ResolverChoice.EmbeddedDns }, timeout, cancellationToken).ConfigureAwait(false);
            if (lookup == null) return TimedOutCommand("nslookup", name, timeout, null);
            if (lookup.CommandMissing) return ProbeObservation.NotRun(_runner.ToolsOf(source.Name) + " has no nslookup (" + FirstLine(lookup.Output) + ")");
            var addresses = NslookupAddresses(lookup.Stdout, family);
            if (addresses.Count > 0)
                return new ProbeObservation(ProbeOutcome.Resolved, Nslookup,
                    "not in /etc/hosts; 127.0.0.11 answered " + string.Join(", ", addresses), addresses: addresses);
            return new ProbeObservation(ProbeOutcome.NotResolved, Nslookup,
                "not in /etc/hosts; nslookup " + name + " 127.0.0.11: " + Failure(lookup.Output));
        }

        /// <summary>Addresses from nslookup's output: the "Address" lines after a "Name:" line (the lines before it are the server's).</summary>
        internal static IReadOnlyList<IPAddress> NslookupAddresses(string output, AddressFamily family)
        {
            var found = new List<IPAddress>();
            var inAnswer = false;
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("Name:", StringComparison.Ordinal)) inAnswer = true;
                if (!inAnswer || !line.StartsWith("Address", StringComparison.Ordinal)) continue;
                var colon = line.IndexOf(':');
                var value = line.Substring(colon + 1).Trim();
                var space = value.IndexOf(' ');
                if (space > 0) value = value.Substring(0, space);
                if (IPAddress.TryParse(value, out var address) && address.AddressFamily == family && !found.Contains(address)) found.Add(address);
            }
            return found;
        }

        private Task<CommandResult?> RunAsync(ContainerInfo source, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
            _runner.RunAsync(source.Id, command, timeout + ApiMargin, cancellationToken);

        private static ProbeObservation TimedOutCommand(string tool, string target, TimeSpan timeout, IPAddress? address) =>
            ProbeObservation.NotRun(tool + " " + target + " did not finish within " + (timeout + ApiMargin).TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s", address);

        private static string WholeSeconds(TimeSpan timeout) =>
            Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

        private static string Failure(string nslookupOutput) =>
            nslookupOutput.Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => Contains(l, "can't find") || Contains(l, "timed out") || Contains(l, "NXDOMAIN") || Contains(l, "SERVFAIL"))
            ?? FirstLine(nslookupOutput);

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

        private static string FirstLine(string text)
        {
            var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "no output";
            return line.Length > 200 ? line.Substring(0, 200) + "…" : line;
        }
    }
}
