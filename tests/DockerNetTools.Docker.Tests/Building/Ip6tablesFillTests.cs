using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Building;
using DockerNetTools.Docker.Kernel;
using DockerNetTools.Docker.Tests.Fakes;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Docker.Tests.Building
{
    /// <summary>How the live backend decides dockerd --ip6tables, which no API field shows.</summary>
    public sealed class Ip6tablesFillTests
    {
        [Theory]
        [InlineData(20, false, false)]  // 20.10 without --experimental: --ip6tables is refused, so off for sure
        [InlineData(26, false, false)]
        [InlineData(20, true, null)]    // experimental: it may or may not be on; the version default (off) stands unless the host says
        [InlineData(27, false, null)]   // on by default from 27, "ip6tables": false possible
        [InlineData(29, true, null)]
        [InlineData(0, false, null)]    // unreadable version: no conclusion
        public void Ip6tablesFromApi_VersionAndExperimental_OnlyConcludesWhatIsCertain(int major, bool experimental, bool? expected)
        {
            Assert.Equal(expected, HostModelBuilder.Ip6tablesFromApi(major, experimental));
        }

        [Fact]
        public async Task Engine2010Recorded_NotExperimental_Ip6tablesOff()
        {
            var (model, _, _) = await Recorded.ReadAsync("engine-20.10");

            Assert.False(model.Engine.Ip6tables);
            Assert.False(model.Engine.Ip6tablesEnabled);
        }

        [Fact]
        public async Task Engine29Recorded_WithoutHostView_VersionDefaultOn()
        {
            var (model, _, _) = await Recorded.ReadAsync("engine-29");

            Assert.Null(model.Engine.Ip6tables);
            Assert.True(model.Engine.Ip6tablesEnabled);
        }

        [Theory]
        [InlineData(0, true)]
        [InlineData(1, false)]
        public void Apply_ChainDockerAnswer_FillsIp6tables(int exitCode, bool expected)
        {
            var calls = new List<string>();
            var chains = new Ip6tablesChains(() => true, path => path == "/usr/sbin/ip6tables", (file, args, timeout) =>
            {
                calls.Add(file + " " + string.Join(" ", args));
                Assert.True(timeout <= TimeSpan.FromSeconds(5));
                return exitCode;
            });
            var engine = new EngineInfo { Version = "27.0.3" };

            chains.Apply(engine, NullOperationLog.Instance);

            Assert.Equal(expected, engine.Ip6tables);
            Assert.Equal(new[] { "/usr/sbin/ip6tables -w 2 -n -L DOCKER" }, calls);
        }

        [Theory]
        [InlineData(false, true, 0, "not root")]
        [InlineData(true, false, 0, "no ip6tables")]
        [InlineData(true, true, 3, "kernel without ip6_tables")]
        [InlineData(true, true, null, "timed out")]
        public void Apply_HostCannotTell_LeavesTheVersionDefault(bool root, bool toolThere, int? exitCode, string why)
        {
            var chains = new Ip6tablesChains(() => root, _ => toolThere, (_, _, _) => exitCode);
            var engine = new EngineInfo { Version = "27.0.3" };

            chains.Apply(engine, NullOperationLog.Instance);

            Assert.True(engine.Ip6tables == null, why);
            Assert.True(engine.Ip6tablesEnabled);
        }

        [Theory]
        [InlineData("20.10.24", false, FirewallBackend.Iptables)]   // already decided by the API
        [InlineData("29.0.1", null, FirewallBackend.Nftables)]       // table ip6 docker-bridges is not an ip6tables chain
        public void Apply_AlreadyDecidedOrNftables_DoesNotRunIp6tables(string version, bool? ip6tables, FirewallBackend firewall)
        {
            var chains = new Ip6tablesChains(() => true, _ => true, (_, _, _) => throw new InvalidOperationException("must not run"));
            var engine = new EngineInfo { Version = version, Ip6tables = ip6tables, Firewall = firewall };

            chains.Apply(engine, NullOperationLog.Instance);

            Assert.Equal(ip6tables, engine.Ip6tables);
        }
    }
}
