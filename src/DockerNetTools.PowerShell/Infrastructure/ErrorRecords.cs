using System;
using System.Management.Automation;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>Turns core failures into ErrorRecords with stable ids and the right category.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(DockerNetException exception)
        {
            var record = new ErrorRecord(exception, exception.ErrorId, CategoryOf(exception.Kind), exception.Target);
            if (!string.IsNullOrEmpty(exception.RecommendedAction))
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction };
            return record;
        }

        /// <summary>
        /// A failure to read one of several hosts: the core's id and category, the host as the user named it as target,
        /// and a message that starts with that name, so the error says which host it is about.
        /// </summary>
        public static ErrorRecord ForHost(DockerNetException exception, string host)
        {
            var record = new ErrorRecord(exception, exception.ErrorId, CategoryOf(exception.Kind), host)
            {
                ErrorDetails = new ErrorDetails(string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.Messages.HostFailed, host, exception.Message))
                {
                    RecommendedAction = exception.RecommendedAction,
                },
            };
            return record;
        }

        public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target, Exception? inner = null) =>
            new ErrorRecord(new DockerNetException(errorId, KindOf(category), message, target, inner), errorId, category, target);

        public static ErrorCategory CategoryOf(ErrorKind kind) => kind switch
        {
            ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            ErrorKind.InvalidData => ErrorCategory.InvalidData,
            ErrorKind.ConnectionError => ErrorCategory.ConnectionError,
            ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            ErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            ErrorKind.NotImplemented => ErrorCategory.NotImplemented,
            ErrorKind.OperationStopped => ErrorCategory.OperationStopped,
            _ => ErrorCategory.NotSpecified,
        };

        private static ErrorKind KindOf(ErrorCategory category) => category switch
        {
            ErrorCategory.ObjectNotFound => ErrorKind.NotFound,
            ErrorCategory.InvalidData => ErrorKind.InvalidData,
            ErrorCategory.ConnectionError => ErrorKind.ConnectionError,
            ErrorCategory.PermissionDenied => ErrorKind.PermissionDenied,
            ErrorCategory.ResourceUnavailable => ErrorKind.ResourceUnavailable,
            ErrorCategory.OperationStopped => ErrorKind.OperationStopped,
            _ => ErrorKind.InvalidArgument,
        };
    }
}
