using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Compose;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Compose
{
    /// <summary>
    /// The compose backend: what `docker compose config` and `up` do with the files (project name, discovery, merge,
    /// interpolation, anchors, profiles, extends), the networks and containers it creates, and the errors it reports.
    /// The same shapes are checked against the real Compose in tests/DockerNetTools.Live.Tests/ComposeTests.cs.
    /// </summary>
    public class ComposeLoaderTests
    {
        private const string Busybox = "    image: dnt-busybox:latest\n";

        [Theory]
        [InlineData("${A}", "a")]
        [InlineData("$A-$B", "a-")]
        [InlineData("${B:-dflt}", "dflt")]
        [InlineData("${E:-dflt}", "dflt")]
        [InlineData("${E-dflt}", "")]
        [InlineData("${B-dflt}", "dflt")]
        [InlineData("${A:+set}", "set")]
        [InlineData("${E:+set}", "")]
        [InlineData("${B:-${A}x}", "ax")]
        [InlineData("$$A costs $$5", "$A costs $5")]
        [InlineData("${A:?needed}", "a")]
        public void Interpolate_ComposeSyntax_AsComposeReadsIt(string text, string expected)
        {
            var environment = new Dictionary<string, string> { ["A"] = "a", ["E"] = string.Empty };
            Assert.Equal(expected, ComposeInterpolation.Interpolate(text, n => environment.TryGetValue(n, out var v) ? v : null, out var error));
            Assert.Null(error);
        }

        [Theory]
        [InlineData("${B:?set B first}", "required variable B is missing a value: set B first")]
        [InlineData("${E:?empty}", "required variable E is missing a value: empty")]
        [InlineData("${A", "invalid interpolation format")]
        [InlineData("$1", "invalid interpolation format")]
        public void Interpolate_MissingRequiredOrMalformed_Error(string text, string expected)
        {
            var environment = new Dictionary<string, string> { ["A"] = "a", ["E"] = string.Empty };
            Assert.Null(ComposeInterpolation.Interpolate(text, n => environment.TryGetValue(n, out var v) ? v : null, out var error));
            Assert.Contains(expected, error);
        }

        [Theory]
        [InlineData("My.Proj_x", "myproj_x")]
        [InlineData("_9Ab", "9ab")]
        [InlineData("web-Stack 2", "web-stack2")]
        public void ProjectName_FolderName_NormalizedAsCompose(string folder, string expected)
        {
            using var kit = new ComposeKit(folder);
            kit.Write("compose.yaml", "services:\n  a:\n" + Busybox);
            Assert.Equal(expected, ComposeLoader.ProjectName(kit.Options()));
            Assert.NotNull(kit.Build().FindContainer(expected + "-a-1"));
        }

        [Fact]
        public void ProjectName_EnvironmentOverFileOverFolder_FileNameNormalized()
        {
            using var kit = new ComposeKit("folder");
            kit.Write("compose.yaml", "name: Bad.Name\nservices:\n  a:\n" + Busybox);
            Assert.Equal("badname", ComposeLoader.ProjectName(kit.Options()));
            kit.Write(".env", "COMPOSE_PROJECT_NAME=fromdotenv\n");
            Assert.Equal("fromdotenv", ComposeLoader.ProjectName(kit.Options()));
            kit.Environment["COMPOSE_PROJECT_NAME"] = "fromenv";
            Assert.Equal("fromenv", ComposeLoader.ProjectName(kit.Options()));
            Assert.Equal("given", ComposeLoader.ProjectName(kit.Options(project: "given")));
        }

        [Fact]
        public void ProjectName_InvalidExplicitName_RefusedInComposeWords()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", "services:\n  a:\n" + Busybox);
            var error = Assert.Throws<DockerNetException>(() => kit.Build(project: "Bad.Name"));
            Assert.Equal("ComposeProjectNameInvalid", error.ErrorId);
            Assert.Contains("must consist only of lowercase alphanumeric characters, hyphens, and underscores", error.Message);
        }

        [Fact]
        public void Discovery_FirstDefaultNameAndOverride_Merged()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", "services:\n  a:\n" + Busybox + "    networks: [one]\nnetworks:\n  one:\n  two:\n");
            kit.Write("docker-compose.yml", "services:\n  ignored:\n" + Busybox);
            kit.Write("docker-compose.override.yml", "services:\n  a:\n    networks:\n      two:\n        aliases: [second]\n");
            var model = kit.Build();
            Assert.Null(model.FindContainer("proj-ignored-1"));
            var a = model.FindContainer("proj-a-1")!;
            Assert.Equal(new[] { "proj_one", "proj_two" }, a.Endpoints.Select(e => e.NetworkName));
            Assert.Equal(new[] { "proj-a-1", "a", "second" }, a.EndpointOn("proj_two")!.Aliases);
        }

        [Fact]
        public void Discovery_NoComposeFile_ComposeFileNotFound()
        {
            using var kit = new ComposeKit();
            var error = Assert.Throws<DockerNetException>(() => kit.Build());
            Assert.Equal("ComposeFileNotFound", error.ErrorId);
            Assert.Equal(ErrorKind.NotFound, error.Kind);
            var missing = Assert.Throws<DockerNetException>(() => kit.Build(new[] { "nope.yaml" }));
            Assert.Equal("ComposeFileNotFound", missing.ErrorId);
        }

        [Fact]
        public void Merge_SeveralFiles_MapsMergedListsAppendedScalarsReplaced()
        {
            using var kit = new ComposeKit();
            var first = kit.Write("a.yaml", "services:\n  web:\n" + Busybox + "    hostname: one\n    ports: [\"8080:80\"]\n    expose: [\"81\"]\n");
            var second = kit.Write("b.yaml", "services:\n  web:\n    hostname: two\n    ports: [\"8080:80\", \"9090:90\"]\n");
            var web = kit.Build(new[] { first, second }).FindContainer("proj-web-1")!;
            Assert.Equal("two", web.Hostname);
            Assert.Equal(new[] { "8080->80", "9090->90" }, web.Ports.Where(p => p.HostIp.Length == 0).Select(p => p.HostPort + "->" + p.ContainerPort));
            Assert.Equal(new[] { 80, 81, 90 }, web.Sockets.Select(s => s.LocalPort).OrderBy(p => p));
        }

        [Fact]
        public void Yaml_AnchorsAndMergeKeys_ResolvedOwnKeysWin()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", @"
