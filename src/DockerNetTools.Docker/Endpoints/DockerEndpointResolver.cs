using System;
using System.IO;
using System.Runtime.InteropServices;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;

namespace DockerNetTools.Docker.Endpoints
{
    /// <summary>
    /// Finds the daemon the way the docker CLI does, first answer wins: -DockerHost, Connect-DockerNet -DockerHost,
    /// DOCKER_HOST (with DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH), then the platform's default socket.
    /// </summary>
    public static class DockerEndpointResolver
    {
        public const string UnixDefault = "unix:///var/run/docker.sock";
        public const string WindowsDefault = "npipe://./pipe/docker_engine";

        /// <summary>Resolves from the real process environment.</summary>
        public static DockerEndpoint Resolve(string? parameter, string? session) =>
            Resolve(parameter, session, Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows), HomeDirectory());

        /// <param name="environment">Reads an environment variable (injectable for tests).</param>
        /// <param name="isWindows">Picks the platform default.</param>
        /// <param name="home">The user's home, for the CLI's default certificate directory ~/.docker.</param>
        public static DockerEndpoint Resolve(string? parameter, string? session, Func<string, string?> environment, bool isWindows, string? home)
        {
            if (!string.IsNullOrWhiteSpace(parameter)) return Parse(parameter!, EndpointSource.Parameter, environment, home);
            if (!string.IsNullOrWhiteSpace(session)) return Parse(session!, EndpointSource.Session, environment, home);
            var fromEnvironment = environment("DOCKER_HOST");
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Parse(fromEnvironment!, EndpointSource.Environment, environment, home);
            return Parse(isWindows ? WindowsDefault : UnixDefault, EndpointSource.PlatformDefault, environment, home);
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
                    throw new DockerNetException(ErrorIds.DaemonEndpointUnsupported, ErrorKind.InvalidArgument,
                        ErrorText.Format(ErrorMessages.DaemonEndpointSsh, text),
                        text);
                default:
                    throw Invalid(text, "the scheme '" + uri.Scheme + "' is not one of unix, tcp or npipe");
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
