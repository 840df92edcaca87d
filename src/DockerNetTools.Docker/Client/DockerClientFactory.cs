using System;
using System.IO;
using System.Net.Http;
using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;
using DockerNetTools.Docker.Client.Ssh;
using DockerNetTools.Docker.Endpoints;

namespace DockerNetTools.Docker.Client
{
    /// <summary>Builds Docker.DotNet clients for an endpoint: transport, TLS credentials, API version.</summary>
    internal static class DockerClientFactory
    {
        private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

        /// <param name="apiVersion">Null for unversioned paths (the daemon's own version): only the /version call that negotiates uses that.</param>
        /// <param name="wrapHandler">Optional: wraps the transport's HTTP handler (the benchmark counts requests with it).</param>
        public static DockerClient Create(DockerEndpoint endpoint, Version? apiVersion, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null)
        {
            // ssh:// has no transport in Docker.DotNet: ours runs `ssh … docker system dial-stdio` (Client/Ssh).
            var builder = endpoint.IsSsh
                ? new DockerClientBuilder<SshTransportOptions>(SshHandlerFactory.Instance, new SshTransportOptions(endpoint, "ssh"))
                : new DockerClientBuilder();
            builder = builder.WithEndpoint(endpoint.Uri).WithTimeout(RequestTimeout);
            if (apiVersion != null) builder = builder.WithApiVersion(apiVersion);
            var credentials = endpoint.Tls != null ? CreateCredentials(endpoint) : null;
            if (wrapHandler != null) builder = builder.WithAuthProvider(new HandlerWrappingAuthProvider(credentials ?? NoopAuthProvider.Instance, wrapHandler));
            else if (credentials != null) builder = builder.WithAuthProvider(credentials);
            try
            {
                return builder.Build();
            }
            catch (DockerConfigurationException exception)
            {
                throw new DockerNetException(ErrorIds.DaemonEndpointInvalid, ErrorKind.InvalidArgument,
                    ErrorText.Format(ErrorMessages.DaemonEndpointUnusable, endpoint.Text, exception.Message), endpoint.Text, exception);
            }
        }

        private static IAuthProvider CreateCredentials(DockerEndpoint endpoint)
        {
            var tls = endpoint.Tls!;
            foreach (var file in tls.VerifyServer ? new[] { "ca.pem", "cert.pem", "key.pem" } : new[] { "cert.pem", "key.pem" })
            {
                var path = Path.Combine(tls.CertificateDirectory, file);
                if (!File.Exists(path))
                    throw TlsFailed(endpoint, "the TLS file " + path + " does not exist", null);
            }
            try
            {
                var certificates = DockerTlsCertificates.LoadFromDirectory(tls.CertificateDirectory, tls.VerifyServer, "ca.pem", "cert.pem", "key.pem");
                var credentials = certificates.CreateCredentials();
                // DOCKER_TLS without DOCKER_TLS_VERIFY: encrypted, but the daemon's certificate is not checked (docker --tls).
                // Deliberate, and only on that explicit request: the user asked for `docker --tls` semantics (the docker CLI then
                // skips verification too); DOCKER_TLS_VERIFY=1 keeps the default validation against ca.pem.
#pragma warning disable CA5359 // accepts any server certificate: see above
                if (!tls.VerifyServer && credentials is CertificateCredentials certificateCredentials)
                    certificateCredentials.ServerCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
                return credentials;
            }
            catch (Exception exception) when (exception is not DockerNetException)
            {
                throw TlsFailed(endpoint, "the certificates in " + tls.CertificateDirectory + " cannot be loaded (" + exception.Message + ")", exception);
            }
        }

        internal static DockerNetException TlsFailed(DockerEndpoint endpoint, string why, Exception? inner) =>
            new DockerNetException(ErrorIds.DaemonTlsFailed, ErrorKind.ConnectionError,
                ErrorText.Format(ErrorMessages.DaemonTlsFailed, endpoint.Text, why), endpoint.Text, inner)
            {
                RecommendedAction = ErrorMessages.DaemonTlsFailedAction,
            };
    }
}
