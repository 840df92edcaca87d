using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using DockerNetTools.Host;

namespace DockerNetTools.PowerShell.Tests.Infrastructure
{
    /// <summary>What dnt printed and returned.</summary>
    public sealed class DntResult
    {
        public DntResult(int exitCode, string output, string error)
        {
            ExitCode = exitCode;
            Output = output;
            Error = error;
        }

        public int ExitCode { get; }
        public string Output { get; }
        public string Error { get; }

        public override string ToString() => "exit " + ExitCode + "\n--- stdout\n" + Output + "\n--- stderr\n" + Error;
    }

    /// <summary>Runs dnt in-process (its PSHost on the repository manifest) or as the built program (with its staged module).</summary>
    internal static class DntRunner
    {
        /// <summary>In-process: the same shell class dnt uses, plain text, 120 columns, on the repository's manifest, in the repository folder.</summary>
        public static DntResult InProcess(string script, int width = 120)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            using var shell = DntShell.Open(Repository.Manifest, output, error, width, TextReader.Null, plainText: true);
            Assert.True(shell != null, "dnt could not import the module: " + error);
            // In the repository, as Process() runs dnt: an example's relative path (examples/contract/…) is found.
            Assert.Equal(0, shell!.RunOnce("$null = $ExecutionContext.SessionState.Path.SetLocation('" + Repository.Root.Replace("'", "''", StringComparison.Ordinal) + "')"));
            var code = shell.RunOnce(script);
            return new DntResult(code, output.ToString(), error.ToString());
        }

        /// <summary>
        /// The built dnt as a child process, exactly as a user runs it (stdout redirected, so no colours, and 120 columns unless
        /// <paramref name="environment"/> sets COLUMNS: the test run's own COLUMNS is not passed on).
        /// </summary>
        public static DntResult Process(string? script, string? moduleOverride = null, string? stdin = null,
            IReadOnlyDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = Repository.Root,
            };
            start.ArgumentList.Add(Repository.DntDll);
            if (script != null) start.ArgumentList.Add(script);
            start.Environment.Remove(ModuleLocator.OverrideVariable);
            if (moduleOverride != null) start.Environment[ModuleLocator.OverrideVariable] = moduleOverride;
            start.Environment.Remove(TerminalWidth.ColumnsVariable);
            foreach (var variable in environment ?? new Dictionary<string, string>()) start.Environment[variable.Key] = variable.Value;

            using var process = System.Diagnostics.Process.Start(start)!;
            if (stdin != null) process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            var stdoutTask = process.StandardOutput.ReadToEndAsync();
            var stderrTask = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "dnt did not finish within a minute");
            return new DntResult(process.ExitCode, stdoutTask.Result, stderrTask.Result);
        }
    }
}