x-base: &base
  image: dnt-busybox:latest
  hostname: base
  expose: [""80""]
x-more: &more
  hostname: more
  expose: [""90""]
services:
  a:
    <<: [*base, *more]
  b:
    <<: *base
    hostname: own
");
            var model = kit.Build();
            Assert.Equal("base", model.FindContainer("proj-a-1")!.Hostname);
            Assert.Equal(80, Assert.Single(model.FindContainer("proj-a-1")!.Sockets).LocalPort);
            Assert.Equal("own", model.FindContainer("proj-b-1")!.Hostname);
        }

        [Fact]
        public void Interpolation_EnvironmentOverDotEnv_InEveryValue()
        {
            using var kit = new ComposeKit();
            kit.Write(".env", "# ports\nWEB_PORT=8080\nexport SUBNET='10.68.7.0/24'\nHOST=\"dotenv\"\n");
            kit.Environment["HOST"] = "environment";
            kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "    hostname: ${HOST}\n    ports: [\"${WEB_PORT}:80\"]\n    expose: [\"${DB_PORT:-5432}\"]\nnetworks:\n  default:\n    ipam:\n      config:\n        - subnet: ${SUBNET}\n");
            var model = kit.Build();
            var web = model.FindContainer("proj-web-1")!;
            Assert.Equal("environment", web.Hostname);
            Assert.Contains(web.Ports, p => p.HostPort == 8080 && p.ContainerPort == 80);
            Assert.Contains(web.Sockets, s => s.LocalPort == 5432 && s.Process == "assumed from `expose: 5432`");
            Assert.Equal("10.68.7.0/24", model.FindNetwork("proj_default")!.Subnet.ToString());
        }

        [Fact]
        public void Interpolation_RequiredVariableMissing_ErrorAtItsPosition()
        {
            using var kit = new ComposeKit();
            var file = kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "    hostname: ${NAME:?give NAME}\n");
            Assert.Equal(new[] { file + ":4:15: required variable NAME is missing a value: give NAME" }, kit.Errors());
        }

        [Fact]
        public void Profiles_InactiveServicesLeftOut_ProfileOrEnvironmentActivates()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", "services:\n  app:\n" + Busybox + "  debug:\n" + Busybox + "    profiles: [debug]\n  tools:\n    extends: debug\n  metrics:\n" + Busybox + "    profiles: [ops]\n");
            Assert.Equal(new[] { "proj-app-1" }, kit.Build().Containers.Select(c => c.Name));
            Assert.Equal(new[] { "proj-app-1", "proj-debug-1", "proj-tools-1" }, kit.Build(profiles: new[] { "debug" }).Containers.Select(c => c.Name).OrderBy(n => n));
            kit.Environment["COMPOSE_PROFILES"] = "ops";
            Assert.Equal(new[] { "proj-app-1", "proj-metrics-1" }, kit.Build().Containers.Select(c => c.Name).OrderBy(n => n));
            Assert.Equal(4, kit.Build(profiles: new[] { "*" }).Containers.Count);
        }

        [Fact]
        public void Extends_WithinTheFile_BaseThenOwnKeys()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", "services:\n  base:\n" + Busybox + "    container_name: the-base\n    hostname: b\n    networks: { back: { aliases: [common] } }\n  child:\n    extends: { service: base }\n    hostname: c\nnetworks:\n  back:\n");
            var child = kit.Build().FindContainer("proj-child-1")!;
            Assert.Equal("c", child.Hostname);
            Assert.Equal(new[] { "proj-child-1", "child", "common" }, child.EndpointOn("proj_back")!.Aliases);
        }

        [Fact]
        public void Extends_FromOtherFiles_PathsRelativeToTheExtendingFile()
        {
            // As Compose 2.40 resolves it: sub/base.yaml's `../other.yaml` is the project folder's other.yaml.
            using var kit = new ComposeKit();
            Directory.CreateDirectory(Path.Combine(kit.Folder, "sub"));
            kit.Write("compose.yaml", "services:\n  web:\n    extends: { file: sub/base.yaml, service: base }\n    hostname: w\nnetworks:\n  front:\n");
            kit.Write("sub/base.yaml", "services:\n  base:\n" + Busybox + "    hostname: b\n    extends: { file: ../other.yaml, service: b2 }\n");
            kit.Write("other.yaml", "services:\n  b2:\n    networks: { front: { aliases: [shop] } }\n    expose: [\"80\"]\n");
            var model = kit.Build();
            var web = model.FindContainer("proj-web-1")!;
            Assert.Equal("w", web.Hostname);
            Assert.Equal("dnt-busybox:latest", web.Image);
            Assert.Equal(new[] { "proj-web-1", "web", "shop" }, web.EndpointOn("proj_front")!.Aliases);
            Assert.Null(model.FindContainer("proj-base-1"));
            Assert.Null(model.FindContainer("proj-b2-1"));
        }

        [Fact]
        public void Extends_FromOtherFiles_MissingFileOrServiceAndCycles_ComposeErrors()
        {
            using var kit = new ComposeKit();
            Directory.CreateDirectory(Path.Combine(kit.Folder, "sub"));
            var file = kit.Write("compose.yaml", "services:\n  web:\n    extends: { file: nope.yaml, service: base }\n  api:\n    extends:\n      file: sub/base.yaml\n      service: ghost\n  loop:\n    extends: { file: sub/base.yaml, service: base }\n");
            var sub = kit.Write("sub/base.yaml", "services:\n  base:\n" + Busybox + "    extends: { file: ../compose.yaml, service: loop }\n");
            Assert.Equal(new[]
            {
                file + ":3:22: open " + Path.Combine(kit.Folder, "nope.yaml") + ": no such file or directory",
                file + ":7:16: cannot extend service \"api\" in " + file + ": service \"ghost\" not found in sub/base.yaml",
                sub + ":4:14: circular reference with extends: loop in compose.yaml -> base in sub/base.yaml -> loop in compose.yaml",
            }, kit.Errors());
        }

        [Fact]
        public void Networks_DefaultDeclaredNamedAndExternal_NamedAsCompose()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", @"
