using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.PowerShell.Infrastructure;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// One row per interface inside each container: eth0 … with its ifindex, the host veth it pairs with, the bridge that veth
    /// hangs on, and the address; lo for none, a note for host and for container: (the shared namespace's interfaces).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DockerNetInterface")]
    [OutputType(typeof(ContainerInterface))]
    public sealed class GetDockerNetInterfaceCommand : DockerNetCmdlet
    {
        #region Parameters

        /// <summary>Container names or ids; wildcards allowed. Default: every container. Binds Name, Source or Container from the pipeline.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "Source")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[]? Container { get; set; }

        #endregion

        #region Overrides

        protected override async Task ProcessRecordAsync()
        {
            var model = await GetModelAsync().ConfigureAwait(true);
            var containers = NamePatterns.Select(model.Containers, c => c.Name, Container,
                name => ContainerLookup.Require(model, name),
                WriteError,
                pattern => WriteVerbose(string.Format(Messages.NoMatchForPattern, "container", pattern)));
            foreach (var container in containers)
            {
                foreach (var row in TopologyAnalysis.Interfaces(model, container)) WriteObject(row);
            }
        }

        #endregion
    }
}
