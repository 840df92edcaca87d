using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.Diagnostics;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// Every DockerNetTools result piped into every cmdlet, through the real engine: a result binds the property its
    /// role needs (the container it is about, where traffic starts, what is looked up, a network), or is refused with
    /// PipelineInputNotSupported naming its type and what to pipe instead; it is never turned into text with ToString.
    /// </summary>
    public sealed class PipelineBindingTests : IClassFixture<PowerShellSession>
    {
        // One producer per result type, on SeedLab (so each result carries the Scenario note the next cmdlet binds).
        private const string Networks = "Get-DockerNetTopology -Scenario SeedLab -Network bridgetest";
        private const string Interfaces = "Get-DockerNetInterface -Scenario SeedLab -Container webserver1";
        private const string Bindings = "Get-DockerNetPortBinding -Scenario SeedLab -Container greenColorApp";
        private const string Sockets = "Get-DockerNetSocket -Scenario SeedLab -Container gifted_hodgkin -State Listen";
        private const string Conflicts = "Test-DockerNetPortConflict -Scenario SeedLab 8001:80";
        private const string Answers = "Resolve-DockerNetName -Scenario SeedLab -Name sqll -From nodectn";
        private const string Results = "Test-DockerNetReachability -Scenario SeedLab ubuntuB ubuntuA";
        private const string Attached = "(Get-DockerNetTopology -Scenario SeedLab -Network second-bridge).Containers";

        private readonly PowerShellSession _session;

        public PipelineBindingTests(PowerShellSession session) => _session = session;

        [Fact]
        public void IssueExample_NameAnswerIntoReachability_TestsFromTheAskingContainer()
        {
            // Before: "No container named 'sqll -> 172.18.0.3 (127.0.0.11)'" (the answer turned into text for -Source).
            var result = Single("Resolve-DockerNetName -Scenario SeedLab -Name sqll -From nodectn | Test-DockerNetReachability -Destination ubuntuA");

            Assert.Equal("nodectn", Text(result, "Source"));
            Assert.Equal("ubuntuA", Text(result, "Destination"));
            Assert.Equal("SeedLab", Text(result, "Scenario"));
        }

        public static IEnumerable<object[]> Bound() => new[]
        {
            // Get-DockerNetTopology -Network: the network a result is on.
            Row(Networks, "Get-DockerNetTopology", "Name", "bridgetest"),
            Row(Interfaces, "Get-DockerNetTopology", "Name", "bridge", "new-bridge"),
            Row(Answers, "Get-DockerNetTopology", "Name", "bridgetest"),
            // Get-DockerNetInterface -Container (or its -InputObject for networks): the container a result is about.
            Row(Networks, "Get-DockerNetInterface", "Container", "sourcecontainer", "targetcontainer", "gifted_hodgkin", "bridgeredis", "nodectn", "sqlbridge"),
            Row(Interfaces, "Get-DockerNetInterface", "Container", "webserver1", "webserver1"),
            Row(Bindings, "Get-DockerNetInterface", "Container", "greenColorApp"),
            Row(Sockets, "Get-DockerNetInterface", "Container", "gifted_hodgkin"),
            Row(Answers, "Get-DockerNetInterface", "Container", "gifted_hodgkin"),
            Row(Results, "Get-DockerNetInterface", "Container", "ubuntuB", "ubuntuA"),
            Row(Attached + " | Get-DockerNetInterface -Scenario SeedLab", null, "Container", "ubuntuC", "containerA", "containerB"),
            // Get-DockerNetPortBinding and Get-DockerNetSocket -Container: the same containers.
            Row(Bindings, "Get-DockerNetPortBinding", "Container", "greenColorApp"),
            Row(Sockets, "Get-DockerNetPortBinding", "Container", "gifted_hodgkin"),
            Row(Answers, "Get-DockerNetPortBinding", "Container", "gifted_hodgkin"),
            Row(Interfaces, "Get-DockerNetSocket -State Listen", "Container", "webserver1"),
            Row(Bindings, "Get-DockerNetSocket", "Container", "greenColorApp"),
            Row(Sockets, "Get-DockerNetSocket -State Listen", "Container", "gifted_hodgkin", "gifted_hodgkin"),
            Row(Answers, "Get-DockerNetSocket -State Listen -Port 3306", "Container", "gifted_hodgkin"),
            // Resolve-DockerNetName: -From is where a result starts, -Name what it names.
            Row(Sockets, "Resolve-DockerNetName -Name gifted_hodgkin", "From", "gifted_hodgkin"),
            Row(Answers, "Resolve-DockerNetName", "From", "nodectn"),
            Row(Answers, "Resolve-DockerNetName -From sqlbridge", "Name", "sqll"),
            Row(Results.Replace("ubuntuB ubuntuA", "nodectn sqll") + " | Resolve-DockerNetName", null, "Name", "sqll"),
            // Test-DockerNetReachability -Source: where traffic starts.
            Row(Interfaces, "Test-DockerNetReachability -Destination ubuntuA", "Source", "webserver1"),
            Row(Bindings, "Test-DockerNetReachability -Destination ubuntuA", "Source", "greenColorApp"),
            Row(Sockets, "Test-DockerNetReachability -Destination ubuntuA", "Source", "gifted_hodgkin"),
            Row(Answers, "Test-DockerNetReachability -Destination ubuntuA", "Source", "nodectn"),
            Row(Results, "Test-DockerNetReachability -Destination ubuntuC", "Source", "ubuntuB"),
            Row(Attached + " | Test-DockerNetReachability -Scenario SeedLab -Destination ubuntuA", null, "Source", "ubuntuC", "containerA", "containerB"),
        };

        [Theory]
        [MemberData(nameof(Bound))]
        public void Result_PipedIntoCmdlet_BindsThePropertyOfItsRole(string pipeline, string property, string[] expected)
        {
            var result = _session.Run(pipeline);
            Assert.Null(result.TerminatingError);
            Assert.DoesNotContain(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgument", StringComparison.Ordinal)
                                                      || e.FullyQualifiedErrorId.StartsWith("ContainerNotFound", StringComparison.Ordinal)
                                                      || e.FullyQualifiedErrorId.StartsWith("NetworkNotFound", StringComparison.Ordinal)
                                                      || e.FullyQualifiedErrorId.StartsWith("InputObject", StringComparison.Ordinal));
            if (property.Length == 0) return;
            Assert.Equal(expected, result.Output.Select(o => Text(o, property)));
        }

        [Fact]
        public void InterfaceRowsIntoResolve_LookUpTheContainersNames()
        {
            // With -From typed, each row gives the name to look up: does webserver1 resolve the containers on new-bridge?
            var result = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Network new-bridge | Resolve-DockerNetName -From webserver1").AssertClean();

            Assert.Equal(new[] { "webserver1", "webserver4" }, result.Output.Select(o => Text(o, "Name")).Distinct());
            Assert.All(result.Output, o => Assert.Equal("webserver1", Text(o, "From")));
        }

        [Fact]
        public void ResultsIntoResolve_LookUpTheDestinationFromTheSource()
        {
            var answer = Single("Test-DockerNetReachability -Scenario SeedLab nodectn sqll | Resolve-DockerNetName");

            Assert.Equal("nodectn", Text(answer, "From"));
            Assert.Equal("sqll", Text(answer, "Name"));
            Assert.Equal("gifted_hodgkin", Text(answer, "Container"));
        }

        public static IEnumerable<object[]> Refused() => new[]
        {
            Refusal(Bindings, "Get-DockerNetTopology", "Network", "PortBindingReport"),
            Refusal(Sockets, "Get-DockerNetTopology", "Network", "SocketRow"),
            Refusal(Conflicts, "Get-DockerNetTopology", "Network", "PortConflict"),
            Refusal(Results, "Get-DockerNetTopology", "Network", "ReachabilityResult"),
            Refusal(Conflicts, "Get-DockerNetInterface", "Container", "PortConflict"),
            Refusal(Networks, "Get-DockerNetPortBinding", "Container", "NetworkTopology"),
            Refusal(Conflicts, "Get-DockerNetPortBinding", "Container", "PortConflict"),
            Refusal(Networks, "Get-DockerNetSocket", "Container", "NetworkTopology"),
            Refusal(Conflicts, "Get-DockerNetSocket", "Container", "PortConflict"),
            Refusal(Networks, "Resolve-DockerNetName -From nodectn", "Name", "NetworkTopology"),
            Refusal(Conflicts, "Resolve-DockerNetName -From nodectn", "Name", "PortConflict"),
            Refusal(Networks, "Test-DockerNetReachability -Destination ubuntuA", "Source", "NetworkTopology"),
            Refusal(Conflicts, "Test-DockerNetReachability -Destination ubuntuA", "Source", "PortConflict"),
            Refusal(Networks, "Test-DockerNetPortConflict", "Publish", "NetworkTopology"),
            Refusal(Interfaces, "Test-DockerNetPortConflict", "Publish", "ContainerInterface"),
            Refusal(Bindings, "Test-DockerNetPortConflict", "Publish", "PortBindingReport"),
            Refusal(Sockets, "Test-DockerNetPortConflict", "Publish", "SocketRow"),
            Refusal(Conflicts, "Test-DockerNetPortConflict", "Publish", "PortConflict"),
            Refusal(Answers, "Test-DockerNetPortConflict", "Publish", "NameAnswer"),
            Refusal(Results, "Test-DockerNetPortConflict", "Publish", "ReachabilityResult"),
            Refusal("Get-DockerNetSocket -Scenario SeedLab -Container hostnettest -IncludeHost -State Listen | Where-Object Container -eq '(host)'", "Test-DockerNetReachability -Destination ubuntuA", "Source", "(host)"),
        };

        [Theory]
        [MemberData(nameof(Refused))]
        public void Result_PipedIntoCmdletThatCannotUseIt_IsRefusedNotStringified(string pipeline, string parameter, string mentioned)
        {
            var result = _session.Run(pipeline);

            Assert.Null(result.TerminatingError);
            Assert.Empty(result.Output);
            Assert.NotEmpty(result.Errors);
            Assert.All(result.Errors, error =>
            {
                Assert.StartsWith("ParameterArgumentTransformationError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
                var refusal = Assert.IsType<DockerNetException>(error.Exception.InnerException);
                Assert.Equal("PipelineInputNotSupported", refusal.ErrorId);
                Assert.Contains("'" + parameter + "'", error.Exception.Message, StringComparison.Ordinal);
                Assert.Contains(mentioned, refusal.Message, StringComparison.Ordinal);
                Assert.Matches("Pipe |Leave out", refusal.Message); // and what to pipe instead
            });
        }

        [Fact]
        public void ResultsGivenAsArguments_BindLikePipedOnes()
        {
            var results = _session.Run("Test-DockerNetReachability -Scenario SeedLab -Source (Resolve-DockerNetName -Scenario SeedLab -Name sqll -From nodectn) -Destination ubuntuA")
                .AssertClean().Output;

            Assert.Equal("nodectn", Text(Assert.Single(results), "Source"));
        }

        [Fact]
        public void AnythingPipedIntoExport_IsRefusedBeforeAFileIsWritten()
        {
            using var temp = new TempFolder();
            var path = System.IO.Path.Combine(temp.Path, "snap.yaml");

            var result = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Container ubuntuA | Export-DockerNetScenario -Path $path",
                new Dictionary<string, object?> { ["path"] = path });

            var error = Assert.Single(result.Errors.Concat(result.TerminatingError == null ? Array.Empty<ErrorRecord>() : new[] { result.TerminatingError }));
            Assert.Equal("PipelineInputNotSupported,DockerNetTools.PowerShell.Commands.ExportDockerNetScenarioCommand", error.FullyQualifiedErrorId);
            Assert.Contains("-Scenario", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            Assert.False(System.IO.File.Exists(path));
        }

        [Fact]
        public void RepeatedContainers_FromInterfaceRows_AreAnsweredOnce()
        {
            // webserver1 has two interfaces: its sockets are listed once, not once per row.
            var once = _session.Run("Get-DockerNetSocket -Scenario SeedLab -Container webserver1").AssertClean().Output.Count;
            var piped = _session.Run("Get-DockerNetInterface -Scenario SeedLab -Container webserver1 | Get-DockerNetSocket").AssertClean().Output.Count;

            Assert.NotEqual(0, once);
            Assert.Equal(once, piped);
        }

        private static object[] Row(string producer, string? consumer, string property, params string[] expected) =>
            new object[] { consumer == null ? producer : producer + " | " + consumer, property, expected };

        private static object[] Refusal(string producer, string consumer, string parameter, string mentioned) =>
            new object[] { producer + " | " + consumer, parameter, mentioned };

        private PSObject Single(string script) => Assert.Single(_session.Run(script).AssertClean().Output);

        private static string Text(PSObject item, string property) => item.Properties[property]?.Value?.ToString() ?? string.Empty;
    }
}
