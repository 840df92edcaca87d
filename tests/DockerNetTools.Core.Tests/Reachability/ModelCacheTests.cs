using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.Tests.Dns;
using DockerNetTools.Core.Tests.Firewall;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>
    /// The analyses keep indexes per model (NameIndex: names, link aliases, DNS records, /etc/hosts; the host's own
    /// addresses; tables and chains by name). Asked many questions in a row on one model, every answer must be the one a
    /// fresh model of the same scenario gives to that question alone: an index filled by one source or one name must never
    /// leak into another's answer.
    /// </summary>
    public sealed class ModelCacheTests
    {
        private static readonly string[] Scenarios =
        {
            NameResolverTests.Lab,
            NameResolverTests.Links,
            FirewallScenarioTests.WithFirewall(PacketFilterTests.Text(PacketFilterTests.Engine2010), FirewallReachabilityTests.Lab2010),
            // Two models with the same container names on other networks: an index must belong to its model.
            NameResolverTests.Lab.Replace("network: bridgetest, ip: 172.18.0.", "network: second-bridge, ip: 10.0.0.1"),
        };

        public static IEnumerable<object[]> ScenarioIndexes() => Enumerable.Range(0, Scenarios.Length).Select(i => new object[] { i });

        [Theory]
        [MemberData(nameof(ScenarioIndexes))]
        public void Reachability_ManyQuestionsOnOneModel_SameAsEachOnAFreshModel(int scenario)
        {
            var text = Scenarios[scenario];
            var shared = ScenarioLoader.Parse(text, "shared.yaml");
            // The other scenarios' models answer first, so an index keyed wrongly would be there already.
            foreach (var other in Scenarios.Where(s => s != text)) AskAll(ScenarioLoader.Parse(other, "shared.yaml"));

            var questions = Questions(shared).ToList();
            Assert.True(questions.Count > 40, "too few questions: " + questions.Count);
            var answers = AskAll(shared);
            for (var i = 0; i < questions.Count; i++)
            {
                var fresh = Text(Ask(ScenarioLoader.Parse(text, "shared.yaml"), questions[i]));
                Assert.Equal(fresh, answers[i]);
            }
        }

        [Theory]
        [MemberData(nameof(ScenarioIndexes))]
        public void Resolve_ManyNamesFromManySourcesOnOneModel_SameAsEachOnAFreshModel(int scenario)
        {
            var text = Scenarios[scenario];
            var shared = ScenarioLoader.Parse(text, "shared.yaml");
            var asked = new List<(string From, string Name, string Answer)>();
            foreach (var from in shared.Containers)
                foreach (var name in Names(shared))
                    asked.Add((from.Name, name, Text(() => NameResolver.Resolve(shared, from, name))));

            foreach (var (from, name, answer) in asked)
            {
                var fresh = ScenarioLoader.Parse(text, "shared.yaml");
                Assert.Equal(Text(() => NameResolver.Resolve(fresh, fresh.FindContainer(from)!, name)), answer);
            }
        }

        /// <summary>Every name a container carries, some prefixes of ids (only a walk over all ids finds those), link aliases, and a name nobody holds.</summary>
        private static IEnumerable<string> Names(DockerHostModel model) =>
            model.Containers.SelectMany(c => new[] { c.Name, c.Name.ToUpperInvariant(), c.ShortId, c.Id.Substring(0, 8), c.Hostname }
                    .Concat(c.Endpoints.SelectMany(e => e.Aliases))
                    .Concat(c.Links.Select(l => l.Alias)))
                .Concat(new[] { "nobody-here", "localhost" })
                .Where(n => !string.IsNullOrEmpty(n))
                .Distinct(StringComparer.Ordinal);

        private static IEnumerable<ReachabilityQuery> Questions(DockerHostModel model)
        {
            foreach (var source in model.Containers)
                foreach (var destination in model.Containers)
                {
                    yield return new ReachabilityQuery(source.Name, destination.Name, 80);
                    yield return new ReachabilityQuery(source.Name, destination.ShortId);
                    var address = destination.Endpoints.Select(e => e.IPAddress).FirstOrDefault(a => a != null);
                    if (address != null) yield return new ReachabilityQuery(source.Name, address.ToString(), 80);
                }
        }

        private static List<string> AskAll(DockerHostModel model) => Questions(model).Select(q => Ask(model, q)).Select(Text).ToList();

        private static Func<ReachabilityResult> Ask(DockerHostModel model, ReachabilityQuery query) => () => ReachabilityAnalyzer.Analyze(model, query);

        private static string Text(Func<ReachabilityResult> ask)
        {
            try
            {
                var r = ask();
                return string.Join("\n", r.Verdict, r.AddressVerdict, r.NameResolves, r.Reason, r.Remedy, r.NetworkUsed, r.DestinationAddress, r.DestinationContainer,
                    string.Join(" | ", r.Path.Select(h => h.Kind + " " + h.Device + " " + h.Address + " " + h.Description)),
                    string.Join(" | ", r.Alternatives.Select(a => a.ToString())));
            }
            catch (DockerNetException e)
            {
                return e.ErrorId + ": " + e.Message;
            }
        }

        private static string Text(Func<NameResolution> resolve)
        {
            try
            {
                var r = resolve();
                return string.Join("\n", r.Failure, r.FailureReason, r.Remedy, string.Join(" | ", r.Notes),
                    string.Join(" | ", r.Answers.Select(a => a.IPAddress + " " + a.Container + " " + a.Network + " " + a.Source + " " + a.RecordKind)));
            }
            catch (DockerNetException e)
            {
                return e.ErrorId + ": " + e.Message;
            }
        }
    }
}
