using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using DockerNetTools.Live.Tests.Infrastructure;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>The live model's veth map against what the kernel says: `ip -o link` on the host, /sys inside the container.</summary>
    [Collection(SeedLabCollection.Name)]
    public sealed class InterfaceTests
    {
        private readonly SeedLab _lab;

        public InterfaceTests(SeedLab lab)
        {
            _lab = lab;
        }

        [LiveFact]
        public void HostVethAndBridge_EveryLabEndpoint_EqualIpLink()
        {
            _lab.EnsureBuilt();
            var links = IpLink();
            var checkedEndpoints = 0;
            foreach (var container in _lab.Model.Containers.Where(c => c.Name.StartsWith(_lab.Prefix, StringComparison.Ordinal) && c.IsRunning && c.Endpoints.Count > 0))
            {
                foreach (var endpoint in container.Endpoints)
                {
                    Assert.False(string.IsNullOrEmpty(endpoint.InterfaceName), container.Name + " " + endpoint.NetworkName + ": no interface name");
                    var inside = DockerCli.Must("exec", container.Name, "cat",
                        "/sys/class/net/" + endpoint.InterfaceName + "/ifindex", "/sys/class/net/" + endpoint.InterfaceName + "/iflink").Split('\n');
                    Assert.Equal(int.Parse(inside[0], CultureInfo.InvariantCulture), endpoint.IfIndex);
                    Assert.Equal(int.Parse(inside[1], CultureInfo.InvariantCulture), endpoint.HostIfIndex);

                    var hostSide = Assert.Single(links, l => l.Index == endpoint.HostIfIndex);
                    Assert.Equal(hostSide.Name, endpoint.HostVeth);
                    Assert.Equal(endpoint.IfIndex, hostSide.PeerIndex);
                    var network = _lab.Model.FindNetwork(endpoint.NetworkName)!;
                    Assert.Equal(network.BridgeName, hostSide.Master);
                    checkedEndpoints++;
                }
            }
            // ubuntuA, ubuntuB, ubuntuC, nginx2, red, blue, green, sourcecontainer, mysql, bridgeredis, nodectn, linktest1, linktest2
            Assert.Equal(13, checkedEndpoints);
        }

        [LiveFact]
        public void Modes_NoneHostAndContainer_HaveNoEndpointsOfTheirOwn()
        {
            _lab.EnsureBuilt();

            Assert.Equal(NetworkModeKind.None, _lab.Container("nonetest").NetworkMode.Kind);
            Assert.Empty(_lab.Container("nonetest").Endpoints);
            Assert.Equal(NetworkModeKind.Host, _lab.Container("hostnettest").NetworkMode.Kind);
            Assert.Empty(_lab.Container("hostnettest").Endpoints);
            var target = _lab.Container("targetcontainer");
            Assert.Equal("container:" + _lab.Name("sourcecontainer"), target.NetworkMode.ToString());
            Assert.Same(_lab.Container("sourcecontainer"), _lab.Model.NamespaceOwner(target));
        }

        [LiveFact]
        public void Networks_SecondBridgeAndAliases_AsCreated()
        {
            _lab.EnsureBuilt();

            var second = _lab.Model.FindNetwork(_lab.Name("second-bridge"))!;
            Assert.Equal(_lab.SecondBridgeSubnet, second.Subnet.ToString());
            Assert.Equal("br-" + second.Id.Substring(0, 12), second.BridgeName);
            var ubuntuC = Assert.Single(_lab.Container("ubuntuC").Endpoints);
            Assert.Equal("10." + _lab.SecondBridgeOctet + ".0.2", ubuntuC.IPAddress!.ToString());
            Assert.Equal("docker0", _lab.Model.FindNetwork("bridge")!.BridgeName);
            Assert.Equal(new[] { "sqll" }, _lab.Container("mysql").Endpoints.Single().Aliases);
            Assert.Contains("rediss", _lab.Container("bridgeredis").Endpoints.Single().DnsNames);
            var link = Assert.Single(_lab.Container("linktest2").Links);
            Assert.Equal(_lab.Name("linktest1"), link.Target);
        }

        [LiveFact]
        public void HostInterfaces_ListTheBridgesAndVeths()
        {
            _lab.EnsureBuilt();
            var links = IpLink();

            foreach (var link in links)
            {
                var info = _lab.Model.Host.Interfaces.FirstOrDefault(i => i.Name == link.Name);
                if (info == null) continue; // created after the model was read (another test's container)
                Assert.Equal(link.Index, info.IfIndex);
                Assert.Equal(link.Master, info.Master);
            }
            Assert.Contains(_lab.Model.Host.Interfaces, i => i.Name == "docker0");
        }

        private sealed class Link
        {
            public string Name = string.Empty;
            public int Index;
            public int PeerIndex;
            public string? Master;
        }

        /// <summary>`ip -o link`: "7: veth38bc328@if6: &lt;…&gt; mtu 1500 qdisc noqueue master docker0 state UP …".</summary>
        private static List<Link> IpLink()
        {
            var output = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ip", "-o link") { RedirectStandardOutput = true })!;
            var text = output.StandardOutput.ReadToEnd();
            output.WaitForExit();
            var result = new List<Link>();
            foreach (var line in text.Split('\n'))
            {
                var match = Regex.Match(line, @"^(?<index>\d+): (?<name>[^:@\s]+)(@if(?<peer>\d+))?:");
                if (!match.Success) continue;
                var master = Regex.Match(line, @" master (?<m>\S+)");
                result.Add(new Link
                {
                    Name = match.Groups["name"].Value,
                    Index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture),
                    PeerIndex = match.Groups["peer"].Success ? int.Parse(match.Groups["peer"].Value, CultureInfo.InvariantCulture) : 0,
                    Master = master.Success ? master.Groups["m"].Value : null,
                });
            }
            return result;
        }
    }
}
