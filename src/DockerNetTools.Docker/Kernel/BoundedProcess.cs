using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>A host tool run with a time limit (iptables-save, ip6tables): killed when it outlives it, never waited on forever.</summary>
    internal static class BoundedProcess
    {
        /// <summary>What the tool printed on stdout and its exit code.</summary>
        internal sealed class Outcome
        {
            public Outcome(int exitCode, string output)
            {
                ExitCode = exitCode;
                Output = output;
            }

            public int ExitCode { get; }
            public string Output { get; }
        }

        /// <summary>Runs the tool; null when it cannot start or outlives the timeout (then it is killed). Stderr is discarded.</summary>
        public static Outcome? Run(string file, string arguments, TimeSpan timeout)
        {
            var info = new ProcessStartInfo(file, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            try
            {
                using var process = Process.Start(info);
                if (process == null) return null;
                var output = new StringBuilder();
                process.OutputDataReceived += (_, e) =>
                {
                    if (e.Data != null) lock (output) output.Append(e.Data).Append('\n');
                };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                if (!process.WaitForExit((int)timeout.TotalMilliseconds))
                {
                    try
                    {
                        process.Kill();
                    }
                    catch (InvalidOperationException)
                    {
                        // It exited in between.
                    }
                    return null;
                }
                process.WaitForExit(); // drains the asynchronous readers
                lock (output) return new Outcome(process.ExitCode, output.ToString());
            }
            catch (Exception exception) when (exception is System.ComponentModel.Win32Exception || exception is InvalidOperationException || exception is IOException)
            {
                return null;
            }
        }
    }
}
