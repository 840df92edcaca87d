using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Probing
{
    /// <summary>What gets probed for a prediction, what is refused, and when a probe agrees or disagrees.</summary>
    public class ModelProbeTests
    {
        private const string Lab = @"
networks:
  - name: second-bridge
    subnet: 10.0.0.0/24
    gateway: 10.0.0.1
  - name: appnet
containers:
  - name: ubuntuA
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:80"", state: listen, process: httpd }
  - name: ubuntuB
  - name: ubuntuC
    network: second-bridge
  - name: web
    network: appnet
    aliases: [site]
  - name: client
    network: appnet
  - name: sidecar
    network: container:web
";

        private static readonly TimeSpan Timeout = ModelProbe.DefaultTimeout;

        private static Task<string?> Check(IReachabilityProber prober, DockerHostModel model, ReachabilityResult result) =>
            ModelProbe.CheckAsync(prober, model, result, Timeout, CancellationToken.None);

        [Fact]
        public async Task Check_ReachablePredictionAndConnect_AgreesWithoutWarning()
        {
            var model = Load(Lab);
            var prober = new ScriptedProber(_ => ScriptedProber.Saw(ProbeOutcome.Reachable));
            var result = Ask(model, "ubuntuB", "ubuntuA", 80);

            var warning = await Check(prober, model, result);

            Assert.Null(warning);
            Assert.True(result.ProbeAgrees);
            Assert.Equal(ProbeOutcome.Reachable, result.Observation?.OutcomeValue);
            Assert.Equal(ProbeMethods.SetnsSocket, result.ProbeMethod);
            Assert.Equal(new[] { "ubuntuB 172.17.0.2 Tcp/80" }, prober.Asked);
        }

        [Fact]
        public async Task Check_BlockedPredictionButConnected_WarnsQuotingBoth()
        {
            var model = Load(Lab);
            var prober = new ScriptedProber(_ => ScriptedProber.Saw(ProbeOutcome.Reachable, "echo reply from 10.0.0.2"));
            var result = Ask(model, "ubuntuB", "ubuntuC");

            var warning = await Check(prober, model, result);

            Assert.False(result.ProbeAgrees);
            Assert.NotNull(warning);
            Assert.StartsWith("Model predicted Blocked for ubuntuB -> ubuntuC", warning);
            Assert.Contains("icmp by address (the name does not resolve from ubuntuB)", warning);
            Assert.Contains("DOCKER-ISOLATION-STAGE-1/2", warning);
            Assert.Contains("but the probe got an echo reply", warning);
            Assert.Contains("echo reply from 10.0.0.2", warning);
            Assert.Contains("outside Docker's rules (DOCKER-USER, a host firewall)", warning);
            Assert.Equal(new[] { "ubuntuB 10.0.0.2 Icmp" }, prober.Asked);
        }

        [Theory]
        [InlineData(ProbeOutcome.TimedOut, true)]
        [InlineData(ProbeOutcome.Unreachable, true)]
        [InlineData(ProbeOutcome.Refused, false)]
        [InlineData(ProbeOutcome.Reachable, false)]
        public async Task Check_BlockedPrediction_OnlySilenceOrUnreachableAgrees(ProbeOutcome outcome, bool agrees)
        {
            var model = Load(Lab);
            var result = Ask(model, "ubuntuB", "ubuntuC", 80);
            await Check(new ScriptedProber(_ => ScriptedProber.Saw(outcome)), model, result);
            Assert.Equal(agrees, result.ProbeAgrees);
        }

        [Theory]
        [InlineData(ProbeOutcome.Refused, true)]
        [InlineData(ProbeOutcome.TimedOut, false)]
        [InlineData(ProbeOutcome.Reachable, false)]
        public async Task Check_NoListenerPrediction_OnlyRefusedAgrees(ProbeOutcome outcome, bool agrees)
        {
            var model = Load(Lab);
            // By name on the default bridge: NameNotResolved, and the probe (which dials the address) checks the address verdict.
            var result = Ask(model, "ubuntuB", "ubuntuA", 81);
            Assert.Equal(ReachabilityVerdict.NameNotResolved, result.VerdictValue);
            Assert.Equal(ReachabilityVerdict.NoListener, result.AddressVerdictValue);
            var warning = await Check(new ScriptedProber(_ => ScriptedProber.Saw(outcome)), model, result);
            Assert.Equal(agrees, result.ProbeAgrees);
            Assert.Equal(agrees, warning == null);
        }

        [Theory]
        [InlineData(ProbeOutcome.Refused, ProbeMethods.SetnsSocket, true)]
        [InlineData(ProbeOutcome.Closed, ProbeMethods.SetnsSocket, true)]
        [InlineData(ProbeOutcome.Reachable, ProbeMethods.SetnsSocket, false)]
        [InlineData(ProbeOutcome.Reachable, ProbeMethods.ExecNc, true)]
        [InlineData(ProbeOutcome.TimedOut, ProbeMethods.SetnsSocket, false)]
        public async Task Check_DeadForwardBehindDockerProxy_HangUpAgrees(ProbeOutcome outcome, string method, bool agrees)
        {
            // The seeds' greenColorApp: 8004 forwards to 3030, where nothing listens; docker-proxy accepts, then closes.
            var model = Load(Lab.Replace("  - name: ubuntuB\n", "  - name: ubuntuB\n  - name: green\n    network: second-bridge\n    publish: [\"8004:3030\"]\n    sockets:\n      - { protocol: tcp, local: \"0.0.0.0:3000\", state: listen }\n"));
            var result = Ask(model, "ubuntuB", "172.17.0.1", 8004);
            Assert.Equal(ReachabilityVerdict.NoListener, result.VerdictValue);
            Assert.Contains("docker-proxy itself accepts the connection on 172.17.0.1:8004 and closes it", result.Reason);
            // A setns socket watches for the proxy's hang-up; exec nc only sees the connect.
            var warning = await Check(new ScriptedProber(_ => new ProbeObservation(outcome, method, "scripted")), model, result);
            Assert.Equal(agrees, result.ProbeAgrees);
            Assert.Equal(agrees, warning == null);
        }

        [Fact]
        public async Task Check_ReachablePredictionButHungUpBehindDockerProxy_WarnsTheServiceIsDown()
        {
            var model = Load(Lab.Replace("  - name: ubuntuB\n", "  - name: ubuntuB\n  - name: web2\n    network: second-bridge\n    publish: [\"8080:80\"]\n    sockets:\n      - { protocol: tcp, local: \"0.0.0.0:80\", state: listen }\n"));
            var result = Ask(model, "ubuntuB", "172.17.0.1", 8080);
            Assert.Equal(ReachabilityVerdict.Reachable, result.VerdictValue);
            var warning = await Check(new ScriptedProber(_ => ScriptedProber.Saw(ProbeOutcome.Closed)), model, result);
            Assert.False(result.ProbeAgrees);
            Assert.Contains("but the probe connected and was hung up on at once", warning);
            Assert.Contains("docker-proxy took the connection, but the container refused the proxy's own", warning);
        }

        [Theory]
        [InlineData(ProbeOutcome.NotRun)]
        [InlineData(ProbeOutcome.NoReply)]
        public async Task Check_ProbeCannotTell_NeitherAgreesNorWarns(ProbeOutcome outcome)
        {
            var model = Load(Lab);
            var result = Ask(model, "ubuntuB", "ubuntuA", 80, ReachabilityProtocol.Udp);
            var warning = await Check(new ScriptedProber(_ => ScriptedProber.Saw(outcome)), model, result);
            Assert.Null(result.ProbeAgrees);
            Assert.Null(warning);
            Assert.Equal(outcome, result.Observation?.OutcomeValue);
        }

        [Fact]
        public async Task Check_SharedNamespace_ProbesTheLoopback()
        {
            var model = Load(Lab);
            var prober = new ScriptedProber(_ => ScriptedProber.Saw(ProbeOutcome.Refused));
            await Check(prober, model, Ask(model, "sidecar", "web", 3306));
            Assert.Equal(new[] { "sidecar 127.0.0.1 Tcp/3306" }, prober.Asked);
        }

        [Theory]
        [InlineData("8.8.8.8")]
        [InlineData("192.168.1.20")]
        public async Task Check_AddressOutsideTheHost_RefusedWithoutProbing(string address)
        {
            var model = Load(Lab);
            var prober = new ScriptedProber(_ => ScriptedProber.Saw(ProbeOutcome.Reachable));
            var error = await Assert.ThrowsAsync<DockerNetException>(() => Check(prober, model, Ask(model, "ubuntuB", address, 80)));
            Assert.Equal(ErrorIds.ProbeTargetOutsideHost, error.ErrorId);
            Assert.Equal(IPAddress.Parse(address), error.Target);
            Assert.Empty(prober.Asked);
        }

        [Theory]
        [InlineData("172.17.0.2", true)]   // a container
        [InlineData("10.0.0.1", true)]     // a gateway
        [InlineData("10.0.0.77", true)]    // unused, but on a local bridge
        [InlineData("127.0.0.1", true)]    // the source's own loopback
        [InlineData("172.16.5.5", false)]
        [InlineData("1.1.1.1", false)]
        public void IsOnHost_OnlyTheDiagnosedHost(string address, bool onHost)
        {
            Assert.Equal(onHost, ProbeTargets.IsOnHost(Load(Lab), IPAddress.Parse(address)));
        }

        [Fact]
        public async Task Check_NameResolvedToSameAddresses_AgreesOnEveryAnswer()
        {
            var model = Load(Lab);
            var prediction = NameResolver.Resolve(model, model.FindContainer("client")!, "site");
            var web = prediction.Answers.Single().IPAddress.ToString();
            var prober = new ScriptedProber(resolve: _ => ScriptedProber.Got(web));

            var (observation, warning) = await ModelProbe.CheckAsync(prober, model, prediction, Timeout, CancellationToken.None);

            Assert.Null(warning);
            Assert.Equal(ProbeOutcome.Resolved, observation.OutcomeValue);
            Assert.All(prediction.Answers, a => Assert.True(a.ProbeAgrees));
            Assert.Equal(web, prediction.Answers[0].ObservedAddresses!.Single().ToString());
        }

        [Fact]
        public async Task Check_NamePredictedMissingButResolved_Warns()
        {
            var model = Load(Lab);
            var prediction = NameResolver.Resolve(model, model.FindContainer("client")!, "ubuntuC");
            Assert.False(prediction.Resolved);
            var prober = new ScriptedProber(resolve: _ => ScriptedProber.Got("10.0.0.2"));

            var (_, warning) = await ModelProbe.CheckAsync(prober, model, prediction, Timeout, CancellationToken.None);

            Assert.NotNull(warning);
            Assert.StartsWith("Model predicted 'ubuntuC' does not resolve from client", warning);
            Assert.Contains("but the probe got 10.0.0.2", warning);
        }

        [Fact]
        public async Task Check_NameOnlyUpstreamResolversKnow_Refused()
        {
            var model = Load(Lab);
            var prediction = NameResolver.Resolve(model, model.FindContainer("client")!, "www.example.com");
            Assert.Equal(NameResolutionFailure.OutsideModel, prediction.Failure);
            var prober = new ScriptedProber(resolve: _ => ScriptedProber.Got("192.0.2.1"));
            var error = await Assert.ThrowsAsync<DockerNetException>(() => ModelProbe.CheckAsync(prober, model, prediction, Timeout, CancellationToken.None));
            Assert.Equal(ErrorIds.ProbeTargetOutsideHost, error.ErrorId);
            Assert.Empty(prober.Asked);
        }
    }
}
