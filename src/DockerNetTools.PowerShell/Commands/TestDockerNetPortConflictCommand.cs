using System;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Backends;
using DockerNetTools.PowerShell.Infrastructure;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// Would `docker run -p …` collide on this host? One object per requested binding (equal-length ranges give one per
    /// port; a host range for one container port gives one, on the port Docker would take) with the holder and Docker's
    /// own error text. Bindings of one invocation are checked together, like the -p options of
    /// one docker run.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "DockerNetPortConflict")]
    [OutputType(typeof(PortConflict))]
    public sealed class TestDockerNetPortConflictCommand : DockerNetCmdlet
    {
        private PortConflictChecker? _checker;

        #region Parameters

        /// <summary>docker's -p syntax: [hostIP:]hostPort[-range]:containerPort[/tcp|udp|sctp], IPv6 host addresses in brackets.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("p", "Port")]
        [PipedName(PipedRole.Publish)]
        [ValidateNotNullOrEmpty]
        public string[] Publish { get; set; } = Array.Empty<string>();

        #endregion

        #region Overrides

        protected override ModelParts RequiredParts => ModelParts.Topology | ModelParts.Sockets;

        protected override async Task ProcessRecordAsync()
        {
            var model = await GetModelAsync().ConfigureAwait(true);
            _checker ??= new PortConflictChecker(model);
            foreach (var publish in Publish)
            {
                TryItem(() =>
                {
                    foreach (var result in _checker.Check(publish)) WriteResult(result);
                });
            }
        }

        #endregion
    }
}
