using System.Linq;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>Loads small scenarios and asks the analyzer; assertions stay in the tests.</summary>
    internal static class ReachabilityKit
    {
        public static DockerHostModel Load(string yaml) => ScenarioLoader.Parse(yaml, "test.yaml");

        public static ReachabilityResult Ask(DockerHostModel model, string source, string destination, int? port = null, ReachabilityProtocol? protocol = null) =>
            ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(source, destination, port, protocol));

        public static ReachabilityResult Ask(string yaml, string source, string destination, int? port = null, ReachabilityProtocol? protocol = null) =>
            Ask(Load(yaml), source, destination, port, protocol);

        /// <summary>The host-side veth of a container's endpoint on a network, as the scenario derived it.</summary>
        public static string Veth(DockerHostModel model, string container, string network) =>
            model.FindContainer(container)!.EndpointOn(network)!.HostVeth!;

        public static string Bridge(DockerHostModel model, string network) => model.FindNetwork(network)!.BridgeName!;

        public static string[] Devices(ReachabilityResult result) => result.Path.Select(h => h.Device).ToArray();

        /// <summary>
        /// For the rules of the packet's way, asked by container name: the address verdict is the rule under test, and the
        /// verdict is NameNotResolved exactly when the name does not resolve from the source (NameResolvesTests covers that).
        /// </summary>
        public static void ByAddress(ReachabilityResult result, ReachabilityVerdict verdict, params string[] reasonParts)
        {
            Assert.True(result.AddressVerdictValue == verdict, "Expected " + verdict + " by address but got " + result.AddressVerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Equal(result.NameResolves == false ? ReachabilityVerdict.NameNotResolved : verdict, result.VerdictValue);
            Assert.Equal(result.VerdictValue == ReachabilityVerdict.Reachable, result.Reachable);
            foreach (var part in reasonParts) Assert.Contains(part, result.Reason);
        }

        public static void Verdict(ReachabilityResult result, ReachabilityVerdict verdict, params string[] reasonParts)
        {
            Assert.True(result.VerdictValue == verdict, "Expected " + verdict + " but got " + result.VerdictValue + ": " + result.Reason + " | " + result.PathText);
            Assert.Equal(verdict == ReachabilityVerdict.Reachable, result.Reachable);
            foreach (var part in reasonParts) Assert.Contains(part, result.Reason);
        }
    }
}
