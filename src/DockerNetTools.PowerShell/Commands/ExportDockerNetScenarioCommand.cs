using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using DockerNetTools.Backends;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.PowerShell.Infrastructure;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// Writes the host (the live daemon, or any backend's model) as a scenario file: networks, containers, endpoints,
    /// ports, hosts entries, sockets, veth names and indexes, every derived value explicit, so -Scenario on the file gives
    /// the same answers anywhere. Environment variables, commands, mounts and other secrets are never in the model, so never written.
    /// </summary>
    [Cmdlet(VerbsData.Export, "DockerNetScenario", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportDockerNetScenarioCommand : DockerNetCmdlet
    {
        #region Parameters

        /// <summary>The scenario file to write (a .yaml path; PowerShell paths such as ~ and PSDrives work).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The scenario's name: key. Default: the file name without its extension.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Overwrites a read-only file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Never overwrites an existing file: that is the error ScenarioFileExists.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Writes the FileInfo of the file written to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        #region Overrides

        // A snapshot carries the sockets too, so that Get-DockerNetSocket and listener checks answer the same on it.
        protected override ModelParts RequiredParts => ModelParts.All;

        protected override Task BeginProcessingAsync()
        {
            // The Scenario/DockerHost of piped results would bind, and a file of the whole host be written while the user
            // meant those objects: refuse before anything is read.
            if (MyInvocation.ExpectingInput)
                Stop(PipedNameAttribute.NotSupportedErrorId, ErrorKind.InvalidArgument, Messages.ExportTakesNoPipelineInput, Path, Messages.ExportTakesNoPipelineInputAction);
            return Task.CompletedTask;
        }

        protected override async Task EndProcessingAsync()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var file = new FileInfo(path);
            if (file.Exists && NoClobber)
                Stop("ScenarioFileExists", ErrorKind.InvalidArgument,
                    "The file " + path + " already exists and -NoClobber was given.", path, "Choose another -Path, or drop -NoClobber to overwrite it.");
            if (file.Directory != null && !file.Directory.Exists)
                Stop("ScenarioDirectoryNotFound", ErrorKind.NotFound, "Cannot write " + path + ": the folder " + file.Directory.FullName + " does not exist.", path,
                    "Create the folder first (New-Item -ItemType Directory), or give a -Path in an existing folder.");

            var model = await GetModelAsync().ConfigureAwait(true);
            var action = "Write a scenario of " + model.Source + " (" + model.Networks.Count + " networks, " + model.Containers.Count + " containers)";
            if (!ShouldProcess(path, action)) return;

            var text = ScenarioWriter.ToYaml(model, Name ?? System.IO.Path.GetFileNameWithoutExtension(path));
            try
            {
                if (file.Exists && file.IsReadOnly)
                {
                    if (!Force)
                        Stop("ScenarioFileReadOnly", ErrorKind.PermissionDenied, "The file " + path + " is read-only.", path, "Use -Force to overwrite it.");
                    file.IsReadOnly = false;
                }
                File.WriteAllText(path, text, new UTF8Encoding(false));
            }
            catch (System.Exception exception) when (exception is IOException || exception is System.UnauthorizedAccessException)
            {
                Stop("ScenarioFileWriteFailed", ErrorKind.PermissionDenied, "Cannot write " + path + ": " + exception.Message, path, null, exception);
            }
            var unknownSockets = model.Containers.Where(c => c.IsRunning && !c.SocketsKnown && model.NamespaceOwner(c) == c).Select(c => c.Name).ToList();
            if (unknownSockets.Count > 0)
                WriteWarning("The sockets of " + string.Join(", ", unknownSockets) + " were not read, so the snapshot leaves them unknown too.");
            WriteVerbose("Wrote " + path + " from " + model.Source + ": " + model.Networks.Count + " networks, " + model.Containers.Count + " containers.");
            // The provider's item, so the file shows as Get-Item would show it.
            if (PassThru) foreach (var item in InvokeProvider.Item.Get(path)) WriteObject(item);
        }

        #endregion

        #region Private methods

        private void Stop(string errorId, ErrorKind kind, string message, string target, string? action, System.Exception? inner = null) =>
            ThrowTerminatingError(ErrorRecords.From(new DockerNetException(errorId, kind, message, target, inner) { RecommendedAction = action }));

        #endregion
    }
}
