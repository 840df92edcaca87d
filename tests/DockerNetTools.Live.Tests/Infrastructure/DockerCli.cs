using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>The docker CLI, to build the labs the way the seed notes do and to observe the truth independently of the module.</summary>
    internal static class DockerCli
    {
        public sealed class Result
        {
            public Result(int exitCode, string stdout, string stderr)
            {
                ExitCode = exitCode;
                Stdout = stdout;
                Stderr = stderr;
            }

            public int ExitCode { get; }
            public string Stdout { get; }
            public string Stderr { get; }
            public bool Ok => ExitCode == 0;
            public override string ToString() => "exit " + ExitCode + ": " + Stdout.Trim() + " " + Stderr.Trim();
        }

        public static string Executable { get; } = new[] { "/usr/local/bin/docker", "/usr/bin/docker" }.FirstOrDefault(File.Exists) ?? "docker";

        public static Result Run(params string[] arguments) => RunAsync(TimeSpan.FromSeconds(60), arguments).GetAwaiter().GetResult();

        public static async Task<Result> RunAsync(TimeSpan timeout, params string[] arguments)
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                return new Result(-1, await stdout, "timed out after " + timeout + ": docker " + string.Join(" ", arguments));
            }
            return new Result(process.ExitCode, await stdout, await stderr);
        }

        public static string Must(params string[] arguments)
        {
            var result = Run(arguments);
            if (!result.Ok) throw new InvalidOperationException("docker " + string.Join(" ", arguments) + " failed: " + result);
            return result.Stdout.Trim();
        }
    }
}
