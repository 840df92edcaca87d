using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using global::Docker.DotNet;
using global::Docker.DotNet.Models;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// The fallback when the kernel cannot be read from here (a remote daemon, Docker Desktop's VM, no access to /proc):
    /// one read-only command per container through the exec API, printing the container's /sys/class/net and
    /// /proc/net tables. Needs a shell in the image; without one the fields stay unknown and a warning says so.
    /// Changes nothing in the container (the daemon keeps a short-lived exec record).
    /// </summary>
    internal static class ExecKernelReader
    {
        private static readonly char[] Space = { ' ' };
        private const int MaxConcurrentExecs = 4;
        private static readonly TimeSpan ExecTimeout = TimeSpan.FromSeconds(15);

        /// <summary>Prints "if NAME IFINDEX IFLINK MAC" per interface, then "table tcp" and the table text for each socket table.</summary>
        internal const string Script =
            "for d in /sys/class/net/*; do n=${d##*/}; echo \"if $n $(cat $d/ifindex) $(cat $d/iflink) $(cat $d/address)\"; done; " +
            "for t in tcp tcp6 udp udp6; do if [ -r /proc/net/$t ]; then echo \"table $t\"; cat /proc/net/$t; fi; done";

        /// <summary>
        /// Reads each container with <paramref name="runner"/> (docker exec, or -ProbeImage's helper containers); says
        /// nothing itself, the caller words the outcome.
        /// </summary>
        public static async Task<ExecReadOutcome> ApplyAsync(Probing.ICommandRunner runner, DockerHostModel model, IReadOnlyDictionary<ContainerInfo, string> containers,
            ModelParts parts, IOperationLog log, CancellationToken cancellationToken)
        {
            var outcome = new ExecReadOutcome(containers.Values.FirstOrDefault() ?? string.Empty, model.Host.Interfaces.Count > 0) { Method = runner.Method };
            using var gate = new SemaphoreSlim(MaxConcurrentExecs);
            var tasks = containers.Keys.Select(async container =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var (output, failure) = await RunAsync(runner, container.Id, cancellationToken).ConfigureAwait(false);
                    return (container, output, failure);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();

            foreach (var (container, output, failure) in await Task.WhenAll(tasks).ConfigureAwait(false))
            {
                if (output == null)
                {
                    outcome.Failed(container.Name, failure!);
                    continue;
                }
                Apply(container, output, model, parts, log);
                outcome.Read.Add(container.Name);
            }
            return outcome;
        }

        /// <summary>Parses the script's output into the container's endpoints and sockets.</summary>
        internal static void Apply(ContainerInfo container, string output, DockerHostModel model, ModelParts parts, IOperationLog log)
        {
            var interfaces = new List<InterfaceRecord>();
            var tables = new Dictionary<string, System.Text.StringBuilder>(StringComparer.Ordinal);
            System.Text.StringBuilder? current = null;
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.StartsWith("if ", StringComparison.Ordinal))
                {
                    current = null;
                    var fields = line.Split(Space, StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length >= 4
                        && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ifIndex)
                        && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ifLink))
                        interfaces.Add(new InterfaceRecord(fields[1], ifIndex, ifLink, fields.Length > 4 ? fields[4].ToLowerInvariant() : null, null));
                }
                else if (line.StartsWith("table ", StringComparison.Ordinal))
                {
                    tables[line.Substring(6).Trim()] = current = new System.Text.StringBuilder();
                }
                else
                {
                    current?.Append(line).Append('\n');
                }
            }

            var byMac = interfaces.Where(i => i.MacAddress != null).GroupBy(i => i.MacAddress!).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var endpoint in container.Endpoints)
            {
                if (endpoint.MacAddress == null || !byMac.TryGetValue(endpoint.MacAddress, out var device)) continue;
                endpoint.InterfaceName = device.Name;
                endpoint.IfIndex = device.IfIndex;
                endpoint.HostIfIndex = device.IfLink;
                endpoint.HostVeth = model.Host.Interfaces.FirstOrDefault(h => h.IfIndex == device.IfLink)?.Name;
            }
            LocalKernelReader.SortByInterface(container);

            if ((parts & ModelParts.Sockets) == 0 || tables.Count == 0) return;
            var sockets = new List<SocketEntry>();
            foreach (var table in tables)
            {
                if (!SocketTables.TryProtocol(table.Key, out var protocol)) continue;
                SocketTables.Parse(table.Value.ToString(), protocol, sockets, log, container.Name + " /proc/net/" + table.Key);
            }
            container.Sockets.Clear();
            container.Sockets.AddRange(sockets);
            container.SocketsKnown = true;
        }

        /// <summary>Runs the script; on failure the output is null and the failure says why (no shell, exec refused, hung).</summary>
        private static async Task<(string? Output, string? Failure)> RunAsync(Probing.ICommandRunner runner, string containerId, CancellationToken cancellationToken)
        {
            try
            {
                var result = await runner.RunAsync(containerId, new[] { "sh", "-c", Script }, ExecTimeout, cancellationToken).ConfigureAwait(false);
                if (result == null) return (null, runner.Method + " did not finish within " + ExecTimeout.TotalSeconds + " s");
                if (result.ExitCode == 0) return (result.Stdout, null);
                return (null, runner is Probing.ExecRunner
                    ? "the image has no shell to read them with (docker exec sh exited with " + result.ExitCode + ")"
                    : "sh in " + runner.ToolsOf(string.Empty).TrimStart() + " exited with " + result.ExitCode + " (" + FirstLine(result.Output) + ")");
            }
            catch (DockerApiException exception)
            {
                return (null, runner.Method + " was refused (HTTP " + (int)exception.StatusCode + ": " + Client.DaemonErrors.DaemonMessage(exception.ResponseBody) + ")");
            }
            catch (NotSupportedException exception)
            {
                return (null, runner.Method + " is not possible over this connection (" + exception.Message + ")");
            }
        }

        private static string FirstLine(string text) => text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "no output";
    }
}
