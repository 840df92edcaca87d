using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DockerNetTools.Backends;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
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

        /// <summary>
        /// The scenario file to write (a .yaml path; PowerShell paths such as ~ and PSDrives work). With several hosts, an
        /// existing folder: each host is written to &lt;folder&gt;/&lt;host&gt;.yaml.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The scenario's name: key. Default: the file name without its extension. One host only.</summary>
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

        protected override bool AnswersManyHosts => true;

        protected override Task BeginProcessingAsync()
        {
            // The Scenario/DockerHost of piped results would bind, and a file of the whole host be written while the user
            // meant those objects: refuse before anything is read.
            if (MyInvocation.ExpectingInput)
                Stop(ErrorIds.PipelineInputNotSupported, ErrorKind.InvalidArgument, Messages.ExportTakesNoPipelineInput, Path, Messages.ExportTakesNoPipelineInputAction);
            return Task.CompletedTask;
        }

        protected override async Task EndProcessingAsync()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var targets = Targets();
            if (targets.Count > 1)
            {
                await ExportHostsAsync(path, targets.Select(t => t.Value!).ToList()).ConfigureAwait(true);
                return;
            }
            if (Directory.Exists(path))
                Stop(ErrorIds.ScenarioPathIsDirectory, ErrorKind.InvalidArgument, Format(Messages.ScenarioPathIsDirectory, path), path,
                    Format(Messages.ScenarioPathIsDirectoryAction, System.IO.Path.Combine(path, (Name ?? "scenario") + ".yaml")));
            var file = new FileInfo(path);
            if (file.Exists && NoClobber)
                Stop(ErrorIds.ScenarioFileExists, ErrorKind.InvalidArgument, Format(Messages.ScenarioFileExists, path), path, Messages.ScenarioFileExistsAction);
            var folder = file.Directory;
            if (folder != null && !folder.Exists)
            {
                if (File.Exists(folder.FullName))
                    Stop(ErrorIds.ScenarioDirectoryNotFound, ErrorKind.NotFound, Format(Messages.ScenarioDirectoryIsFile, path, folder.FullName), path,
                        Messages.ScenarioDirectoryIsFileAction);
                Stop(ErrorIds.ScenarioDirectoryNotFound, ErrorKind.NotFound, Format(Messages.ScenarioDirectoryNotFound, path, folder.FullName), path,
                    CreateFolderAction(folder.FullName));
            }
            if (file.Exists && file.IsReadOnly && !Force)
                Stop(ErrorIds.ScenarioFileReadOnly, ErrorKind.PermissionDenied, Format(Messages.ScenarioFileReadOnly, path), path, Messages.ScenarioFileReadOnlyAction);

            var model = await GetModelAsync().ConfigureAwait(true);
            Export(model, file, Name ?? System.IO.Path.GetFileNameWithoutExtension(path), string.Empty);
        }

        #endregion

        #region Private methods

        /// <summary>
        /// Several hosts: one file per host in the folder -Path names, &lt;folder&gt;/&lt;host&gt;.yaml. Every file's
        /// checks (two hosts on one file name, -NoClobber, read-only) pass before any host is read or any file written;
        /// a host that cannot be read is a non-terminating error naming it, and the others are written.
        /// </summary>
        private async Task ExportHostsAsync(string folder, List<string> hosts)
        {
            if (Name != null)
                Stop(ErrorIds.ManyHostsNotSupported, ErrorKind.InvalidArgument, Format(Messages.ScenarioNameWithManyHosts, Name, string.Join(", ", hosts)), Name,
                    Messages.ScenarioNameWithManyHostsAction);
            if (!Directory.Exists(folder))
                Stop(ErrorIds.ScenarioFolderRequired, ErrorKind.InvalidArgument, Format(Messages.ScenarioFolderRequired, folder), folder,
                    Format(Messages.ScenarioFolderRequiredAction, System.IO.Path.Combine(System.IO.Path.ChangeExtension(folder, null), ScenarioFileName(hosts[0]))));
            var files = new Dictionary<string, FileInfo>(System.StringComparer.Ordinal);
            // Case-insensitive: two names that differ only in case are one file on Windows and macOS.
            var taken = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var host in hosts)
            {
                var file = new FileInfo(System.IO.Path.Combine(folder, ScenarioFileName(host)));
                if (taken.TryGetValue(file.FullName, out var other))
                    Stop(ErrorIds.ScenarioFileNameClash, ErrorKind.InvalidArgument, Format(Messages.ScenarioFileNameClash, other, host, file.FullName), host,
                        Messages.ScenarioFileNameClashAction);
                taken[file.FullName] = host;
                if (file.Exists && NoClobber)
                    Stop(ErrorIds.ScenarioFileExists, ErrorKind.InvalidArgument, Format(Messages.ScenarioFileExists, file.FullName), file.FullName, Messages.ScenarioFileExistsAction);
                if (file.Exists && file.IsReadOnly && !Force)
                    Stop(ErrorIds.ScenarioFileReadOnly, ErrorKind.PermissionDenied, Format(Messages.ScenarioFileReadOnly, file.FullName), file.FullName,
                        Messages.ScenarioFileReadOnlyAction);
                files[host] = file;
            }
            foreach (var (daemon, model) in await GetModelsAsync().ConfigureAwait(true))
            {
                var file = files[daemon];
                Export(model, file, System.IO.Path.GetFileNameWithoutExtension(file.Name), daemon + ": ");
            }
        }

        /// <summary>
        /// The file a host is written to among several: its name as typed, with a scenario's .yaml/.yml dropped and every
        /// run of characters other than letters, digits, '.', '_' and '-' made one '-' (unix:///run/docker.sock:
        /// unix-run-docker.sock.yaml; a context keeps its name).
        /// </summary>
        internal static string ScenarioFileName(string host)
        {
            var name = Regex.Replace(host, @"\.ya?ml$", string.Empty, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            name = Regex.Replace(name, "[^A-Za-z0-9._-]+", "-", RegexOptions.CultureInvariant).Trim('-', '.');
            return (name.Length == 0 ? "host" : name) + ".yaml";
        }

        /// <summary>Writes one host's scenario (after -WhatIf/-Confirm), its warnings prefixed with <paramref name="about"/>.</summary>
        private void Export(DockerHostModel model, FileInfo file, string name, string about)
        {
            var path = file.FullName;
            var action = "Write a scenario of " + model.Source + " (" + model.Networks.Count + " networks, " + model.Containers.Count + " containers)";
            if (!ShouldProcess(path, action)) return;

            Write(file, ScenarioWriter.ToYaml(model, name));
            var unknownSockets = model.Containers.Where(c => c.IsRunning && !c.SocketsKnown && model.NamespaceOwner(c) == c).Select(c => c.Name).ToList();
            if (unknownSockets.Count > 0)
                WriteWarning(about + "The sockets of " + string.Join(", ", unknownSockets) + " were not read, so the snapshot leaves them unknown too.");
            WriteVerbose("Wrote " + path + " from " + model.Source + ": " + model.Networks.Count + " networks, " + model.Containers.Count + " containers.");
            // The provider's item, so the file shows as Get-Item would show it.
            if (PassThru) foreach (var item in InvokeProvider.Item.Get(path)) WriteObject(item);
        }

        private void Stop(string errorId, ErrorKind kind, string message, string target, string? action, System.Exception? inner = null) =>
            ThrowTerminatingError(ErrorRecords.From(new DockerNetException(errorId, kind, message, target, inner) { RecommendedAction = action }));

        private static string Format(string template, params object[] args) => string.Format(CultureInfo.CurrentCulture, template, args);

        /// <summary>
        /// Writes a sibling temporary file and moves it over <paramref name="file"/> only once it is complete, so a failure
        /// (a full disk, a size limit, no permission) leaves no half-written scenario and an existing file as it was.
        /// </summary>
        private void Write(FileInfo file, string text)
        {
            var temp = System.IO.Path.Combine(file.DirectoryName ?? ".", "." + file.Name + "." + System.Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true)) writer.Write(text);
                    stream.Flush(flushToDisk: true);
                }
                if (File.Exists(file.FullName))
                {
                    if (Force && file.IsReadOnly) file.IsReadOnly = false;
                    File.Replace(temp, file.FullName, null);
                }
                else
                {
                    File.Move(temp, file.FullName);
                }
            }
            // .NET reports EFBIG on a write (a file-size limit) as ArgumentOutOfRangeException, not IOException.
            catch (System.Exception exception) when (exception is IOException || exception is System.UnauthorizedAccessException
                                                     || exception is System.ArgumentOutOfRangeException)
            {
                Stop(ErrorIds.ScenarioFileWriteFailed, exception is System.UnauthorizedAccessException ? ErrorKind.PermissionDenied : ErrorKind.ResourceUnavailable,
                    Format(Messages.ScenarioFileWriteFailed, file.FullName, exception is System.ArgumentOutOfRangeException ? Messages.ScenarioFileTooLarge : exception.Message),
                    file.FullName, null, exception);
            }
            finally
            {
                try
                {
                    if (File.Exists(temp)) File.Delete(temp);
                }
                catch (System.Exception exception) when (exception is IOException || exception is System.UnauthorizedAccessException)
                {
                    WriteWarning("Could not remove the temporary file " + temp + ": " + exception.Message);
                }
            }
        }

        /// <summary>
        /// How to create the missing folder in the shell the user has: New-Item where the session has it (pwsh), else the
        /// command of the shell around dnt (dnt has no Management module).
        /// </summary>
        private string CreateFolderAction(string folder)
        {
            if (InvokeCommand.GetCommand("New-Item", CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias) != null)
                return Format(Messages.ScenarioDirectoryNewItemAction, "'" + folder.Replace("'", "''") + "'");
            var command = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? "mkdir \"" + folder + "\""
                : "mkdir -p '" + folder.Replace("'", "'\\''") + "'";
            return Format(Messages.ScenarioDirectoryMkdirAction, command);
        }

        #endregion
    }
}
