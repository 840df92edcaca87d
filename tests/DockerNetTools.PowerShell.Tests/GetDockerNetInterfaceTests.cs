using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Get-DockerNetInterface on the built-in SeedLab, through the real engine.</summary>
    public sealed class GetDockerNetInterfaceTests : IClassFixture<PowerShellSession>
    {
        private const string FullyQualifiedNotFound = "ContainerNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand";
        private readonly PowerShellSession _session;

        public GetDockerNetInterfaceTests(PowerShellSession session) => _session = session;

        private IReadOnlyList<ContainerInterface> Rows(string arguments) =>
            _session.Run("Get-DockerNetInterface -Scenario SeedLab " + arguments).AssertClean().Objects<ContainerInterface>();

        [Fact]
        public void SeedLab_UbuntuC_ShowsSecondBridgeAddressBehindBrBridge()
        {
            var row = Assert.Single(Rows("-Container ubuntuC"));

            Assert.Equal("10.0.0.2", row.IPAddress!.ToString());
            Assert.Equal("second-bridge", row.Network);
            Assert.Equal("eth0", row.Interface);
            Assert.Matches("^br-[0-9a-f]{12}$", row.Bridge);
            Assert.Matches("^veth[0-9a-f]{7}$", row.HostVeth);
            Assert.Equal("10.0.0.1", row.Gateway!.ToString());
        }

        [Fact]
        public void SeedLab_UbuntuA_ShowsDefaultBridgeAddressOnDocker0()
        {
            var row = Assert.Single(Rows("-Container ubuntuA"));

            Assert.Equal("172.17.0.2", row.IPAddress!.ToString());
            Assert.Equal("docker0", row.Bridge);
            Assert.Equal("bridge", row.Network);
        }

        [Fact]
        public void SeedLab_TargetContainer_ReportsSourceContainersInterfaceAndAddress()
        {
            var source = Assert.Single(Rows("-Container sourcecontainer"));
            var target = Assert.Single(Rows("-Container targetcontainer"));

            Assert.Equal("targetcontainer", target.Container);
            Assert.Equal("container:sourcecontainer", target.NetworkMode);
            Assert.Equal("sourcecontainer", target.SharedWith);
            Assert.Contains("sourcecontainer", target.Note);
            Assert.Equal(source.Interface, target.Interface);
            Assert.Equal(source.IPAddress, target.IPAddress);
            Assert.Equal(source.HostVeth, target.HostVeth);
            Assert.Equal("bridgetest", target.Network);
            Assert.Equal("172.18", string.Join(".", target.IPAddress!.ToString().Split('.').Take(2)));
        }

        [Fact]
        public void SeedLab_NoneTest_HasOnlyLoopback()
        {
            var rows = Rows("-Container nonetest");

            Assert.Equal("lo", Assert.Single(rows).Interface);
            Assert.DoesNotContain(rows, r => r.Interface == "eth0");
            Assert.Equal("none", rows[0].NetworkMode);
        }

        [Fact]
        public void SeedLab_HostNetTest_SaysItSharesTheHost()
        {
            var row = Assert.Single(Rows("-Container hostnettest"));

            Assert.Equal("host", row.NetworkMode);
            Assert.Equal("host", row.Network);
            Assert.Contains("host", row.Note);
            Assert.Null(row.HostVeth);
        }

        [Fact]
        public void SeedLab_NoContainerGiven_OneRowPerInterfaceOfEveryContainer()
        {
            var rows = Rows(string.Empty);

            Assert.Contains(rows, r => r.Container == "ubuntuA");
            Assert.Contains(rows, r => r.Container == "webserver4");
            Assert.Contains(rows, r => r.Container == "linktest2");
            Assert.Equal(rows.Count, rows.Select(r => (r.Container, r.Interface, r.Network)).Distinct().Count());
        }

        [Fact]
        public void UnknownContainer_NonTerminatingObjectNotFoundWithSuggestions()
        {
            var result = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Container ubuntuX, ubuntuA");

            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors);
            Assert.Equal(FullyQualifiedNotFound, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("ubuntuX", error.TargetObject);
            Assert.Contains("No container named 'ubuntuX'", error.Exception.Message);
            Assert.Contains("Did you mean: ubuntuA, ubuntuB, ubuntuC?", error.Exception.Message);
            // The other name still produced its row.
            Assert.Equal("ubuntuA", Assert.Single(result.Objects<ContainerInterface>()).Container);
        }

        [Fact]
        public void Wildcard_MatchingNothing_IsSilent()
        {
            var result = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Container 'zz*'").AssertClean();

            Assert.Empty(result.Output);
        }

        [Fact]
        public void Wildcard_SelectsMatchingContainersCaseInsensitively()
        {
            var names = Rows("-Container 'UBUNTU?'").Select(r => r.Container).ToList();

            Assert.Equal(new[] { "ubuntuA", "ubuntuB", "ubuntuC" }, names);
        }

        [Fact]
        public void Pipeline_BindsNameSourceAndContainerProperties()
        {
            var result = _session.Run(
                "[pscustomobject]@{ Name = 'ubuntuC' }, [pscustomobject]@{ Source = 'ubuntuA' }, [pscustomobject]@{ Container = 'nonetest' } | " +
                "Get-DockerNetInterface -Scenario SeedLab").AssertClean();

            Assert.Equal(new[] { "ubuntuC", "ubuntuA", "nonetest" }, result.Objects<ContainerInterface>().Select(r => r.Container));
        }

        [Fact]
        public void Pipeline_FromTopologyContainers_GivesTheirInterfaces()
        {
            var rows = _session.Run(
                "(Get-DockerNetTopology -Scenario SeedLab -Network second-bridge).Containers | Get-DockerNetInterface -Scenario SeedLab")
                .AssertClean().Objects<ContainerInterface>();

            Assert.Contains(rows, r => r.Container == "ubuntuC");
            Assert.All(rows.Where(r => r.Network == "second-bridge"), r => Assert.Matches("^br-", r.Bridge));
        }

        [Fact]
        public void Pipeline_FromNetworks_GivesEachNetworksInterfacesNotAContainerLookup()
        {
            var rows = _session.Run(
                "Get-DockerNetTopology -Scenario SeedLab -Network bridgetest, new-bridge | Get-DockerNetInterface -Scenario SeedLab")
                .AssertClean().Objects<ContainerInterface>();

            Assert.Equal(
                new[] { "sourcecontainer", "targetcontainer", "gifted_hodgkin", "bridgeredis", "nodectn", "sqlbridge", "webserver1", "webserver4" },
                rows.Select(r => r.Container));
            Assert.Equal(new[] { "bridgetest", "new-bridge" }, rows.Select(r => r.Network).Distinct());
            // webserver1's default-bridge interface is not on the piped networks.
            Assert.Equal("eth1", Assert.Single(rows, r => r.Container == "webserver1").Interface);
        }

        [Fact]
        public void Pipeline_PlainStrings_AreContainerNames()
        {
            var rows = _session.Run("'ubuntuA', 'ubuntuC' | Get-DockerNetInterface -Scenario SeedLab").AssertClean().Objects<ContainerInterface>();

            Assert.Equal(new[] { "ubuntuA", "ubuntuC" }, rows.Select(r => r.Container));
        }

        [Fact]
        public void Network_KeepsOnlyTheRowsOnMatchingNetworks()
        {
            var rows = Rows("-Network 'new-*'");

            Assert.Equal(new[] { "webserver1", "webserver4" }, rows.Select(r => r.Container));
            Assert.All(rows, r => Assert.Equal("new-bridge", r.Network));
        }

        [Fact]
        public void NetworkAndContainer_GiveTheContainersRowsOnThatNetwork()
        {
            var row = Assert.Single(Rows("-Container webserver1 -Network new-bridge"));

            Assert.Equal("eth1", row.Interface);
        }

        [Fact]
        public void Network_UnknownName_NonTerminatingNetworkNotFoundAndNoRows()
        {
            var result = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Network nosuchnet");

            Assert.Empty(result.Output);
            Assert.Equal("NetworkNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void Network_WildcardMatchingNothing_IsAVerboseLineNotAnError()
        {
            var result = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Network 'zz*' -Verbose 4>&1").AssertClean();

            Assert.Contains(result.Output, o => o.BaseObject is VerboseRecord v && v.Message == "No network matches 'zz*'.");
            Assert.DoesNotContain(result.Output, o => o.BaseObject is ContainerInterface);
        }

        [Fact]
        public void ArgumentCompleter_Network_OffersNetworkNamesOfTheScenario()
        {
            const string line = "Get-DockerNetInterface -Scenario SeedLab -Network second";
            var completions = _session.Run(
                "(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }",
                new Dictionary<string, object?> { ["line"] = line }).AssertClean();

            Assert.Equal(new[] { "second-bridge" }, completions.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public void OutputType_IsDeclared()
        {
            var types = _session.Run("(Get-Command Get-DockerNetInterface).OutputType | ForEach-Object { $_.Type.FullName }").AssertClean();

            Assert.Equal(typeof(ContainerInterface).FullName, Assert.Single(types.Output).BaseObject);
        }

        [Fact]
        public void ArgumentCompleter_OffersContainerNamesOfTheScenario()
        {
            const string line = "Get-DockerNetInterface -Scenario SeedLab -Container linkt";
            var completions = _session.Run(
                "(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }",
                new Dictionary<string, object?> { ["line"] = line }).AssertClean();

            Assert.Equal(new[] { "linktest1", "linktest2" }, completions.Output.Select(o => (string)o.BaseObject));
        }
    }
}
