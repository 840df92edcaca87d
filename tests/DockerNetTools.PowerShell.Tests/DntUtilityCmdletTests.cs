using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// pwsh's Utility cmdlets in the built dnt (Format-List, Select-Object, ConvertTo-Json, Sort-/Measure-/Group-Object, Export-Csv),
    /// checked against the rows the cmdlet itself returns in a plain runspace.
    /// </summary>
    public sealed class DntUtilityCmdletTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public DntUtilityCmdletTests(PowerShellSession session) => _session = session;

        private IReadOnlyList<ContainerInterface> SeedLabRows(string arguments = "") =>
            _session.Run("Get-DockerNetInterface -Scenario SeedLab " + arguments).AssertClean().Objects<ContainerInterface>();

        private static DntResult Dnt(string script)
        {
            var result = DntRunner.Process(script);
            Assert.True(result.ExitCode == 0 && result.Error.Length == 0, result.ToString());
            return result;
        }

        [Fact]
        public void Dnt_UtilityCmdlets_ComeFromTheUtilityModuleAsInPwsh()
        {
            var result = Dnt("Get-Command Format-List, Select-Object, Sort-Object, ConvertTo-Json, Export-Csv, Out-File, Out-String | " +
                             "ForEach-Object { $_.Name + ' ' + $_.Source }; Microsoft.PowerShell.Utility\\Write-Output 'qualified'");

            foreach (var name in new[] { "Format-List", "Select-Object", "Sort-Object", "ConvertTo-Json", "Export-Csv", "Out-File", "Out-String" })
            {
                Assert.Matches("(?m)^" + name + " Microsoft\\.PowerShell\\.Utility$", result.Output);
            }
            Assert.Contains("qualified", result.Output);
        }

        [Fact]
        public void Dnt_FormatListStar_ShowsThePropertiesTheTableViewHides()
        {
            var row = Assert.Single(SeedLabRows("-Container nginx2"));

            var table = Dnt("Get-DockerNetInterface -Scenario SeedLab -Container nginx2");
            var list = Dnt("Get-DockerNetInterface -Scenario SeedLab -Container nginx2 | Format-List *");

            Assert.DoesNotContain(row.MacAddress!, table.Output);
            Assert.Matches(@"(?m)^Container\s+: nginx2\s*$", list.Output);
            Assert.Matches(@"(?m)^IfIndex\s+: " + row.IfIndex + @"\s*$", list.Output);
            Assert.Matches(@"(?m)^PeerIfIndex\s+: " + row.PeerIfIndex + @"\s*$", list.Output);
            Assert.Matches(@"(?m)^MacAddress\s+: " + Regex.Escape(row.MacAddress!) + @"\s*$", list.Output);
            Assert.Matches(@"(?m)^HostVeth\s+: " + row.HostVeth + @"\s*$", list.Output);
            Assert.Matches(@"(?m)^PrefixLength\s+: " + row.PrefixLength + @"\s*$", list.Output);
        }

        [Fact]
        public void Dnt_SelectObjectToConvertToJson_GivesJsonOfExactlyTheSelectedProperties()
        {
            var rows = SeedLabRows();

            var result = Dnt("Get-DockerNetInterface -Scenario SeedLab | Select-Object Container,HostVeth | ConvertTo-Json");

            using var json = JsonDocument.Parse(result.Output);
            var items = json.RootElement.EnumerateArray().ToList();
            Assert.Equal(rows.Count, items.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(new[] { "Container", "HostVeth" }, items[i].EnumerateObject().Select(p => p.Name));
                Assert.Equal(rows[i].Container, items[i].GetProperty("Container").GetString());
                Assert.Equal(rows[i].HostVeth, items[i].GetProperty("HostVeth").GetString());
            }
            Assert.Contains(items, item => item.GetProperty("Container").GetString() == "nginx2" &&
                                           item.GetProperty("HostVeth").GetString() == SeedLabRows("-Container nginx2")[0].HostVeth);
        }

        [Fact]
        public void Dnt_SortObject_OrdersRowsByANumericProperty()
        {
            var expected = SeedLabRows().Where(r => r.IfIndex != null).Select(r => r.IfIndex!.Value).OrderByDescending(i => i).ToList();

            var result = Dnt("Get-DockerNetInterface -Scenario SeedLab | Where-Object IfIndex | Sort-Object IfIndex -Descending | ForEach-Object IfIndex");

            Assert.Equal(expected, Lines(result.Output).Select(int.Parse));
        }

        [Fact]
        public void Dnt_MeasureAndGroupObject_CountLikeTheRows()
        {
            var rows = SeedLabRows();
            var indexes = rows.Where(r => r.IfIndex != null).Select(r => r.IfIndex!.Value).ToList();
            var groups = rows.GroupBy(r => r.Network ?? string.Empty).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + "=" + g.Count());

            var result = Dnt("$rows = Get-DockerNetInterface -Scenario SeedLab; $m = $rows | Measure-Object IfIndex -Minimum -Maximum; " +
                             "'count ' + $m.Count; 'min ' + $m.Minimum; 'max ' + $m.Maximum; " +
                             "$rows | Group-Object Network -NoElement | ForEach-Object { $_.Name + '=' + $_.Count }");

            var lines = Lines(result.Output);
            Assert.Equal("count " + rows.Count, lines[0]);
            Assert.Equal("min " + indexes.Min(), lines[1]);
            Assert.Equal("max " + indexes.Max(), lines[2]);
            Assert.Equal(groups, lines.Skip(3).OrderBy(l => l, StringComparer.Ordinal));
        }

        [Fact]
        public void Dnt_ExportCsv_WritesOneRecordPerRow()
        {
            var rows = SeedLabRows();
            var path = Path.Combine(Path.GetTempPath(), "dnt-" + Guid.NewGuid().ToString("N") + ".csv");
            try
            {
                Dnt("Get-DockerNetInterface -Scenario SeedLab | Select-Object Container,Interface,MacAddress | Export-Csv -Path '" + path + "'");

                var lines = File.ReadAllLines(path);
                Assert.Equal("\"Container\",\"Interface\",\"MacAddress\"", lines[0]);
                Assert.Equal(rows.Select(r => string.Join(",", Field(r.Container), Field(r.Interface), Field(r.MacAddress))), lines.Skip(1));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Dnt_AddTypeAssemblyName_WorksWithoutTheCompilerDntLeavesOut()
        {
            var result = Dnt("Add-Type -AssemblyName System.Web.HttpUtility; [System.Web.HttpUtility]::UrlEncode('a b')");

            Assert.Equal("a+b", result.Output.Trim());
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(Repository.DntDll)!, "Microsoft.CodeAnalysis.dll")));
        }

        [Fact]
        public void Dnt_ManagementAndSecurityCmdlets_ComeFromPwshsOwnModules()
        {
            // pwsh 7.6's built-in modules, from the PowerShell SDK's $PSHOME/Modules: found by autoloading, as in pwsh.
            var result = Dnt("Get-Command Get-Content, Test-Path, Set-Location, Get-ChildItem, ConvertTo-SecureString, Start-Transcript | " +
                             "ForEach-Object { $_.Name + ' ' + $_.Source + ' ' + $_.Version.Major + '.' + $_.Version.Minor }");

            Assert.Matches(@"(?m)^Get-Content Microsoft\.PowerShell\.Management 7\.0$", result.Output);
            Assert.Matches(@"(?m)^Test-Path Microsoft\.PowerShell\.Management 7\.0$", result.Output);
            Assert.Matches(@"(?m)^Set-Location Microsoft\.PowerShell\.Management 7\.0$", result.Output);
            Assert.Matches(@"(?m)^Get-ChildItem Microsoft\.PowerShell\.Management 7\.0$", result.Output);
            Assert.Matches(@"(?m)^ConvertTo-SecureString Microsoft\.PowerShell\.Security 7\.0$", result.Output);
            Assert.Matches(@"(?m)^Start-Transcript Microsoft\.PowerShell\.Host 7\.0$", result.Output);
            Assert.Equal("7.6.10", Dnt("$PSVersionTable.PSVersion.ToString()").Output.Trim());
        }

        [Fact]
        public void Dnt_ManagementCmdlets_ReadFilesAndChangeFolders()
        {
            var folder = Path.Combine(Path.GetTempPath(), "dnt-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                File.WriteAllLines(Path.Combine(folder, "names.txt"), new[] { "ubuntuA", "nginx2" });

                var result = Dnt("Set-Location '" + folder + "'; (Get-Location).Path; Test-Path ./names.txt; Test-Path ./missing.txt; " +
                                 "(Get-ChildItem -Filter *.txt).Name; " +
                                 "Get-Content ./names.txt | ForEach-Object { Get-DockerNetInterface -Scenario SeedLab -Container $_ } | ForEach-Object HostVeth");

                var expected = new[] { folder, "True", "False", "names.txt" }
                    .Concat(SeedLabRows("-Container ubuntuA").Select(r => r.HostVeth!))
                    .Concat(SeedLabRows("-Container nginx2").Select(r => r.HostVeth!));
                Assert.Equal(expected, Lines(result.Output));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        /// <summary>Export-Csv quotes every value and writes a null as nothing at all.</summary>
        private static string Field(string? value) => value == null ? string.Empty : "\"" + value + "\"";

        private static List<string> Lines(string output) =>
            output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
    }
}
