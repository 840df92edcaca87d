using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace DockerNetTools.Docker.Tests.Endpoints
{
    /// <summary>
    /// A throwaway docker config folder written by the real docker CLI (`docker context create/use` with DOCKER_CONFIG
    /// pointing here), so the context store is read exactly as the CLI leaves it. No daemon is needed for that.
    /// </summary>
    internal sealed class DockerCliConfig : IDisposable
    {
        public DockerCliConfig()
        {
            Directory = Path.Combine(Path.GetTempPath(), "dnt-ctx-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            System.IO.Directory.CreateDirectory(Directory);
        }

        public string Directory { get; }

        /// <summary>Debian's docker.io CLI, which .ci installs; else the first docker on PATH; null when there is none.</summary>
        public static string? Executable { get; } =
            new[] { "/usr/bin/docker", "/usr/local/bin/docker" }.FirstOrDefault(File.Exists);

        public void Docker(params string[] arguments)
        {
            var start = new ProcessStartInfo(Executable ?? "docker")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["DOCKER_CONFIG"] = Directory;
            start.Environment.Remove("DOCKER_HOST");
            start.Environment.Remove("DOCKER_CONTEXT");
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30000))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("docker " + string.Join(" ", arguments) + " timed out");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException("docker " + string.Join(" ", arguments) + " failed: " + stdout.Result + stderr.Result);
        }

        /// <summary>An environment with DOCKER_CONFIG set to this folder plus the given variables.</summary>
        public Func<string, string?> Environment(IDictionary<string, string>? more = null) =>
            name => name == "DOCKER_CONFIG" ? Directory : more != null && more.TryGetValue(name, out var value) ? value : null;

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A test that needs the docker CLI (not a daemon); skipped without it, failing with CI=true.</summary>
    public sealed class DockerCliFactAttribute : FactAttribute
    {
        public DockerCliFactAttribute()
        {
            var ci = string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            if (DockerCliConfig.Executable == null && !ci) Skip = "No docker CLI (/usr/bin/docker): install docker.io";
        }
    }
}
