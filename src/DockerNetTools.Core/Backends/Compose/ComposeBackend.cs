using System;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Compose
{
    /// <summary>
    /// The what-if backend of a compose project: the host as it would be after `docker compose up`, modelled on an
    /// empty host, or on top of the host another backend reads (a scenario, a live daemon) so that the stack meets
    /// the networks, containers and ports already there.
    /// </summary>
    public sealed class ComposeBackend : IDockerNetBackend
    {
        private readonly ComposeOptions _options;
        private readonly IDockerNetBackend? _baseHost;

        public ComposeBackend(ComposeOptions options, IDockerNetBackend? baseHost)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _baseHost = baseHost;
        }

        public string Endpoint => "compose " + string.Join(" ", _options.Files) + (_baseHost == null ? string.Empty : " on " + _baseHost.Endpoint);

        public async Task<DockerHostModel> GetHostModelAsync(ModelParts parts, IOperationLog log, CancellationToken cancellationToken)
        {
            DockerHostModel? baseModel = null;
            if (_baseHost != null) baseModel = await _baseHost.GetHostModelAsync(parts | ModelParts.Topology, log, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return ComposeLoader.Build(_options, baseModel);
        }

        public void Dispose() => _baseHost?.Dispose();
    }
}
