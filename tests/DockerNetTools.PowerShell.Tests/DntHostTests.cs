using System.IO;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>The bundled host: module staging, printing through Out-Default, error text, exit codes.</summary>
    public sealed class DntHostTests
    {
        [Fact]
        public void Dnt_BuiltProgram_ImportsItsStagedModule()
        {
            var result = DntRunner.Process("Get-Command -Module DockerNetTools | ForEach-Object { $_.Name + ' ' + $_.Version }");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("Connect-DockerNet 0.1.0", result.Output);
            Assert.Equal(string.Empty, result.Error);
        }

        [Fact]
        public void Dnt_StagedManifest_IsFlattenedAndStamped()
        {
            var staged = Path.Combine(Path.GetDirectoryName(Repository.DntDll)!, "Modules", "DockerNetTools", "DockerNetTools.psd1");
            var manifest = ManifestFile.Read(staged);

            Assert.Equal("DockerNetTools.dll", manifest.String("RootModule"));
            Assert.All(manifest.Strings("FormatsToProcess"), f => Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(staged)!, f)), f));
            Assert.Equal(ManifestFile.Read(Repository.Manifest).String("ModuleVersion"), manifest.String("ModuleVersion"));
        }

        [Fact]
        public void Dnt_TableOutput_RendersThroughOutDefaultAsPlainText()
        {
            var result = DntRunner.InProcess("Get-Command -Module DockerNetTools");

            Assert.Equal(0, result.ExitCode);
            Assert.Matches(@"(?m)^CommandType\s+Name\s+Version\s+Source\s*$", result.Output);
            Assert.Matches(@"(?m)^Cmdlet\s+Connect-DockerNet\s+0\.1\.0\s+DockerNetTools\s*$", result.Output);
            Assert.DoesNotContain("\u001b[", result.Output);
        }

        [Fact]
        public void Dnt_NonTerminatingError_PrintsCommandMessageAndErrorIdAndExitsOne()
        {
            var result = DntRunner.InProcess("Get-Command -Name Missing-DockerNetThing; 'after'");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("after", result.Output);
            Assert.Matches(@"(?s)^Get-Command: .*Missing-DockerNetThing.* \(CommandNotFoundException,Microsoft\.PowerShell\.Commands\.GetCommandCommand\)", result.Error);
        }

        [Fact]
        public void Dnt_TerminatingError_ExitsTwo()
        {
            var result = DntRunner.InProcess("Get-Command -Name Missing-DockerNetThing -ErrorAction Stop; 'never'");

            Assert.Equal(2, result.ExitCode);
            Assert.DoesNotContain("never", result.Output);
            Assert.Contains("CommandNotFoundException", result.Error);
        }

        [Fact]
        public void Dnt_ParseError_ExitsTwoWithTheParserMessage()
        {
            var result = DntRunner.Process("1 +");

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("ExpectedValueExpression", result.Error);
        }

        [Fact]
        public void Dnt_ExitStatement_SetsTheExitCode()
        {
            Assert.Equal(7, DntRunner.InProcess("exit 7").ExitCode);
        }

        [Fact]
        public void Dnt_Verbose_PrintsVerboseLinesWhenAsked()
        {
            var quiet = DntRunner.InProcess("Disconnect-DockerNet");
            var verbose = DntRunner.InProcess("Disconnect-DockerNet -Verbose");

            Assert.Equal(string.Empty, quiet.Error);
            Assert.Contains("VERBOSE: There was no session default to clear.", verbose.Error);
        }

        [Fact]
        public void Dnt_Warning_PrintedWithPrefixOnStandardError()
        {
            var result = DntRunner.InProcess("Write-Warning 'veth missing'; 'done'");

            Assert.Equal(0, result.ExitCode);
            Assert.Equal("WARNING: veth missing", result.Error.Trim());
            Assert.Contains("done", result.Output);
        }

        [Fact]
        public void Dnt_NoArgument_RunsAnInteractivePromptUntilEndOfInput()
        {
            var result = DntRunner.Process(null, stdin: "$n = 20\n$n + 22\nquit\n'not reached'\n");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("42", result.Output);
            Assert.Contains("PS ", result.Output);
            Assert.DoesNotContain("not reached", result.Output);
        }

        [Fact]
        public void Dnt_ModulePathOverrideMissing_ExitsThreeWithTheReason()
        {
            var result = DntRunner.Process("'x'", moduleOverride: Path.Combine(Repository.Root, "no-such-folder"));

            Assert.True(result.ExitCode == 3, result.ToString());
            Assert.Contains("DNT_MODULE_PATH", result.Error);
        }

        [Fact]
        public void Dnt_ModulePathOverride_ImportsThatManifest()
        {
            var result = DntRunner.Process("(Get-Module DockerNetTools).Path", moduleOverride: Repository.Manifest);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains(Path.Combine("out", "DockerNetTools", "DockerNetTools.dll"), result.Output);
        }
    }
}
