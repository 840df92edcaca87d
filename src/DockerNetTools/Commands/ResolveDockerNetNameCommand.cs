using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Diagnostics;
using DockerNetTools.PowerShell.Infrastructure;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// What a container gets when it looks a name up, and from where: its /etc/hosts first, then Docker's embedded DNS
    /// (127.0.0.11) on user-defined networks. One object per address; a name that does not resolve is a
    /// non-terminating NameNotResolved error that says why and what to do.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "DockerNetName")]
    [OutputType(typeof(NameAnswer))]
    public sealed class ResolveDockerNetNameCommand : DockerNetCmdlet
    {
        #region Parameters

        /// <summary>The names to look up (container names, aliases, links, hostnames, anything a program would ask for).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = new string[0];

        /// <summary>The container that asks; wildcards allowed. Binds Container or Source from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Container", "Source")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[] From { get; set; } = new string[0];

        /// <summary>A for IPv4 addresses (default), AAAA for IPv6.</summary>
        [Parameter]
        public RecordType Type { get; set; } = RecordType.A;

        #endregion

        #region Overrides

        protected override async Task ProcessRecordAsync()
        {
            var model = await GetModelAsync().ConfigureAwait(true);
            var askers = NamePatterns.Select(model.Containers, c => c.Name, From,
                name => ContainerLookup.Require(model, name),
                WriteError,
                pattern => WriteVerbose(string.Format(Messages.NoMatchForPattern, "container", pattern)));
            foreach (var asker in askers)
            {
                foreach (var name in Name)
                {
                    TryItem(() => Write(NameResolver.Resolve(model, asker, name, Type)));
                }
            }
        }

        #endregion

        #region Private methods

        private void Write(NameResolution result)
        {
            foreach (var note in result.Notes) WriteVerbose(note);
            if (result.Resolved)
            {
                foreach (var answer in result.Answers) WriteObject(answer);
                return;
            }
            switch (result.Failure)
            {
                case NameResolutionFailure.OutsideModel:
                    // Not a failure of the name: the model cannot speak for the host's resolvers.
                    WriteWarning(result.FailureReason);
                    break;
                case NameResolutionFailure.AskerNotRunning:
                    WriteError(new DockerNetException("ContainerNotRunning", ErrorKind.ResourceUnavailable, result.FailureReason!, result.From)
                        { RecommendedAction = result.Remedy });
                    break;
                default:
                    WriteError(new DockerNetException("NameNotResolved", ErrorKind.NotFound,
                        "'" + result.Name + "' does not resolve from '" + result.From + "': " + result.FailureReason, result.Name)
                        { RecommendedAction = result.Remedy });
                    break;
            }
        }

        #endregion
    }
}
