using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Docker.DotNet;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;
using DockerNetTools.Docker.Endpoints;

namespace DockerNetTools.Docker.Client
{
    /// <summary>
    /// Turns whatever Docker.DotNet or the socket layer threw into one DockerNetException with a stable id that names
    /// the endpoint and says what to do: DaemonUnreachable, DaemonPermissionDenied, DaemonTlsFailed, DaemonApiError.
    /// Never lets an AggregateException or a transport exception reach the user.
    /// </summary>
    internal static class DaemonErrors
    {
        public static DockerNetException Map(Exception exception, DockerEndpoint endpoint)
        {
            var error = Unwrap(exception);
            if (error is DockerNetException known) return known;

            if (error is DockerApiException api) return ApiError(api, endpoint);

            // Look through the whole chain: HttpRequestException wraps the SocketException or AuthenticationException.
            for (var current = error; current != null; current = current.InnerException)
            {
                switch (current)
                {
                    case DockerNetException diagnosed: // the ssh transport's own diagnosis, inside HttpRequestException
                        return diagnosed;
                    case AuthenticationException _:
                        return DockerClientFactory.TlsFailed(endpoint, current.Message, error);
                    case UnauthorizedAccessException _:
                        return PermissionDenied(endpoint, error);
                    case SocketException socket when socket.SocketErrorCode == SocketError.AccessDenied:
                        return PermissionDenied(endpoint, error);
                    case SocketException socket:
                        return Unreachable(endpoint, Describe(socket, endpoint), error);
                }
            }

            switch (error)
            {
                case TimeoutException _:
                case OperationCanceledException _: // HttpClient's own timeout, not the user's Ctrl+C (callers rethrow that first)
                    return Unreachable(endpoint, ErrorMessages.DaemonNoAnswerInTime, error);
                case HttpRequestException http:
                    return Unreachable(endpoint, http.Message, error);
                case IOException io:
                    return Unreachable(endpoint, io.Message, error);
                case JsonException json:
                    return new DockerNetException(ErrorIds.DaemonApiError, ErrorKind.InvalidData,
                        ErrorText.Format(ErrorMessages.DaemonResponseUnreadable, endpoint.Text, json.Message), endpoint.Text, error);
                default:
                    return new DockerNetException(ErrorIds.DaemonApiError, ErrorKind.ConnectionError,
                        ErrorText.Format(ErrorMessages.DaemonTalkFailed, endpoint.Text, error.Message), endpoint.Text, error);
            }
        }

        /// <summary>AggregateException (from Task.WhenAll) carries the real failure inside.</summary>
        public static Exception Unwrap(Exception exception)
        {
            var current = exception;
            while (current is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
                current = aggregate.Flatten().InnerExceptions[0];
            return current;
        }

        public static DockerNetException Unreachable(DockerEndpoint endpoint, string why, Exception? inner) =>
            new DockerNetException(ErrorIds.DaemonUnreachable, ErrorKind.ConnectionError,
                ErrorText.Format(ErrorMessages.DaemonUnreachable, endpoint.Text, SourceOf(endpoint), why), endpoint.Text, inner)
            {
                RecommendedAction = ErrorMessages.DaemonUnreachableAction,
            };

        public static DockerNetException PermissionDenied(DockerEndpoint endpoint, Exception? inner) =>
            new DockerNetException(ErrorIds.DaemonPermissionDenied, ErrorKind.PermissionDenied,
                ErrorText.Format(ErrorMessages.DaemonPermissionDenied, endpoint.Text), endpoint.Text, inner)
            {
                RecommendedAction = ErrorMessages.DaemonPermissionDeniedAction,
            };

        private static DockerNetException ApiError(DockerApiException api, DockerEndpoint endpoint)
        {
            var message = DaemonMessage(api.ResponseBody);
            var status = (int)api.StatusCode;
            var kind = api.StatusCode switch
            {
                HttpStatusCode.NotFound => ErrorKind.NotFound,
                HttpStatusCode.Forbidden => ErrorKind.PermissionDenied,
                HttpStatusCode.Unauthorized => ErrorKind.PermissionDenied,
                HttpStatusCode.BadRequest => ErrorKind.InvalidArgument,
                _ => ErrorKind.ResourceUnavailable,
            };
            return new DockerNetException(ErrorIds.DaemonApiError, kind,
                ErrorText.Format(ErrorMessages.DaemonRefused, endpoint.Text, status, message), endpoint.Text, api)
            {
                RecommendedAction = status >= 500 ? ErrorMessages.DaemonRefusedAction : null,
            };
        }

        /// <summary>The daemon answers errors as {"message": "..."}; fall back to the raw body.</summary>
        internal static string DaemonMessage(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return "(no message)";
            try
            {
                using var document = JsonDocument.Parse(body!);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("message", out var message)
                    && message.ValueKind == JsonValueKind.String)
                    return message.GetString() ?? body!.Trim();
            }
            catch (JsonException)
            {
            }
            return body!.Trim();
        }

        private static string Describe(SocketException socket, DockerEndpoint endpoint)
        {
            switch (socket.SocketErrorCode)
            {
                case SocketError.ConnectionRefused when endpoint.IsUnixSocket && NotASocket(endpoint.SocketPath) is { } what:
                    // connect() on a path that is not a socket also says ECONNREFUSED.
                    return endpoint.SocketPath + " is " + what + ", not a socket (dockerd's is usually /var/run/docker.sock)";
                case SocketError.ConnectionRefused:
                    return endpoint.IsUnixSocket ? "the socket exists but nothing accepts connections on it (is dockerd running?)" : "the connection was refused (is dockerd listening there?)";
                case SocketError.AddressNotAvailable when endpoint.IsUnixSocket:
                    // .NET reports a missing unix socket file (ENOENT) as AddressNotAvailable.
                    return "there is no socket at " + endpoint.SocketPath + " (is dockerd running?)";
                case SocketError.HostNotFound:
                case SocketError.TryAgain:
                    return "the host name does not resolve";
                case SocketError.TimedOut:
                    return "the connection timed out";
                default:
                    return socket.Message;
            }
        }

        // A folder, or a file with content (a socket has none), is surely not a socket. Nothing is opened: a FIFO would block.
        private static string? NotASocket(string? path)
        {
            if (string.IsNullOrEmpty(path)) return null;
            try
            {
                if (System.IO.Directory.Exists(path)) return "a folder";
                if (System.IO.File.Exists(path) && new System.IO.FileInfo(path).Length > 0) return "a regular file";
            }
            catch (Exception exception) when (exception is System.IO.IOException || exception is UnauthorizedAccessException)
            {
            }
            return null;
        }

        private static string SourceOf(DockerEndpoint endpoint) => endpoint.Source switch
        {
            EndpointSource.Parameter when endpoint.Context != null => "from -Context " + endpoint.Context,
            EndpointSource.Parameter => "from -DockerHost",
            EndpointSource.Session when endpoint.Context != null => "from Connect-DockerNet -Context " + endpoint.Context,
            EndpointSource.Session => "from Connect-DockerNet",
            EndpointSource.Environment => "from DOCKER_HOST",
            EndpointSource.ContextEnvironment => "from DOCKER_CONTEXT=" + endpoint.Context,
            EndpointSource.ConfigFile => "from the current docker context " + endpoint.Context,
            _ => "the default",
        };
    }
}
