using System;
using System.Linq;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Endpoints;
using DockerNetTools.Resources;

namespace DockerNetTools.Docker.Client.Ssh
{
    /// <summary>
    /// What a failed `ssh … docker system dial-stdio` means, from ssh's exit code and its standard error: the key was
    /// refused (SshAuthenticationFailed), the host cannot be reached (SshHostUnreachable), the remote has no docker CLI
    /// (SshDockerMissing), or the remote docker could not reach its daemon (DaemonUnreachable, quoting it).
    /// </summary>
    internal static class SshErrors
    {
        private static readonly char[] LineBreaks = { '\r', '\n' };
        private static readonly string[] AuthenticationFailures =
        {
            "Permission denied", "Host key verification failed", "Too many authentication failures", "no matching host key type",
            "REMOTE HOST IDENTIFICATION HAS CHANGED", "No more authentication methods",
        };

        private static readonly string[] Unreachable =
        {
            "Could not resolve hostname", "Connection refused", "Connection timed out", "No route to host",
            "Network is unreachable", "Connection closed by", "Connection reset by", "Operation timed out",
        };

        private static readonly string[] DockerMissing = { "docker: not found", "docker: command not found", "docker: No such file or directory" };

        public static DockerNetException Classify(DockerEndpoint endpoint, int? exitCode, string stderr, Exception? inner)
        {
            var said = Said(stderr);
            if (exitCode == 255 || exitCode == null)
            {
                if (AuthenticationFailures.Any(s => stderr.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0))
                    return new DockerNetException(ErrorIds.SshAuthenticationFailed, ErrorKind.PermissionDenied,
                        ErrorText.Format(ErrorMessages.SshAuthenticationFailed, endpoint.Text, said), endpoint.Text, inner)
                    {
                        RecommendedAction = ErrorMessages.SshAuthenticationFailedAction,
                    };
                if (Unreachable.Any(s => stderr.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0))
                    return new DockerNetException(ErrorIds.SshHostUnreachable, ErrorKind.ConnectionError,
                        ErrorText.Format(ErrorMessages.SshHostUnreachable, endpoint.Text, said), endpoint.Text, inner)
                    {
                        RecommendedAction = ErrorMessages.SshHostUnreachableAction,
                    };
            }
            if (exitCode == 127 || DockerMissing.Any(s => stderr.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0))
                return new DockerNetException(ErrorIds.SshDockerMissing, ErrorKind.ResourceUnavailable,
                    ErrorText.Format(ErrorMessages.SshDockerMissing, endpoint.Text, said), endpoint.Text, inner)
                {
                    RecommendedAction = ErrorMessages.SshDockerMissingAction,
                };
            var why = said.Length > 0 ? said : ErrorText.Format(ErrorMessages.SshEndedSilently, exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?");
            return DaemonErrors.Unreachable(endpoint, why, inner);
        }

        public static DockerNetException ClientMissing(DockerEndpoint endpoint, string executable, Exception? inner) =>
            new DockerNetException(ErrorIds.SshClientMissing, ErrorKind.ResourceUnavailable,
                ErrorText.Format(ErrorMessages.SshClientMissing, endpoint.Text, executable, inner?.Message ?? string.Empty), endpoint.Text, inner)
            {
                RecommendedAction = ErrorMessages.SshClientMissingAction,
            };

        /// <summary>ssh's standard error on one line, without its warnings about known hosts.</summary>
        private static string Said(string stderr) =>
            string.Join(" ", stderr.Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("Warning: Permanently added", StringComparison.Ordinal)));
    }
}
