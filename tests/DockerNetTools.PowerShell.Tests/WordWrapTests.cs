using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// Views wrap at word boundaries: no word of a docs/commands example is split across lines. The words an example may
    /// print are those of the same pipeline laid out without any column width (the module's views with their Width
    /// elements removed, prepended with Update-FormatData, 5000 columns): a word cut in two ("traffic be / tween",
    /// "blueCo / lorApp") leaves fragments that are no words there.
    /// </summary>
    public sealed class WordWrapTests
    {
        private static readonly string Commands = Path.Combine(Repository.Root, "docs", "commands");
        private static readonly string Formats = Path.Combine(Repository.Root, "src", "DockerNetTools.PowerShell", "Formats");

        public static IEnumerable<object[]> Pages() =>
            Directory.GetFiles(Commands, "*.md").Select(p => new object[] { Path.GetFileNameWithoutExtension(p) });

        [Theory]
        [MemberData(nameof(Pages))]
        public void Example_NoWordSplitAcrossLines(string page)
        {
            var text = File.ReadAllText(Path.Combine(Commands, page + ".md")).Replace("\r", string.Empty);
            var examples = Regex.Matches(text, "```powershell\n(.*?)\n```\n\n```text\n", RegexOptions.Singleline)
                .Select(m => m.Groups[1].Value).Where(c => c.Contains("-Scenario")).ToList();
            using var temp = new TempFolder();
            var unconstrained = UnconstrainedFormats(temp.Path);

            foreach (var example in examples)
            {
                var printed = DntRunner.InProcess(example);
                var whole = DntRunner.InProcess("Update-FormatData -PrependPath " + string.Join(", ", unconstrained.Select(f => "'" + f + "'")) +
                                                "; " + example + " | Out-String -Width 5000 -Stream");
                var words = new HashSet<string>(Words(whole.Output), StringComparer.Ordinal);
                // A column cut with an ellipsis (the topology's container list) is shortened on one line, not split across two.
                var split = Words(printed.Output).Where(w => !words.Contains(w) && !w.Contains('\u2026')).Distinct().ToList();
                Assert.True(split.Count == 0, page + ": '" + example + "' splits words across lines (fragments: " + string.Join(" | ", split) + ")\n" + printed.Output);
            }
        }

        [Fact]
        public void Dnt_ProseColumn_WrapsAtSpaces()
        {
            var printed = DntRunner.InProcess("Test-DockerNetReachability -Scenario SeedLab -Source ubuntuB -Destination ubuntuC");

            Assert.Contains("drop traffic\n", printed.Output.Replace("\r", string.Empty).Replace(" \n", "\n"));
            Assert.DoesNotContain("traffic be", printed.Output);
        }

        private static IEnumerable<string> Words(string output) =>
            output.Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries).Where(w => w.Trim('-').Length > 0);

        /// <summary>The module's format files without their column widths, so nothing wraps at 5000 columns.</summary>
        private static IReadOnlyList<string> UnconstrainedFormats(string folder)
        {
            var files = new List<string>();
            foreach (var file in Directory.GetFiles(Formats, "*.format.ps1xml"))
            {
                var document = XDocument.Load(file);
                document.Descendants("Width").Remove();
                var path = Path.Combine(folder, Path.GetFileName(file));
                document.Save(path);
                files.Add(path);
            }
            return files;
        }
    }
}
