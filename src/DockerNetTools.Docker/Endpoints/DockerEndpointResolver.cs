using System;
using System.IO;
using System.Runtime.InteropServices;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;

namespace DockerNetTools.Docker.Endpoints
{
    /// <summary>
    /// Finds the daemon the way the docker CLI does (cli/command/cli.go resolveContextName), first answer wins:
    /// -DockerHost or -Context (both at once is an error, like `docker -H … --context …`), the session default of
    /// Connect-DockerNet (a host or a context), DOCKER_HOST (with DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH), DOCKER_CONTEXT,
    /// currentContext in the docker config file (DOCKER_CONFIG, else ~/.docker/config.json), then the platform's default
    /// socket. The context "default" is DOCKER_HOST or the platform socket, as in the CLI.
    /// </summary>
    public static class DockerEndpointResolver
    {
        public const string UnixDefault = "unix:///var/run/docker.sock";
        public const string WindowsDefault = "npipe://./pipe/docker_engine";

        /// <summary>Resolves from the real process environment.</summary>
        public static DockerEndpoint Resolve(string? parameter, string? session) =>
            Resolve(new EndpointRequest { DockerHost = parameter, SessionDockerHost = session });

        /// <summary>Resolves from the real process environment.</summary>
        public static DockerEndpoint Resolve(EndpointRequest request) =>
            Resolve(request, Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows), HomeDirectory());

        /// <param name="environment">Reads an environment variable (injectable for tests).</param>
        /// <param name="isWindows">Picks the platform default.</param>
        /// <param name="home">The user's home, for the CLI's default certificate directory ~/.docker.</param>
        public static DockerEndpoint Resolve(string? parameter, string? session, Func<string, string?> environment, bool isWindows, string? home) =>
            Resolve(new EndpointRequest { DockerHost = parameter, SessionDockerHost = session }, environment, isWindows, home);

