using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// The PowerShell scripts of the repository (build.ps1, build/*.ps1, tests/*.Tests.ps1, examples/**/*.ps1 and .psd1) parsed by the real PowerShell
    /// parser, so `dotnet test` alone (no pwsh, no Pester: the README's "only the .NET SDK" path) still catches a syntax
    /// error. CI also runs the Pester files for real (build/Invoke-PesterTests.ps1), but never build.ps1: this is its only check.
    /// </summary>
    public sealed class ScriptFileSyntaxTests
    {
        public static IEnumerable<object[]> Scripts() =>
            new[] { Path.Combine(Repository.Root, "build.ps1") }
                .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "build"), "*.ps1"))
                .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "tests"), "*.Tests.ps1", SearchOption.AllDirectories)
                    .Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar)))
                .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.ps*1", SearchOption.AllDirectories))
                .Select(p => new object[] { Path.GetRelativePath(Repository.Root, p) });

        [Theory]
        [MemberData(nameof(Scripts))]
        public void Script_ParsesWithoutErrors(string relativePath)
        {
            Parser.ParseFile(Path.Combine(Repository.Root, relativePath), out _, out var errors);

            Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => relativePath + ":" + e.Extent.StartLineNumber + ":" +
                                                                                  e.Extent.StartColumnNumber + ": " + e.Message)));
        }

        [Fact]
        public void PesterFiles_StartStrict()
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "tests"), "*.Tests.ps1"))
            {
                var first = File.ReadLines(file).First(l => l.Trim().Length > 0);
                Assert.Equal("$ErrorActionPreference = 'Stop'; Set-StrictMode -Version Latest", first.Trim());
            }
        }

        [Fact]
        public void PesterFile_HasADescribePerFoundationCmdlet()
        {
            var ast = Parser.ParseFile(Path.Combine(Repository.Root, "tests", "DockerNetTools.Tests.ps1"), out _, out _);
            var described = ast.FindAll(a => a is CommandAst c && c.GetCommandName() == "Describe", true)
                .Cast<CommandAst>()
                .Select(c => (c.CommandElements[1] as StringConstantExpressionAst)?.Value)
                .ToList();

            foreach (var cmdlet in new[] { "Connect-DockerNet", "Disconnect-DockerNet", "Get-DockerNetTopology", "Get-DockerNetInterface" })
                Assert.Contains(cmdlet, described);
        }
    }
}
