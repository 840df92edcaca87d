using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.Model;
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
            // The host's own bridges that namespaces hang on (seed 003's br0) come after Docker's networks; a plain name of one
            // selects it without a NetworkNotFound.
            var hostBridges = NamespaceTopology.HostBridges(model);
            var named = Network != null && Network.Length > 0;
            var dockerPatterns = named ? Network!.Where(p => WildcardPattern.ContainsWildcardCharacters(p) || hostBridges.All(b => b.Name != p)).ToList() : null;
            var networks = named && dockerPatterns!.Count == 0 ? new List<NetworkInfo>() : SelectNetworks(model, dockerPatterns);
            foreach (var network in networks)
            {
                var topology = TopologyAnalysis.Describe(model, network);
                if (Project == null || topology.Projects.Any(p => InProject(p, Project)))
                    WriteResult(topology.Projects.Count == 0 ? topology : WithView(topology, ComposeView));
            }
            if (Project != null) return;
            foreach (var bridge in hostBridges)
            {
                if (!named || Network!.Any(p => new WildcardPattern(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch(bridge.Name)))
                    WriteResult(bridge);
            }
        });

        #endregion
    }
}
