using System.Linq;
using DockerNetTools.Resources;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>
    /// Whether a container's resolver could ask for a name at all. A blank is never in a Docker name (containers, aliases
    /// and networks are [a-zA-Z0-9][a-zA-Z0-9_.-]) nor a host name; an empty label or an over-long one cannot be written
    /// as a DNS question, so the resolver fails before it asks (checked with busybox nslookup against 127.0.0.11 on
    /// Engine 20.10: "write to '127.0.0.11': Message too long" for a..b and .a).
    /// </summary>
    internal static class DnsNames
    {
        private const int MaxLabel = 63;
        private const int MaxName = 253;

        /// <summary>Why <paramref name="name"/> cannot be looked up, with what to do instead; null when it can.</summary>
        public static (string Problem, string? Action)? Problem(string name)
        {
            if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                return (ErrorText.Format(ErrorMessages.NameHasBlank, name), ErrorMessages.NameHasBlankAction);
            // One trailing dot is the root (a fully qualified name); any other empty label cannot be encoded.
            var labels = (name.EndsWith(".", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 1) : name).Split('.');
            if (labels.Any(l => l.Length == 0))
            {
                var fixedName = string.Join(".", labels.Where(l => l.Length > 0));
                return (ErrorText.Format(ErrorMessages.NameEmptyLabel, name),
                        fixedName.Length == 0 ? null : ErrorText.Format(ErrorMessages.NameEmptyLabelAction, fixedName));
            }
            var tooLong = labels.FirstOrDefault(l => l.Length > MaxLabel);
            if (tooLong != null)
                return (ErrorText.Format(ErrorMessages.NameLabelTooLong, name, tooLong, tooLong.Length), null);
            if (name.TrimEnd('.').Length > MaxName)
                return (ErrorText.Format(ErrorMessages.NameTooLong, name, name.TrimEnd('.').Length), null);
            return null;
        }
    }
}
