using DockerNetTools.Backends;
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
        public static IDockerNetBackend Resolve(string? scenario, string? dockerHost)
        {
            if (!string.IsNullOrEmpty(scenario)) return new ScenarioBackend(scenario!);
            if (!string.IsNullOrEmpty(dockerHost)) return DockerDaemonBackend.Create(dockerHost, null);
            if (SessionDefaults.Scenario is { } sessionScenario) return new ScenarioBackend(sessionScenario);
            // The endpoint chain itself (session -DockerHost, DOCKER_HOST with its TLS variables, platform default) lives with the live backend.
            return DockerDaemonBackend.Create(null, SessionDefaults.DockerHost);
        }
    }
}