services:
  a:
    image: x
  b:
    image: x
    networks: [front, shared, legacy, unused-by-none]
networks:
  front:
    name: my-front
    driver_opts: { com.docker.network.bridge.name: br-front }
  shared:
    external: true
  legacy:
    external: { name: old-net }
  unused-by-none:
    internal: true
  never:
");
            var baseHost = ScenarioLoader.Parse("networks:\n  - { name: shared, subnet: 10.68.50.0/24 }\n  - { name: old-net, subnet: 10.68.51.0/24 }\n", "base.yaml");
            var model = kit.Build(baseHost: baseHost);
            Assert.Equal(new[] { "bridge", "host", "none", "shared", "old-net", "proj_default", "my-front", "proj_unused-by-none" }, model.Networks.Select(n => n.Name));
            Assert.Equal("br-front", model.FindNetwork("my-front")!.BridgeName);
            Assert.True(model.FindNetwork("proj_unused-by-none")!.Internal);
            Assert.Equal("proj", model.FindNetwork("proj_default")!.Labels["com.docker.compose.project"]);
            Assert.Equal(new[] { "172.18.0.0/16", "172.19.0.0/16", "172.20.0.0/16" },
                new[] { "proj_default", "my-front", "proj_unused-by-none" }.Select(n => model.FindNetwork(n)!.Subnet.ToString()));
        }

        [Fact]
        public void Networks_SeveralIPv4SubnetsOnABridge_RefusedInDockersWords()
        {
            // Engines 20.10 and 28.5 both refuse `docker network create --subnet 10.69.1.0/24 --subnet 10.69.2.0/24` on a bridge.
            using var kit = new ComposeKit();
            var file = kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "networks:\n  default:\n    ipam:\n      config:\n        - subnet: 10.69.1.0/24\n        - subnet: 10.69.2.0/24\n");
            Assert.Equal(new[] { file + ":9:19: bridge driver doesn't support multiple subnets" }, kit.Errors());
        }

        [Fact]
        public void Networks_SeveralIPv4SubnetsOnMacvlan_AddressesFromTheFirstOverlapChecksEvery()
        {
            using var kit = new ComposeKit();
            var text = "services:\n  web:\n" + Busybox + "networks:\n  default:\n    driver: macvlan\n    driver_opts: { parent: eth0 }\n    ipam:\n      config:\n"
                + "        - subnet: 10.69.1.0/24\n        - subnet: 10.69.2.0/24\n          gateway: 10.69.2.254\n";
            kit.Write("compose.yaml", text);
            var model = kit.Build();
            var network = model.FindNetwork("proj_default")!;
            Assert.Equal("10.69.1.0/24", network.Subnet.ToString());
            Assert.Equal("10.69.1.1", network.Gateway!.ToString());
            Assert.Equal("10.69.1.2", model.FindContainer("proj-web-1")!.Endpoints.Single().IPAddress!.ToString());

            var file = kit.Write("compose.yaml", text);
            var baseHost = ScenarioLoader.Parse("networks:\n  - { name: old, subnet: 10.69.2.128/25 }\n", "base.yaml");
            Assert.Equal(new[] { file + ":11:19: Pool overlaps with other one on this address space (10.69.2.0/24 of proj_default overlaps 10.69.2.128/25 of old)" },
                kit.Errors(baseHost: baseHost));
        }

        [Fact]
        public void Networks_ExternalMissing_ComposeError()
        {
            using var kit = new ComposeKit();
            var file = kit.Write("compose.yaml", "services:\n  a:\n" + Busybox + "    networks: [shared]\nnetworks:\n  shared:\n    external: true\n");
            Assert.Equal(new[] { file + ":7:5: network shared declared as external, but could not be found" }, kit.Errors());
        }

        [Fact]
        public void Services_ReplicasContainerNameHostnameAndModes_AsComposeCreatesThem()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", @"
