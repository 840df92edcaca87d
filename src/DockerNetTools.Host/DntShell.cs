using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace DockerNetTools.Host
{
    /// <summary>
    /// One runspace with DockerNetTools imported, kept for the whole dnt session (so Connect-DockerNet lasts),
    /// and the loop that runs pipelines through Out-Default.
    /// </summary>
    internal sealed class DntShell : IDisposable
    {
        private readonly DntHost _host;
        private readonly Runspace _runspace;
        private readonly TextWriter _error;
        private readonly object _gate = new object();
        private PowerShell? _current;

        private DntShell(DntHost host, Runspace runspace, TextWriter error)
        {
            _host = host;
            _runspace = runspace;
            _error = error;
        }

        /// <summary>
        /// Opens the runspace and imports <paramref name="manifestPath"/>; null (after printing why) when that fails.
        /// <paramref name="plainText"/>: no ANSI styling (output redirected, NO_COLOR, tests); otherwise table headers are styled like pwsh's.
        /// </summary>
        public static DntShell? Open(string manifestPath, TextWriter output, TextWriter error, int width, TextReader input, bool plainText)
        {
            // PSStyle is process-wide in the engine: the setting is dnt's to make, since dnt owns the process.
            PSStyle.Instance.OutputRendering = plainText ? OutputRendering.PlainText : OutputRendering.Host;
            var host = new DntHost(output, error, width, input);
            var state = InitialSessionState.CreateDefault2();
            // Windows only: the module ships unsigned format files. Elsewhere there is no execution policy and setting one throws.
            if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            // Only DockerNetTools is imported at start. pwsh's own modules (Microsoft.PowerShell.Management, Utility, Security, Host)
            // come with the PowerShell SDK into $PSHOME/Modules (next to System.Management.Automation.dll) and load the way pwsh
            // loads them: on first use of one of their commands, by module autoloading, so a pipeline that needs none pays nothing.
            state.ImportPSModule(new[] { manifestPath });
            state.ThrowOnRunspaceOpenError = true;

            var runspace = RunspaceFactory.CreateRunspace(host, state);
            // One pipeline thread for the session, running in dnt's culture (pwsh sets its thread's culture itself; the engine
            // does not apply PSHost.CurrentCulture on .NET Core).
            runspace.ThreadOptions = PSThreadOptions.ReuseThread;
            try
            {
                runspace.Open();
                using var culture = PowerShell.Create();
                culture.Runspace = runspace;
                culture.AddScript("[System.Globalization.CultureInfo]::CurrentCulture = $args[0]").AddArgument(host.CurrentCulture).Invoke();
            }
            catch (RuntimeException exception)
            {
                error.WriteLine("dnt: could not import its modules: " + exception.Message);
                runspace.Dispose();
                return null;
            }
            return new DntShell(host, runspace, error);
        }

        /// <summary>Runs one pipeline and returns dnt's exit code for it (or the code given to `exit`).</summary>
        public int RunOnce(string script)
        {
            var code = Execute(script);
            return _host.ExitCode ?? code;
        }

        /// <summary>Reads a line, runs it, prints; until exit, quit, `exit n`, or end of input (Ctrl+D).</summary>
        public int RunInteractive(TextReader input)
        {
            var last = ExitCodes.Success;
            while (_host.ExitCode == null)
            {
                _host.UI.Write(Prompt());
                var line = input.ReadLine();
                if (line == null)
                {
                    _host.UI.WriteLine();
                    break;
                }
                var trimmed = line.Trim();
                if (trimmed.Length == 0) continue;
                if (trimmed == "exit" || trimmed == "quit") break;
                last = Execute(line);
            }
            return _host.ExitCode ?? last;
        }

        /// <summary>Stops the pipeline that is running, if any. True when there was one (Ctrl+C then must not end dnt).</summary>
        public bool StopCurrent()
        {
            PowerShell? running;
            lock (_gate) running = _current;
            if (running == null) return false;
            running.BeginStop(null, null);
            return true;
        }

        /// <summary>Runs <paramref name="script"/> piped to Out-Default, printing errors as they are written.</summary>
        public int Execute(string script)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script).AddCommand("Out-Default");
            var errors = 0;
            ps.Streams.Error.DataAdded += (_, e) =>
            {
                errors++;
                _error.WriteLine(ErrorText.Format(ps.Streams.Error[e.Index]));
            };

            lock (_gate) _current = ps;
            try
            {
                ps.Invoke();
            }
            catch (RuntimeException exception)
            {
                // A terminating error (ThrowTerminatingError, throw, -ErrorAction Stop) or a parse error.
                _error.WriteLine(ErrorText.Format(exception.ErrorRecord));
                return ExitCodes.TerminatingError;
            }
            finally
            {
                lock (_gate) _current = null;
            }

            if (ps.InvocationStateInfo.State == PSInvocationState.Stopped) return ExitCodes.TerminatingError;
            return errors > 0 ? ExitCodes.NonTerminatingError : ExitCodes.Success;
        }

        private string Prompt()
        {
            try
            {
                using var ps = PowerShell.Create();
                ps.Runspace = _runspace;
                var result = ps.AddCommand("prompt").Invoke();
                if (result.Count > 0 && result[0] != null) return result[0].ToString();
            }
            catch (RuntimeException)
            {
                // No prompt function: fall through to the plain prompt.
            }
            return "PS> ";
        }

        public void Dispose() => _runspace.Dispose();
    }
}
