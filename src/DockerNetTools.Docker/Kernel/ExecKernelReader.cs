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

        /// <summary>Reads each container through the exec API; says nothing itself, the caller words the outcome.</summary>
        public static async Task<ExecReadOutcome> ApplyAsync(IDockerClient client, DockerHostModel model, IReadOnlyDictionary<ContainerInfo, string> containers,
            ModelParts parts, IOperationLog log, CancellationToken cancellationToken)
        {
            var outcome = new ExecReadOutcome(containers.Values.FirstOrDefault() ?? string.Empty, model.Host.Interfaces.Count > 0);
            using var gate = new SemaphoreSlim(MaxConcurrentExecs);
            var tasks = containers.Keys.Select(async container =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var (output, failure) = await RunAsync(client, container.Id, cancellationToken).ConfigureAwait(false);
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
        private static async Task<(string? Output, string? Failure)> RunAsync(IDockerClient client, string containerId, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ExecTimeout);
            try
            {
                var created = await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
                {
                    AttachStdout = true,
                    AttachStderr = true,
                    Cmd = new[] { "sh", "-c", Script },
                }, timeout.Token).ConfigureAwait(false);
                string stdout;
                using (var stream = await client.Exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters(), timeout.Token).ConfigureAwait(false))
                    (stdout, _) = await stream.ReadOutputToEndAsync(timeout.Token).ConfigureAwait(false);
                var inspect = await client.Exec.InspectContainerExecAsync(created.ID, timeout.Token).ConfigureAwait(false);
                return inspect.ExitCode == 0
                    ? (stdout, null)
                    : (null, "the image has no shell to read them with (docker exec sh exited with " + inspect.ExitCode + ")");
            }
            catch (DockerApiException exception)
            {
                return (null, "docker exec was refused (HTTP " + (int)exception.StatusCode + ": " + Client.DaemonErrors.DaemonMessage(exception.ResponseBody) + ")");
            }
            catch (NotSupportedException exception)
            {
                return (null, "docker exec is not possible over this connection (" + exception.Message + ")");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, "docker exec did not finish within " + ExecTimeout.TotalSeconds + " s");
            }
        }
    }
}
