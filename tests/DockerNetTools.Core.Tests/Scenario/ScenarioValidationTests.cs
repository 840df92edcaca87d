using System;
using System.IO;
using System.Linq;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Tests.Scenario
{
    public sealed class ScenarioValidationTests
    {
        [Theory]
        // Schema: unknown keys with a suggestion, wrong types.
        [InlineData("containers:\n  - name: a\n    netwrok: bridge\n", "bad.yaml:3:5: unknown key 'netwrok' in a container. Did you mean: network?")]
        [InlineData("networks:\n  - name: n\n    icc: maybe\n", "bad.yaml:3:10: 'icc' must be true or false, not 'maybe'")]
        [InlineData("engine:\n  ip6tables: sometimes\n", "bad.yaml:2:14: 'ip6tables' must be true or false, not 'sometimes'")]
        [InlineData("containers:\n  - image: ubuntu\n", "bad.yaml:2:5: a container needs a 'name'")]
        [InlineData("containers: 5\n", "bad.yaml:1:13: 'containers' must be a list")]
        // Values.
        [InlineData("networks:\n  - name: n\n    subnet: 10.0.0.0/33\n", "bad.yaml:3:13: invalid CIDR address: 10.0.0.0/33")]
        [InlineData("containers:\n  - name: a\n    ip: 172.17.0.300\n", "bad.yaml:3:9: invalid IPv4 address: 172.17.0.300")]
        [InlineData("networks:\n  - name: n\n    subnet6: fd00::/129\n", "bad.yaml:3:14: invalid IPv6 CIDR address: fd00::/129")]
        [InlineData("networks:\n  - name: n\n    subnet6: 10.0.0.0/24\n", "bad.yaml:3:14: invalid IPv6 CIDR address: 10.0.0.0/24")]
        [InlineData("networks:\n  - name: n\n    subnet6: fd00:61::/64\n    gateway6: 10.0.0.1\n", "bad.yaml:4:15: invalid IPv6 gateway address: 10.0.0.1")]
        [InlineData("networks:\n  - name: n\n    subnet6: fd00:61::/64\n    gateway6: fd00:62::1\n", "bad.yaml:4:15: no matching subnet for gateway fd00:62::1 (n is fd00:61::/64)")]
        [InlineData("networks:\n  - name: n\n    gateway6: fd00:62::1\n", "bad.yaml:3:15: gateway6 fd00:62::1 needs the network's IPv6 subnet: add subnet6")]
        [InlineData("networks:\n  - name: n\n    subnet6: fd00::/48\n  - name: m\n    subnet6: fd00:0:0:5::/64\n", "bad.yaml:5:14: Pool overlaps with other one on this address space (fd00:0:0:5::/64 of m overlaps fd00::/48 of n)")]
        [InlineData("networks:\n  - name: n\n    subnet6: fd00:61::/64\ncontainers:\n  - name: a\n    network: n\n    ipv6: fd00:9::2\n", "bad.yaml:7:11: Invalid address fd00:9::2: It does not belong to any of this network's subnets (n is fd00:61::/64)")]
        [InlineData("networks:\n  - name: n\n    subnet6: fd00:61::/64\ncontainers:\n  - name: a\n    network: n\n    ipv6: fd00:61::1\n", "bad.yaml:7:11: Address already in use: fd00:61::1 is the gateway of n")]
        [InlineData("containers:\n  - name: a\n    mac: 02:42:zz:00:00:01\n", "bad.yaml:3:10: 02:42:zz:00:00:01 is not a valid mac address")]
        [InlineData("containers:\n  - name: a\n    publish: ['8080:abc']\n", "bad.yaml:3:15: invalid publish '8080:abc': Invalid containerPort: abc")]
        [InlineData("containers:\n  - name: a\n    state: sleeping\n", "bad.yaml:3:12: unknown container state 'sleeping': use running, exited, created, paused, restarting or dead")]
        [InlineData("containers:\n  - name: a\n    sockets:\n      - { local: '0.0.0.0:80', state: lisen }\n", "bad.yaml:4:39: unknown socket state 'lisen': use listen, established, syn_sent, syn_recv, fin_wait1, fin_wait2, time_wait, close, close_wait, last_ack, closing, unconnected")]
        [InlineData("containers:\n  - name: a\n    sockets:\n      - { protocol: sctp, local: '0.0.0.0:80' }\n", "bad.yaml:4:21: unknown socket protocol 'sctp': use tcp, tcp6, udp or udp6")]
        [InlineData("containers:\n  - name: a\n    sockets:\n      - { local: '0.0.0.0:70000' }\n", "bad.yaml:4:18: port out of range in '0.0.0.0:70000': '70000' (0-65535)")]
        // References and Docker's refusals.
        [InlineData("containers:\n  - name: a\n    network: backnet\n", "bad.yaml:3:14: network backnet not found.")]
        [InlineData("networks:\n  - name: backend\ncontainers:\n  - name: a\n    network: backnd\n", "bad.yaml:5:14: network backnd not found. Did you mean: backend?")]
        [InlineData("containers:\n  - name: a\n    network: 'container:ghost'\n", "bad.yaml:3:14: No such container: ghost")]
        [InlineData("containers:\n  - name: a\n    network: none\n    networks: [bridge]\n", "bad.yaml:4:16: container cannot be connected to multiple networks with one of the networks in private (none) mode")]
        [InlineData("containers:\n  - name: a\n    networks: [host]\n", "bad.yaml:3:16: container cannot be disconnected from host network or connected to host network")]
        [InlineData("containers:\n  - name: a\n  - name: b\n    ip: 172.17.0.2\n  - name: c\n    ip: 172.17.0.2\n", "bad.yaml:6:9: Address already in use: 172.17.0.2 on bridge is already taken by b")]
        [InlineData("networks:\n  - name: n\n    subnet: 10.0.0.0/24\ncontainers:\n  - name: a\n    network: n\n    ip: 10.0.1.5\n", "bad.yaml:7:9: Invalid address 10.0.1.5: It does not belong to any of this network's subnets (n is 10.0.0.0/24)")]
        [InlineData("networks:\n  - name: n\n    subnet: 10.0.0.0/24\n    gateway: 10.0.1.1\n", "bad.yaml:4:14: no matching subnet for gateway 10.0.1.1 (n is 10.0.0.0/24)")]
        [InlineData("networks:\n  - name: n\n    subnet: 10.0.0.0/16\n  - name: m\n    subnet: 10.0.5.0/24\n", "bad.yaml:5:13: Pool overlaps with other one on this address space (10.0.5.0/24 of m overlaps 10.0.0.0/16 of n)")]
        [InlineData("networks:\n  - name: n\n  - name: n\n", "bad.yaml:3:11: network with name n already exists")]
        // Docker's refusals of container names, at the name, in Docker's words; a duplicate points at the first one.
        [InlineData("containers:\n  - name: 'a b/c'\n", "bad.yaml:2:11: Invalid container name (a b/c), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")]
        [InlineData("containers:\n  - name: _db\n", "bad.yaml:2:11: Invalid container name (_db), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")]
        [InlineData("containers:\n  - name: //db\n", "bad.yaml:2:11: Invalid container name (//db), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")]
        [InlineData("containers:\n  - name: web\n  - name: db\n  - name: web\n", "bad.yaml:4:11: Conflict. The container name \"/web\" is already in use by the container at bad.yaml:2:11. You have to remove (or rename) that container to be able to reuse that name.")]
        [InlineData("containers:\n  - name: web\n    id: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n  - name: /web\n", "bad.yaml:4:11: Conflict. The container name \"/web\" is already in use by container \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\" (bad.yaml:2:11). You have to remove (or rename) that container to be able to reuse that name.")]
        [InlineData("containers:\n  - name: a\n    links: [ghost]\n", "bad.yaml:3:13: could not get container for ghost: No such container: ghost")]
        [InlineData("containers:\n  - name: a\n    aliases: [web]\n", "bad.yaml:3:14: network-scoped alias is supported only for containers in user defined networks")]
        [InlineData("containers:\n  - name: a\n  - name: b\n    network: container:a\n    publish: ['80:80']\n", "bad.yaml:5:5: conflicting options: port publishing and the container type network mode")]
        [InlineData("containers:\n  - name: a\n    network: host\n    links: [b]\n  - name: b\n", "bad.yaml:4:13: conflicting options: host type networking can't be used with links. This would result in undefined behavior")]
        [InlineData("containers:\n  - name: a\n    publish: ['8003:3000']\n  - name: b\n    publish: ['0.0.0.0:8003:3000']\n", "bad.yaml:5:15: Bind for 0.0.0.0:8003 failed: port is already allocated (by a)")]
        // The allocator keys on the exact host address (portallocator: ipMap[ip.String()]), so a wildcard next to a specific
        // address of the same port is allocated and then fails to bind. Docker 20.10.24, polish-a -p 127.0.0.1:18931:80 then
        // polish-b -p 18931:80: "Error starting userland proxy: listen tcp4 0.0.0.0:18931: bind: address already in use";
        // -p 18932:80 then -p 127.0.0.1:18932:80: "... listen tcp4 127.0.0.1:18932: ..."; 127.0.0.1:18931 twice: "Bind for
        // 127.0.0.1:18931 failed: port is already allocated".
        [InlineData("containers:\n  - name: a\n    publish: ['127.0.0.1:18931:80']\n  - name: b\n    publish: ['18931:80']\n", "bad.yaml:5:15: Error starting userland proxy: listen tcp4 0.0.0.0:18931: bind: address already in use (a publishes 127.0.0.1:18931:80)")]
        [InlineData("containers:\n  - name: a\n    publish: ['18932:80']\n  - name: b\n    publish: ['127.0.0.1:18932:80']\n", "bad.yaml:5:15: Error starting userland proxy: listen tcp4 127.0.0.1:18932: bind: address already in use (a publishes 18932:80)")]
        [InlineData("containers:\n  - name: a\n    publish: ['127.0.0.1:18931:80']\n  - name: b\n    publish: ['127.0.0.1:18931:80']\n", "bad.yaml:5:15: Bind for 127.0.0.1:18931 failed: port is already allocated (by a)")]
        [InlineData("containers:\n  - name: a\n    publish: ['[::1]:18933:80']\n  - name: b\n    publish: ['18933:80']\n", "bad.yaml:5:15: Error starting userland proxy: listen tcp6 [::]:18933: bind: address already in use (a publishes [::1]:18933:80)")]
        [InlineData("engine: { userlandProxy: false }\ncontainers:\n  - name: a\n    publish: ['127.0.0.1:18931:80']\n  - name: b\n    publish: ['18931:80']\n", "bad.yaml:6:15: listen tcp4 0.0.0.0:18931: bind: address already in use (a publishes 127.0.0.1:18931:80)")]
        [InlineData("engine: { version: \"28.5.1\", apiVersion: \"1.51\" }\ncontainers:\n  - name: a\n    publish: ['127.0.0.1:18931:80']\n  - name: b\n    publish: ['18931:80']\n", "bad.yaml:6:15: failed to bind host port for 0.0.0.0:18931:<container IP>:80/tcp: address already in use (a publishes 127.0.0.1:18931:80)")]
        [InlineData("containers:\n  - name: a\n    network: host\n    sockets:\n      - { local: '0.0.0.0:80' }\n  - name: b\n    publish: ['80:80']\n", "bad.yaml:5:9: host-mode container a listens on 0.0.0.0:80, but b publishes 80:80: docker would have failed with \"Error starting userland proxy: listen tcp4 0.0.0.0:80: bind: address already in use\"")]
        // --userland-proxy=false binds the port too (libnetwork's dummyProxy, the daemon from Engine 28).
        [InlineData("engine: { userlandProxy: false }\ncontainers:\n  - name: a\n    network: host\n    sockets:\n      - { local: '0.0.0.0:80' }\n  - name: b\n    publish: ['80:80']\n", "bad.yaml:6:9: host-mode container a listens on 0.0.0.0:80, but b publishes 80:80: docker would have failed with \"listen tcp4 0.0.0.0:80: bind: address already in use\"")]
        [InlineData("containers:\n  - name: a\n    state: exited\n    sockets:\n      - { local: '0.0.0.0:80' }\n", "bad.yaml:4:5: a is exited: a stopped container has no network namespace, so no sockets")]
        // YAML syntax errors carry YamlDotNet's position.
        [InlineData("containers:\n  - name: a\n   bad indent: [\n", "bad.yaml:3:4: YAML syntax error: While parsing a block collection, did not find expected '-' indicator.")]
        [InlineData("containers: [a, b\n", "bad.yaml:2:1: YAML syntax error: ...")]
        // An unclosed flow sequence followed by a block item: YamlDotNet throws InvalidOperationException, no position.
        [InlineData("containers:\n  - name: a\n    network: [bridge\n  - name: b\n", "bad.yaml:3:14: YAML syntax error: an unclosed flow sequence or mapping ...")]
        [InlineData("networks:\n  - name: n\n    options: {a: b\n  - name: m\n", "bad.yaml:3:...")]
        public void Parse_Malformed_ReportsFileLineColumnAndReason(string yaml, string expected)
        {
            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse(yaml, "bad.yaml"));
            Assert.Equal("ScenarioFileInvalid", ex.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, ex.Kind);
            Assert.Equal("bad.yaml", ex.Target);
            var lines = ScenarioLoader.ErrorLines(ex);
            var prefix = expected.EndsWith("...", StringComparison.Ordinal) ? expected.Substring(0, expected.Length - 3) : null;
            var found = lines.Any(l => prefix != null ? l.StartsWith(prefix, StringComparison.Ordinal) : l == expected);
            Assert.True(found, "expected '" + expected + "' among:\n" + string.Join("\n", lines));
        }

        [Theory]
        // docker-proxy's (and the daemon's) IPv6 socket for -p [::]:… is v6-only: an IPv4 listener does not stop it, and a
        // -p 0.0.0.0:… does not meet an IPv6 listener. Seen on Docker 20.10.24: -p [::]:18082:8080 runs next to a
        // host process on 127.0.0.1:18082.
        [InlineData("127.0.0.1:8500", "[::]:8500:80")]
        [InlineData("0.0.0.0:8500", "[::]:8500:80")]
        [InlineData("[::1]:8500", "0.0.0.0:8500:80")]
        [InlineData("[::1]:8500", "127.0.0.1:8500:80")]
        public void Parse_HostListenerOfTheOtherFamilyThanThePublish_Loads(string listener, string publish)
        {
            var model = ScenarioLoader.Parse("host:\n  listeners: [ { local: '" + listener + "', process: python3 } ]\n"
                + "containers:\n  - name: a\n    publish: ['" + publish + "']\n", "ok.yaml");

            Assert.Single(model.Containers.Single(c => c.Name == "a").Ports);
        }

        [Theory]
        [InlineData("pid: 4242", "a host process of unknown name (pid 4242) listens on 0.0.0.0:8500, but a publishes 8500:80")]
        [InlineData("protocol: tcp", "a host process of unknown name and pid listens on 0.0.0.0:8500, but a publishes 8500:80")]
        public void Parse_HostListenerOfUnknownProcessBlockingThePublish_SaysTheNameIsUnknown(string key, string expected)
        {
            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse("host:\n  listeners: [ { local: '0.0.0.0:8500', " + key + " } ]\n"
                + "containers:\n  - name: a\n    publish: ['8500:80']\n", "bad.yaml"));

            Assert.Contains(ScenarioLoader.ErrorLines(ex), l => l.Contains(expected));
        }

        [Theory]
        [InlineData("[::]:8500", "127.0.0.1:8500:80", "host process python3 listens on :::8500, but a publishes 127.0.0.1:8500:80")]
        [InlineData("127.0.0.1:8500", "8500:80", "host process python3 listens on 127.0.0.1:8500, but a publishes 8500:80")]
        [InlineData("[::1]:8500", "8500:80", "host process python3 listens on ::1:8500, but a publishes 8500:80")]
        public void Parse_HostListenerBlockingThePublish_IsRefused(string listener, string publish, string expected)
        {
            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse("host:\n  listeners: [ { local: '" + listener + "', process: python3 } ]\n"
                + "containers:\n  - name: a\n    publish: ['" + publish + "']\n", "bad.yaml"));

            Assert.Contains(ScenarioLoader.ErrorLines(ex), l => l.Contains(expected));
        }

        [Fact]
        public void Parse_SeveralMistakes_ReportsThemAllInFileOrder()
        {
            var yaml = "containers:\n  - name: a\n    network: nowhere\n  - name: b\n    ip: 1.2.3\n    colour: red\n";
            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse(yaml, "lab.yaml"));
            Assert.Equal(new[]
            {
                "lab.yaml:3:14: network nowhere not found.",
                "lab.yaml:5:9: invalid IPv4 address: 1.2.3",
                "lab.yaml:6:5: unknown key 'colour' in a container. Known keys: name, id, image, hostname, state, pid, network, disconnected, networks, links, publish, extraHosts, sockets, socketsAssumed, dns, labels, ip, ipv6, mac, aliases, dnsNames, interface, veth, vethMac, ifIndex, hostIfIndex, endpointId.",
            }, ScenarioLoader.ErrorLines(ex));
            Assert.StartsWith("Scenario lab.yaml is invalid (3 errors):", ex.Message);
        }

        [Fact]
        public void Parse_ContainerModeLoop_IsReported()
        {
            var yaml = "containers:\n  - name: a\n    network: container:b\n  - name: b\n    network: container:a\n";
            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Parse(yaml, "loop.yaml"));
            Assert.Contains("loop.yaml:3:14: network mode container:b loops: a -> b -> a (cannot join own network namespace)", ScenarioLoader.ErrorLines(ex));
        }

        [Fact]
        public void Load_MissingFile_IsScenarioNotFoundListingBuiltIns()
        {
            var path = Path.Combine(Path.GetTempPath(), "dnt-missing-" + Guid.NewGuid().ToString("N") + ".yaml");
            var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Load(path));
            Assert.Equal("ScenarioNotFound", ex.ErrorId);
            Assert.Equal(ErrorKind.NotFound, ex.Kind);
            Assert.Equal(path, ex.Target);
            Assert.Contains("SeedLab", ex.Message);
        }

        [Fact]
        public void Load_FileWithErrors_NamesThePath()
        {
            var path = Path.Combine(Path.GetTempPath(), "dnt-bad-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(path, "containers:\n  - name: a\n    network: ghostnet\n");
            try
            {
                var ex = Assert.Throws<DockerNetException>(() => ScenarioLoader.Load(path));
                Assert.Equal(new[] { path + ":3:14: network ghostnet not found." }, ScenarioLoader.ErrorLines(ex));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData("SeedLab")]
        [InlineData("seedlab")]
        [InlineData("SEEDLAB")]
        public void Load_BuiltInName_IsCaseInsensitive(string name)
        {
            var model = ScenarioLoader.Load(name);
            Assert.Equal("scenario SeedLab", model.Source);
            Assert.NotEmpty(model.Containers);
        }
    }
}
