using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Threading;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.Diagnostics;
using DockerNetTools.Diagram;
using DockerNetTools.PowerShell.Infrastructure;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// Draws what was piped in (networks of Get-DockerNetTopology, interfaces of Get-DockerNetInterface, paths of
    /// Test-DockerNetReachability) as one diagram: Graphviz DOT or Mermaid text, or, with -Path x.svg or x.png, a picture
    /// rendered by Graphviz's dot.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "DockerNetDiagram")]
    [OutputType(typeof(string))]
    [OutputType(typeof(FileInfo))]
    public sealed class ConvertToDockerNetDiagramCommand : PSCmdlet, IDisposable
    {
        #region Parameters

        /// <summary>Results of Get-DockerNetTopology, Get-DockerNetInterface and Test-DockerNetReachability; all of them make one diagram.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>The drawing language: Dot (Graphviz, the default) or Mermaid. With -Path the extension chooses it.</summary>
        [Parameter]
        public DiagramFormat Format { get; set; } = DiagramFormat.Dot;

        /// <summary>
        /// Writes the diagram to this file instead of the pipeline: .svg and .png are rendered by Graphviz's dot, .dot/.gv
        /// hold DOT text, .mmd/.mermaid Mermaid text; any other extension the text of -Format.
        /// </summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>With -Path, writes the FileInfo of the file written to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        #endregion

        private readonly NetworkDiagram _diagram = new NetworkDiagram();
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private string? _fullPath;
        private string? _rendering;
        private string? _dot;

        #region Overrides

        protected override void BeginProcessing()
        {
            if (Path == null) return;
            _fullPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var extension = System.IO.Path.GetExtension(_fullPath).ToLowerInvariant();
            var wanted = extension switch
            {
                ".svg" or ".png" or ".dot" or ".gv" => DiagramFormat.Dot,
                ".mmd" or ".mermaid" => DiagramFormat.Mermaid,
                _ => (DiagramFormat?)null,
            };
            if (wanted.HasValue)
            {
                if (MyInvocation.BoundParameters.ContainsKey(nameof(Format)) && Format != wanted.Value)
                    Stop(new DockerNetException(ErrorIds.DiagramFormatConflict, ErrorKind.InvalidArgument,
                        Text(Messages.DiagramFormatConflict, Format, Path, wanted.Value), Path) { RecommendedAction = Messages.DiagramFormatConflictAction });
                Format = wanted.Value;
            }
            if (extension == ".svg" || extension == ".png")
            {
                _rendering = extension.Substring(1);
                // Before any input is read: without dot there will be no picture.
                try
                {
                    _dot = GraphvizRenderer.RequireDot(_fullPath);
                }
                catch (DockerNetException exception)
                {
                    Stop(exception);
                }
            }
        }

        protected override void ProcessRecord()
        {
            foreach (var item in InputObject)
            {
                switch (item?.BaseObject)
                {
                    case NetworkTopology topology:
                        DiagramBuilder.Add(_diagram, topology);
                        break;
                    case ContainerInterface row:
                        DiagramBuilder.Add(_diagram, row);
                        break;
                    case ReachabilityResult result:
                        DiagramBuilder.Add(_diagram, result);
                        break;
                    default:
                        var type = item?.BaseObject?.GetType().FullName ?? "null";
                        WriteError(ErrorRecords.From(new DockerNetException(ErrorIds.PipelineInputNotSupported, ErrorKind.InvalidArgument,
                            Text(Messages.DiagramInputNotSupported, type), item) { RecommendedAction = Messages.DiagramInputNotSupportedAction }));
                        break;
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_diagram.IsEmpty)
            {
                WriteWarning(Messages.DiagramEmpty);
                return;
            }
            var text = Format == DiagramFormat.Mermaid ? MermaidWriter.Write(_diagram) : DotWriter.Write(_diagram);
            if (_fullPath == null)
            {
                WriteObject(text);
                return;
            }

            byte[] content;
            try
            {
                content = _rendering == null
                    ? new UTF8Encoding(false).GetBytes(text)
                    : GraphvizRenderer.Render(_dot!, text, _rendering, _fullPath, _stopping.Token);
            }
            catch (DockerNetException exception)
            {
                Stop(exception);
                return;
            }
            Write(_fullPath, content);
            WriteVerbose(Text(Messages.DiagramWritten, _fullPath, _rendering ?? Format.ToString(), _diagram.Networks.Count, _diagram.Containers.Count,
                _diagram.Paths.Count));
            if (PassThru) foreach (var item in InvokeProvider.Item.Get(Path)) WriteObject(item);
        }

        protected override void StopProcessing() => _stopping.Cancel();

        #endregion

        /// <summary>Releases the cancellation source of Ctrl+C.</summary>
        public void Dispose() => _stopping.Dispose();

        #region Private methods

        private void Write(string path, byte[] content)
        {
            try
            {
                File.WriteAllBytes(path, content);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                Stop(new DockerNetException(ErrorIds.DiagramFileWriteFailed,
                    exception is UnauthorizedAccessException ? ErrorKind.PermissionDenied : ErrorKind.ResourceUnavailable,
                    Text(Messages.DiagramFileWriteFailed, path, exception.Message), path, exception));
            }
        }

        private void Stop(DockerNetException exception) => ThrowTerminatingError(ErrorRecords.From(exception));

        private static string Text(string template, params object?[] args) => string.Format(CultureInfo.CurrentCulture, template, args);

        #endregion
    }
}
