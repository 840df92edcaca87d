using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Client;

namespace DockerNetTools.Docker.Client.Ssh
{
    /// <summary>
    /// Docker.DotNet's transport for ssh:// endpoints, which the library itself refuses: its own HTTP/1.1 client
    /// (ManagedHandler) over a stream we open, one `ssh … docker system dial-stdio` process per connection, as the docker
    /// CLI's connection helper does. The library sends Connection: close, so each request is one process.
    /// </summary>
    internal sealed class SshHandlerFactory : IDockerHandlerFactory<SshTransportOptions>
    {
        public static SshHandlerFactory Instance { get; } = new SshHandlerFactory();

        private SshHandlerFactory()
        {
        }

        public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
            throw new InvalidOperationException("The ssh transport needs its options (the endpoint).");

        public ResolvedTransport CreateHandler(SshTransportOptions transportOptions, ResolvedClientOptions clientOptions, ILogger logger)
        {
            var opener = new ManagedHandler.StreamOpener((_, _, cancellationToken) => OpenAsync(transportOptions, cancellationToken));
            // The host part only fills the Host header: dial-stdio forwards the bytes to the remote daemon's socket.
            return new ResolvedTransport(new ManagedHandler(opener, logger), new Uri("http://docker.example.com"));
        }

        public Task<WriteClosableStream> HijackStreamAsync(HttpContent content)
        {
            if (content is not HttpConnectionResponseContent hijackable)
                throw new NotSupportedException("The content type is not supported for stream hijacking.");
            return Task.FromResult(hijackable.HijackStream());
        }

        private static Task<Stream> OpenAsync(SshTransportOptions options, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult<Stream>(SshProcessStream.Start(options));
        }
    }
}
