using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Runs the cmdlet's async work on a single-threaded pump so that WriteObject/WriteError after an await
    /// still happen on the pipeline thread. StopProcessing (Ctrl+C) cancels <see cref="CancellationToken"/>.
    /// </summary>
    public abstract class AsyncCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken CancellationToken => _stopping.Token;

        protected virtual Task BeginProcessingAsync() => Task.CompletedTask;
        protected virtual Task ProcessRecordAsync() => Task.CompletedTask;
        protected virtual Task EndProcessingAsync() => Task.CompletedTask;

        /// <summary>Runs before BeginProcessingAsync, when only the command-line arguments are bound.</summary>
        protected virtual void OnCommandLineBound() { }

        protected sealed override void BeginProcessing()
        {
            OnCommandLineBound();
            Pump(BeginProcessingAsync);
        }
        protected sealed override void ProcessRecord() => Pump(ProcessRecordAsync);
        protected sealed override void EndProcessing() => Pump(EndProcessingAsync);

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Called by PowerShell when the command is done, whether it finished, failed or was stopped.</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases what the cmdlet holds; an override calls the base.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing) _stopping.Dispose();
        }

        private static void Pump(Func<Task> work)
        {
            var previous = SynchronizationContext.Current;
            using var context = new PumpSynchronizationContext();
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                var task = work();
                task.ContinueWith(_ => context.Complete(), TaskScheduler.Default);
                context.RunUntilComplete();
                // GetResult rethrows the original exception, not an AggregateException.
                task.GetAwaiter().GetResult();
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }
        }

        /// <summary>Queues continuations and runs them on the thread that called <see cref="RunUntilComplete"/>.</summary>
        private sealed class PumpSynchronizationContext : SynchronizationContext, IDisposable
        {
            private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue =
                new BlockingCollection<(SendOrPostCallback, object?)>();

            public override void Post(SendOrPostCallback d, object? state)
            {
                try
                {
                    _queue.Add((d, state));
                }
                catch (InvalidOperationException)
                {
                    // The pump has finished: run the stray continuation on the thread pool instead of losing it.
                    ThreadPool.QueueUserWorkItem(_ => d(state));
                }
            }

            public override void Send(SendOrPostCallback d, object? state) =>
                throw new NotSupportedException("Synchronous Send is not supported on the pipeline pump.");

            public void Complete() => _queue.CompleteAdding();

            public void RunUntilComplete()
            {
                foreach (var (callback, state) in _queue.GetConsumingEnumerable())
                    callback(state);
            }

            public void Dispose() => _queue.Dispose();
        }
    }
}
