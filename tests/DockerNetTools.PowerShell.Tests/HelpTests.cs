using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Get-Help in the built dnt, whose staged module carries the MAML and about_ topics compiled from docs/.</summary>
    public sealed class HelpTests
    {
        [Fact]
        public void GetHelp_EveryDocumentedCmdlet_HasThePagesSynopsis()
        {
            var folder = Path.Combine(Repository.Root, "docs", "commands");
            var pages = Directory.GetFiles(folder, "*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n).ToList();
            var script = string.Join("; ", pages.Select(p => "'" + p + "=' + (Get-Help " + p + ").Synopsis"));

            var result = DntRunner.Process(script);

            Assert.True(result.ExitCode == 0, result.ToString());
            foreach (var page in pages)
            {
                var markdown = File.ReadAllText(Path.Combine(folder, page + ".md")).Replace("\r", string.Empty);
                var synopsis = Regex.Match(markdown, "## SYNOPSIS\n(.*?)\n\n", RegexOptions.Singleline).Groups[1].Value.Replace("\n", " ").Trim();
                Assert.Contains(page + "=" + synopsis, result.Output);
            }
        }

        [Fact]
        public void GetHelp_Examples_ShowTheDocumentedCommandAndOutput()
        {
            var result = DntRunner.Process("Get-Help Get-DockerNetInterface -Examples");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("Example 1: The seed notes' picture", result.Output);
            Assert.Matches(@"ubuntuC\s+eth0\s+10\.0\.0\.2", result.Output);
        }

        [Fact]
        public void GetHelp_Parameter_DescribesPipelineInputAndWildcards()
        {
            var result = DntRunner.Process(
                "$p = Get-Help Get-DockerNetInterface -Parameter Container; $p.pipelineInput + '|' + $p.globbing + '|' + $p.aliases");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("True (ByPropertyName, ByValue)|true|Name, Source", result.Output);
        }

        [Fact]
        public void GetHelp_AboutTopic_IsFound()
        {
            var result = DntRunner.Process("Get-Help about_DockerNetTools");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("SHORT DESCRIPTION", result.Output);
            Assert.Contains("Explains a Docker host's network", result.Output);
            // The example's comments are code, not topic headings.
            Assert.Single(Regex.Matches(result.Output, "(?m)^TOPIC\\s*$"));
            Assert.Matches(@"(?m)^ +# Why can't ubuntuC reach nginx on port 80\?$", result.Output);
        }
    }
}
