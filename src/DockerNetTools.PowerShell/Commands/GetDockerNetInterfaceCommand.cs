using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.Model;
using DockerNetTools.PowerShell.Infrastructure;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// One row per interface inside each container: eth0 … with its ifindex, the host veth it pairs with, the bridge that veth
    /// hangs on, and the address; lo for none, a note for host and for container: (the shared namespace's interfaces).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DockerNetInterface", DefaultParameterSetName = ByContainerSet)]
    [OutputType(typeof(ContainerInterface))]
    public sealed class GetDockerNetInterfaceCommand : DockerNetCmdlet
    {
        #region Parameters

        private const string ByContainerSet = "ByContainer";
        private const string ByNetworkSet = "ByNetwork";

        /// <summary>Container names or ids; wildcards allowed. Default: every container. Binds strings, or Name, Source or Container from the pipeline.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByContainerSet)]
        [Alias("Name", "Source")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[]? Container { get; set; }

        /// <summary>
        /// Networks from Get-DockerNetTopology: the interfaces of their attached containers on each of them. Without this set
        /// a piped network's Name would bind to -Container and be looked up as a container.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByNetworkSet)]
        [ValidateNotNull]
        public NetworkTopology[]? InputObject { get; set; }

        #endregion

        #region Overrides

        protected override async Task ProcessRecordAsync()
        {
            var model = await GetModelAsync().ConfigureAwait(true);
            if (ParameterSetName == ByNetworkSet)
            {
                foreach (var network in InputObject!) WriteNetworkInterfaces(model, network.Name);
                return;
            }
            var containers = NamePatterns.Select(model.Containers, c => c.Name, Container,
                name => ContainerLookup.Require(model, name),
                WriteError,
                pattern => WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.NoMatchForPattern, "container", pattern)));
            foreach (var container in containers)
            {
                foreach (var row in TopologyAnalysis.Interfaces(model, container)) WriteResult(row);
            }
        }

        #endregion

        #region Private methods

        private void WriteNetworkInterfaces(DockerHostModel model, string networkName)
        {
            TryItem(() =>
            {
                var network = ContainerLookup.RequireNetwork(model, networkName);
                foreach (var container in model.Containers)
                {
                    foreach (var row in TopologyAnalysis.Interfaces(model, container).Where(r => string.Equals(r.Network, network.Name, StringComparison.Ordinal)))
                        WriteResult(row);
                }
            });
        }

        #endregion
    }
}
