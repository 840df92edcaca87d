using System.Collections.Generic;
using System.Linq;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// TabExpansion2 in the runspace offers the names of the host the command would read, for every name parameter.
    /// (-Scenario's file paths need pwsh's Management module, so tests/DockerNetTools.Tests.ps1 checks those in pwsh.)
    /// </summary>
    public sealed class TabCompletionTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public TabCompletionTests(PowerShellSession session) => _session = session;

        private IReadOnlyList<string> Complete(string line) =>
            _session.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }",
                new Dictionary<string, object?> { ["line"] = line }).AssertClean().Output.Select(o => (string)o.BaseObject).ToList();

        [Theory]
        [InlineData("Get-DockerNetInterface -Scenario SeedLab -Container ubuntu", "ubuntuA,ubuntuB,ubuntuC,ubuntu-host,ubuntu-none")]
        [InlineData("Get-DockerNetSocket -Scenario SeedLab -Container host", "hostnettest")]
        [InlineData("Get-DockerNetPortBinding -Scenario SeedLab -Container hel", "hello1,hello2,hello3")]
        [InlineData("Test-DockerNetReachability -Scenario SeedLab -Source ngi", "nginx,nginx2")]
        [InlineData("Resolve-DockerNetName -Scenario SeedLab -Name x -From nod", "nodectn")]
        [InlineData("Get-DockerNetTopology -Scenario SeedLab -Network br", "bridge,bridgetest")]
        [InlineData("Get-DockerNetTopology -Scenario See", "SeedLab")]
        [InlineData("Connect-DockerNet -Scenario seed", "SeedLab")]
        public void NameParameters_OfferTheModelsNames(string line, string expected) =>
            Assert.Equal(expected.Split(','), Complete(line));

        // -Destination and -Name take what a program would ask for: container names first, then network aliases,
        // --link aliases and --add-host names.
        [Theory]
        [InlineData("Test-DockerNetReachability -Scenario SeedLab -Source nginx -Destination re", "redColorApp,rediss")]
        [InlineData("Resolve-DockerNetName -Scenario SeedLab -From nodectn -Name sq", "sqlbridge,sqll")]
        public void DestinationAndName_OfferContainersThenAliases(string line, string expected) =>
            Assert.Equal(expected.Split(','), Complete(line));

        [Fact]
        public void SessionDefault_IsTheHostCompletedWithoutScenario()
        {
            var completions = _session.Run(
                "Connect-DockerNet -Scenario SeedLab; try { $line = 'Test-DockerNetReachability -Source linkt'; " +
                "(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText } } " +
                "finally { Disconnect-DockerNet }").AssertClean();

            Assert.Equal(new[] { "linktest1", "linktest2" }, completions.Output.Select(o => (string)o.BaseObject));
        }
    }
}
