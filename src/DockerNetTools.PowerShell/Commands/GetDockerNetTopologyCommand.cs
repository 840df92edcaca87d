using System.Globalization;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.PowerShell.Infrastructure;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>Lists the host's Docker networks: driver, bridge device, subnet, gateway, options, and the containers on each.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerNetTopology")]
    [OutputType(typeof(NetworkTopology))]
    public sealed class GetDockerNetTopologyCommand : DockerNetCmdlet
    {
        #region Parameters

        /// <summary>Network names or ids; wildcards allowed. Default: every network.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        public string[]? Network { get; set; }

        #endregion

        #region Overrides

        protected override async Task ProcessRecordAsync()
        {
            var model = await GetModelAsync().ConfigureAwait(true);
            var networks = NamePatterns.Select(model.Networks, n => n.Name, Network,
                name => ContainerLookup.RequireNetwork(model, name),
                WriteError,
                pattern => WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.NoMatchForPattern, "network", pattern)));
            foreach (var network in networks) WriteResult(TopologyAnalysis.Describe(model, network));
        }

        #endregion
    }
}
