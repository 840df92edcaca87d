using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>
    /// The real Docker Compose (2.40, Debian unstable's docker-compose): DNT_COMPOSE (`.ci/docker-test-daemon.sh compose`
    /// fetches it and `compose-env` names it), else docker-compose on PATH or in a cli-plugins folder.
    /// </summary>
    internal static class ComposeCli
    {
        public static string? Executable { get; } = Find();

        /// <summary>Why the compose tests cannot run (no binary), or null.</summary>
        public static string? Problem => Executable == null
            ? "no docker-compose found (DNT_COMPOSE, PATH, ~/.docker/cli-plugins, /usr/libexec/docker/cli-plugins): run .ci/docker-test-daemon.sh compose and eval \"$(.ci/docker-test-daemon.sh compose-env)\""
            : null;

        private static string? Find()
        {
            var fromEnv = Environment.GetEnvironmentVariable("DNT_COMPOSE");
            if (!string.IsNullOrEmpty(fromEnv)) return File.Exists(fromEnv) ? fromEnv : null;
            var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
                .Select(d => Path.Combine(d, "docker-compose"));
            var plugins = new[]
            {
                Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "cli-plugins", "docker-compose"),
                "/usr/local/lib/docker/cli-plugins/docker-compose",
                "/usr/libexec/docker/cli-plugins/docker-compose",
            };
            return path.Concat(plugins).FirstOrDefault(File.Exists);
        }

        /// <summary>docker-compose with <paramref name="arguments"/> in <paramref name="folder"/> (DOCKER_HOST inherited).</summary>
        public static DockerCli.Result Run(string folder, TimeSpan timeout, params string[] arguments)
        {
            var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(Problem))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                return new DockerCli.Result(-1, stdout.Result, "timed out after " + timeout + ": docker-compose " + string.Join(" ", arguments));
            }
            return new DockerCli.Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
