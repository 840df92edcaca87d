using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Sockets;
using DockerNetTools.Backends;
using DockerNetTools.Model;
using DockerNetTools.PowerShell.Infrastructure;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// netstat/ss inside each container: one row per socket of the network namespace the container uses. Containers that
    /// share a namespace (container:x) report the same sockets and name each other; sockets that were not read are a
    /// warning, never an empty table.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DockerNetSocket")]
    [OutputType(typeof(SocketRow))]
    public sealed class GetDockerNetSocketCommand : DockerNetCmdlet, IProbeImageCommand
    {
        #region Parameters

        /// <summary>
        /// Container names or ids; wildcards allowed. Default: every running container. Binds strings, the Container/Name
        /// property of other objects, and the containers a piped DockerNetTools result is about.
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [PipedName(PipedRole.Container)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[]? Container { get; set; }

        /// <summary>
        /// Only sockets in these states (Listen, Established, TimeWait, CloseWait, Unconnected, …), spelled as the view
        /// shows them or as the kernel and ss do (time_wait, TIME-WAIT, estab, unconn), in any case.
        /// </summary>
        [Parameter]
        [SocketStateTransformation]
        [ArgumentCompleter(typeof(SocketStateCompleter))]
        public SocketState[]? State { get; set; }

        /// <summary>Tcp (tcp and tcp6) or Udp (udp and udp6).</summary>
        [Parameter]
        [ValidateSet("Tcp", "Udp", IgnoreCase = true)]
        public string? Protocol { get; set; }

        /// <summary>Only sockets whose local or remote port is this one.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int? Port { get; set; }

        /// <summary>Also list the host's own sockets, as container "(host)".</summary>
        [Parameter]
        public SwitchParameter IncludeHost { get; set; }

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

        protected override ModelParts RequiredParts => ModelParts.Topology | ModelParts.Sockets;

        protected override bool AnswersManyHosts => true;

        protected override Task ProcessRecordAsync() => ForEachHostAsync(model =>
        {
            var named = Container != null && Container.Length > 0;
            var containers = SelectContainersAndNamespaces(model, Container, out var namespaces);

            var protocol = Protocol == null ? (TransportProtocol?)null
                : string.Equals(Protocol, "Udp", System.StringComparison.OrdinalIgnoreCase) ? TransportProtocol.Udp : TransportProtocol.Tcp;
            var filter = new SocketFilter(State, protocol, Port);
            var result = SocketQuery.Query(model, containers, filter, IncludeHost.IsPresent);

            var unknown = result.Issues.Where(i => i.Kind == SocketIssueKind.SocketsUnknown).ToList();
            if (unknown.Count > 0) WriteWarning(SocketQuery.UnknownSockets(unknown));
            foreach (var issue in result.Issues.Where(i => i.Kind != SocketIssueKind.SocketsUnknown))
            {
                // Listing everything skips stopped containers quietly; a stopped container asked for by name is worth a warning.
                if (issue.Kind == SocketIssueKind.NotRunning && !named) WriteVerbose(AboutHost(issue.Reason));
                else WriteWarning(AboutHost(issue.Reason));
            }
            foreach (var row in result.Rows) WriteResult(row);
            // Network namespaces Docker did not make (ip netns): listed only with every container or when named.
            var inNamespaces = SocketQuery.QueryNamespaces(namespaces, filter);
            foreach (var issue in inNamespaces.Issues)
            {
                if (named) WriteWarning(AboutHost(issue.Reason));
                else WriteVerbose(AboutHost(issue.Reason));
            }
            foreach (var row in inNamespaces.Rows) WriteResult(row);
        });

        #endregion
    }
}
