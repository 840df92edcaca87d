using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Forwards the core's verbose/warning/progress messages to the cmdlet. Messages raised on another thread
    /// are posted to the pipeline pump, because PowerShell only accepts writes from the pipeline thread.
    /// A warning is written once per command: a host read again for another pipeline record, or a prober saying what
    /// the model read said, does not repeat it.
    /// </summary>
    internal sealed class CmdletOperationLog : IOperationLog
    {
        private const int ActivityId = 0x444e54;
        private readonly Cmdlet _cmdlet;
        private readonly SynchronizationContext? _pipeline;
        private readonly int _pipelineThreadId;
        private readonly HashSet<string> _warned = new HashSet<string>(StringComparer.Ordinal);

        public CmdletOperationLog(Cmdlet cmdlet)
        {
            _cmdlet = cmdlet;
            _pipeline = SynchronizationContext.Current;
            _pipelineThreadId = Environment.CurrentManagedThreadId;
        }

        public void Verbose(string message) => OnPipeline(() => _cmdlet.WriteVerbose(message));

        public void Warning(string message)
        {
            lock (_warned)
                if (!_warned.Add(message)) return;
            OnPipeline(() => _cmdlet.WriteWarning(message));
        }

        public void Progress(string activity, string status, int percentComplete) => OnPipeline(() =>
        {
            var record = new ProgressRecord(ActivityId, activity, string.IsNullOrEmpty(status) ? activity : status);
            if (percentComplete >= 0) record.PercentComplete = Math.Min(percentComplete, 100);
            if (percentComplete >= 100) record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(record);
        });

        private void OnPipeline(Action write)
        {
            if (Environment.CurrentManagedThreadId == _pipelineThreadId || _pipeline == null)
            {
                write();
                return;
            }
            _pipeline.Post(_ =>
            {
                // After the pump has finished a late message has no pipeline to go to; dropping it is the only safe option.
                if (Environment.CurrentManagedThreadId == _pipelineThreadId) write();
            }, null);
        }
    }
}
