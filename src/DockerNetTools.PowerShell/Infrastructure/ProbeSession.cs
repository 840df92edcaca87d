using System;
using System.Management.Automation;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// The -Probe plumbing shared by Test-DockerNetReachability and Resolve-DockerNetName: checks that the selected
    /// backend talks to a real host (a scenario has no traffic to probe), then hands out its prober for the model.
    /// </summary>
    internal sealed class ProbeSession : IDisposable
    {
        private readonly IDockerNetBackend _backend;
        private IReachabilityProber? _prober;

        private ProbeSession(IDockerNetBackend backend)
        {
            _backend = backend;
        }

        /// <summary>Seconds as typed (-ProbeTimeout 5), bounded by the parameter's validation.</summary>
        public static TimeSpan Timeout(double seconds) => TimeSpan.FromSeconds(seconds);

        /// <summary>Throws the terminating ProbeRequiresLiveDaemon when the cmdlet's backend is a scenario.</summary>
        public static ProbeSession Open(DockerNetCmdlet cmdlet, (string? Scenario, string? DockerHost, string? Context) host)
        {
            var (scenario, dockerHost, context) = host;
            var backend = BackendResolver.Resolve(scenario, dockerHost, context, cmdlet.ComposeOptions());
            ModelReader.UseProbeImage(cmdlet, backend);
            if (backend is IProbeCapable) return new ProbeSession(backend);
            var endpoint = backend.Endpoint;
            backend.Dispose();
            var error = new DockerNetException(ErrorIds.ProbeRequiresLiveDaemon, ErrorKind.InvalidArgument,
                "-Probe sends real packets from inside the containers, so it needs a live Docker daemon; " + endpoint
                + " is a modelled host with no traffic to probe.", endpoint)
            {
                RecommendedAction = "Drop -Probe, or run against the daemon (-DockerHost, Connect-DockerNet -DockerHost, DOCKER_HOST) without -Scenario.",
            };
            cmdlet.ThrowTerminatingError(ErrorRecords.From(error));
            throw error; // unreachable: ThrowTerminatingError always throws
        }

        public IReachabilityProber ProberFor(DockerHostModel model, IOperationLog log) =>
            _prober ??= ((IProbeCapable)_backend).CreateProber(model, log);

        public void Dispose()
        {
            _prober?.Dispose();
            _backend.Dispose();
        }
    }
}
