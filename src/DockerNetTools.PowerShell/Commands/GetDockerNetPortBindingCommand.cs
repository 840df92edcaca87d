using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Backends;
using DockerNetTools.PowerShell.Infrastructure;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// Every published port and whether it leads anywhere: Ok, NoListener (nothing listens on the container port),
    /// LoopbackOnly (the service is bound to 127.0.0.1), ContainerStopped, Unknown (sockets not read),
    /// InternalNetwork, Discarded, MacvlanNetwork (Docker publishes nothing for a container only on macvlan/ipvlan); and
    /// who outside the host reaches it (Exposure), with a warning when an INPUT rule only seems to close it.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DockerNetPortBinding")]
    [OutputType(typeof(PortBindingReport))]
    public sealed class GetDockerNetPortBindingCommand : DockerNetCmdlet
    {
        #region Parameters

        /// <summary>
        /// Container names or ids; wildcards allowed. Default: every container. Binds strings, the Container/Name property
        /// of other objects, and the containers a piped DockerNetTools result is about.
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [PipedName(PipedRole.Container)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[]? Container { get; set; }

        /// <summary>Only bindings with these statuses (e.g. -Status NoListener,LoopbackOnly to find the broken ones).</summary>
        [Parameter]
        public PortBindingStatus[]? Status { get; set; }

        #endregion

        #region Overrides

        protected override ModelParts RequiredParts => ModelParts.All;

        protected override bool AnswersManyHosts => true;

        protected override Task ProcessRecordAsync() => ForEachHostAsync(model =>
        {
            foreach (var report in PortBindingInspector.Inspect(model, SelectContainers(model, Container)))
            {
                if (Status != null && Status.Length > 0 && !Status.Any(s => s.ToString() == report.Status)) continue;
                // The ufw trap: an INPUT rule that seems to close the port while its DNAT takes clients past INPUT.
                if (report.Warning != null) WriteWarning(AboutHost(report.Container + " " + report.Host + ": " + report.Warning));
                WriteResult(report);
            }
        });

        #endregion
    }
}