services:
  app:
    image: x
    deploy: { replicas: 3 }
  db:
    image: x
    container_name: database
    hostname: dbhost
    networks:
      default:
        ipv4_address: 10.68.9.10
        aliases: [postgres]
  side:
    image: x
    network_mode: service:db
  lone:
    image: x
    network_mode: none
  hostly:
    image: x
    network_mode: host
  old:
    image: x
    scale: 2
    network_mode: bridge
networks:
  default:
    ipam: { config: [{ subnet: 10.68.9.0/24, gateway: 10.68.9.254 }] }
");
            var model = kit.Build();
            Assert.Equal(new[] { "proj-app-1", "proj-app-2", "proj-app-3", "database", "proj-hostly-1", "proj-lone-1", "proj-old-1", "proj-old-2", "proj-side-1" },
                model.Containers.Select(c => c.Name));
            var db = model.FindContainer("database")!;
            Assert.Equal("dbhost", db.Hostname);
            Assert.Equal("10.68.9.10", db.Endpoints.Single().IPAddress!.ToString());
            Assert.Equal(new[] { "database", "db", "postgres" }, db.Endpoints.Single().Aliases);
            Assert.Equal("container:database", model.FindContainer("proj-side-1")!.NetworkMode.ToString());
            Assert.Equal(NetworkModeKind.None, model.FindContainer("proj-lone-1")!.NetworkMode.Kind);
            Assert.Equal(NetworkModeKind.Host, model.FindContainer("proj-hostly-1")!.NetworkMode.Kind);
            Assert.Equal("bridge", model.FindContainer("proj-old-1")!.Endpoints.Single().NetworkName);
            Assert.Empty(model.FindContainer("proj-old-1")!.Endpoints.Single().Aliases);
        }

        [Fact]
        public void Services_InterfaceNameMacAddressLinkLocalIps_OnTheEndpoints()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "    mac_address: 02:42:0a:45:00:10\n    networks:\n      front: { priority: 10 }\n"
                + "      back: { interface_name: backside, mac_address: 02:42:0a:45:00:11, link_local_ips: [169.254.8.8] }\n"
                + "  api:\n" + Busybox + "    mac_address: 02:42:0a:45:00:12\nnetworks:\n  back:\n  front:\n");
            var model = kit.Build();
            var web = model.FindContainer("proj-web-1")!;
            Assert.Equal(new[] { ("proj_front", "eth0", "02:42:0a:45:00:10"), ("proj_back", "backside", "02:42:0a:45:00:11") },
                web.Endpoints.Select(e => (e.NetworkName, e.InterfaceName!, e.MacAddress!)));
            Assert.Equal("02:42:0a:45:00:12", model.FindContainer("proj-api-1")!.Endpoints.Single().MacAddress);
        }

        [Fact]
        public void Services_BadMacOrTwoInterfacesOfOneName_Errors()
        {
            using var kit = new ComposeKit();
            var file = kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "    mac_address: nope\n    networks:\n      front: { interface_name: eth0 }\n      back: {}\nnetworks:\n  back:\n  front:\n");
            Assert.Equal(new[] { file + ":4:18: nope is not a valid mac address" }, kit.Errors());
            kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "    mac_address: 02:42:0a:45:00:10\n    networks:\n      front: { interface_name: eth0 }\n      back: {}\nnetworks:\n  back:\n  front:\n");
            Assert.Equal(new[] { file + ":6:32: proj-web-1 already has an interface named eth0" }, kit.Errors());
        }

        [Fact]
        public void Services_NetworkPriority_PrimaryNetworkFirst()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "    networks:\n      back: {}\n      front: { priority: 10 }\nnetworks:\n  back:\n  front:\n");
            var web = kit.Build().FindContainer("proj-web-1")!;
            Assert.Equal("proj_front", web.NetworkMode.ToString());
            Assert.Equal(new[] { "proj_front", "proj_back" }, web.Endpoints.Select(e => e.NetworkName));
        }

        [Fact]
        public void Services_Dns_TheContainersOwnServersAsDockerRunDns()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "    dns: 127.0.0.1\n  api:\n" + Busybox + "    dns: [10.68.9.53, \"fd00::53\"]\n  db:\n" + Busybox);
            var model = kit.Build();
            Assert.Equal(new[] { "127.0.0.1" }, model.FindContainer("proj-web-1")!.Dns.Select(a => a.ToString()));
            Assert.Equal(new[] { "10.68.9.53", "fd00::53" }, model.FindContainer("proj-api-1")!.Dns.Select(a => a.ToString()));
            Assert.Empty(model.FindContainer("proj-db-1")!.Dns);
            var file = kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "    dns: [10.68.9.53, resolver]\n");
            Assert.Equal(new[] { file + ":4:23: invalid IP address in dns: \"resolver\"" }, kit.Errors());
        }

        [Fact]
        public void Ports_ShortAndLongSyntax_RangesHostIpProtocol()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", @"
