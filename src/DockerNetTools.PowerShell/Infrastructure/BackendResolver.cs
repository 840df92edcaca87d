using DockerNetTools.Backends;
using DockerNetTools.Backends.Compose;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Docker;
using DockerNetTools.Docker.Endpoints;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Picks the backend in a fixed order: -Scenario, -DockerHost or -Context, the session default from Connect-DockerNet
    /// (a scenario, a daemon or a context), then the docker CLI's own chain (DOCKER_HOST, DOCKER_CONTEXT, currentContext,
    /// the platform's default daemon socket: <see cref="DockerEndpointResolver"/>).
    /// </summary>
    internal static class BackendResolver
    {
        public static IDockerNetBackend Resolve(string? scenario, string? dockerHost) => Resolve(scenario, dockerHost, null, null);

        /// <summary>
        /// With compose options, the compose backend: on an empty host, or on top of the host an explicit -Scenario or
        /// -DockerHost reads (never the session default: a what-if starts from a host the user names).
        /// </summary>
        public static IDockerNetBackend Resolve(string? scenario, string? dockerHost, string? context, ComposeOptions? compose)
        {
            var named = !string.IsNullOrEmpty(dockerHost) || !string.IsNullOrEmpty(context);
            if (compose != null)
            {
                IDockerNetBackend? baseHost = null;
                if (!string.IsNullOrEmpty(scenario)) baseHost = new ScenarioBackend(scenario!);
                else if (named) baseHost = DockerDaemonBackend.Create(new EndpointRequest { DockerHost = dockerHost, Context = context });
                return new ComposeBackend(compose, baseHost);
            }
            if (!string.IsNullOrEmpty(scenario)) return new ScenarioBackend(scenario!);
            if (named) return DockerDaemonBackend.Create(new EndpointRequest { DockerHost = dockerHost, Context = context });
            if (SessionDefaults.Scenario is { } sessionScenario) return new ScenarioBackend(sessionScenario);
            // The endpoint chain itself (session host or context, DOCKER_HOST with its TLS variables, DOCKER_CONTEXT,
            // currentContext, platform default) lives with the live backend.
            return DockerDaemonBackend.Create(new EndpointRequest { SessionDockerHost = SessionDefaults.DockerHost, SessionContext = SessionDefaults.Context });
        }
    }
}
