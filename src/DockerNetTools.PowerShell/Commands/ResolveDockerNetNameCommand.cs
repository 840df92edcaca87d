using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Backends;
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
    public sealed class ResolveDockerNetNameCommand : DockerNetCmdlet, IProbeImageCommand
    {
        /// <summary>The pseudo type name that selects the view with the probe's columns.</summary>
        internal const string ProbedTypeName = "DockerNetTools.Analysis.Dns.NameAnswer#Probed";

        // One asker may arrive several times (one row per interface), one name too: each pair is answered once
        // (the asker by reference, so the same name on another piped host is still asked).
        private readonly HashSet<(ContainerInfo Asker, string Name)> _asked = new HashSet<(ContainerInfo, string)>();

        #region Parameters

        /// <summary>
        /// The names to look up (container names, aliases, links, hostnames, anything a program would ask for). Binds strings,
        /// and from a piped result the name it stands for (a NameAnswer's Name, a ReachabilityResult's Destination, a container's name).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [PipedName(PipedRole.Target)]
        [ArgumentCompleter(typeof(HostNameCompleter))]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>The container that asks; wildcards allowed. Binds From, Container or Source from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Container", "Source")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        [PipedName(PipedRole.Source)]
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

        /// <summary>
        /// An image on the Docker host (busybox or one like it: sh, cat, nc, nslookup) for containers this machine cannot
        /// read from the kernel (a remote daemon, another PID namespace, an image without a shell): each is read and, with -Probe, asked through a
        /// short-lived helper container of this image in its network namespace (--network container:&lt;id&gt;, labelled
        /// com.dockernettools.probe), removed afterwards, also on Ctrl+C. Nothing is pulled. Default: docker exec with the
        /// container's own tools, and nothing created on the host.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProbeImage { get; set; }

        #endregion

        #region Overrides

        /// <summary>A name no container answers goes to the upstream servers: the host's resolvers, dockerd's --dns, routes and rules decide the way.</summary>
        protected override ModelParts RequiredParts => ModelParts.Topology | ModelParts.Firewall | ModelParts.Edge;

        protected override Task BeginProcessingAsync()
        {
            if (Probe) OpenProbeSession();
            return Task.CompletedTask;
        }

        protected override async Task ProcessRecordAsync()
        {
            var model = await GetModelAsync().ConfigureAwait(true);
            foreach (var asker in SelectContainers(model, From, once: false))
            {
                foreach (var name in Name)
                {
                    if (!_asked.Add((asker, name))) continue;
                    NameResolution? result = null;
                    if (!TryItem(() => result = NameResolver.Resolve(model, asker, name, Type))) continue;
                    var observation = Probing ? await ProbeAsync(model, result!).ConfigureAwait(true) : null;
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
            ProbeObservation? observation = null;
            await TryProbeAsync(model, async (prober, cancellation) =>
            {
                var (observed, warning) = await ModelProbe.CheckAsync(prober, model, result, ProbeSession.Timeout(ProbeTimeout), cancellation).ConfigureAwait(true);
                observation = observed;
                WriteVerbose("Probe '" + result.Name + "' from " + result.From + ": " + observed);
                if (warning != null) WriteWarning(warning);
            }).ConfigureAwait(true);
            return observation;
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
