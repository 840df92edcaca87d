using System;
using System.Globalization;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;
using DockerNetTools.Docker.Endpoints;

namespace DockerNetTools.Docker.Client
{
    /// <summary>
    /// Picks the API version to speak, as the docker CLI does: the lower of the newest version this client understands
    /// and the daemon's ApiVersion from the unversioned GET /version. Never a fixed old version: Engine 29 refuses
    /// anything below 1.44 ("client version 1.41 is too old. Minimum supported API version is 1.44").
    /// </summary>
    public static class ApiVersionNegotiator
    {
        /// <summary>The newest Engine API whose fields Docker.DotNet.Enhanced 4.3 models (Engine 29).</summary>
        public static readonly Version ClientMaximum = new Version(1, 52);

        /// <param name="daemonApiVersion">/version's ApiVersion (the daemon's newest).</param>
        /// <param name="daemonMinimumApiVersion">/version's MinAPIVersion (the daemon's oldest), may be empty.</param>
        public static Version Negotiate(string? daemonApiVersion, string? daemonMinimumApiVersion, DockerEndpoint endpoint)
        {
            if (!TryParse(daemonApiVersion, out var daemonMaximum))
                throw new DockerNetException(ErrorIds.DaemonApiError, ErrorKind.InvalidData,
                    ErrorText.Format(ErrorMessages.DaemonApiVersionMissing, endpoint.Text, daemonApiVersion),
                    endpoint.Text);
            var chosen = daemonMaximum < ClientMaximum ? daemonMaximum : ClientMaximum;
            if (TryParse(daemonMinimumApiVersion, out var daemonMinimum) && chosen < daemonMinimum)
                throw new DockerNetException(ErrorIds.DaemonApiVersionUnsupported, ErrorKind.NotImplemented,
                    ErrorText.Format(ErrorMessages.DaemonApiVersionUnsupported, endpoint.Text, daemonMinimum, ClientMaximum),
                    endpoint.Text)
                {
                    RecommendedAction = ErrorMessages.DaemonApiVersionUnsupportedAction,
                };
            return chosen;
        }

        public static bool TryParse(string? text, out Version version)
        {
            version = new Version(0, 0);
            if (string.IsNullOrWhiteSpace(text)) return false;
            var parts = text!.Trim().Split('.');
            if (parts.Length < 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
                return false;
            version = new Version(major, minor);
            return true;
        }

        public static string Format(Version version) => version.Major.ToString(CultureInfo.InvariantCulture) + "." + version.Minor.ToString(CultureInfo.InvariantCulture);
    }
}