        /// <param name="request">What the command and the session name.</param>
        /// <param name="environment">Reads an environment variable (injectable for tests).</param>
        /// <param name="isWindows">Picks the platform default.</param>
        /// <param name="home">The user's home: ~/.docker holds the CLI's config, contexts and default certificates.</param>
        public static DockerEndpoint Resolve(EndpointRequest request, Func<string, string?> environment, bool isWindows, string? home)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var host = Given(request.DockerHost);
            var context = Given(request.Context);
            if (host != null && context != null)
                throw new DockerNetException(ErrorIds.ContextAndDockerHost, ErrorKind.InvalidArgument,
                    ErrorText.Format(ErrorMessages.ContextAndDockerHost, context, host), context)
                {
                    RecommendedAction = ErrorMessages.ContextAndDockerHostAction,
                };
            if (context != null) return FromContext(context, EndpointSource.Parameter, environment, isWindows, home);
            if (host != null) return Parse(host, EndpointSource.Parameter, environment, home);
            if (Given(request.SessionContext) is { } sessionContext) return FromContext(sessionContext, EndpointSource.Session, environment, isWindows, home);
            if (Given(request.SessionDockerHost) is { } session) return Parse(session, EndpointSource.Session, environment, home);
            if (Given(environment("DOCKER_HOST")) is { } fromEnvironment) return Parse(fromEnvironment, EndpointSource.Environment, environment, home);
            if (Given(environment("DOCKER_CONTEXT")) is { } contextFromEnvironment)
                return FromContext(contextFromEnvironment, EndpointSource.ContextEnvironment, environment, isWindows, home);
            if (DockerContextStore.FromEnvironment(environment, home).CurrentContext() is { } current)
                return FromContext(current, EndpointSource.ConfigFile, environment, isWindows, home);
            return PlatformDefault(EndpointSource.PlatformDefault, environment, isWindows, home, null);
        }

        /// <summary>The context store the CLI would read in this environment (DOCKER_CONFIG, else ~/.docker).</summary>
        public static DockerContextStore ContextStore() => DockerContextStore.FromEnvironment(Environment.GetEnvironmentVariable, HomeDirectory());

        private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        /// <summary>
        /// A named context's docker endpoint with its own TLS material (never DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, which
        /// belong to the default context); "default" is DOCKER_HOST or the platform socket.
        /// </summary>
        private static DockerEndpoint FromContext(string name, EndpointSource source, Func<string, string?> environment, bool isWindows, string? home)
        {
            if (string.Equals(name, DockerContextStore.DefaultContextName, StringComparison.Ordinal))
            {
                if (Given(environment("DOCKER_HOST")) is { } host)
                {
                    var parsed = Parse(host, source, environment, home);
                    return new DockerEndpoint(parsed.Uri, parsed.Text, source, parsed.Tls, name);
                }
                return PlatformDefault(source, environment, isWindows, home, name);
            }
            var context = DockerContextStore.FromEnvironment(environment, home).Find(name);
            if (context.Host == null)
                throw Invalid(name, "the docker context '" + name + "' has no docker endpoint");
            var endpoint = Parse(context.Host, source, _ => null, home);
            DockerTlsSettings? tls = null;
            if (endpoint.Tls != null || context.TlsDirectory != null || context.SkipTlsVerify)
                tls = endpoint.IsUnixSocket || endpoint.IsNamedPipe || endpoint.IsSsh ? null
                    : new DockerTlsSettings(context.TlsDirectory ?? string.Empty, !context.SkipTlsVerify);
            return new DockerEndpoint(endpoint.Uri, endpoint.Text, source, tls, context.Name);
        }

        private static DockerEndpoint PlatformDefault(EndpointSource source, Func<string, string?> environment, bool isWindows, string? home, string? context)
        {
            var parsed = Parse(isWindows ? WindowsDefault : UnixDefault, source, environment, home);
            return new DockerEndpoint(parsed.Uri, parsed.Text, source, parsed.Tls, context);
        }

        private static DockerEndpoint Parse(string text, EndpointSource source, Func<string, string?> environment, string? home)
        {
            var value = text.Trim();
            // The CLI accepts a bare socket path in a few places; treat "/run/docker.sock" as unix://.
            if (value.StartsWith("/", StringComparison.Ordinal)) value = "unix://" + value;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
                throw Invalid(text, "it is not an address such as unix:///var/run/docker.sock, tcp://host:2376 or npipe://./pipe/docker_engine");

            switch (uri.Scheme.ToLowerInvariant())
            {
                case "unix":
                case "npipe":
                    return new DockerEndpoint(uri, text, source, null);
                case "tcp":
                case "http":
                case "https":
                    if (uri.Port <= 0 && !string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase)
                                      && !string.Equals(uri.Scheme, "http", StringComparison.OrdinalIgnoreCase))
                        throw Invalid(text, "a tcp:// address needs a port (2375 plain, 2376 TLS)");
                    return new DockerEndpoint(uri, text, source, TlsFor(uri, environment, home));
                case "ssh":
                    // As the CLI's connhelper/ssh: a host, an optional user and port, a path naming the remote socket; no
                    // password, query or fragment. ssh itself does the rest (keys, known hosts, its config).
                    if (uri.UserInfo.IndexOf(':') >= 0)
                        throw new DockerNetException(ErrorIds.DaemonEndpointUnsupported, ErrorKind.InvalidArgument,
                            ErrorText.Format(ErrorMessages.DaemonEndpointSshPassword, text), text);
                    if (uri.IdnHost.Length == 0) throw Invalid(text, "an ssh:// address needs a host (ssh://user@host)");
                    if (uri.Query.Length > 0 || uri.Fragment.Length > 0) throw Invalid(text, "an ssh:// address takes no query or fragment");
                    return new DockerEndpoint(uri, text, source, null);
                default:
                    throw Invalid(text, "the scheme '" + uri.Scheme + "' is not one of unix, tcp, ssh or npipe");
            }
        }

        /// <summary>
        /// Like the docker CLI: DOCKER_TLS_VERIFY (any non-empty value) means TLS with the daemon's certificate checked
        /// against ca.pem; DOCKER_TLS means TLS without that check; https:// implies TLS. Certificates come from
        /// DOCKER_CERT_PATH, else ~/.docker.
        /// </summary>
        private static DockerTlsSettings? TlsFor(Uri uri, Func<string, string?> environment, string? home)
        {
            var verify = !string.IsNullOrEmpty(environment("DOCKER_TLS_VERIFY"));
            var tls = verify || !string.IsNullOrEmpty(environment("DOCKER_TLS"))
                      || string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase);
            if (!tls) return null;
            var directory = environment("DOCKER_CERT_PATH");
            if (string.IsNullOrEmpty(directory)) directory = home == null ? ".docker" : Path.Combine(home, ".docker");
            return new DockerTlsSettings(directory!, verify);
        }

        private static DockerNetException Invalid(string text, string why) =>
            new DockerNetException(ErrorIds.DaemonEndpointInvalid, ErrorKind.InvalidArgument,
                ErrorText.Format(ErrorMessages.DaemonEndpointInvalid, text, why), text)
            {
                RecommendedAction = ErrorMessages.DaemonEndpointInvalidAction,
            };

        private static string? HomeDirectory()
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home)) home = Environment.GetEnvironmentVariable("USERPROFILE");
            return string.IsNullOrEmpty(home) ? null : home;
        }
    }
}
