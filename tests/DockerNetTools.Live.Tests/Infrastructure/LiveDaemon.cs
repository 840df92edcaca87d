using System;
using System.Threading;
using DockerNetTools.Docker.Endpoints;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>Whether a daemon answers at DOCKER_HOST (or the platform default), asked once per test run.</summary>
    internal static class LiveDaemon
    {
        private static readonly Lazy<string?> LazyProblem = new Lazy<string?>(FindProblem, LazyThreadSafetyMode.ExecutionAndPublication);

        public static string Endpoint => DockerEndpointResolver.Resolve(null, null).Text;

        /// <summary>Null when the daemon answers; else why not.</summary>
        public static string? Problem => LazyProblem.Value;

        public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        private static string? FindProblem()
        {
            string endpoint;
            try
            {
                endpoint = Endpoint;
            }
            catch (Exception exception)
            {
                return exception.Message;
            }
            // A few bounded tries: a daemon that is (re)starting answers within seconds.
            DockerCli.Result? version = null;
            for (var attempt = 0; attempt < 5; attempt++)
            {
                version = DockerCli.RunAsync(TimeSpan.FromSeconds(15), "version", "--format", "{{.Server.APIVersion}}").GetAwaiter().GetResult();
                if (version.Ok) return null;
                Thread.Sleep(1000);
            }
            return "no Docker daemon answers at " + endpoint + " (" + version!.Stderr.Trim() + ")";
        }
    }
}
