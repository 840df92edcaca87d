using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.PowerShell.Infrastructure;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>Lists the host's Docker networks: driver, bridge device, subnet, gateway, options, and the containers on each.</summary>
    [Cmdlet(VerbsCommon.Get, "DockerNetTopology")]
    [OutputType(typeof(NetworkTopology))]
    public sealed class GetDockerNetTopologyCommand : DockerNetCmdlet
    {
        #region Parameters

        private const string ComposeView = "DockerNetTools.Analysis.Topology.NetworkTopology#Compose";

        /// <summary>
        /// Network names or ids; wildcards allowed. Default: every network. Binds strings, the Name/Network property of
        /// other objects, and the network of a piped NetworkTopology, ContainerInterface or NameAnswer.
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [PipedName(PipedRole.Network)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        public string[]? Network { get; set; }

        /// <summary>
        /// Only the networks of these Compose projects: the ones a project created and the ones its containers are on
        /// (an external network it shares); wildcards allowed. Default: every network.
        /// </summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ComposeProjectCompleter))]
        public string[]? Project { get; set; }

        #endregion

        #region Overrides

        protected override bool AnswersManyHosts => true;

        protected override Task ProcessRecordAsync() => ForEachHostAsync(model =>
        {
            foreach (var network in SelectNetworks(model, Network))
            {
                var topology = TopologyAnalysis.Describe(model, network);
                if (Project == null || topology.Projects.Any(p => InProject(p, Project)))
                    WriteResult(topology.Projects.Count == 0 ? topology : WithView(topology, ComposeView));
            }
        });

        #endregion
    }
}
