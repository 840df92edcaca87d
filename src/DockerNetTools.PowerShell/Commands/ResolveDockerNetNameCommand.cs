using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Backends;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.PowerShell.Infrastructure;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// What a container gets when it looks a name up, and from where: its /etc/hosts first, then Docker's embedded DNS
    /// (127.0.0.11) on user-defined networks. One object per address; a name that does not resolve is a
    /// non-terminating NameNotResolved error that says why and what to do.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "DockerNetName")]
    [OutputType(typeof(NameAnswer))]
    public sealed class ResolveDockerNetNameCommand : DockerNetCmdlet
    {
        /// <summary>The pseudo type name that selects the view with the probe's columns.</summary>
        internal const string ProbedTypeName = "DockerNetTools.Analysis.Dns.NameAnswer#Probed";

        private ProbeSession? _probes;

        #region Parameters

        /// <summary>The names to look up (container names, aliases, links, hostnames, anything a program would ask for).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(HostNameCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>The container that asks; wildcards allowed. Binds Container or Source from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Container", "Source")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[] From { get; set; } = Array.Empty<string>();

        /// <summary>A for IPv4 addresses (default), AAAA for IPv6.</summary>
        [Parameter]
        public RecordType Type { get; set; } = RecordType.A;

        /// <summary>Also looks the name up for real inside the asking container (its /etc/hosts, then 127.0.0.11) and reports Observed next to the prediction (live daemon only).</summary>
        [Parameter]
        public SwitchParameter Probe { get; set; }

        /// <summary>How long a probe waits for the embedded DNS, in seconds (default 2).</summary>
        [Parameter]
        [ValidateRange(0.1, 60)]
        public double ProbeTimeout { get; set; } = ModelProbe.DefaultTimeout.TotalSeconds;

        #endregion

        #region Overrides

        /// <summary>A name no container answers goes to the upstream servers: the host's resolvers, dockerd's --dns and routes are needed.</summary>
        protected override ModelParts RequiredParts => ModelParts.Topology | ModelParts.Edge;

        protected override Task BeginProcessingAsync()
        {
            if (Probe) _probes = ProbeSession.Open(this);
            return Task.CompletedTask;
        }

        protected override Task EndProcessingAsync()
        {
            _probes?.Dispose();
            return Task.CompletedTask;
        }

        protected override async Task ProcessRecordAsync()
        {
            var model = await GetModelAsync().ConfigureAwait(true);
            var askers = NamePatterns.Select(model.Containers, c => c.Name, From,
                name => ContainerLookup.Require(model, name),
                WriteError,
                pattern => WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.NoMatchForPattern, "container", pattern)));
            foreach (var asker in askers)
            {
                foreach (var name in Name)
                {
                    NameResolution? result = null;
                    if (!TryItem(() => result = NameResolver.Resolve(model, asker, name, Type))) continue;
                    var observation = _probes != null ? await ProbeAsync(model, result!).ConfigureAwait(true) : null;
                    TryItem(() => Write(result!, observation));
                }
            }
        }

        #endregion

        #region Private methods

        private void Write(NameResolution result, ProbeObservation? observation)
        {
            foreach (var note in result.Notes) WriteVerbose(note);
            if (result.Resolved)
            {
                foreach (var answer in result.Answers) WriteResult(observation == null ? (object)answer : Probed(answer));
                return;
            }
            // The prediction's error stays; what the real lookup saw goes with it.
            var observed = observation == null ? string.Empty : " Probe (" + observation.Method + "): " + observation.Outcome + ", " + observation.Detail + ".";
            switch (result.Failure)
            {
                case NameResolutionFailure.OutsideModel:
                    // Not a failure of the name: the model cannot speak for the host's resolvers.
                    WriteWarning(result.FailureReason);
                    break;
                case NameResolutionFailure.AskerNotRunning:
                    WriteError(new DockerNetException(ErrorIds.ContainerNotRunning, ErrorKind.ResourceUnavailable, result.FailureReason! + observed, result.From)
                        { RecommendedAction = result.Remedy });
                    break;
                default:
                    WriteError(new DockerNetException(ErrorIds.NameNotResolved, ErrorKind.NotFound,
                        string.Format(System.Globalization.CultureInfo.CurrentCulture, Messages.NameNotResolved, result.Name, result.From, result.FailureReason, observed), result.Name)
                        { RecommendedAction = result.Remedy });
                    break;
            }
        }

        /// <summary>Looks the name up for real; a disagreement is a warning quoting both, a refused name a non-terminating error.</summary>
        private async Task<ProbeObservation?> ProbeAsync(DockerHostModel model, NameResolution result)
        {
            try
            {
                var (observation, warning) = await ModelProbe.CheckAsync(_probes!.ProberFor(model, Log), model, result, ProbeSession.Timeout(ProbeTimeout), CancellationToken)
                    .ConfigureAwait(true);
                WriteVerbose("Probe '" + result.Name + "' from " + result.From + ": " + observation);
                if (warning != null) WriteWarning(warning);
                return observation;
            }
            catch (DockerNetException exception)
            {
                WriteError(exception);
                return null;
            }
            catch (System.OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>The same answer, shown by the view that has the Observed columns.</summary>
        private static PSObject Probed(NameAnswer answer)
        {
            var wrapped = PSObject.AsPSObject(answer);
            wrapped.TypeNames.Insert(0, ProbedTypeName);
            return wrapped;
        }

        #endregion
    }
}
