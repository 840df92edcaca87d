using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Client;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>
    /// The live backend's prober. For each source container: a socket inside its network namespace when this process is
    /// root on the Docker host (no tools needed in the image), else the exec API with the image's own tools, else an
    /// observation that says why no probe could run. Only addresses of the diagnosed host are ever probed.
    /// </summary>
    internal sealed class DaemonProber : IReachabilityProber
    {
        private readonly DockerHostModel _model;
        private readonly DockerEndpoint _endpoint;
        private readonly ProcFs _fs;
        private readonly NamespaceAccess _access;
        private readonly IOperationLog _log;
        private readonly Lazy<IDockerClient> _client;
        private readonly Lazy<ICommandRunner> _runner;

        /// <param name="probeImage">-ProbeImage: probe through helper containers of this image instead of docker exec.</param>
        public DaemonProber(DockerHostModel model, DockerEndpoint endpoint, ProcFs fs, IOperationLog log, Func<bool>? isRoot = null, string? probeImage = null)
        {
            _model = model;
            _endpoint = endpoint;
            _fs = fs;
            _log = log;
            _access = new NamespaceAccess(endpoint, fs, isRoot);
            _client = new Lazy<IDockerClient>(() =>
                DockerClientFactory.Create(endpoint, ApiVersionNegotiator.TryParse(model.Engine.ApiVersion, out var version) ? version : null));
            _runner = new Lazy<ICommandRunner>(() => probeImage == null
                ? new ExecRunner(_client.Value)
                : new HelperContainerRunner(_client.Value, endpoint, probeImage, NamespaceOwnerId));
        }

        /// <summary>A helper joins the namespace's owner: Docker refuses --network container: of a container that itself joined another.</summary>
        private string NamespaceOwnerId(string containerId)
        {
            var container = System.Linq.Enumerable.FirstOrDefault(_model.Containers, c => string.Equals(c.Id, containerId, StringComparison.Ordinal));
            return container == null ? containerId : (_model.NamespaceOwner(container) ?? container).Id;
        }

        public async Task<ProbeObservation> ProbeConnectAsync(ContainerInfo source, IPAddress destination, int? port, ReachabilityProtocol protocol,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            ProbeTargets.EnsureOnHost(_model, destination);
            if (protocol != ReachabilityProtocol.Icmp && !port.HasValue)
                throw new ArgumentException("A TCP or UDP probe needs a port.", nameof(port));
            if (!Runnable(source, out var owner, out var notRunning)) return ProbeObservation.NotRun(notRunning, destination);

            var ns = _access.NamespacePath(owner, out var noNamespace);
            if (ns != null)
            {
                try
                {
                    return protocol switch
                    {
                        ReachabilityProtocol.Tcp => await NamespaceProbes.TcpConnectAsync(ns, destination, port!.Value, timeout, cancellationToken).ConfigureAwait(false),
                        ReachabilityProtocol.Udp => await NamespaceProbes.UdpAsync(ns, destination, port!.Value, timeout, cancellationToken).ConfigureAwait(false),
                        _ => await NamespaceProbes.PingAsync(ns, destination, timeout, cancellationToken).ConfigureAwait(false),
                    };
                }
                catch (NamespaceEntryException exception)
                {
                    noNamespace = exception.Message;
                }
            }
            _log.Verbose("Probing from " + source.Name + " through " + _runner.Value.Method + ": " + noNamespace + ".");

            var exec = await WithDaemonAsync(() =>
            {
                var probes = new ExecProbes(_runner.Value);
                return protocol switch
                {
                    ReachabilityProtocol.Tcp => probes.TcpConnectAsync(source, destination, port!.Value, timeout, cancellationToken),
                    ReachabilityProtocol.Icmp => probes.PingAsync(source, destination, timeout, cancellationToken),
                    _ => Task.FromResult(ProbeObservation.NotRun(
                        "a UDP probe through exec cannot tell a dropped datagram from one nobody answered", destination)),
                };
            }, cancellationToken).ConfigureAwait(false);
            return exec.Ran ? exec : ProbeObservation.NotRun("no namespace probe (" + noNamespace + "), and " + exec.Detail, destination);
        }

        public async Task<ProbeObservation> ProbeResolveAsync(ContainerInfo source, string name, RecordType type, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (!Runnable(source, out var owner, out var notRunning)) return ProbeObservation.NotRun(notRunning);
            var ns = _access.NamespacePath(owner, out var noNamespace);
            if (ns != null)
            {
                try
                {
                    return await ResolveInNamespaceAsync(ns, owner, name, type, timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (NamespaceEntryException exception)
                {
                    noNamespace = exception.Message;
                }
            }
            _log.Verbose("Resolving from " + source.Name + " through " + _runner.Value.Method + ": " + noNamespace + ".");
            var exec = await WithDaemonAsync(() => new ExecProbes(_runner.Value)
                .ResolveAsync(source, name, type == RecordType.AAAA, timeout, cancellationToken), cancellationToken).ConfigureAwait(false);
            return exec.Ran ? exec : ProbeObservation.NotRun("no namespace probe (" + noNamespace + "), and " + exec.Detail);
        }

        /// <summary>The C library's order: /etc/hosts, then the nameserver in resolv.conf, asked only when it is the embedded DNS.</summary>
        private async Task<ProbeObservation> ResolveInNamespaceAsync(string ns, ContainerInfo owner, string name, RecordType type,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            var root = "/proc/" + owner.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/root";
            var hostsText = _fs.ReadText(root + "/etc/hosts");
            if (hostsText == null) throw new NamespaceEntryException(root + "/etc/hosts cannot be read", null);
            var family = type == RecordType.AAAA ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
            var fromHosts = HostsFileText.Lookup(hostsText, name, family);
            if (fromHosts.Count > 0)
                return new ProbeObservation(ProbeOutcome.Resolved, ProbeMethods.SetnsDns, "/etc/hosts has " + name + " -> " + string.Join(", ", fromHosts), addresses: fromHosts);

            var servers = HostsFileText.Nameservers(_fs.ReadText(root + "/etc/resolv.conf") ?? string.Empty);
            if (!System.Linq.Enumerable.Contains(servers, ResolverChoice.EmbeddedDns))
                return ResolverChoice.NoEmbeddedDns(name, servers, ProbeMethods.SetnsDns);

            var (answer, detail) = await NamespaceProbes.DnsQueryAsync(ns, IPAddress.Parse(ResolverChoice.EmbeddedDns), name,
                type == RecordType.AAAA ? DnsWire.TypeAaaa : DnsWire.TypeA, timeout, cancellationToken).ConfigureAwait(false);
            if (answer != null && answer.Addresses.Count > 0)
                return new ProbeObservation(ProbeOutcome.Resolved, ProbeMethods.SetnsDns,
                    "not in /etc/hosts; " + detail + ": " + string.Join(", ", answer.Addresses), addresses: answer.Addresses);
            return new ProbeObservation(ProbeOutcome.NotResolved, ProbeMethods.SetnsDns,
                "not in /etc/hosts; " + detail + (answer != null && answer.ResponseCode == 0 ? " with no " + type + " record" : string.Empty));
        }

        private bool Runnable(ContainerInfo source, out ContainerInfo owner, out string why)
        {
            owner = _model.NamespaceOwner(source) ?? source;
            why = string.Empty;
            if (!source.IsRunning) why = source.Name + " is not running, so it has no network namespace to probe from";
            else if (!owner.IsRunning) why = source.Name + " shares " + owner.Name + "'s namespace, and " + owner.Name + " is not running";
            // A container: mode container has a pid of its own in the shared namespace; prefer it over the owner's.
            else if (source.Pid > 0) owner = source;
            return why.Length == 0;
        }

        private async Task<ProbeObservation> WithDaemonAsync(Func<Task<ProbeObservation>> probe, CancellationToken cancellationToken)
        {
            try
            {
                return await probe().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception) when (exception is not DockerNetException)
            {
                var error = DaemonErrors.Map(exception, _endpoint);
                return ProbeObservation.NotRun(_runner.Value.Method + " failed: " + error.Message);
            }
        }

        public void Dispose()
        {
            if (_client.IsValueCreated) _client.Value.Dispose();
        }
    }
}
