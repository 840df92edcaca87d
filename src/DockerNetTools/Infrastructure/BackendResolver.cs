using System;
using DockerNetTools.Backends;
using DockerNetTools.Backends.Scenario;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Picks the backend in a fixed order: -Scenario, -DockerHost, the session default from Connect-DockerNet,
    /// DOCKER_HOST, then the platform's default daemon socket.
    /// </summary>
    internal static class BackendResolver
    {
        public static IDockerNetBackend Resolve(string? scenario, string? dockerHost)
        {
            if (!string.IsNullOrEmpty(scenario)) return new ScenarioBackend(scenario!);
            if (!string.IsNullOrEmpty(dockerHost)) return CreateDaemonBackend(dockerHost);
            if (SessionDefaults.Scenario is { } sessionScenario) return new ScenarioBackend(sessionScenario);
            return CreateDaemonBackend(SessionDefaults.DockerHost);
        }

        private static IDockerNetBackend CreateDaemonBackend(string? explicitHost) =>
            throw new Diagnostics.DockerNetException(
                "DaemonBackendUnavailable",
                Diagnostics.ErrorKind.NotImplemented,
                "The live Docker daemon backend is not part of this build yet. Use -Scenario <name-or-path>, or Connect-DockerNet -Scenario SeedLab.",
                explicitHost ?? Environment.GetEnvironmentVariable("DOCKER_HOST"));
    }
}
