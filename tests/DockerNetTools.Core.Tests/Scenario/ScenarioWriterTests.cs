using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Scenario
{
    public sealed class ScenarioWriterTests
    {
        // Everything a reload must reproduce, flattened to comparable lines (order-insensitive where Docker's is arbitrary).
        private static IEnumerable<string> Facts(DockerHostModel m)
        {
            var e = m.Engine;
            yield return $"engine {e.Version} {e.ApiVersion} {e.Firewall} {e.UserlandProxy} {e.InterContainerCommunication} {e.IptablesEnabled} ip6={e.Ip6tablesEnabled} {e.OperatingSystem}";
            yield return "hostname " + m.Host.Hostname + " sctp=" + m.Host.SctpSupported;
            foreach (var i in m.Host.Interfaces.OrderBy(i => i.IfIndex))
                yield return $"if {i.IfIndex} {i.Name} master={i.Master} mac={i.MacAddress} addr={string.Join(",", i.Addresses)}";
            foreach (var s in m.Host.Sockets) yield return "hostsock " + Socket(s) + " hm=" + s.HostModeContainer;
            foreach (var n in m.Networks)
            {
                yield return $"net {n.Name} {n.Id} {n.Driver} {n.Subnet} {n.Gateway} {n.BridgeName} internal={n.Internal} icc={n.IccEnabled} default={n.IsDefaultBridge}";
                foreach (var o in n.Options.OrderBy(o => o.Key)) yield return $"  opt {n.Name} {o.Key}={o.Value}";
                foreach (var l in n.Labels.OrderBy(o => o.Key)) yield return $"  label {n.Name} {l.Key}={l.Value}";
            }
            foreach (var c in m.Containers)
            {
                yield return $"ctr {c.Name} {c.Id} {c.Image} {c.Hostname} {c.State} {c.Pid} {c.NetworkMode} known={c.SocketsKnown}";
                foreach (var p in c.Endpoints)
                    yield return $"  ep {c.Name} {p.NetworkName} {p.NetworkId} {p.EndpointId} {p.IPAddress}/{p.PrefixLength} gw={p.Gateway} v6={p.IPv6Address} {p.MacAddress} "
                                 + $"aliases={string.Join(",", p.Aliases)} dns={string.Join(",", p.DnsNames)} {p.InterfaceName} {p.IfIndex} {p.HostVeth} {p.HostIfIndex}";
                foreach (var p in c.Ports) yield return $"  port {c.Name} {p}";
                foreach (var l in c.Links) yield return $"  link {c.Name} {l.Target}:{l.Alias}";
                foreach (var h in c.ExtraHosts) yield return $"  host {c.Name} {h.Hostname}={h.Address}";
                foreach (var s in c.Sockets) yield return $"  sock {c.Name} " + Socket(s);
            }
        }

        private static string Socket(SocketEntry s) =>
            $"{s.Protocol} {s.LocalAddress}:{s.LocalPort} {s.RemoteAddress}:{s.RemotePort} {s.State} {s.RecvQ}/{s.SendQ} {s.Process} {s.ProcessId} {s.Inode} {s.Uid}";

        [Fact]
        public void Write_SeedLab_ReloadsToAnEqualModel()
        {
            var original = ScenarioLoader.Load("SeedLab");
            var yaml = ScenarioWriter.ToYaml(original, "SeedLabCopy");
            var reloaded = ScenarioLoader.Parse(yaml, "copy.yaml");
            Assert.Equal(Facts(original).ToList(), Facts(reloaded).ToList());
        }

        [Fact]
        public void Write_SocketUidAndInode_RootZeroStaysZeroAndUnknownStaysUnknown()
        {
            var model = ScenarioLoader.Parse("containers:\n  - name: a\n    sockets:\n"
                + "      - { protocol: tcp, local: \"0.0.0.0:22\", state: listen, uid: 0, inode: 0 }\n"
                + "      - { protocol: tcp, local: \"0.0.0.0:80\", state: listen }\n", "test.yaml");

            var yaml = ScenarioWriter.ToYaml(model);
            var reloaded = ScenarioLoader.Parse(yaml, "copy.yaml").Containers.Single().Sockets;

            var root = reloaded.Single(s => s.LocalPort == 22);
            Assert.Equal(0, root.Uid);
            Assert.Equal(0L, root.Inode);
            var unknown = reloaded.Single(s => s.LocalPort == 80);
            Assert.Null(unknown.Uid);
            Assert.Null(unknown.Inode);
        }

        [Theory]
        [InlineData("20.10.24", null, "false")]   // the default before Engine 27: off (experimental)
        [InlineData("20.10.24", "true", "true")]  // --experimental --ip6tables
        [InlineData("27.0.3", null, "true")]      // the default from Engine 27: on
        [InlineData("29.0.1", "false", "false")]  // "ip6tables": false
        public void Write_Ip6tables_WrittenAsTheEffectiveValueAndReloadsTheSame(string version, string? given, string written)
        {
            var line = given == null ? string.Empty : ", ip6tables: " + given;
            var model = ScenarioLoader.Parse("engine: { version: \"" + version + "\"" + line + " }\ncontainers:\n  - name: a\n", "test.yaml");

            var yaml = ScenarioWriter.ToYaml(model);

            Assert.Contains("ip6tables: " + written, yaml);
            var reloaded = ScenarioLoader.Parse(yaml, "snapshot.yaml");
            Assert.Equal(written == "true", reloaded.Engine.Ip6tablesEnabled);
            Assert.Equal(written == "true", reloaded.Engine.Ip6tables);
            Assert.Equal(Facts(model).ToList(), Facts(reloaded).ToList());
        }

        [Theory]
        [InlineData("host: { sctp: false }\n", false)]
        [InlineData("host: { sctp: true }\n", true)]
        [InlineData("", null)]
        public void Write_HostSctp_ReloadsTheSameKnowledge(string host, bool? sctp)
        {
            var original = ScenarioLoader.Parse(host + "containers:\n  - name: a\n", "test.yaml");
            Assert.Equal(sctp, original.Host.SctpSupported);

            var yaml = ScenarioWriter.ToYaml(original);

            Assert.Equal(sctp.HasValue, yaml.Contains("sctp:"));
            Assert.Equal(sctp, ScenarioLoader.Parse(yaml, "snapshot.yaml").Host.SctpSupported);
        }

        [Fact]
        public void Write_LinkLocalHostAddressWithScope_WrittenWithoutTheScopeAndReloads()
        {
            // A live host's link-local addresses carry a scope id (fe80::1%4), which is an ifindex of that machine only.
            var model = ScenarioLoader.Parse("containers:\n  - name: a\n", "test.yaml");
            var uplink = model.Host.Interfaces.First(i => i.Name == "eth0");
            uplink.Addresses.Add(System.Net.IPAddress.Parse("192.0.2.2"));
            uplink.Addresses.Add(System.Net.IPAddress.Parse("fe80::fc:ff:fe00:1%4"));

            var yaml = ScenarioWriter.ToYaml(model);

            Assert.DoesNotContain("%4", yaml);
            var reloaded = ScenarioLoader.Parse(yaml, "snapshot.yaml");
            Assert.Contains(reloaded.Host.Interfaces.SelectMany(i => i.Addresses), a => a.ToString() == "fe80::fc:ff:fe00:1");
        }

        [Fact]
        public void Write_SeedLab_SpellsOutDerivedValues()
        {
            var original = ScenarioLoader.Load("SeedLab");
            var yaml = ScenarioWriter.ToYaml(original);
            var ubuntuC = original.FindContainer("ubuntuC")!.Endpoints[0];
            Assert.Contains("veth: " + ubuntuC.HostVeth, yaml);
            Assert.Contains("ifIndex: " + ubuntuC.IfIndex, yaml);
            Assert.Contains("hostIfIndex: " + ubuntuC.HostIfIndex, yaml);
            // Values that could read as numbers are quoted for other YAML tools ("4cc0…" would not, "1e10…" would).
            Assert.Matches("id: \"?" + original.FindContainer("ubuntuC")!.Id + "\"?\n", yaml.Replace("\r\n", "\n"));
            Assert.Contains("disconnected: true", yaml); // kind_newton
            Assert.StartsWith("# DockerNetTools scenario", yaml);
            Assert.DoesNotContain("\n...", yaml);
        }

        [Fact]
        public void Write_ExplicitValuesThatDifferFromDerivation_SurviveAReload()
        {
            // What a live host looks like: random veth names and MACs, indexes out of the derived order,
            // a disconnected network-mode network, an IPv6 host binding next to the IPv4 one, a macvlan endpoint.
            var yaml = @"
engine: { version: '29.0.1', apiVersion: '1.52', firewall: nftables, icc: false }
host:
  hostname: prod-01
  addresses: [192.168.1.10, 'fe80::1']
  uplink: ens33
  uplinkIfIndex: 2
  uplinkMac: 52:54:00:aa:bb:cc
  interfaces:
    - { name: wlan0, ifIndex: 3 }
  listeners:
    - { protocol: tcp, local: '0.0.0.0:8080', process: docker-proxy }
    - { protocol: udp, local: '0.0.0.0:5353', process: avahi }
networks:
  - { name: bridge, icc: true, bridgeIfIndex: 40, bridgeMac: '02:42:11:22:33:44' }
  - { name: lan, driver: macvlan, parent: ens33, subnet: 192.168.1.0/24, gateway: 192.168.1.1 }
  - { name: app, labels: { com.docker.compose.project: shop }, internal: true }
containers:
  - name: web
    network: app
    ip: 172.18.0.9
    aliases: [www, front]
    veth: vethdeadbee
    vethMac: 'aa:bb:cc:dd:ee:ff'
    ifIndex: 77
    hostIfIndex: 78
    networks:
      - { name: bridge, ip: 172.17.0.7 }
      - { name: lan, ip: 192.168.1.50, mac: 'be:ef:00:00:00:01' }
    publish: ['0.0.0.0:8080:80', '[::]:8080:80', '127.0.0.1::9000/udp']
    extraHosts: ['host.docker.internal:host-gateway', 'v6host:fd00::5']
    sockets:
      - { local: '0.0.0.0:80', process: nginx, pid: 31, inode: 123456, uid: 101 }
      - { protocol: udp, local: '172.18.0.9:40000', remote: '8.8.8.8:53' }
      - { local: '172.18.0.9:5000', remote: '172.18.0.10:443', state: syn_sent, sendQ: 1 }
  - name: kind_newton
    network: app
    disconnected: true
    networks: [bridge]
  - name: exporter
    network: host
    sockets:
      - { protocol: tcp6, local: '[::]:9100', process: node_exporter }
  - name: sidecar
    network: 'container:web'
  - name: unknown-sockets
  - name: old
    state: exited
    network: app
    publish: ['7000:7000']
";
            var original = ScenarioLoader.Parse(yaml, "live.yaml");
            var reloaded = ScenarioLoader.Parse(ScenarioWriter.ToYaml(original), "copy.yaml");
            Assert.Equal(Facts(original).ToList(), Facts(reloaded).ToList());
            Assert.False(reloaded.FindContainer("unknown-sockets")!.SocketsKnown);
            Assert.Equal("exporter", reloaded.Host.Sockets.Single(s => s.LocalPort == 9100).HostModeContainer);
        }

        [Theory]
        [InlineData("true")]
        [InlineData("0123")]
        [InlineData("a: b")]
        [InlineData("# not a comment")]
        [InlineData("null")]
        public void Write_OptionValuesThatLookLikeYaml_AreQuoted(string value)
        {
            var model = ScenarioLoader.Parse("networks:\n  - name: n\n    labels: { x: 'placeholder' }\n", "t.yaml");
            model.FindNetwork("n")!.Labels["x"] = value;
            var reloaded = ScenarioLoader.Parse(ScenarioWriter.ToYaml(model), "copy.yaml");
            Assert.Equal(value, reloaded.FindNetwork("n")!.Labels["x"]);
        }
    }
}
