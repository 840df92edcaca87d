using System;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that reads a Docker host: the -Scenario/-DockerHost parameters,
    /// backend resolution, and turning core failures into ErrorRecords.
    /// </summary>
    public abstract class DockerNetCmdlet : AsyncCmdlet
    {
        private IOperationLog? _log;
        private DockerHostModel? _model;

        #region Parameters

        /// <summary>A built-in scenario name (SeedLab) or the path of a scenario YAML file: work on a modelled host, no daemon needed.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ScenarioNameCompleter))]
        public string? Scenario { get; set; }

        /// <summary>The Docker daemon endpoint (unix://, npipe://, tcp://). Defaults to the session, DOCKER_HOST, then the platform socket.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DockerHost { get; set; }

        #endregion

        /// <summary>Where core messages go (verbose, warnings, progress).</summary>
        protected IOperationLog Log => _log ??= new CmdletOperationLog(this);

        /// <summary>The parts of the model this cmdlet needs; a live backend skips the rest.</summary>
        protected virtual ModelParts RequiredParts => ModelParts.Topology;

        /// <summary>
        /// The host model, built once per cmdlet invocation (not per pipeline record).
        /// A failure to build it is terminating: nothing else can be answered without it.
        /// </summary>
        protected async Task<DockerHostModel> GetModelAsync()
        {
            if (_model != null) return _model;
            try
            {
                var scenario = Scenario == null ? null : ModelReader.ResolveScenario(this, Scenario);
                _model = await ModelReader.ReadAsync(this, scenario, DockerHost, RequiredParts, Log, CancellationToken).ConfigureAwait(true);
                return _model;
            }
            catch (DockerNetException exception)
            {
                ThrowTerminatingError(ErrorRecords.From(exception));
                throw; // unreachable: ThrowTerminatingError always throws
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Writes a non-terminating error for one failing item.</summary>
        protected void WriteError(DockerNetException exception) => WriteError(ErrorRecords.From(exception));

        /// <summary>
        /// Runs the work for one item (one name, one pipeline record); a core failure about that item becomes a
        /// non-terminating error and the cmdlet goes on with the next one. Returns false when the item failed.
        /// </summary>
        protected bool TryItem(Action work)
        {
            try
            {
                work();
                return true;
            }
            catch (DockerNetException exception)
            {
                WriteError(exception);
                return false;
            }
        }
    }
}
