using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// `| Export-Csv` of every result type of every cmdlet: one row per result and no cell that is a type name
    /// (System.Object[], System.Collections.Generic.List`1[…], DockerNetTools.….). Each cmdlet's results come from a real
    /// run on SeedLab through dnt (pwsh's own ConvertTo-Csv); the cmdlets and their [OutputType]s are read from the module,
    /// so a new cmdlet or result type without a case here fails.
    /// </summary>
    public sealed class CsvOutputTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public CsvOutputTests(PowerShellSession session) => _session = session;

        // One SeedLab command per cmdlet, chosen so every list-valued property holds something.
        internal static readonly Dictionary<string, string> Commands = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Connect-DockerNet"] = "Connect-DockerNet -Scenario SeedLab -PassThru",
            ["Get-DockerNetInterface"] = "Get-DockerNetInterface -Scenario SeedLab",
            ["Get-DockerNetTopology"] = "Get-DockerNetTopology -Scenario SeedLab",
            ["Test-DockerNetReachability"] = "Test-DockerNetReachability -Scenario SeedLab -Source ubuntuA -Destination nginx2, ubuntuC -Port 80",
            ["Resolve-DockerNetName"] = "Resolve-DockerNetName -Scenario SeedLab -Container nodectn -Name sqll, rediss",
            ["Test-DockerNetPortConflict"] = "Test-DockerNetPortConflict -Scenario SeedLab -Publish '8001-8005:80', '8003:3000'",
            ["Get-DockerNetPortBinding"] = "Get-DockerNetPortBinding -Scenario SeedLab",
            ["Get-DockerNetSocket"] = "Get-DockerNetSocket -Scenario SeedLab",
            ["Test-DockerNetContract"] = "Test-DockerNetContract -Scenario SeedLab -Path examples/contract/SeedLab.contract.yaml",
        };

        private static readonly Regex TypeName = new Regex(@"^(System|DockerNetTools)\.[\w.`\[\], ]+$", RegexOptions.CultureInvariant);

        /// <summary>The module's cmdlets whose [OutputType] names a DockerNetTools type, with those types, as PowerShell sees them.</summary>
        private Dictionary<string, string[]> ResultCmdlets() =>
            _session.Run("Get-Command -Module DockerNetTools | ForEach-Object { $_.Name + '=' + (@($_.OutputType.Name | Where-Object { $_ -like 'DockerNetTools.*' }) -join ',') }")
                .AssertClean().Output.Select(o => ((string)o.BaseObject).Split('='))
                .Where(p => p[1].Length > 0)
                .ToDictionary(p => p[0], p => p[1].Split(','), StringComparer.Ordinal);

        public static IEnumerable<object[]> Cmdlets() => Commands.Keys.Select(c => new object[] { c });

        [Fact]
        public void EveryCmdletWithResults_HasACase()
        {
            var cmdlets = ResultCmdlets().Keys.OrderBy(c => c, StringComparer.Ordinal);
            Assert.Equal(Commands.Keys.OrderBy(c => c, StringComparer.Ordinal), cmdlets);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void ExportCsv_OneReadableRowPerResult(string cmdlet)
        {
            var expectedTypes = ResultCmdlets()[cmdlet];
            var printed = DntRunner.InProcess(
                "$r = @(" + Commands[cmdlet] + "); " +
                "'TYPES ' + (($r | ForEach-Object { $_.GetType().FullName } | Sort-Object -Unique) -join ','); " +
                "'COUNT ' + $r.Count; " +
                "$r | ConvertTo-Csv -NoTypeInformation | ForEach-Object { 'CSV ' + $_ }", 1000);

            Assert.Equal(string.Empty, printed.Error);
            var lines = printed.Output.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
            var types = lines.Single(l => l.StartsWith("TYPES ", StringComparison.Ordinal)).Substring(6).Split(',');
            Assert.Equal(expectedTypes.OrderBy(t => t, StringComparer.Ordinal), types.OrderBy(t => t, StringComparer.Ordinal));
            var count = int.Parse(lines.Single(l => l.StartsWith("COUNT ", StringComparison.Ordinal)).Substring(6), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(count > 0);
            var csv = lines.Where(l => l.StartsWith("CSV ", StringComparison.Ordinal)).Select(l => l.Substring(4)).ToList();
            Assert.Equal(count + 1, csv.Count);

            var header = Cells(csv[0]);
            foreach (var row in csv.Skip(1))
            {
                var cells = Cells(row);
                Assert.Equal(header.Count, cells.Count);
                for (var i = 0; i < cells.Count; i++)
                    Assert.False(TypeName.IsMatch(cells[i]), cmdlet + ": the cell " + header[i] + " is a type name: " + cells[i]);
            }
        }

        [Fact]
        public void ExportCsv_ListsReadAsTheirItems()
        {
            var printed = DntRunner.InProcess(
                "Test-DockerNetReachability -Scenario SeedLab -Source ubuntuA -Destination 172.17.0.5 | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv | ForEach-Object { $_.Path; $_.Alternatives.Length -ge 0 }; " +
                "(Get-DockerNetTopology -Scenario SeedLab | Where-Object Name -eq bridgetest | ConvertTo-Csv | ConvertFrom-Csv).Containers", 1000);

            var lines = printed.Output.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Where(l => l.Length > 0).ToList();
            Assert.Equal("ubuntuA eth0 172.17.0.2 -> veth12bac60 -> docker0 172.17.0.1 -> veth07caf3c -> ubuntuB eth0 172.17.0.5 -> ubuntuB: the kernel answers the ICMP echo", lines[0]);
            Assert.StartsWith("sourcecontainer 172.18.0.2/16; ", lines[2], StringComparison.Ordinal);
        }

        private static List<string> Cells(string line)
        {
            var cells = new List<string>();
            var current = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else current.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { cells.Add(current.ToString()); current.Clear(); }
                else current.Append(c);
            }
            cells.Add(current.ToString());
            return cells;
        }
    }
}