services:
  web:
    image: x
    ports:
      - ""127.0.0.1:8000-8001:80-81""
      - ""53:53/udp""
      - target: 443
        published: ""8443""
        host_ip: 127.0.0.2
        protocol: tcp
        mode: host
      - 9000
");
            var web = kit.Build().FindContainer("proj-web-1")!;
            var v4 = web.Ports.Where(p => !p.HostIp.Contains(':')).Select(p => p.HostIp + ":" + p.HostPort + "->" + p.ContainerPort + "/" + p.Protocol).ToList();
            Assert.Equal(new[] { "127.0.0.1:8000->80/Tcp", "127.0.0.1:8001->81/Tcp", ":53->53/Udp", "127.0.0.2:8443->443/Tcp", ":0->9000/Tcp" }, v4);
            Assert.Contains(web.Sockets, s => s.LocalPort == 53 && s.Protocol == SocketProtocol.Udp && s.Process == "assumed from `ports: 53:53/udp`");
            Assert.Contains(web.Sockets, s => s.LocalPort == 443 && s.Process == "assumed from `ports: target 443`");
        }

        [Fact]
        public void Errors_EveryMistake_FileLineColumnInComposeWords()
        {
            using var kit = new ComposeKit();
            var file = kit.Write("compose.yaml", @"services:
  web:
    image: x
    networks: [nope]
    ports: [""8080:80/tcpp""]
    expose: [""abc""]
  side:
    image: x
    network_mode: ""service:ghost""
  both:
    image: x
    network_mode: host
    networks: [default]
");
            Assert.Equal(new[]
            {
                file + ":4:16: service \"web\" refers to undefined network nope: invalid compose project",
                file + ":5:13: invalid port '8080:80/tcpp': " + PublishError("8080:80/tcpp"),
                file + ":6:14: invalid expose 'abc': use a port, a range (8000-8010) and an optional /tcp, /udp or /sctp",
                file + ":9:19: service \"side\" depends on undefined service \"ghost\": invalid compose project",
                file + ":12:19: service both declares mutually exclusive `network_mode` and `networks`: invalid compose project",
            }, kit.Errors());
        }

        private static string PublishError(string text)
        {
            Assert.False(PublishSpec.TryParse(text, out _, out var error));
            return error;
        }

        [Fact]
        public void OnBaseHost_PortHeldByAContainer_DockersRefusal()
        {
            using var kit = new ComposeKit();
            var file = kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "    ports: [\"8080:80\"]\n");
            var baseHost = ScenarioLoader.Parse("containers:\n  - { name: old, publish: [\"8080:80\"] }\n", "base.yaml");
            var errors = kit.Errors(baseHost: baseHost);
            Assert.Contains(errors, e => e == file + ":4:13: Bind for 0.0.0.0:8080 failed: port is already allocated (by old)");
        }

        [Fact]
        public void Ports_TwoServicesPublishOneHostPort_TheOneStartedLaterRefusedAsUpRefusesIt()
        {
            // Seen with Compose 2.40 on Engine 20.10: "… on endpoint proj-b-1 (…): Bind for 0.0.0.0:47320 failed: port is
            // already allocated". depends_on makes a start first; b, first by name, is the one refused.
            using var kit = new ComposeKit();
            var file = kit.Write("compose.yaml", "services:\n  b:\n" + Busybox + "    ports: [\"8080:80\"]\n    depends_on: [z]\n  z:\n" + Busybox + "    ports: [\"8080:81\"]\n");
            Assert.Equal(new[] { file + ":4:13: Bind for 0.0.0.0:8080 failed: port is already allocated (by proj-z-1)" }, kit.Errors());
        }

        [Theory]
        [InlineData("", "Bind for 0.0.0.0:8080 failed: port is already allocated (by old)",
            "host process nginx listens on 0.0.0.0:9090, but proj-web-1 publishes 9090:80: docker would have failed with \"Error starting userland proxy: listen tcp4 0.0.0.0:9090: bind: address already in use\"")]
        [InlineData("engine: { version: \"28.5.2\", apiVersion: \"1.51\" }\n", "Bind for 0.0.0.0:8080 failed: port is already allocated (by old)",
            "host process nginx listens on 0.0.0.0:9090, but proj-web-1 publishes 9090:80: docker would have failed with \"failed to bind host port for 0.0.0.0:9090:<container IP>:80/tcp: address already in use\"")]
        public void OnBaseHost_PortHeldByAContainerOrAHostListener_EachEnginesRefusal(string engine, string byContainer, string byListener)
        {
            using var kit = new ComposeKit();
            var file = kit.Write("compose.yaml", "services:\n  web:\n" + Busybox + "    ports: [\"8080:80\", \"9090:80\"]\n");
            var baseHost = ScenarioLoader.Parse(engine + "host:\n  listeners: [ { protocol: tcp, local: \"0.0.0.0:9090\", process: nginx, pid: 10 } ]\n"
                + "containers:\n  - { name: old, publish: [\"8080:80\"] }\n", "base.yaml");
            var errors = kit.Errors(baseHost: baseHost);
            Assert.Contains(file + ":4:13: " + byContainer, errors);
            // The host's listener is no line of the user's: the error stands at the publish that docker would refuse.
            Assert.Contains(file + ":4:24: " + byListener, errors);
        }

        [Fact]
        public void Reachability_ExposedPortAssumed_OtherPortsUndetermined()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", "services:\n  app:\n" + Busybox + "  db:\n" + Busybox + "    expose: [\"5432\"]\n");
            var model = kit.Build();
            var open = Ask(model, "proj-app-1", "db", 5432);
            Verdict(open, ReachabilityVerdict.Reachable);
            Assert.Contains("accepted by 0.0.0.0:5432 (assumed from `expose: 5432`)", open.PathText);
            Verdict(Ask(model, "proj-app-1", "db", 22), ReachabilityVerdict.Undetermined, "neither publishes nor exposes");
        }

        [Fact]
        public void OnBaseHost_ItsReadFirewallLeftOut_DockersRulesDerivedForTheNewNetworks()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", "services:\n  a:\n" + Busybox + "    networks: [one]\n  b:\n" + Busybox + "    networks: [two]\nnetworks:\n  one:\n  two:\n");
            // A host whose packet filter was read before the stack existed: it accepts everything it forwards.
            var baseHost = ScenarioLoader.Parse("host:\n  firewall: |\n    *filter\n    :INPUT ACCEPT [0:0]\n    :FORWARD ACCEPT [0:0]\n    :OUTPUT ACCEPT [0:0]\n    COMMIT\n", "base.yaml");
            Assert.NotNull(baseHost.Host.Firewall);
            var model = kit.Build(baseHost: baseHost);
            Assert.Null(model.Host.Firewall);
            var address = model.FindContainer("proj-b-1")!.Endpoints.Single().IPAddress!.ToString();
            Verdict(Ask(model, "proj-a-1", address), ReachabilityVerdict.Blocked);
        }

        [Fact]
        public void Reachability_InternalAndSeparateNetworks_AsDockerWouldBlock()
        {
            using var kit = new ComposeKit();
            kit.Write("compose.yaml", @"
services:
  web:
    image: x
    expose: [""80""]
    networks: [front, back]
  db:
    image: x
    expose: [""5432""]
    networks: [back]
  public:
    image: x
    networks: [front]
networks:
  front:
  back:
    internal: true
");
            var model = kit.Build();
            Verdict(Ask(model, "proj-web-1", "db", 5432), ReachabilityVerdict.Reachable);
            Assert.NotEqual(ReachabilityVerdict.Reachable, Ask(model, "proj-public-1", "proj-db-1", 5432).VerdictValue);
            var resolution = NameResolver.Resolve(model, model.FindContainer("proj-public-1")!, "db");
            Assert.False(resolution.Resolved);
        }
    }
}
