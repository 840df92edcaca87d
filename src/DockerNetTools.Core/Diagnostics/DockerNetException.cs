using System;

namespace DockerNetTools.Diagnostics
{
    /// <summary>What kind of failure, mapped by the cmdlet layer onto PowerShell's ErrorCategory.</summary>
    public enum ErrorKind
    {
        NotFound,
        InvalidArgument,
        InvalidData,
        ConnectionError,
        PermissionDenied,
        ResourceUnavailable,
        NotImplemented,
        OperationStopped,
    }

    /// <summary>
    /// A failure the user can act on, with a stable PascalCase id (&lt;Noun&gt;&lt;Problem&gt;, e.g. ScenarioFileInvalid,
    /// ContainerNotFound, DaemonUnreachable) that becomes the ErrorRecord's FullyQualifiedErrorId prefix.
    /// </summary>
    public class DockerNetException : Exception
    {
        public DockerNetException(string errorId, ErrorKind kind, string message, object? target = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        public string ErrorId { get; }
        public ErrorKind Kind { get; }

        /// <summary>The offending input (a name, a path, an endpoint).</summary>
        public object? Target { get; }

        /// <summary>What to do about it, when there is something to say.</summary>
        public string? RecommendedAction { get; set; }
    }
}
