using System;

namespace DockerNetTools.Docker.Endpoints
{
    /// <summary>Where the daemon address came from, in the order the resolver tries them.</summary>
    public enum EndpointSource
    {
        /// <summary>The cmdlet's -DockerHost parameter.</summary>
        Parameter,
        /// <summary>Connect-DockerNet -DockerHost for this session.</summary>
        Session,
        /// <summary>The DOCKER_HOST environment variable.</summary>
        Environment,
        /// <summary>The DOCKER_CONTEXT environment variable (a context name).</summary>
        ContextEnvironment,
        /// <summary>currentContext in the docker config file (`docker context use`).</summary>
        ConfigFile,
        /// <summary>unix:///var/run/docker.sock, or npipe://./pipe/docker_engine on Windows.</summary>
        PlatformDefault,
    }

    /// <summary>TLS material for a tcp:// endpoint, read the way the docker CLI reads it (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH).</summary>
    public sealed class DockerTlsSettings
    {
        public DockerTlsSettings(string certificateDirectory, bool verifyServer)
        {
            CertificateDirectory = certificateDirectory;
            VerifyServer = verifyServer;
        }

        /// <summary>Holds ca.pem, cert.pem and key.pem.</summary>
        public string CertificateDirectory { get; }

        /// <summary>DOCKER_TLS_VERIFY: check the daemon's certificate against ca.pem.</summary>
        public bool VerifyServer { get; }
    }

    /// <summary>A resolved daemon address: what to connect to, how, and why this one.</summary>
    public sealed class DockerEndpoint
    {
        public DockerEndpoint(Uri uri, string text, EndpointSource source, DockerTlsSettings? tls, string? context = null)
        {
            Uri = uri;
            Text = text;
            Source = source;
            Tls = tls;
            Context = context;
        }

        /// <summary>The docker context the endpoint came from (-Context, DOCKER_CONTEXT, currentContext); null for an address given directly.</summary>
        public string? Context { get; }

        /// <summary>The address given to Docker.DotNet (tcp://, unix://, npipe://), or the ssh:// address the ssh transport opens.</summary>
        public Uri Uri { get; }

        /// <summary>The address as the user wrote it: used in every message.</summary>
        public string Text { get; }

        public EndpointSource Source { get; }

        /// <summary>TLS settings for tcp:// endpoints; null for plain connections and local sockets.</summary>
        public DockerTlsSettings? Tls { get; }

        public bool IsUnixSocket => string.Equals(Uri.Scheme, "unix", StringComparison.OrdinalIgnoreCase);

        public bool IsSsh => string.Equals(Uri.Scheme, "ssh", StringComparison.OrdinalIgnoreCase);

        public bool IsNamedPipe => string.Equals(Uri.Scheme, "npipe", StringComparison.OrdinalIgnoreCase);

        /// <summary>The socket file of a unix:// endpoint.</summary>
        public string? SocketPath => IsUnixSocket ? Uri.LocalPath : null;

        /// <summary>The address, and the context it came from: "ssh://ops@db1 (context prod)".</summary>
        public string Description => Context == null ? Text : Text + " (context " + Context + ")";

        public override string ToString() => Text;
    }
}
