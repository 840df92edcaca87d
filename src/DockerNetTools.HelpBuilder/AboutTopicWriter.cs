using System;
using System.Linq;
using System.Text;

namespace DockerNetTools.HelpBuilder
{
    /// <summary>
    /// Turns an about_ markdown page into the plain-text layout of about_*.help.txt: headings flush left, text indented, code
    /// blocks indented further and copied as written (a `# comment` in a code block is code, not a heading, and its backticks
    /// are PowerShell's escape character, not markdown).
    /// </summary>
    internal static class AboutTopicWriter
    {
        private const string TextIndent = "    ";
        private const string CodeIndent = "        ";

        public static string Write(string markdown)
        {
            var text = new StringBuilder();
            string? fence = null;
            foreach (var raw in markdown.Replace("\r", string.Empty).Split('\n'))
            {
                var opening = Fence(raw);
                if (fence == null && opening != null)
                {
                    fence = opening;
                    continue;
                }
                if (fence != null)
                {
                    // CommonMark: the block ends at a fence of the same character at least as long, with nothing after it.
                    if (opening != null && opening[0] == fence[0] && opening.Length >= fence.Length && raw.Trim().Length == opening.Length)
                    {
                        fence = null;
                        continue;
                    }
                    text.Append(raw.Trim().Length == 0 ? string.Empty : CodeIndent + raw).Append('\n');
                    continue;
                }
                if (raw.StartsWith("# ", StringComparison.Ordinal))
                {
                    text.Append("TOPIC\n").Append(TextIndent).Append(raw.Substring(2).Trim()).Append('\n');
                    continue;
                }
                if (raw.StartsWith("## ", StringComparison.Ordinal))
                {
                    text.Append(raw.Substring(3).Trim().ToUpperInvariant()).Append('\n');
                    continue;
                }
                if (raw.StartsWith("### ", StringComparison.Ordinal))
                {
                    text.Append("  ").Append(raw.Substring(4).Trim()).Append('\n');
                    continue;
                }
                text.Append(raw.Trim().Length == 0 ? string.Empty : TextIndent + raw.Replace("`", string.Empty)).Append('\n');
            }
            return string.Join("\n", text.ToString().Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n') + "\n";
        }

        /// <summary>The fence (``` or ~~~, three or more, indented at most three spaces) a line starts with; null when none.</summary>
        private static string? Fence(string line)
        {
            var start = 0;
            while (start < line.Length && start < 4 && line[start] == ' ') start++;
            if (start > 3 || start >= line.Length || (line[start] != '`' && line[start] != '~')) return null;
            var end = start;
            while (end < line.Length && line[end] == line[start]) end++;
            return end - start >= 3 ? line.Substring(start, end - start) : null;
        }
    }
}
