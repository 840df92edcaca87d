using System.Linq;
using System.Net;
using System.Threading.Tasks;
using DockerNetTools.Docker.Tests.Fakes;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Docker.Tests.Building
{
    /// <summary>
    /// The model built from an Engine 29 daemon (API 1.52), responses written from the Engine API reference:
    /// DNSNames, aliases without the short id, GwPriority, FirewallBackend in /info, EnableIPv4, no deprecated
    /// top-level NetworkSettings fields.
    /// </summary>
    public sealed class Engine29RecordedTests
    {
        private const string Engine = "engine-29";

        [Fact]
        public async Task Engine_Api152_ReadsVersionFirewallAndDaemonIcc()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            Assert.Equal("29.0.1", model.Engine.Version);
            Assert.Equal("1.52", model.Engine.ApiVersion);
            Assert.Equal(FirewallBackend.Nftables, model.Engine.Firewall);
            Assert.False(model.Engine.UsesIsolationChains);
            // The daemon was started with --icc=false: the default bridge's options say so, and the engine follows them.
            Assert.False(model.Engine.InterContainerCommunication);
            Assert.Equal("prod-web-01", model.Host.Hostname);
            Assert.Equal("unix:///recorded/docker.sock", model.Source);
        }

        [Fact]
        public async Task Networks_Api152_OptionsIpamAndBridgeNames()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var bridge = model.FindNetwork("bridge")!;
            Assert.True(bridge.IsDefaultBridge);
            Assert.Equal("docker0", bridge.BridgeName);
            Assert.False(bridge.IccEnabled);
            Assert.Equal("172.17.0.0/16", bridge.Subnet.ToString());
            Assert.Equal(IPAddress.Parse("172.17.0.1"), bridge.Gateway);

            var app = model.FindNetwork("appnet")!;
            Assert.False(app.IsDefaultBridge);
            Assert.Equal("br-app", app.BridgeName); // com.docker.network.bridge.name wins over br-<id12>
            Assert.Equal("10.10.0.0/24", app.Subnet.ToString()); // the IPv4 entry, though IPv6 is listed first
            Assert.Equal(IPAddress.Parse("10.10.0.254"), app.Gateway);
            Assert.True(app.IccEnabled);
            Assert.Equal("appnet", app.Labels["com.docker.compose.network"]);

            var backend = model.FindNetwork("backend")!;
            Assert.True(backend.Internal);
            Assert.False(backend.IccEnabled);
            Assert.Equal("br-d4e5f6071829", backend.BridgeName);

            Assert.Equal("host", model.FindNetwork("host")!.Driver);
            Assert.Equal("null", model.FindNetwork("none")!.Driver);
        }

        [Fact]
        public async Task Endpoint_Api152_TakesDnsNamesAndAliasesAsReported()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var web = model.FindContainer("web")!;
            Assert.Equal(NetworkModeKind.Network, web.NetworkMode.Kind);
            Assert.Equal("appnet", web.NetworkMode.Target);
            var endpoint = Assert.Single(web.Endpoints);
            Assert.Equal("appnet", endpoint.NetworkName);
            Assert.Equal(IPAddress.Parse("10.10.0.2"), endpoint.IPAddress);
            Assert.Equal(24, endpoint.PrefixLength);
            Assert.Equal(IPAddress.Parse("10.10.0.254"), endpoint.Gateway);
            Assert.Equal(IPAddress.Parse("fd00:dead:beef::2"), endpoint.IPv6Address);
            Assert.Equal("6a:1f:03:8c:2e:01", endpoint.MacAddress);
            Assert.Equal(new[] { "api" }, endpoint.Aliases);
            Assert.Equal(new[] { "web", "api", web.ShortId }, endpoint.DnsNames);
        }

        [Fact]
        public async Task Network_IpamConfigWithAnIPv6Entry_FillsTheIPv6SubnetGatewayAndEndpointPrefix()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var appnet = model.FindNetwork("appnet")!;
            Assert.Equal("fd00:dead:beef::/64", appnet.Subnet6?.ToString());
            Assert.Equal(IPAddress.Parse("fd00:dead:beef::1"), appnet.Gateway6);
            // The IPv4 entry comes second in this IPAM config and is still the IPv4 subnet.
            Assert.Equal("10.10.0.0/24", appnet.Subnet?.ToString());
            Assert.Null(model.FindNetwork("backend")!.Subnet6);
            var endpoint = Assert.Single(model.FindContainer("web")!.Endpoints);
            Assert.Equal(64, endpoint.IPv6PrefixLength);
            Assert.Equal(IPAddress.Parse("fd00:dead:beef::1"), endpoint.IPv6Gateway);
        }

        [Fact]
        public async Task Container_OnTwoNetworks_HasBothEndpointsAndItsHostnameInDns()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var db = model.FindContainer("db")!;
            Assert.Equal("db-host", db.Hostname);
            Assert.Equal(new[] { "appnet", "backend" }, db.Endpoints.Select(e => e.NetworkName).OrderBy(n => n));
            var app = db.EndpointOn("appnet")!;
            Assert.Equal(new[] { "database" }, app.Aliases);
            Assert.Contains("db-host", app.DnsNames);
            Assert.Equal(IPAddress.Parse("172.19.0.2"), db.EndpointOn("backend")!.IPAddress);
        }

        [Fact]
        public async Task Ports_Api152_ConfiguredBindingsWithEphemeralPortsResolved()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var ports = model.FindContainer("web")!.Ports.Select(p => p.ToString()).OrderBy(p => p).ToList();
            Assert.Equal(new[]
            {
                "0.0.0.0:32768->53/udp", // HostPort "" in HostConfig: the number the daemon picked
                "0.0.0.0:8080->80/tcp",
                "127.0.0.1:9090->9090/tcp",
            }, ports);
            Assert.All(model.FindContainer("web")!.Ports.Where(p => p.HostPort != 9090), p => Assert.Equal(string.Empty, p.HostIp));
        }

        [Fact]
        public async Task StoppedContainer_KeepsConfiguredPortsAndHasNoPid()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var job = model.FindContainer("job")!;
            Assert.Equal(ContainerState.Exited, job.State);
            Assert.False(job.IsRunning);
            Assert.Equal(0, job.Pid);
            Assert.Equal("0.0.0.0:5000->5000/tcp", Assert.Single(job.Ports).ToString());
            var endpoint = Assert.Single(job.Endpoints);
            Assert.Null(endpoint.IPAddress);
            Assert.Equal(new[] { "batch" }, endpoint.Aliases);
        }

        [Fact]
        public async Task NetworkModes_HostNoneAndContainer_FollowTheScenarioConventions()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var sidecar = model.FindContainer("sidecar")!;
            Assert.Equal(NetworkModeKind.Container, sidecar.NetworkMode.Kind);
            Assert.Equal("web", sidecar.NetworkMode.Target); // the daemon says container:<full id>
            Assert.Empty(sidecar.Endpoints);
            Assert.Same(model.FindContainer("web"), model.NamespaceOwner(sidecar));

            var tool = model.FindContainer("tool")!;
            Assert.Equal(NetworkModeKind.Host, tool.NetworkMode.Kind);
            Assert.Empty(tool.Endpoints);

            var off = model.FindContainer("off")!;
            Assert.Equal(NetworkModeKind.None, off.NetworkMode.Kind);
            Assert.Empty(off.Endpoints);
        }

        [Fact]
        public async Task LinksAndExtraHosts_AreParsedAndHostGatewayResolved()
        {
            var (model, _, _) = await Recorded.ReadAsync(Engine);

            var legacy2 = model.FindContainer("legacy2")!;
            Assert.Equal(NetworkModeKind.Bridge, legacy2.NetworkMode.Kind);
            var link = Assert.Single(legacy2.Links);
            Assert.Equal("legacy1", link.Target);
            Assert.Equal("old", link.Alias);

            var hosts = model.FindContainer("web")!.ExtraHosts.ToDictionary(h => h.Hostname, h => h.Address);
            Assert.Equal(IPAddress.Parse("172.17.0.1"), hosts["gateway.internal"]);
            Assert.Equal(IPAddress.Parse("10.99.0.5"), hosts["db.example"]);
        }

        [Fact]
        public async Task Requests_Api152_OneListAndOneBoundedInspectPerContainer()
        {
            var (model, daemon, _) = await Recorded.ReadAsync(Engine, d => d.InspectDelay = System.TimeSpan.FromMilliseconds(30));

            var requests = daemon.Requests.ToList();
            Assert.Equal("/version", requests[0]); // unversioned: the daemon says what it speaks
            Assert.All(requests.Skip(1), r => Assert.StartsWith("/v1.52/", r));
            Assert.Single(requests, r => r.StartsWith("/v1.52/containers/json", System.StringComparison.Ordinal));
            Assert.Single(requests, r => r == "/v1.52/networks");
            Assert.Equal(model.Containers.Count, daemon.InspectRequests.Count());
            Assert.Equal(8, model.Containers.Count);
            Assert.InRange(daemon.MaxConcurrentInspects, 2, 8);
        }

        [Fact]
        public async Task KernelView_NotAvailable_WarnsWhichFieldsAreUnknown()
        {
            var (model, _, log) = await Recorded.ReadAsync(Engine);

            // One warning for the whole read, not one per container or per part of the model.
            var warning = Assert.Single(log.Warnings);
            Assert.Contains("host veth names; socket owners", warning);
            Assert.Matches("Interfaces and sockets of [^;]*web[^;]* are unknown: docker exec ", warning);
            Assert.DoesNotContain("sidecar", warning); // shares web's namespace: nothing of its own to read
            // The host's rules are not readable from here either: the answers assume Docker's.
            Assert.Contains("its packet filter (the answers assume Docker's own rules for Engine 29", warning);
            Assert.Contains("-ProbeImage", warning);
            Assert.Null(model.Host.Firewall);
        }
    }
}
