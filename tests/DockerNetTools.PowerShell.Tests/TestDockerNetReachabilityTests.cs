using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Test-DockerNetReachability through the PowerShell engine: binding, output, errors, the view.</summary>
    public sealed class TestDockerNetReachabilityTests : IClassFixture<PowerShellSession>, IDisposable
    {
        private const string CmdletId = "DockerNetTools.PowerShell.Commands.TestDockerNetReachabilityCommand";

        private const string Lab = @"
host:
  addresses: [192.168.1.10]
networks:
  - name: second-bridge
    subnet: 10.0.0.0/24
  - name: new-bridge
containers:
  - name: ubuntuA
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:22"", state: listen, process: sshd }
  - name: ubuntuB
    links: [ubuntuA]             # the default bridge has no embedded DNS: ubuntuA resolves from ubuntuB through /etc/hosts only
  - name: ubuntuC
    network: second-bridge
  - name: webserver4
    network: new-bridge
    publish: [""8082:80""]
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:80"", state: listen, process: httpd }
";

        private readonly PowerShellSession _session;
        private readonly string _scenario;

        public TestDockerNetReachabilityTests(PowerShellSession session)
        {
            _session = session;
            _scenario = Path.Combine(Path.GetTempPath(), "dnt-reach-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(_scenario, Lab);
        }

        public void Dispose() => File.Delete(_scenario);

        // The module's types are loaded by Import-Module only, so results are read through their PowerShell properties.
        private static string Text(PSObject result, string property) => result.Properties[property].Value?.ToString() ?? string.Empty;

        private static IEnumerable<string> Alternatives(PSObject result) =>
            ((System.Collections.IEnumerable)result.Properties["Alternatives"].Value).Cast<object>().Select(a => a.ToString()!);

        private ScriptResult Run(string script) =>
            _session.Run(script, new Dictionary<string, object?> { ["lab"] = _scenario });

        [Fact]
        public void Test_SameBridge_ReachableResultObject()
        {
            var result = Run("Test-DockerNetReachability -Scenario $lab -Source ubuntuB -Destination ubuntuA -Port 22").AssertClean().Output.Single();
            Assert.Equal("DockerNetTools.Analysis.Reachability.ReachabilityResult", result.TypeNames[0]);
            Assert.Equal(true, result.Properties["Reachable"].Value);
            Assert.Equal("Reachable", Text(result, "Verdict"));
            Assert.Contains("both on bridge (docker0)", Text(result, "Reason"));
            Assert.Equal("Tcp", Text(result, "Protocol"));
            Assert.Equal(true, result.Properties["NameResolves"].Value);
            Assert.Equal("Reachable", Text(result, "AddressVerdict"));
        }

        [Fact]
        public void Test_AcrossBridges_NameNotResolvedThenBlockedWithRemedyAndAlternative()
        {
            var result = Run("Test-DockerNetReachability -Scenario $lab ubuntuB webserver4 -Port 80").AssertClean().Output.Single();
            Assert.Equal("NameNotResolved", Text(result, "Verdict"));
            Assert.Equal("Blocked", Text(result, "AddressVerdict"));
            Assert.Equal(false, result.Properties["NameResolves"].Value);
            Assert.Equal(false, result.Properties["Reachable"].Value);
            Assert.Contains("DOCKER-ISOLATION-STAGE-1/2", Text(result, "Reason"));
            Assert.Equal("docker network connect new-bridge ubuntuB", Text(result, "Remedy"));
            Assert.Contains("172.17.0.1:8082 (published 8082->80/tcp on webserver4, via docker-proxy)", Alternatives(result));
        }

        [Fact]
        public void Test_Quiet_ReturnsOnlyBooleans()
        {
            var output = Run("Test-DockerNetReachability -Scenario $lab ubuntuB ubuntuA, ubuntuC -Quiet").AssertClean().Objects<bool>();
            Assert.Equal(new[] { true, false }, output);
        }

        [Fact]
        public void Test_SourceFromPipelineByPropertyName_ContainerAndNameAliases()
        {
            var output = Run("[pscustomobject]@{ Container = 'ubuntuB' }, [pscustomobject]@{ Name = 'ubuntuA' } | Test-DockerNetReachability -Scenario $lab -Destination ubuntuC")
                .AssertClean().Output;
            Assert.Equal(new[] { "ubuntuB", "ubuntuA" }, output.Select(r => Text(r, "Source")));
            Assert.All(output, r => Assert.Equal("NameNotResolved", Text(r, "Verdict")));
            Assert.All(output, r => Assert.Equal("Blocked", Text(r, "AddressVerdict")));
        }

        [Fact]
        public void Test_SameSourceTwiceFromPipeline_AnsweredOnce()
        {
            // Get-DockerNetInterface emits one row per interface: a container on two networks must not be tested twice.
            var output = Run("[pscustomobject]@{ Container = 'ubuntuB' }, [pscustomobject]@{ Container = 'ubuntuB' } | Test-DockerNetReachability -Scenario $lab -Destination ubuntuA -Quiet")
                .AssertClean().Objects<bool>();
            Assert.Single(output);
        }

        [Fact]
        public void Test_SourceWildcard_TestsEveryMatchingContainer()
        {
            var output = Run("Test-DockerNetReachability -Scenario $lab -Source 'ubuntu[BC]', ubuntuA -Destination webserver4 -Port 80").AssertClean().Output;
            Assert.Equal(new[] { "ubuntuB", "ubuntuC", "ubuntuA" }, output.Select(r => Text(r, "Source")));
        }

        [Fact]
        public void Test_SourceWildcardMatchingNothing_NoErrorNoResult()
        {
            var result = Run("Test-DockerNetReachability -Scenario $lab -Source 'web*', 'nomatch*' -Destination ubuntuA -Quiet").AssertClean();
            Assert.Equal(new[] { false }, result.Objects<bool>());
        }

        [Fact]
        public void Test_UnknownSource_NonTerminatingContainerNotFoundThenGoesOn()
        {
            var result = Run("'nope', 'ubuntuB' | Test-DockerNetReachability -Scenario $lab -Destination ubuntuA -Quiet");
            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors);
            Assert.Equal("ContainerNotFound," + CmdletId, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("nope", error.TargetObject);
            Assert.Equal(new[] { true }, result.Objects<bool>());
        }

        [Fact]
        public void Test_UnresolvableName_VerdictNotError()
        {
            var result = Run("Test-DockerNetReachability -Scenario $lab ubuntuB somewhere").AssertClean().Output.Single();
            Assert.Equal("NameNotResolved", Text(result, "Verdict"));
            Assert.Contains("'somewhere'", Text(result, "Reason"));
        }

        [Fact]
        public void Test_PipedFromAScenarioCommand_StaysOnThatScenario()
        {
            // Without the Scenario property travelling down the pipeline the right side would read DOCKER_HOST's daemon.
            var result = Run("Get-DockerNetInterface -Scenario $lab -Container ubuntuB, ubuntuC | Test-DockerNetReachability -Destination ubuntuA -Port 22 -Verbose 4>&1")
                .AssertClean();
            var verdicts = result.Output.Where(o => o.BaseObject is not VerboseRecord).ToList();
            Assert.Equal(new[] { "Reachable", "NameNotResolved" }, verdicts.Select(r => Text(r, "Verdict")));
            Assert.All(verdicts, r => Assert.Equal(_scenario, Text(r, "Scenario")));
            // Test-DockerNetReachability (the only -Verbose command) reads the model once for both records.
            Assert.Equal(1, result.Output.Count(o => o.BaseObject is VerboseRecord v && v.Message.StartsWith("Reading the host model", StringComparison.Ordinal)));
        }

        [Fact]
        public void Test_ExplicitScenarioBeatsThePipedOne()
        {
            var result = Run("Get-DockerNetInterface -Scenario $lab -Container ubuntuB | Test-DockerNetReachability -Scenario SeedLab -Destination ubuntuA").AssertClean();
            Assert.Equal("SeedLab", Text(result.Output.Single(), "Scenario"));
        }

        [Fact]
        public void Test_MalformedDestination_NonTerminatingPerDestination()
        {
            var result = Run("Test-DockerNetReachability -Scenario $lab ubuntuB 300.1.1.1, ubuntuA");
            var error = Assert.Single(result.Errors);
            Assert.Equal("ReachabilityDestinationInvalid," + CmdletId, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("300.1.1.1", error.TargetObject);
            Assert.Equal("ubuntuA", Text(Assert.Single(result.Output), "Destination"));
        }

        [Fact]
        public void Test_HostNetworkSourceToPublishedPort_ReachesThePublisher()
        {
            var result = Run("Test-DockerNetReachability -Scenario SeedLab -Source hostnettest -Destination localhost -Port 8001").AssertClean().Output.Single();
            Assert.Equal("Reachable", Text(result, "Verdict"));
            Assert.Equal("nginx2", Text(result, "DestinationContainer"));
            Assert.Contains("docker-proxy", Text(result, "PathText"));
        }

        [Theory]
        [InlineData("-Port 80 -Protocol Icmp", "ReachabilityPortWithIcmp")]
        [InlineData("-Protocol Udp", "ReachabilityPortMissing")]
        public void Test_BadPortProtocolCombination_TerminatingWithStableId(string arguments, string errorId)
        {
            // ThrowTerminatingError ends the statement: the script goes on, the record lands in the error stream.
            var result = Run("Test-DockerNetReachability -Scenario $lab ubuntuB ubuntuA " + arguments + "; 'after'");
            var error = Assert.Single(result.Errors);
            Assert.Equal(errorId + "," + CmdletId, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(new object[] { "after" }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void Test_DefaultView_OneBlockWithPathAndAlternatives()
        {
            var text = DntRunner.InProcess("Test-DockerNetReachability -Scenario '" + _scenario + "' ubuntuB webserver4 -Port 80");
            Assert.Equal(0, text.ExitCode);
            Assert.Contains("Verdict        : NameNotResolved", text.Output);
            Assert.Contains("AddressVerdict : Blocked", text.Output);
            Assert.Contains("Service        : tcp/80", text.Output);
            Assert.Contains("Path           : ubuntuB eth0 172.17.0.3", text.Output);
            Assert.Contains("-> FORWARD: DOCKER-ISOLATION-STAGE-2 drops docker0 -> br-", text.Output);
            Assert.Contains("Alternatives   : 172.17.0.1:8082", text.Output);

            // AddressVerdict shows only when it differs from the verdict.
            var same = DntRunner.InProcess("Test-DockerNetReachability -Scenario '" + _scenario + "' ubuntuB ubuntuA -Port 22");
            Assert.Contains("Verdict     : Reachable", same.Output);
            Assert.DoesNotContain("AddressVerdict", same.Output);
        }
    }
}
