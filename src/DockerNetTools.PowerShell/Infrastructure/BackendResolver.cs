using DockerNetTools.Backends;
using DockerNetTools.Backends.Compose;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Docker;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Picks the backend in a fixed order: -Scenario, -DockerHost, the session default from Connect-DockerNet
    /// (a scenario or a daemon), DOCKER_HOST, then the platform's default daemon socket.
    /// </summary>
    internal static class BackendResolver
    {
        public static IDockerNetBackend Resolve(string? scenario, string? dockerHost) => Resolve(scenario, dockerHost, null);

        /// <summary>
        /// With compose options, the compose backend: on an empty host, or on top of the host an explicit -Scenario or
        /// -DockerHost reads (never the session default: a what-if starts from a host the user names).
        /// </summary>
        public static IDockerNetBackend Resolve(string? scenario, string? dockerHost, ComposeOptions? compose)
        {
            if (compose != null)
            {
                IDockerNetBackend? baseHost = null;
                if (!string.IsNullOrEmpty(scenario)) baseHost = new ScenarioBackend(scenario!);
                else if (!string.IsNullOrEmpty(dockerHost)) baseHost = DockerDaemonBackend.Create(dockerHost, null);
                return new ComposeBackend(compose, baseHost);
            }
            if (!string.IsNullOrEmpty(scenario)) return new ScenarioBackend(scenario!);
            if (!string.IsNullOrEmpty(dockerHost)) return DockerDaemonBackend.Create(dockerHost, null);
            if (SessionDefaults.Scenario is { } sessionScenario) return new ScenarioBackend(sessionScenario);
            // The endpoint chain itself (session -DockerHost, DOCKER_HOST with its TLS variables, platform default) lives with the live backend.
            return DockerDaemonBackend.Create(null, SessionDefaults.DockerHost);
        }
    }
}
