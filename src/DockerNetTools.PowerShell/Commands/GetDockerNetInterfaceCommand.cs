using System;
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
    /// <summary>
    /// One row per interface inside each container: eth0 … with its ifindex, the host veth it pairs with, the bridge that veth
    /// hangs on, and the address; lo for none, a note for host and for container: (the shared namespace's interfaces).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DockerNetInterface", DefaultParameterSetName = ByContainerSet)]
    [OutputType(typeof(ContainerInterface))]
    public sealed class GetDockerNetInterfaceCommand : DockerNetCmdlet, IProbeImageCommand
    {
        #region Parameters

        private const string ByContainerSet = "ByContainer";
        private const string ByNetworkSet = "ByNetwork";
        private const string ComposeView = "DockerNetTools.Analysis.Topology.ContainerInterface#Compose";

        /// <summary>
        /// Container names or ids; wildcards allowed. Default: every container. Binds strings, the Container/Name/Source
        /// property of other objects, and the containers a piped DockerNetTools result is about.
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByContainerSet)]
        [Alias("Name", "Source")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        [PipedName(PipedRole.Container, LeaveFor = typeof(NetworkTopology))]
        public string[]? Container { get; set; }

        /// <summary>Only the interfaces on these networks (names or ids; wildcards allowed). Default: every network.</summary>
        [Parameter(ParameterSetName = ByContainerSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        public string[]? Network { get; set; }

        /// <summary>
        /// Networks from Get-DockerNetTopology: the interfaces of their attached containers on each of them. Without this set
        /// a piped network's Name would bind to -Container and be looked up as a container.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByNetworkSet)]
        [ValidateNotNull]
        public NetworkTopology[]? InputObject { get; set; }

        /// <summary>
        /// Only the containers Docker Compose made for these projects (label com.docker.compose.project); wildcards allowed.
        /// Default: every container, Compose's or not.
        /// </summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ComposeProjectCompleter))]
        public string[]? Project { get; set; }

        /// <summary>
        /// An image on the Docker host (busybox or one like it: sh, cat, nc, nslookup) for containers this machine cannot
        /// read from the kernel (a remote daemon, another PID namespace, an image without a shell): each is read through a
        /// short-lived helper container of this image in its network namespace (--network container:&lt;id&gt;, labelled
        /// com.dockernettools.probe), removed afterwards, also on Ctrl+C. Nothing is pulled. Default: docker exec with the
        /// container's own tools, and nothing created on the host.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProbeImage { get; set; }

        #endregion

        #region Overrides

        protected override bool AnswersManyHosts => true;

        protected override Task ProcessRecordAsync() => ForEachHostAsync(model =>
        {
            if (ParameterSetName == ByNetworkSet)
            {
                // A host bridge of Get-DockerNetTopology (Origin Host) is no Docker network: its members are namespaces.
                var hostBridges = InputObject!.Where(n => n.Origin == nameof(NetworkOrigin.Host)).Select(n => n.Name).ToList();
                var dockerNames = InputObject!.Where(n => n.Origin == nameof(NetworkOrigin.Docker)).Select(n => n.Name).ToList();
                // No names would select every network: a host bridge alone gives only its namespaces.
                if (dockerNames.Count > 0) WriteInterfaces(model, model.Containers, SelectNetworks(model, dockerNames));
                if (Project == null) WriteNamespaces(model, model.Host.Namespaces, hostBridges);
                return;
            }
            // -Network is the same for every pipeline record: no "once" for it, only for the containers.
            IReadOnlyList<string>? bridges = null;
            IReadOnlyList<NetworkInfo>? networks = null;
            if (Network != null && Network.Length > 0)
            {
                bridges = NamespaceTopology.HostBridges(model).Select(b => b.Name).Where(b => Network.Any(p => Matches(p, b))).ToList();
                var dockerPatterns = Network.Where(p => WildcardPattern.ContainsWildcardCharacters(p) || !bridges.Contains(p)).ToList();
                networks = dockerPatterns.Count == 0 ? new List<NetworkInfo>() : SelectNetworks(model, dockerPatterns, once: false);
            }
            var containers = SelectContainersAndNamespaces(model, Container, out var namespaces);
            WriteInterfaces(model, containers, networks);
            if (Project == null) WriteNamespaces(model, namespaces, bridges);
        });

        #endregion

        #region Private methods

        /// <param name="networks">Null: every network; else only rows on these (none when every name failed).</param>
        private void WriteInterfaces(DockerHostModel model, IEnumerable<ContainerInfo> containers, IReadOnlyList<NetworkInfo>? networks)
        {
            if (networks != null && networks.Count == 0) return;
            foreach (var container in containers.Where(c => InProject(c.ComposeProject, Project)))
            {
                foreach (var row in TopologyAnalysis.Interfaces(model, container))
                {
                    if (networks == null || networks.Any(n => string.Equals(n.Name, row.Network, StringComparison.Ordinal)))
                        WriteResult(row.Project == null ? row : WithView(row, ComposeView));
                }
            }
        }

        /// <param name="bridges">Null: every namespace row; else only rows on these host bridges.</param>
        private void WriteNamespaces(DockerHostModel model, IEnumerable<HostNamespace> namespaces, IReadOnlyList<string>? bridges)
        {
            foreach (var ns in namespaces)
            {
                foreach (var row in NamespaceTopology.Interfaces(model, ns))
                {
                    if (bridges == null || bridges.Contains(row.Bridge ?? string.Empty)) WriteResult(row);
                }
            }
        }

        private static bool Matches(string pattern, string name) =>
            new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch(name);

        #endregion
    }
}
