using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>A runspace that imported the built manifest, to run the cmdlets against the live daemon (DOCKER_HOST) as a user would.</summary>
    public sealed class ModuleRunspace : IDisposable
    {
        private readonly Runspace _runspace;

        public ModuleRunspace()
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { Path.Combine(RepositoryRoot, "DockerNetTools.psd1") });
            state.ThrowOnRunspaceOpenError = true;
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
        }

        public static string RepositoryRoot
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "DockerNetTools.psd1"))) return dir.FullName;
                throw new InvalidOperationException("DockerNetTools.psd1 not found above " + AppContext.BaseDirectory);
            }
        }

        public sealed class Result
        {
            public Result(IReadOnlyList<PSObject> output, IReadOnlyList<ErrorRecord> errors, IReadOnlyList<WarningRecord> warnings)
            {
                Output = output;
                Errors = errors;
                Warnings = warnings;
            }

            public IReadOnlyList<PSObject> Output { get; }
            public IReadOnlyList<ErrorRecord> Errors { get; }
            public IReadOnlyList<WarningRecord> Warnings { get; }
        }

        /// <summary>Runs <paramref name="script"/> with <paramref name="variables"/> set first; a terminating error fails the test with its id.</summary>
        public Result Run(string script, IDictionary<string, object?>? variables = null)
        {
            foreach (var pair in variables ?? new Dictionary<string, object?>()) _runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            Collection<PSObject> output;
            try
            {
                output = ps.Invoke();
            }
            catch (RuntimeException exception)
            {
                throw new InvalidOperationException("'" + script + "' stopped: " + exception.ErrorRecord.FullyQualifiedErrorId + ": " + exception.Message, exception);
            }
            return new Result(output.Where(o => o != null).ToList(), ps.Streams.Error.ToList(), ps.Streams.Warning.ToList());
        }

        public static object? Property(PSObject item, string name) => item.Properties[name]?.Value;

        public static string Text(PSObject item, string name) => Property(item, name)?.ToString() ?? string.Empty;

        public void Dispose() => _runspace.Dispose();
    }
}
