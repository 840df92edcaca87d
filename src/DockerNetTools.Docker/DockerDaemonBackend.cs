using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using global::Docker.DotNet;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Building;
using DockerNetTools.Docker.Client;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Model;

namespace DockerNetTools.Docker
{
    /// <summary>
    /// The live backend: asks a Docker daemon for its networks and containers, negotiating the API version, then adds
    /// what the kernel says (veth peers, bridges, sockets) when it runs on the Docker host itself. Reads only.
    /// </summary>
    public sealed partial class DockerDaemonBackend : IDockerNetBackend
    {
        private readonly DockerEndpoint _endpoint;
        private readonly ProcFs _procFs;
        private readonly Func<System.Version?, IDockerClient> _createClient;
        private readonly bool _checkSocketFile;

        public DockerDaemonBackend(DockerEndpoint endpoint)
            : this(endpoint, ProcFs.Host, null)
        {
        }

        /// <param name="createClient">Makes a client for an API version (null = unversioned); tests pass one over recorded responses.</param>
        internal DockerDaemonBackend(DockerEndpoint endpoint, ProcFs procFs, Func<System.Version?, IDockerClient>? createClient)
        {
            _endpoint = endpoint;
            _procFs = procFs;
            _createClient = createClient ?? (version => DockerClientFactory.Create(endpoint, version));
            _checkSocketFile = createClient == null;
        }

        /// <summary>
        /// A backend whose every client sends its requests through <paramref name="wrapHandler"/>'s handler: the benchmark
        /// counts the API calls a model read makes with it. Otherwise exactly the public backend.
        /// </summary>
        internal DockerDaemonBackend(DockerEndpoint endpoint, Func<System.Net.Http.HttpMessageHandler, System.Net.Http.HttpMessageHandler> wrapHandler)
            : this(endpoint, ProcFs.Host, null)
        {
            _createClient = version => DockerClientFactory.Create(endpoint, version, wrapHandler);
        }

        /// <summary>Resolves the endpoint (-DockerHost, session default, DOCKER_HOST, platform default) and creates the backend.</summary>
        public static DockerDaemonBackend Create(string? dockerHostParameter, string? sessionDockerHost) =>
            new DockerDaemonBackend(DockerEndpointResolver.Resolve(dockerHostParameter, sessionDockerHost));

        /// <summary>Resolves the endpoint as the docker CLI would (contexts included) and creates the backend.</summary>
        public static DockerDaemonBackend Create(EndpointRequest request) =>
            new DockerDaemonBackend(DockerEndpointResolver.Resolve(request));

        public string Endpoint => _endpoint.Description;

        public DockerEndpoint DockerEndpoint => _endpoint;

        /// <summary>
        /// -ProbeImage: an image on the Docker host whose short-lived helper containers (--network container:&lt;id&gt;) read
        /// and probe containers that this process cannot read from the kernel, in place of docker exec. Null (the
        /// default): nothing is created on the host.
        /// </summary>
        public string? ProbeImage { get; set; }

