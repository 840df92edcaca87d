using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Resources;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>
    /// -ProbeImage: each command runs in a short-lived container of that image joined to the container's network
    /// namespace (`docker run --network container:&lt;id&gt;`), so a container whose image has no shell or tools can still be
    /// read and probed, on any host the API reaches. The helper is attached before it starts, read to its exit, and
    /// removed in every case, Ctrl+C included; its labels make a leftover (a killed dnt) recognisable:
    /// `docker ps -a --filter label=com.dockernettools.probe`. Nothing is pulled: an image the host lacks is
    /// ProbeImageNotFound.
    /// </summary>
    internal sealed class HelperContainerRunner : ICommandRunner
    {
        /// <summary>On every helper container.</summary>
        public const string ProbeLabel = "com.dockernettools.probe";

        /// <summary>The id of the container whose namespace the helper joined.</summary>
        public const string TargetLabel = "com.dockernettools.probe.target";

        private static readonly TimeSpan RemoveLimit = TimeSpan.FromSeconds(15);
        private readonly IDockerClient _client;
        private readonly DockerEndpoint _endpoint;
        private readonly Func<string, string> _namespaceOwnerId;
        private readonly object _gate = new object();
        private Task? _imageCheck;

        /// <param name="namespaceOwnerId">The id of the container that owns a container's network namespace (a container: mode container joins its owner's).</param>
        public HelperContainerRunner(IDockerClient client, DockerEndpoint endpoint, string image, Func<string, string>? namespaceOwnerId = null)
        {
            _client = client;
            _endpoint = endpoint;
            Image = image;
            _namespaceOwnerId = namespaceOwnerId ?? (id => id);
        }

        public string Image { get; }

        public string Method => "helper containers of " + Image;

        public string ToolsOf(string containerName) => "the -ProbeImage " + Image;

        public async Task<CommandResult?> RunAsync(string containerId, IReadOnlyList<string> command, TimeSpan limit, CancellationToken cancellationToken)
        {
            await EnsureImageAsync(cancellationToken).ConfigureAwait(false);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(limit);
            // Removed by name when Ctrl+C comes while the daemon is creating it (no id back yet).
            var name = "dnt-probe-" + Guid.NewGuid().ToString("N").Substring(0, 12);
            string? helper = null;
            try
            {
                var target = _namespaceOwnerId(containerId);
                helper = name;
                helper = (await _client.Containers.CreateContainerAsync(new CreateContainerParameters
                {
                    Name = name,
                    Image = Image,
                    // The whole command line, whatever entrypoint the image declares.
                    Entrypoint = new List<string> { command[0] },
                    Cmd = command.Skip(1).ToList(),
                    Labels = new Dictionary<string, string> { [ProbeLabel] = "true", [TargetLabel] = target },
                    AttachStdout = true,
                    AttachStderr = true,
                    HostConfig = new HostConfig { NetworkMode = "container:" + target },
                }, bounded.Token).ConfigureAwait(false)).ID;

                using var output = await _client.Containers.AttachContainerAsync(helper,
                    new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, bounded.Token).ConfigureAwait(false);
                try
                {
                    await _client.Containers.StartContainerAsync(helper, new ContainerStartParameters(), bounded.Token).ConfigureAwait(false);
                }
                catch (DockerApiException exception) when (CommandNotInImage(exception))
                {
                    // runc refuses to start a command the image does not have: the same as exec's exit 127.
                    return new CommandResult(127, string.Empty, Client.DaemonErrors.DaemonMessage(exception.ResponseBody));
                }
                var (stdout, stderr) = await output.ReadOutputToEndAsync(bounded.Token).ConfigureAwait(false);
                var exit = await _client.Containers.WaitContainerAsync(helper, bounded.Token).ConfigureAwait(false);
                return new CommandResult(exit.StatusCode, stdout, stderr);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            finally
            {
                if (helper != null) await RemoveAsync(helper).ConfigureAwait(false);
            }
        }

        /// <summary>Once per runner (again only after a Ctrl+C): the image must be on the Docker host already.</summary>
        private Task EnsureImageAsync(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_imageCheck == null || _imageCheck.IsCanceled) _imageCheck = CheckImageAsync(cancellationToken);
                return _imageCheck;
            }
        }

        private async Task CheckImageAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _client.Images.InspectImageAsync(Image, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
            {
                throw NotFound(Image, _endpoint, exception);
            }
        }

        internal static DockerNetException NotFound(string image, DockerEndpoint endpoint, Exception? inner) =>
            new DockerNetException(ErrorIds.ProbeImageNotFound, ErrorKind.NotFound,
                ErrorText.Format(ErrorMessages.ProbeImageNotFound, image, endpoint.Text), image, inner)
            {
                RecommendedAction = ErrorMessages.ProbeImageNotFoundAction,
            };

        /// <summary>Removed whatever happened, Ctrl+C included: not cancellable, but bounded.</summary>
        private async Task RemoveAsync(string helper)
        {
            using var limit = new CancellationTokenSource(RemoveLimit);
            try
            {
                await _client.Containers.RemoveContainerAsync(helper, new ContainerRemoveParameters { Force = true }, limit.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DockerApiException || exception is OperationCanceledException || exception is System.IO.IOException
                                               || exception is System.Net.Http.HttpRequestException)
            {
                // Already gone (404), or the daemon went away: the label still marks it for `docker rm`.
            }
        }

        private static bool CommandNotInImage(DockerApiException exception)
        {
            var message = exception.ResponseBody ?? string.Empty;
            return message.IndexOf("executable file not found", StringComparison.OrdinalIgnoreCase) >= 0
                   || message.IndexOf("no such file or directory", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Method, _endpoint.Text);
    }
}
