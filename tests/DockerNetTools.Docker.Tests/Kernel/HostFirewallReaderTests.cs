using System.Linq;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Docker.Tests.Fakes;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Docker.Tests.Kernel
{
    /// <summary>Reading the host's rules with iptables-save: only as root, bounded, and never trusted when they cannot be Docker's.</summary>
    public sealed class HostFirewallReaderTests
    {
        private const string WithDocker = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n"
                                          + "-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -s 10.9.0.0/16 -j DROP\nCOMMIT\n";

        private const string WithDocker6 = "*filter\n:FORWARD DROP [0:0]\n:DOCKER - [0:0]\n-A FORWARD -s fd00:9::/64 -j DROP\nCOMMIT\n";

        private static (DockerHostModel Model, RecordingLog Log, string[] Ran) Read(bool root, string? output, string version = "20.10.24", bool? ip6tables = null)
        {
            var model = new DockerHostModel { Engine = new EngineInfo { Version = version, Ip6tables = ip6tables } };
            var log = new RecordingLog();
            var ran = new System.Collections.Generic.List<string>();
            new HostFirewallReader(() => root, path => path.StartsWith("/usr/sbin/", System.StringComparison.Ordinal), (tool, _) =>
            {
                ran.Add(tool);
                return tool.EndsWith("ip6tables-save", System.StringComparison.Ordinal) ? WithDocker6 : output;
            }).Apply(model, log);
            return (model, log, ran.ToArray());
        }

        [Fact]
        public void Apply_Root_ModelHoldsTheRules()
        {
            var (model, log, ran) = Read(root: true, WithDocker);

            Assert.Equal(new[] { "/usr/sbin/iptables-save" }, ran);
            Assert.Equal("-A DOCKER-USER -s 10.9.0.0/16 -j DROP", model.Host.Firewall!.Table("filter")!.Chain("DOCKER-USER")!.Rules.Single().Text);
            Assert.Null(model.Host.Firewall6);
            Assert.Empty(log.Warnings);
        }

        [Fact]
        public void Apply_Ip6tablesOn_ReadsBothFamilies()
        {
            var (model, _, ran) = Read(root: true, WithDocker, version: "28.5.2");

            Assert.Equal(new[] { "/usr/sbin/iptables-save", "/usr/sbin/ip6tables-save" }, ran);
            Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, model.Host.Firewall6!.Family);
        }

        [Theory]
        [InlineData(false, WithDocker, "needs root on the Docker host")]
        [InlineData(true, null, "did not answer within 5 s")]
        [InlineData(true, "*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n", "has no DOCKER chain although dockerd programs iptables")]
        [InlineData(true, "*filter\n-A FORWARD -j DROP\n", "cannot parse")]
        public void Apply_CannotTrustOrRead_WarnsAndAssumesDockersRules(bool root, string? output, string why)
        {
            var (model, log, _) = Read(root, output);

            Assert.Null(model.Host.Firewall);
            var warning = Assert.Single(log.Warnings);
            Assert.Contains(why, warning);
            Assert.Contains("assume Docker's own rules for Engine 20.10.24", warning);
        }

        [Theory]
        [InlineData("1\n", "0\n", true, false)]
        [InlineData(null, null, null, null)]
        public void Apply_Root_ReadsBridgeNfCallWhenBrNetfilterIsLoaded(string? v4, string? v6, bool? expected4, bool? expected6)
        {
            var model = new DockerHostModel { Engine = new EngineInfo { Version = "20.10.24" } };
            var read = new System.Collections.Generic.List<string>();

            new HostFirewallReader(() => true, _ => true, (_, _) => WithDocker, path =>
            {
                read.Add(path);
                return path == HostFirewallReader.BridgeNfCallPath ? v4 : path == HostFirewallReader.BridgeNfCall6Path ? v6 : null;
            }).Apply(model, new RecordingLog());

            Assert.Equal(new[] { "/proc/sys/net/bridge/bridge-nf-call-iptables", "/proc/sys/net/bridge/bridge-nf-call-ip6tables" }, read);
            Assert.Equal(expected4, model.Host.BridgeNfCall);
            Assert.Equal(expected6, model.Host.BridgeNfCall6);
        }

        /// <summary>The shape of Engine 29's nftables backend, as nft -j list ruleset prints it (trimmed: one base chain, one rule).</summary>
        private const string DockerNft = "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\", \"json_schema_version\": 1}},"
                                         + " {\"table\": {\"family\": \"ip\", \"name\": \"docker-bridges\", \"handle\": 3}},"
                                         + " {\"chain\": {\"family\": \"ip\", \"table\": \"docker-bridges\", \"name\": \"filter-FORWARD\", \"handle\": 1, \"type\": \"filter\", \"hook\": \"forward\", \"prio\": 0, \"policy\": \"accept\"}},"
                                         + " {\"rule\": {\"family\": \"ip\", \"table\": \"docker-bridges\", \"chain\": \"filter-FORWARD\", \"handle\": 7, \"expr\": [{\"match\": {\"op\": \"==\", \"left\": {\"meta\": {\"key\": \"oifname\"}}, \"right\": \"docker0\"}}, {\"drop\": null}]}}]}";

        [Fact]
        public void Apply_NftablesBackend_ReadsNftJson()
        {
            var model = new DockerHostModel { Engine = new EngineInfo { Version = "29.0.1", Firewall = FirewallBackend.Nftables } };
            var ran = new System.Collections.Generic.List<string>();

            new HostFirewallReader(() => true, path => path == "/usr/sbin/nft", (command, _) => { ran.Add(command); return DockerNft; }).Apply(model, new RecordingLog());

            Assert.Equal(new[] { "/usr/sbin/nft -j list ruleset" }, ran);
            Assert.Equal(FirewallFormat.NftJson, model.Host.Firewall!.Format);
            Assert.Equal("oifname \"docker0\" drop", model.Host.Firewall.Table("ip docker-bridges")!.Chain("filter-FORWARD")!.Rules.Single().Text);
        }

        [Fact]
        public void Apply_IptablesSaveWithoutDockerChains_FallsBackToNft()
        {
            var model = new DockerHostModel { Engine = new EngineInfo { Version = "20.10.24" } };
            var log = new RecordingLog();

            new HostFirewallReader(() => true, _ => true, (command, _) => command.EndsWith("nft -j list ruleset", System.StringComparison.Ordinal) ? DockerNft : "*filter\n:FORWARD ACCEPT [0:0]\nCOMMIT\n")
                .Apply(model, log);

            Assert.Equal(FirewallFormat.NftJson, model.Host.Firewall!.Format);
            Assert.Empty(log.Warnings);
        }

        [Fact]
        public void Apply_NftWithoutDockersTables_WarnsAndAssumes()
        {
            var model = new DockerHostModel { Engine = new EngineInfo { Version = "29.0.1", Firewall = FirewallBackend.Nftables } };
            var log = new RecordingLog();

            new HostFirewallReader(() => true, _ => true, (_, _) => DockerNft.Replace("docker-bridges", "firewalld")).Apply(model, log);

            Assert.Null(model.Host.Firewall);
            Assert.Contains("shows no table or chain of Docker's", Assert.Single(log.Warnings));
        }
    }
}
