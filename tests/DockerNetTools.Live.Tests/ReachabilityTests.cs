using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// Every prediction in the lab against a real probe from inside the source container (busybox nc with a 2 s
    /// timeout, ping -c1 -W1). The probes only target the lab's own containers and the host's bridge gateways.
    /// </summary>
    [Collection(SeedLabCollection.Name)]
    public sealed class ReachabilityTests
    {
        private readonly SeedLab _lab;
        private readonly ITestOutputHelper _output;

        public ReachabilityTests(SeedLab lab, ITestOutputHelper output)
        {
            _lab = lab;
            _output = output;
        }

        public static IEnumerable<object?[]> Cases() => new[]
        {
            new object?[] { "ubuntuB", "ubuntuA", null, true },          // same default bridge
            new object?[] { "ubuntuB", "ubuntuC", null, false },         // across bridges: isolation drops it
            new object?[] { "ubuntuC", "nginx2", 80, false },
            new object?[] { "ubuntuA", "nginx2", 80, true },
            new object?[] { "ubuntuA", "redColorApp", 3000, true },
            new object?[] { "ubuntuA", "greenColorApp", 3030, false },   // the dead forward's target port: nothing listens
            new object?[] { "ubuntuA", "greenColorApp", 3000, true },
            new object?[] { "nodectn", "mysql", 3306, true },
            new object?[] { "nodectn", "bridgeredis", 6379, true },
            new object?[] { "nodectn", "sourcecontainer", 3306, false }, // bound to 127.0.0.1 only
            new object?[] { "targetcontainer", "sourcecontainer", 3306, true }, // shared namespace: loopback
            new object?[] { "nonetest", "ubuntuA", null, false },
            new object?[] { "linktest2", "linktest1", 80, true },
            new object?[] { "ubuntuA", "nodectn", 3000, false },
        };

        [LiveFact]
        public void Predictions_SeedLabPairs_AgreeWithRealProbes()
        {
            _lab.EnsureBuilt();
            var disagreements = new List<string>();
            foreach (var row in Cases())
            {
                var source = (string)row[0]!;
                var destination = (string)row[1]!;
                var port = (int?)row[2];
                var expected = (bool)row[3]!;
                var query = port.HasValue
                    ? new ReachabilityQuery(_lab.Name(source), _lab.Name(destination), port, ReachabilityProtocol.Tcp)
                    : new ReachabilityQuery(_lab.Name(source), _lab.Name(destination), null, ReachabilityProtocol.Icmp);
                var result = ReachabilityAnalyzer.Analyze(_lab.Model, query);
                // The probe dials the address, so it checks AddressVerdict; the name is checked the way the application looks it up.
                var observed = Probe(source, destination, port, result);
                var byAddress = result.AddressVerdictValue == ReachabilityVerdict.Reachable;
                var resolves = Resolves(source, destination);
                _output.WriteLine(query + ": predicted " + result.Verdict + " / by address " + result.AddressVerdict + " (" + result.Reason + "), observed "
                                  + (observed ? "reachable" : "unreachable") + ", name " + (resolves ? "resolves" : "does not resolve"));
                if (byAddress != observed || observed != expected)
                    disagreements.Add(query + ": predicted " + result.AddressVerdict + " by address — " + result.Reason + "; probe " + (observed ? "connected" : "failed") + "; seed notes expect " + (expected ? "reachable" : "unreachable"));
                if (result.NameResolves != resolves)
                    disagreements.Add(query + ": predicted NameResolves " + result.NameResolves + ", but ping in the source " + (resolves ? "resolved" : "did not resolve") + " the name");
                if (result.Reachable != (resolves && observed))
                    disagreements.Add(query + ": Reachable " + result.Reachable + ", but the application would " + (resolves && observed ? "" : "not ") + "get there");
            }
            Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        }

        /// <summary>
        /// A host-network container dials published ports on the host's loopback: docker-proxy takes them (nginx2 serves,
        /// greenColorApp's forward is dead), and an unpublished port is refused. docker-proxy accepts every connection on
        /// its port and closes it when the container refuses, so "reachable" here means an HTTP answer came back.
        /// </summary>
        [LiveFact]
        public void Predictions_HostNetworkToPublishedPorts_AgreeWithRealProbes()
        {
            _lab.EnsureBuilt();
            var disagreements = new List<string>();
            foreach (var (port, expected) in new[] { (_lab.BasePort + 1, true), (_lab.BasePort + 4, false), (_lab.BasePort + 9, false) })
            {
                var query = new ReachabilityQuery(_lab.Name("hostnettest"), "localhost", port, ReachabilityProtocol.Tcp);
                var result = ReachabilityAnalyzer.Analyze(_lab.Model, query);
                var answer = DockerCli.Run("exec", _lab.Name("hostnettest"), "sh", "-c", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 127.0.0.1 " + port);
                var observed = answer.Stdout.StartsWith("HTTP/", System.StringComparison.Ordinal);
                _output.WriteLine(query + ": predicted " + result.Verdict + " (" + result.Reason + "), observed " + (observed ? "reachable" : "unreachable"));
                if (result.Reachable != observed || observed != expected)
                    disagreements.Add(query + ": predicted " + result.Verdict + " — " + result.Reason + "; probe " + (observed ? "connected" : "failed") + "; expected " + (expected ? "reachable" : "unreachable"));
            }
            Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        }

        /// <summary>Whether the destination's name resolves inside the source: busybox ping reads /etc/hosts, then the resolv.conf servers.</summary>
        private bool Resolves(string source, string destination)
        {
            var answer = DockerCli.Run("exec", _lab.Name(source), "sh", "-c", "timeout 5 ping -c 1 -W 1 " + _lab.Name(destination) + " 2>&1");
            return answer.Stdout.StartsWith("PING ", System.StringComparison.Ordinal);
        }

        /// <summary>
        /// From inside the source: to the loopback when the two share a namespace, else to the destination's address on
        /// a network they share, else its first address (what a user would try, and what isolation drops).
        /// </summary>
        private bool Probe(string source, string destination, int? port, ReachabilityResult result)
        {
            var src = _lab.Container(source);
            var dst = _lab.Container(destination);
            string address;
            if (_lab.Model.NamespaceOwner(src) == _lab.Model.NamespaceOwner(dst)) address = "127.0.0.1";
            else
            {
                var shared = dst.Endpoints.FirstOrDefault(e => src.EndpointOn(e.NetworkName) != null) ?? dst.Endpoints.First();
                address = shared.IPAddress!.ToString();
            }
            var command = port.HasValue
                ? "nc -w 2 " + address + " " + port + " </dev/null"
                : "ping -c 1 -W 1 " + address + " >/dev/null";
            return DockerCli.Run("exec", _lab.Name(source), "sh", "-c", command).Ok;
        }
    }
}
