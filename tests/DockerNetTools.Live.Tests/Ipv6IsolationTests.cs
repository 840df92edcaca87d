using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// Two IPv6-enabled user bridges (docker network create --ipv6 --subnet fdxx:…/64; Docker picks their IPv4 subnets):
    /// a (sleeping) on one, b (httpd on 80) on the other. No daemon option is needed: --ipv6 on a user network works
    /// without dockerd --ipv6 (that one is for the default bridge), and dockerd turns on net.ipv6.conf.all.forwarding
    /// itself. Traffic only from a to b.
    /// </summary>
    public sealed class Ipv6Lab : OwnLab
    {
        public Ipv6Lab() : base("v6") { }

        protected override void Build()
        {
            // A ULA prefix of the lab's own (RFC 4193: fd + 40 random bits), so parallel or leftover labs do not overlap.
            var random = Guid.NewGuid().ToByteArray();
            var prefix = "fd" + random[0].ToString("x2", CultureInfo.InvariantCulture) + ":" + (random[1] << 8 | random[2]).ToString("x", CultureInfo.InvariantCulture) + ":" + (random[3] << 8 | random[4]).ToString("x", CultureInfo.InvariantCulture);
            Network("net-a", "--ipv6", "--subnet", prefix + ":1::/64");
            Network("net-b", "--ipv6", "--subnet", prefix + ":2::/64");
            Run("a", new[] { "--network", Name("net-a") }, "sleep", "3600");
            Run("b", new[] { "--network", Name("net-b") }, "httpd", "-f", "-p", "80", "-h", "/www");
        }

        protected override async Task WaitUntilReadyAsync() => await WaitForListenerAsync("b", "127.0.0.1", 80);
    }

    /// <summary>
    /// IPv4 between two bridge networks is dropped by Docker's isolation rules; IPv6 is dropped only when dockerd writes
    /// ip6tables rules (--ip6tables: experimental and off on Engine 20.10, on by default from 27). The prediction for
    /// each family is checked against a real connection from a to b (busybox nc, 2 s timeout) and a ping (1 s).
    /// </summary>
    public sealed class Ipv6IsolationTests : IClassFixture<Ipv6Lab>
    {
        private readonly Ipv6Lab _lab;
        private readonly ITestOutputHelper _output;

        public Ipv6IsolationTests(Ipv6Lab lab, ITestOutputHelper output)
        {
            _lab = lab;
            _output = output;
        }

        [LiveFact]
        public void Model_IPv6Networks_EndpointsCarryIPv6AndTheEngineSaysWhetherIp6tablesIsOn()
        {
            _lab.EnsureBuilt();
            var b = _lab.Container("b").Endpoints.Single();
            Assert.NotNull(b.IPv6Address);
            Assert.Equal(AddressFamily.InterNetworkV6, b.IPv6Address!.AddressFamily);
            var engine = _lab.Model.Engine;
            _output.WriteLine("Engine " + engine.Version + ": ip6tables " + (engine.Ip6tables?.ToString() ?? "default") + " -> " + engine.Ip6tablesEnabled);
            // The API alone decides a non-experimental engine before 27 (the CI daemon: Debian's 20.10, no --experimental).
            if (engine.MajorVersion > 0 && engine.MajorVersion < 27 && !IsExperimental()) Assert.False(engine.Ip6tablesEnabled);
        }

        [LiveFact]
        public void Predictions_IPv4AndIPv6AcrossBridges_AgreeWithRealProbes()
        {
            _lab.EnsureBuilt();
            var b = _lab.Container("b").Endpoints.Single();
            var disagreements = new List<string>();
            var observedByFamily = new Dictionary<string, bool>();
            foreach (var (family, address) in new[] { ("IPv4", b.IPAddress!.ToString()), ("IPv6", b.IPv6Address!.ToString()) })
            {
                foreach (var port in new int?[] { 80, null })
                {
                    var query = new ReachabilityQuery(_lab.Name("a"), address, port, port.HasValue ? ReachabilityProtocol.Tcp : ReachabilityProtocol.Icmp);
                    var result = ReachabilityAnalyzer.Analyze(_lab.Model, query);
                    var observed = port.HasValue ? HttpAnswers(address) : Pings(address, family == "IPv6");
                    if (port.HasValue) observedByFamily[family] = observed;
                    _output.WriteLine(family + " " + query + ": predicted " + result.Verdict + " (" + result.Reason + ") via " + result.PathText
                                      + "; observed " + (observed ? "reachable" : "unreachable"));
                    if (result.Reachable != observed)
                        disagreements.Add(family + " " + query + ": predicted " + result.Verdict + " — " + result.Reason + "; probe " + (observed ? "connected" : "failed"));
                }
            }
            Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
            Assert.False(observedByFamily["IPv4"], "IPv4 between two bridge networks should be isolated");
            // What the kernel did over IPv6 is what the model must have said; without ip6tables rules that is "reachable".
            Assert.Equal(!_lab.Model.Engine.Ip6tablesEnabled || !_lab.Model.Engine.IptablesEnabled, observedByFamily["IPv6"]);
        }

        /// <summary>An HTTP answer from b's httpd (busybox nc, 2 s).</summary>
        private bool HttpAnswers(string address)
        {
            var run = DockerCli.Run("exec", _lab.Name("a"), "sh", "-c", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + address + " 80");
            return run.Stdout.Contains("200 OK");
        }

        private bool Pings(string address, bool ipv6)
        {
            var arguments = new List<string> { "exec", _lab.Name("a"), "ping" };
            if (ipv6) arguments.Add("-6");
            arguments.AddRange(new[] { "-c", "1", "-W", "1", address });
            return DockerCli.Run(arguments.ToArray()).Ok;
        }

        private static bool IsExperimental() =>
            string.Equals(DockerCli.Run("version", "--format", "{{.Server.Experimental}}").Stdout.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }
}
