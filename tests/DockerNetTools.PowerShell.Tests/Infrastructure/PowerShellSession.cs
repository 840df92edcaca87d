using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace DockerNetTools.PowerShell.Tests.Infrastructure
{
    /// <summary>What one script produced: output objects, errors (non-terminating, then a terminating one if any), warnings.</summary>
    public sealed class ScriptResult
    {
        public ScriptResult(IReadOnlyList<PSObject> output, IReadOnlyList<ErrorRecord> errors, IReadOnlyList<WarningRecord> warnings,
            ErrorRecord? terminatingError)
        {
            Output = output;
            Errors = errors;
            Warnings = warnings;
            TerminatingError = terminatingError;
        }

        public IReadOnlyList<PSObject> Output { get; }
        public IReadOnlyList<ErrorRecord> Errors { get; }
        public IReadOnlyList<WarningRecord> Warnings { get; }
        public ErrorRecord? TerminatingError { get; }

        /// <summary>The output's base objects of type T (fails when something else came out).</summary>
        public IReadOnlyList<T> Objects<T>() => Output.Select(o => Assert.IsType<T>(o.BaseObject)).ToList();

        /// <summary>Asserts the script wrote no error at all and returns the output.</summary>
        public ScriptResult AssertClean()
        {
            var all = Errors.Concat(TerminatingError == null ? Array.Empty<ErrorRecord>() : new[] { TerminatingError }).ToList();
            Assert.True(all.Count == 0, "Unexpected errors: " + string.Join(" | ", all.Select(e => e.FullyQualifiedErrorId + ": " + e)));
            return this;
        }
    }

    /// <summary>
    /// A runspace (InitialSessionState.CreateDefault2: the Core cmdlets imported, pwsh's Management, Utility, Security and Host
    /// modules autoloaded from the PowerShell SDK's $PSHOME/Modules on first use, as in dnt) that imported the built manifest. One per test class; tests that change the session default open their own.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace _runspace;
        private readonly object _gate = new object();

        public PowerShellSession()
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { Repository.Manifest });
            state.ThrowOnRunspaceOpenError = true;
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
        }

        /// <summary>Runs <paramref name="script"/>; <paramref name="parameters"/> become variables ($name) in the runspace first.</summary>
        public ScriptResult Run(string script, IDictionary<string, object?>? parameters = null)
        {
            lock (_gate)
            {
                if (parameters != null)
                {
                    foreach (var pair in parameters) _runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
                }
                using var ps = System.Management.Automation.PowerShell.Create();
                ps.Runspace = _runspace;
                ps.AddScript(script);
                Collection<PSObject> output;
                ErrorRecord? terminating = null;
                try
                {
                    output = ps.Invoke();
                }
                catch (RuntimeException exception)
                {
                    output = new Collection<PSObject>();
                    terminating = exception.ErrorRecord;
                }
                return new ScriptResult(output.Where(o => o != null).ToList(), ps.Streams.Error.ToList(), ps.Streams.Warning.ToList(), terminating);
            }
        }

        public void Dispose() => _runspace.Dispose();
    }
}
