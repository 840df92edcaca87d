using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Diagnostics;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Renders DOT text to SVG or PNG with Graphviz's dot, found on PATH: the text goes in on stdin, the picture comes out
    /// on stdout, and a dot that hangs is stopped after a time limit. Failures are DockerNetExceptions with stable ids
    /// (GraphvizNotFound, GraphvizFailed).
    /// </summary>
    internal static class GraphvizRenderer
    {
        /// <summary>Graphviz lays out a host of hundreds of containers in seconds; a minute means it is stuck.</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        /// <summary>The full path of dot on PATH (dot.exe on Windows); null when there is none.</summary>
        public static string? FindDot()
        {
            var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dot.exe" : "dot";
            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            return path.Split(System.IO.Path.PathSeparator)
                .Where(folder => folder.Length > 0)
                .Select(folder => System.IO.Path.Combine(folder.Trim('"'), name))
                .FirstOrDefault(File.Exists);
        }

        /// <summary>The dot on PATH, or the GraphvizNotFound failure for <paramref name="target"/>, the file that needs it.</summary>
        public static string RequireDot(string target) =>
            FindDot() ?? throw new DockerNetException(ErrorIds.GraphvizNotFound, ErrorKind.NotFound,
                Format(Messages.GraphvizNotFound, target), target) { RecommendedAction = Messages.GraphvizNotFoundAction };

        /// <summary>Runs <paramref name="dot"/> -T<paramref name="outputFormat"/> on <paramref name="dotText"/> and returns what it printed.</summary>
        public static byte[] Render(string dot, string dotText, string outputFormat, string target, CancellationToken cancellation)
        {
            var start = new ProcessStartInfo(dot, "-T" + outputFormat)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException(dot);
            }
            catch (Exception exception) when (exception is System.ComponentModel.Win32Exception || exception is InvalidOperationException)
            {
                throw Failed(dot, target, Format(Messages.GraphvizNotStarted, exception.Message), exception);
            }

            using (process)
            {
                // Read both streams while writing stdin, so a dot that answers early (an error) never blocks on a full pipe.
                var picture = new MemoryStream();
                var stdout = process.StandardOutput.BaseStream.CopyToAsync(picture);
                var stderr = process.StandardError.ReadToEndAsync();
                try
                {
                    var bytes = new UTF8Encoding(false).GetBytes(dotText);
                    process.StandardInput.BaseStream.Write(bytes, 0, bytes.Length);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // dot exited before reading everything: its exit code and stderr say why.
                }

                var clock = Stopwatch.StartNew();
                while (!process.WaitForExit(100))
                {
                    if (clock.Elapsed < Timeout && !cancellation.IsCancellationRequested) continue;
                    Stop(process);
                    cancellation.ThrowIfCancellationRequested();
                    throw Failed(dot, target, Format(Messages.GraphvizTimedOut, ((int)Timeout.TotalSeconds).ToString(CultureInfo.CurrentCulture)), null);
                }
                Task.WaitAll(new Task[] { stdout, stderr }, CancellationToken.None);
                if (process.ExitCode != 0 || picture.Length == 0)
                {
                    var said = stderr.Result.Trim();
                    throw Failed(dot, target, said.Length > 0 ? said : Format(Messages.GraphvizExitCode, process.ExitCode), null);
                }
                return picture.ToArray();
            }
        }

        private static void Stop(Process process)
        {
            try
            {
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // It exited on its own meanwhile.
            }
        }

        private static DockerNetException Failed(string dot, string target, string why, Exception? inner) =>
            new DockerNetException(ErrorIds.GraphvizFailed, ErrorKind.ResourceUnavailable, Format(Messages.GraphvizFailed, dot, target, why), target, inner);

        private static string Format(string template, params object[] args) => string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
