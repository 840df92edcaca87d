using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.PowerShell.Infrastructure;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// Tells whether a packet from a container reaches a destination (container, IP address or name), and if not, why,
    /// what would fix it, and which way the packet went. -Quiet returns only the answer, like Test-Connection -Quiet.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "DockerNetReachability")]
    [OutputType(typeof(ReachabilityResult), typeof(bool))]
    public sealed class TestDockerNetReachabilityCommand : DockerNetCmdlet, IProbeImageCommand
    {
        // One source may arrive several times from Get-DockerNetInterface (one row per interface): answer it once.
        private readonly HashSet<string> _asked = new HashSet<string>(System.StringComparer.Ordinal);

        #region Parameters

        /// <summary>
        /// The container the packet starts in (name or id; wildcards allowed). Binds strings, the Source/Container/Name
        /// property of other objects, and from a piped result the container it starts from (a NameAnswer's From).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Container", "Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        [PipedName(PipedRole.Source)]
        public string[] Source { get; set; } = Array.Empty<string>();

        /// <summary>Where the packet goes: a container name or id, an IP address, or a name resolved inside the source.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(HostNameCompleter))]
        [PipedName(PipedRole.Target)]
        public string[] Destination { get; set; } = Array.Empty<string>();

        /// <summary>The destination port; without it the test is a ping (ICMP).</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary>Tcp or Udp (with -Port), or Icmp. Default: Tcp when -Port is given, else Icmp.</summary>
        [Parameter]
        public ReachabilityProtocol? Protocol { get; set; }

        /// <summary>Returns only $true or $false for each test.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Also tries it for real from inside the source container's namespace and reports Observed next to the prediction (live daemon only).</summary>
        [Parameter]
        public SwitchParameter Probe { get; set; }

        /// <summary>How long a probe waits for an answer, in seconds (default 2).</summary>
        [Parameter]
        [ValidateRange(0.1, 60)]
        public double ProbeTimeout { get; set; } = ModelProbe.DefaultTimeout.TotalSeconds;

        /// <summary>
        /// An image on the Docker host (busybox or one like it: sh, cat, nc, nslookup) for containers this machine cannot
        /// read from the kernel (a remote daemon, another PID namespace, an image without a shell): each is read and, with -Probe, probed from through a
        /// short-lived helper container of this image in its network namespace (--network container:&lt;id&gt;, labelled
        /// com.dockernettools.probe), removed afterwards, also on Ctrl+C. Nothing is pulled. Default: docker exec with the
        /// container's own tools, and nothing created on the host.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProbeImage { get; set; }

        #endregion

        #region Overrides

        // Listener checks need the sockets of every namespace.
        protected override ModelParts RequiredParts => Port.HasValue ? ModelParts.All : ModelParts.Topology | ModelParts.Firewall | ModelParts.Edge;

        protected override Task BeginProcessingAsync()
        {
            // -Port/-Protocol combinations are wrong for every item alike: stop before reading anything.
            try
            {
                ReachabilityQuery.Validate(Port, Protocol);
            }
            catch (DockerNetException exception)
            {
                ThrowTerminatingError(ErrorRecords.From(exception));
            }
            if (Probe) OpenProbeSession();
            return Task.CompletedTask;
        }

        protected override async Task ProcessRecordAsync()
        {
            var model = await GetModelAsync().ConfigureAwait(true);
            foreach (var source in ExpandContainerWildcards(model, Source))
            {
                foreach (var destination in Destination)
                {
                    if (!_asked.Add(source + "\n" + destination)) continue;
                    ReachabilityResult? result = null;
                    if (!TryItem(() => result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, destination, Port, Protocol)))) continue;
                    if (Probing) await ProbeAsync(model, result!).ConfigureAwait(true);
                    WriteVerbose(result!.Source + " -> " + result.Destination + ": " + result.PathText);
                    if (Quiet) WriteObject(result.Reachable);
                    else WriteResult(result);
                }
            }
        }

        #endregion

        #region Private methods

        /// <summary>Attaches what a real probe saw; a disagreement is a warning quoting both, a refused target a non-terminating error.</summary>
        private async Task ProbeAsync(DockerHostModel model, ReachabilityResult result) =>
            await TryProbeAsync(model, async (prober, cancellation) =>
            {
                var warning = await ModelProbe.CheckAsync(prober, model, result, ProbeSession.Timeout(ProbeTimeout), cancellation).ConfigureAwait(true);
                WriteVerbose("Probe " + result.Source + " -> " + result.Destination + ": " + result.Observation);
                if (warning != null) WriteWarning(warning);
            }).ConfigureAwait(true);

        #endregion
    }
}
