using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.PowerShell.Infrastructure;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// Makes a scenario, a daemon endpoint or a docker context the session default for every DockerNetTools cmdlet.
    /// The target is read once here, so a typo or a broken scenario fails now rather than at the next command.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "DockerNet", DefaultParameterSetName = ScenarioSet)]
    [OutputType(typeof(DockerNetConnection))]
    public sealed class ConnectDockerNetCommand : AsyncCmdlet
    {
        private const string ScenarioSet = "Scenario";
        private const string DockerHostSet = "DockerHost";
        private const string ContextSet = "Context";

        #region Parameters

        /// <summary>A built-in scenario name (SeedLab) or the path of a scenario YAML file.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ScenarioSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ScenarioNameCompleter))]
        public string Scenario { get; set; } = string.Empty;

        /// <summary>The Docker daemon endpoint (unix://, npipe://, tcp://, ssh://).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DockerHostSet)]
        [ValidateNotNullOrEmpty]
        public string DockerHost { get; set; } = string.Empty;

        /// <summary>A docker context (`docker context ls`): later cmdlets read the daemon of its docker endpoint.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ContextSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        public string Context { get; set; } = string.Empty;

        /// <summary>Returns the connection that was set.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        protected override async Task EndProcessingAsync()
        {
            var (kind, target) = ParameterSetName switch
            {
                ScenarioSet => (DockerNetBackendKind.Scenario, ModelReader.ResolveScenario(this, Scenario)),
                ContextSet => (DockerNetBackendKind.Context, Context),
                _ => (DockerNetBackendKind.DockerHost, DockerHost),
            };

            Model.DockerHostModel model;
            try
            {
                model = await ModelReader.ReadAsync(this,
                    kind == DockerNetBackendKind.Scenario ? target : null,
                    kind == DockerNetBackendKind.DockerHost ? target : null,
                    kind == DockerNetBackendKind.Context ? target : null,
                    ModelParts.Topology, new CmdletOperationLog(this), CancellationToken).ConfigureAwait(true);
            }
            catch (DockerNetException exception)
            {
                ThrowTerminatingError(ErrorRecords.From(exception));
                return;
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            if (kind == DockerNetBackendKind.Scenario) SessionDefaults.UseScenario(target);
            else if (kind == DockerNetBackendKind.Context) SessionDefaults.UseContext(target);
            else SessionDefaults.UseDockerHost(target);
            WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.Connected, model.Source));

            if (PassThru)
                WriteObject(new DockerNetConnection(kind, target, model.Source, model.Engine.Version, model.Networks.Count, model.Containers.Count));
        }

        #endregion
    }
}
