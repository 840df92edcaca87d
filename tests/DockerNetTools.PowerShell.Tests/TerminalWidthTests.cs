using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerNetTools.Host;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>dnt lays output out in the terminal's width: COLUMNS, then the console window, then 120.</summary>
    public sealed class TerminalWidthTests
    {
        private static int Throws<TException>() where TException : Exception, new() => throw new TException();

        [Theory]
        [InlineData("200", true, 200)]
        [InlineData(" 80 ", false, 80)]
        [InlineData(null, false, 150)]
        [InlineData("", false, 150)]
        [InlineData("wide", false, 150)]
        [InlineData("0", false, 150)]
        [InlineData("-5", false, 150)]
        [InlineData("1e3", false, 150)]
        [InlineData(null, true, 120)]
        [InlineData("wide", true, 120)]
        public void Resolve_ColumnsThenWindowThenDefault(string? columns, bool redirected, int expected) =>
            Assert.Equal(expected, TerminalWidth.Resolve(columns, redirected, () => 150));

        [Fact]
        public void Resolve_ConsoleWithoutWidth_Default()
        {
            Assert.Equal(120, TerminalWidth.Resolve(null, false, () => 0));
            Assert.Equal(120, TerminalWidth.Resolve(null, false, Throws<IOException>));
            Assert.Equal(120, TerminalWidth.Resolve(null, false, Throws<PlatformNotSupportedException>));
        }

        // greenColorApp's NoListener reason is long: the wider the terminal, the longer its lines.
        private const string LongReason = "Get-DockerNetPortBinding -Scenario SeedLab -Container greenColorApp";

        private static int[] LineLengths(DntResult result)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            return result.Output.Replace("\r", string.Empty).Split('\n').Select(l => l.TrimEnd().Length).ToArray();
        }

        [Fact]
        public void Dnt_Columns200_LongContentUsesTheWidth()
        {
            var wide = LineLengths(DntRunner.Process(LongReason, environment: new Dictionary<string, string> { ["COLUMNS"] = "200" }));

            Assert.Contains(wide, length => length > 120);
            Assert.All(wide, length => Assert.True(length <= 200, "a line of " + length));
        }

        [Fact]
        public void Dnt_Columns80_Narrower()
        {
            var standard = LineLengths(DntRunner.Process(LongReason));
            var narrow = LineLengths(DntRunner.Process(LongReason, environment: new Dictionary<string, string> { ["COLUMNS"] = "80" }));

            Assert.Contains(standard, length => length > 80);
            Assert.All(narrow, length => Assert.True(length <= 80, "a line of " + length));
            Assert.True(narrow.Length > standard.Length, "the narrow layout wraps onto more lines");
        }
    }
}
