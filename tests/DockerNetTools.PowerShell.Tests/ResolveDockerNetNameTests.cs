using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Resolve-DockerNetName on SeedLab (and a lab before containerB exists), through the real engine.</summary>
    public sealed class ResolveDockerNetNameTests : IClassFixture<PowerShellSession>
    {
        private const string NotResolved = "NameNotResolved,DockerNetTools.PowerShell.Commands.ResolveDockerNetNameCommand";
        private readonly PowerShellSession _session;

        public ResolveDockerNetNameTests(PowerShellSession session) => _session = session;

        private IReadOnlyList<NameAnswer> Answers(string arguments) =>
            _session.Run("Resolve-DockerNetName -Scenario SeedLab " + arguments).AssertClean().Objects<NameAnswer>();

        [Theory]
        [InlineData("sqll", "172.18.0.3", "gifted_hodgkin")]
        [InlineData("rediss", "172.18.0.4", "bridgeredis")]
        public void SeedLab_NodectnResolvesAliasOnBridgetest(string name, string address, string container)
        {
            var answer = Assert.Single(Answers("-Name " + name + " -From nodectn"));

            Assert.Equal(address, answer.IPAddress.ToString());
            Assert.Equal(container, answer.Container);
            Assert.Equal("bridgetest", answer.Network);
            Assert.Equal(nameof(NameSource.EmbeddedDns), answer.Source);
            Assert.Equal(nameof(RecordKind.Alias), answer.RecordKind);
            Assert.Equal("127.0.0.11", answer.Server);
            Assert.Equal("nodectn", answer.From);
        }

        [Fact]
        public void SeedLab_ContainerAResolvesContainerBOnSecondBridge()
        {
            var answer = Assert.Single(Answers("containerB -From containerA"));

            Assert.Equal("10.0.0.4", answer.IPAddress.ToString());
            Assert.Equal("second-bridge", answer.Network);
            Assert.Equal(nameof(RecordKind.ContainerName), answer.RecordKind);
        }

        [Fact]
        public void BeforeContainerBExists_ContainerAGetsNameNotResolvedSayingThereIsNoSuchContainer()
        {
            using var temp = new TempFolder();
            var path = Path.Combine(temp.Path, "before-b.yaml");
            File.WriteAllText(path, "networks:\n  - { name: second-bridge, subnet: 10.0.0.0/24, gateway: 10.0.0.1 }\ncontainers:\n  - { name: containerA, network: second-bridge }\n");

            var result = _session.Run("Resolve-DockerNetName -Scenario $path -Name containerB -From containerA",
                new Dictionary<string, object?> { ["path"] = path });

            Assert.Null(result.TerminatingError);
            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal(NotResolved, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("containerB", error.TargetObject);
            Assert.Contains("No container", error.Exception.Message);
            Assert.Contains("'containerB'", error.Exception.Message);
        }

        [Fact]
        public void SeedLab_Linktest2ResolvesLinktest1FromEtcHosts()
        {
            var answer = Assert.Single(Answers("linktest1 -From linktest2"));

            Assert.Equal(nameof(NameSource.HostsFile), answer.Source);
            Assert.Equal("/etc/hosts", answer.Server);
            Assert.Equal(nameof(RecordKind.Link), answer.RecordKind);
            Assert.Equal("linktest1", answer.Container);
        }

        [Fact]
        public void SeedLab_UbuntuACannotResolveUbuntuBOnTheDefaultBridge_WithTheRemedy()
        {
            var result = _session.Run("Resolve-DockerNetName -Scenario SeedLab ubuntuB -From ubuntuA");

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            Assert.Equal(NotResolved, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("default bridge", error.Exception.Message);
            Assert.Contains("no embedded DNS", error.Exception.Message);
            Assert.Contains("docker network create", error.ErrorDetails.RecommendedAction);
            Assert.Contains("docker network connect appnet ubuntuB", error.ErrorDetails.RecommendedAction);
            Assert.Contains("--link ubuntuB", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void SeedLab_AaaaWithoutIPv6_IsNameNotResolved()
        {
            var result = _session.Run("Resolve-DockerNetName -Scenario SeedLab containerB -From containerA -Type AAAA");

            Assert.Contains("IPv4 address only", Assert.Single(result.Errors).Exception.Message);
        }

        [Fact]
        public void OutsideName_IsAWarningNotAnError()
        {
            var result = _session.Run("Resolve-DockerNetName -Scenario SeedLab example.org -From nodectn").AssertClean();

            Assert.Empty(result.Output);
            Assert.Contains("which the model does not hold, so it cannot say where the question goes", Assert.Single(result.Warnings).Message);
        }

        [Fact]
        public void UnknownAsker_IsContainerNotFound()
        {
            var error = Assert.Single(_session.Run("Resolve-DockerNetName -Scenario SeedLab sqll -From nodectm").Errors);

            Assert.Equal("ContainerNotFound,DockerNetTools.PowerShell.Commands.ResolveDockerNetNameCommand", error.FullyQualifiedErrorId);
            Assert.Contains("nodectn", error.Exception.Message);
        }

        [Fact]
        public void Pipeline_NamesByValueAndAskerByPropertyName()
        {
            var answers = _session.Run("[pscustomobject]@{ Container = 'nodectn' } | Resolve-DockerNetName -Scenario SeedLab -Name sqll, rediss")
                .AssertClean().Objects<NameAnswer>();

            Assert.Equal(new[] { "sqll", "rediss" }, answers.Select(a => a.Name));
            var byValue = _session.Run("'sqll', 'nodesql' | Resolve-DockerNetName -Scenario SeedLab -From nodectn").AssertClean().Objects<NameAnswer>();
            Assert.Equal(new[] { "172.18.0.3", "172.18.0.5" }, byValue.Select(a => a.IPAddress.ToString()));
        }

        [Fact]
        public void Wildcard_FromSeveralAskers()
        {
            var answers = _session.Run("Resolve-DockerNetName -Scenario SeedLab containerA -From 'container?'").AssertClean().Objects<NameAnswer>();

            Assert.Equal(new[] { "containerA", "containerB" }, answers.Select(a => a.From));
        }

        [Fact]
        public void DefaultView_IsATableWithTheServer()
        {
            var result = DntRunner.InProcess("Resolve-DockerNetName -Scenario SeedLab sqll -From nodectn");

            Assert.Contains("RecordKind", result.Output);
            Assert.Matches(@"nodectn\s+sqll\s+172\.18\.0\.3\s+gifted_hodgkin\s+bridgetest\s+Alias\s+127\.0\.0\.11", result.Output);
        }
    }
}
