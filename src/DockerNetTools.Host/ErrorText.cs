using System.Management.Automation;
using System.Text;

namespace DockerNetTools.Host
{
    /// <summary>An ErrorRecord as one plain line: "Command: message (FullyQualifiedErrorId)", plus the recommended action when there is one.</summary>
    internal static class ErrorText
    {
        public static string Format(ErrorRecord record)
        {
            var text = new StringBuilder();
            var command = record.InvocationInfo?.MyCommand?.Name;
            if (!string.IsNullOrEmpty(command)) text.Append(command).Append(": ");
            var message = record.ErrorDetails?.Message;
            if (string.IsNullOrEmpty(message)) message = record.Exception?.Message ?? record.ToString();
            text.Append(message).Append(" (").Append(record.FullyQualifiedErrorId).Append(')');
            var action = record.ErrorDetails?.RecommendedAction;
            if (!string.IsNullOrEmpty(action)) text.AppendLine().Append("  Recommended action: ").Append(action);
            return text.ToString();
        }
    }
}