        public async Task<DockerHostModel> GetHostModelAsync(ModelParts parts, IOperationLog log, CancellationToken cancellationToken)
        {
            CheckSocketFile();
            try
            {
                var (client, snapshot) = await ReadSnapshotAsync(log, cancellationToken).ConfigureAwait(false);
                using (client)
                {
                    var model = HostModelBuilder.Build(snapshot);
                    var locality = DaemonLocality.Decide(_endpoint, _procFs, model.Containers);
                    var notice = locality.IsLocal ? null : new RemoteHostNotice(_endpoint.Text, locality.NotLocalBecause!, parts, model.Engine.Version) { ProbeImage = ProbeImage };
                    if (notice != null) log.Verbose("Not reading this machine's kernel for " + _endpoint.Text + ": " + locality.NotLocalBecause + ".");
                    var unread = AddKernelView(model, parts, locality, log);
                    if (locality.IsLocal) AddIpvs(model);
                    if ((parts & ModelParts.Edge) != 0)
                    {
                        if (locality.IsLocal) new HostEdgeReader(_procFs).Apply(model, _endpoint.SocketPath, log);
                        else HostEdgeReader.Unknown(model);
                    }
                    if (ProbeImage != null && unread.Count == 0)
                        log.Verbose("-ProbeImage " + ProbeImage + " is not needed: every container was read from the kernel here.");
                    if (unread.Count > 0)
                    {
                        Probing.ICommandRunner runner = ProbeImage == null ? new Probing.ExecRunner(client) : new Probing.HelperContainerRunner(client, _endpoint, ProbeImage);
                        var outcome = await ExecKernelReader.ApplyAsync(runner, model, unread, parts, log, cancellationToken).ConfigureAwait(false);
                        if (notice != null) notice.Containers = outcome;
                        else outcome.WarnEach(log);
                    }
                    if (notice != null) log.Warning(notice.Text());
                    return model;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception) when (exception is not DockerNetException)
            {
                throw DaemonErrors.Map(exception, _endpoint);
            }
        }

        /// <summary>Negotiates the API version on an unversioned GET /version, then reads everything with that version.</summary>
        internal async Task<(IDockerClient Client, DaemonSnapshot Snapshot)> ReadSnapshotAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            global::Docker.DotNet.Models.VersionResponse version;
            using (var unversioned = _createClient(null))
                version = await unversioned.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            var apiVersion = ApiVersionNegotiator.Negotiate(version.APIVersion, version.MinAPIVersion, _endpoint);
            log.Verbose("Docker daemon " + _endpoint.Text + ": Engine " + version.Version + ", API " + version.APIVersion +
                        "; speaking API " + ApiVersionNegotiator.Format(apiVersion) + ".");
            var client = _createClient(apiVersion);
            try
            {
                return (client, await DaemonReader.ReadAsync(client, _endpoint.Description, apiVersion, version, log, cancellationToken).ConfigureAwait(false));
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The kernel's view when this process is on the Docker host; returns the running containers still unread
        /// (with why), for the exec fallback. Elsewhere every container with something to read is unread.
        /// </summary>
        private IReadOnlyDictionary<ContainerInfo, string> AddKernelView(DockerHostModel model, ModelParts parts, DaemonLocality locality, IOperationLog log)
        {
            if (locality.IsLocal) return new LocalKernelReader(_procFs).Apply(model, parts, log);
            return model.Containers
                .Where(c => LocalKernelReader.NeedsInterfaces(c) || (parts & ModelParts.Sockets) != 0 && c.IsRunning && c.NetworkMode.Kind != NetworkModeKind.Container && c.NetworkMode.Kind != NetworkModeKind.Host)
                .ToDictionary(c => c, _ => locality.NotLocalBecause!);
        }

        /// <summary>
        /// Whether the local swarm node's kernel has IPVS (ip_vs), which a service's VIP and the routing mesh need: read on
        /// the Docker host itself (/proc/net/ip_vs once the module is loaded, /sys/module/ip_vs when it is built in or
        /// loaded); unknown for a daemon elsewhere (not called then). Docker loads the module itself when it can (modprobe), so a module
        /// that exists but is not loaded yet is not seen here: the answer then says so as a possibility.
        /// </summary>
        private void AddIpvs(DockerHostModel model)
        {
            var node = model.Swarm?.LocalNode;
            if (node == null) return;
            node.Ipvs = File.Exists(_procFs.PathOf("/proc/net/ip_vs")) || Directory.Exists(_procFs.PathOf("/sys/module/ip_vs"));
        }

        /// <summary>A missing unix socket is the commonest failure: say so before any connection attempt.</summary>
        private void CheckSocketFile()
        {
            var path = _endpoint.SocketPath;
            if (path == null || !_checkSocketFile) return;
            if (!File.Exists(path) && !Directory.Exists(path))
                throw DaemonErrors.Unreachable(_endpoint, "there is no socket at " + path + " (is dockerd running?)", null);
        }

        public void Dispose()
        {
            // Clients are created and disposed per read; nothing is held between calls.
        }
    }
}
