using System;
using System.Linq;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Many reachability results as a table (Format-Table -View Summary); one result keeps its list view.</summary>
    public sealed class ReachabilitySummaryViewTests
    {
        private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        [Fact]
        public void FormatTableViewSummary_OneRowPerResultWithTheReasonsFirstClause()
        {
            var printed = DntRunner.InProcess("'ubuntuB', 'ubuntuC', '172.17.0.5' | ForEach-Object { Test-DockerNetReachability -Scenario SeedLab -Source ubuntuA -Destination $_ } | Format-Table -View Summary");

            Assert.Equal(string.Empty, printed.Error);
            var lines = printed.Output.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0).ToList();
            Assert.Equal(new[] { "Source", "Destination", "Service", "Verdict", "Reason" }, Words(lines[0]));
            // Wrapped, never cut: the first clause of each reason in full, and nothing after it.
            var text = string.Join(' ', lines.Skip(2).SelectMany(Words));
            Assert.Contains("ubuntuA ubuntuB icmp NameNotResolved 'ubuntuB' does not resolve from ubuntuA, so a connection by that name fails at the lookup, before any packet is sent ubuntuA ubuntuC",
                text, StringComparison.Ordinal);
            Assert.DoesNotContain("default bridge", text, StringComparison.Ordinal);
            Assert.EndsWith("ubuntuA 172.17.0.5 icmp Reachable ubuntuA and ubuntuB are both on bridge (docker0)", text, StringComparison.Ordinal);
        }

        [Fact]
        public void FormatTableAlone_PicksTheSummaryView()
        {
            var table = DntRunner.InProcess("Test-DockerNetReachability -Scenario SeedLab -Source ubuntuA -Destination ubuntuB | Format-Table");

            Assert.Equal(new[] { "Source", "Destination", "Service", "Verdict", "Reason" }, Words(table.Output.Split('\n').First(l => l.Trim().Length > 0)));
        }

        [Fact]
        public void OneResult_StillTheListView()
        {
            var printed = DntRunner.InProcess("Test-DockerNetReachability -Scenario SeedLab -Source ubuntuA -Destination ubuntuB");

            Assert.StartsWith("Source", printed.Output.TrimStart(), StringComparison.Ordinal);
            Assert.Contains("\nPath", printed.Output, StringComparison.Ordinal);
            Assert.Contains("AddressVerdict", printed.Output, StringComparison.Ordinal);
        }
    }
}
