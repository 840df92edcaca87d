using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>The manifest at the repository root against the built module and Directory.Build.props.</summary>
    public sealed class ModuleManifestTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;
        private readonly ManifestFile _manifest = ManifestFile.Read(Repository.Manifest);

        public ModuleManifestTests(PowerShellSession session) => _session = session;

        [Fact]
        public void GetCommand_ModuleImported_ListsExactlyTheManifestCmdlets()
        {
            var exported = _session.Run("Get-Command -Module DockerNetTools | ForEach-Object { $_.Name }").AssertClean()
                .Output.Select(o => (string)o.BaseObject).OrderBy(n => n, StringComparer.Ordinal).ToList();

            var listed = _manifest.Strings("CmdletsToExport").OrderBy(n => n, StringComparer.Ordinal).ToList();
            Assert.Equal(listed, exported);
            Assert.DoesNotContain("*", listed);
        }

        [Theory]
        [InlineData("Connect-DockerNet")]
        [InlineData("Disconnect-DockerNet")]
        public void GetCommand_ModuleImported_ContainsFoundationCmdlet(string name)
        {
            var found = _session.Run("Get-Command -Module DockerNetTools -Name $name -CommandType Cmdlet | ForEach-Object { $_.Name }",
                new System.Collections.Generic.Dictionary<string, object?> { ["name"] = name }).AssertClean();
            Assert.Equal(name, Assert.Single(found.Output).BaseObject);
        }

        [Fact]
        public void Manifest_EveryCmdletClassInTheAssembly_IsExported()
        {
            // A cmdlet class that the manifest forgets would silently not exist for users.
            var classes = _session.Run(
                "[DockerNetTools.PowerShell.Commands.ConnectDockerNetCommand].Assembly.GetExportedTypes() | " +
                "Where-Object { $_.IsDefined([System.Management.Automation.CmdletAttribute], $false) } | " +
                "ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; $a.VerbName + '-' + $a.NounName }")
                .AssertClean().Output.Select(o => (string)o.BaseObject).OrderBy(n => n, StringComparer.Ordinal);

            Assert.Equal(_manifest.Strings("CmdletsToExport").OrderBy(n => n, StringComparer.Ordinal), classes);
        }

        [Fact]
        public void ModuleVersion_EqualsDirectoryBuildPropsVersionAndAssemblyVersion()
        {
            var props = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props"));
            var version = props.Descendants("Version").Single().Value;
            var assembly = AssemblyName.GetAssemblyName(Path.Combine(Repository.ModuleOutput, "DockerNetTools.dll")).Version!;

            Assert.Equal(version, _manifest.String("ModuleVersion"));
            Assert.Equal(Version.Parse(version), new Version(assembly.Major, assembly.Minor, assembly.Build));
            var loaded = _session.Run("(Get-Module DockerNetTools).Version.ToString()").AssertClean();
            Assert.Equal(version, Assert.Single(loaded.Output).BaseObject);
        }

        [Fact]
        public void FormatsToProcess_EveryAreaFileListedAndBuilt()
        {
            var listed = _manifest.Strings("FormatsToProcess");
            foreach (var file in listed)
            {
                Assert.StartsWith("out/DockerNetTools/", file, StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(Repository.Root, file)), file + " is listed but was not built");
            }

            var sources = Directory.GetFiles(Path.Combine(Repository.Root, "src", "DockerNetTools.PowerShell", "Formats"), "*.format.ps1xml")
                .Select(p => "out/DockerNetTools/" + Path.GetFileName(p));
            Assert.Equal(sources.OrderBy(s => s, StringComparer.Ordinal), listed.OrderBy(s => s, StringComparer.Ordinal));
        }

        [Fact]
        public void Manifest_RequiredKeys_Present()
        {
            Assert.Equal("out/DockerNetTools/DockerNetTools.dll", _manifest.String("RootModule"));
            Assert.Equal(new[] { "Desktop", "Core" }, _manifest.Strings("CompatiblePSEditions"));
            Assert.Equal("5.1", _manifest.String("PowerShellVersion"));
            Assert.False(string.IsNullOrWhiteSpace(_manifest.String("Description")));
            foreach (var key in new[] { "FunctionsToExport", "AliasesToExport", "VariablesToExport" })
            {
                Assert.True(_manifest.Has(key), key + " must be explicit");
                Assert.Empty(_manifest.Strings(key));
            }
            var tags = _manifest.Strings("PrivateData");
            Assert.Contains("Docker", tags);
        }

        [Fact]
        public void Manifest_GalleryMetadata_Complete()
        {
            // What a Gallery package's nuspec is made of (Compress-PSResource/Publish-PSResource read these), and the licence it points at.
            var info = _session.Run(
                "$m = Test-ModuleManifest -Path $path; " +
                "'Author=' + $m.Author; 'CompanyName=' + $m.CompanyName; 'Copyright=' + $m.Copyright; 'ProjectUri=' + $m.ProjectUri; " +
                "'LicenseUri=' + $m.LicenseUri; 'ReleaseNotes=' + $m.ReleaseNotes; 'Tags=' + ($m.Tags -join ' ')",
                new System.Collections.Generic.Dictionary<string, object?> { ["path"] = Repository.Manifest })
                .AssertClean().Output.Select(o => (string)o.BaseObject)
                .ToDictionary(l => l.Substring(0, l.IndexOf('=', StringComparison.Ordinal)), l => l.Substring(l.IndexOf('=', StringComparison.Ordinal) + 1), StringComparer.Ordinal);

            foreach (var key in new[] { "Author", "CompanyName", "Copyright", "ProjectUri", "LicenseUri", "ReleaseNotes" })
                Assert.False(string.IsNullOrWhiteSpace(info[key]), key + " must be set for the Gallery");
            Assert.Equal("https://github.com/DockerNetTools/DockerNetTools/blob/main/LICENSE", info["LicenseUri"]);
            Assert.Contains("MIT", info["Copyright"], StringComparison.Ordinal);
            var tags = info["Tags"].Split(' ');
            Assert.Contains("PSEdition_Core", tags);
            Assert.Contains("PSEdition_Desktop", tags);
            Assert.Contains("Docker", tags);
            Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(Repository.Root, "LICENSE")), StringComparison.Ordinal);
        }

        [Fact]
        public void ModuleOutput_DoesNotShipSystemManagementAutomation()
        {
            // PowerShellStandard is compile-time only: shipping its reference assembly would break loading in pwsh.
            Assert.False(File.Exists(Path.Combine(Repository.ModuleOutput, "System.Management.Automation.dll")));
            Assert.True(File.Exists(Path.Combine(Repository.ModuleOutput, "YamlDotNet.dll")), "dependencies must be copied next to the module");
        }
    }
}
