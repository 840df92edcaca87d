using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// docs/commands/*.md must not drift from the cmdlets: the syntax and parameters match the built module, and every
    /// example's text block (those run with -Scenario) is what dnt really prints for it today.
    /// </summary>
    public sealed class CommandDocsTests : IClassFixture<PowerShellSession>
    {
        private static readonly string Folder = Path.Combine(Repository.Root, "docs", "commands");
        private readonly PowerShellSession _session;

        public CommandDocsTests(PowerShellSession session) => _session = session;

        public static IEnumerable<object[]> Pages() =>
            Directory.GetFiles(Folder, "*.md").Select(p => new object[] { Path.GetFileNameWithoutExtension(p) });

        [Theory]
        [InlineData("Connect-DockerNet")]
        [InlineData("Disconnect-DockerNet")]
        [InlineData("Get-DockerNetTopology")]
        [InlineData("Get-DockerNetInterface")]
        public void Page_ExistsForFoundationCmdlet(string cmdlet) =>
            Assert.True(File.Exists(Path.Combine(Folder, cmdlet + ".md")), "docs/commands/" + cmdlet + ".md is missing");

        [Theory]
        [MemberData(nameof(Pages))]
        public void Page_HeaderSyntaxAndParametersMatchTheCmdlet(string cmdlet)
        {
            var text = File.ReadAllText(Path.Combine(Folder, cmdlet + ".md"));
            Assert.Contains("external help file: DockerNetTools.dll-Help.xml", text);
            Assert.Contains("# " + cmdlet + "\n", text);

            var syntax = _session.Run("Get-Command $name -Syntax", new Dictionary<string, object?> { ["name"] = cmdlet }).AssertClean();
            var expected = Normalize(string.Join("\n", syntax.Output.Select(o => o.ToString())).Split('\n'));
            var section = Between(text, "## SYNTAX", "## DESCRIPTION");
            var documented = Normalize(Regex.Matches(section, "```\n(.*?)\n```", RegexOptions.Singleline).Select(m => m.Groups[1].Value));
            Assert.Equal(expected, documented);

            var parameters = _session.Run(
                "(Get-Command $name).Parameters.Values | Where-Object { $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_.Name -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters } | ForEach-Object { $_.Name }",
                new Dictionary<string, object?> { ["name"] = cmdlet }).AssertClean().Output.Select(o => (string)o.BaseObject).OrderBy(n => n, StringComparer.Ordinal);
            // PlatyPS documents -WhatIf and -Confirm of a SupportsShouldProcess cmdlet like its own parameters.
            var sections = Regex.Matches(Between(text, "## PARAMETERS", "## INPUTS"), @"(?m)^### -(\w+)").Select(m => m.Groups[1].Value)
                .Where(n => n != "WhatIf" && n != "Confirm")
                .OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(parameters, sections);
        }

        [Theory]
        [MemberData(nameof(Pages))]
        public void Page_ExampleOutputIsWhatDntPrints(string cmdlet)
        {
            var text = File.ReadAllText(Path.Combine(Folder, cmdlet + ".md"));
            var examples = Regex.Matches(text, "```powershell\n(.*?)\n```\n\n```text\n(.*?)```", RegexOptions.Singleline);
            Assert.NotEmpty(examples);
            // Only a modelled host prints the same thing everywhere; an example against a live daemon cannot be replayed.
            foreach (var example in examples.Where(e => e.Groups[1].Value.Contains("-Scenario")))
            {
                var printed = DntRunner.InProcess(example.Groups[1].Value);
                Assert.Equal(Trim(example.Groups[2].Value), Trim(printed.Output + printed.Error));
            }
        }

        private static string Between(string text, string start, string end)
        {
            var from = text.IndexOf(start, StringComparison.Ordinal);
            var to = text.IndexOf(end, from, StringComparison.Ordinal);
            return text.Substring(from, to - from);
        }

        // Get-Command prints <string>, PlatyPS <String>: compare syntax lines ignoring case and spacing.
        private static IReadOnlyList<string> Normalize(IEnumerable<string> lines) =>
            lines.SelectMany(l => l.Split('\n'))
                .Select(l => Regex.Replace(l.Trim(), @"\s+", " ").ToLowerInvariant())
                .Where(l => l.Length > 0)
                .OrderBy(l => l, StringComparer.Ordinal)
                .ToList();

        private static string Trim(string output) =>
            string.Join("\n", output.Replace("\r", string.Empty).Split('\n').Select(l => l.TrimEnd())).Trim('\n');
    }
}
