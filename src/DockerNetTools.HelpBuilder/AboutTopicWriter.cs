using System;
using System.Linq;
using System.Text;

namespace DockerNetTools.HelpBuilder
{
    /// <summary>Turns an about_ markdown page into the plain-text layout of about_*.help.txt: headings flush left, text indented.</summary>
    internal static class AboutTopicWriter
    {
        public static string Write(string markdown)
        {
            var text = new StringBuilder();
            foreach (var raw in markdown.Replace("\r", string.Empty).Split('\n'))
            {
                if (raw.StartsWith("```", StringComparison.Ordinal)) continue;
                if (raw.StartsWith("# ", StringComparison.Ordinal))
                {
                    text.Append("TOPIC\n    ").Append(raw.Substring(2).Trim()).Append('\n');
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
                text.Append(raw.Trim().Length == 0 ? string.Empty : "    " + raw.Replace("`", string.Empty)).Append('\n');
            }
            return string.Join("\n", text.ToString().Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n') + "\n";
        }
    }
}
