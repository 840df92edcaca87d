using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using DockerNetTools.Model;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>
    /// The cmdlets' answers as comparable rows, so the answers predicted for a compose stack before `up` can be set
    /// against the answers read from the live host after it.
    /// </summary>
    internal static class ComposeAnswers
    {
        private static readonly HashSet<string> Ignored = new HashSet<string>(StringComparer.Ordinal)
        {
            "Path", "PathText", "HostVeth", "Bridge", "IfIndex", "PeerIfIndex", "MacAddress", "Scenario", "DockerHost", "ComposeFile", "ProjectName", "Profile", "Reason", "Listener",
        };

        private static readonly Regex DidYouMean = new Regex(@" Did you mean: [^?]*\?");
        private static readonly Regex InterfaceName = new Regex("; Interface=eth[0-9]+");
        private static readonly Regex NetworkList = new Regex(@"is on ([^ ,:]+(, [^ ,:]+)+)");

        /// <summary>
        /// Each answer as its properties' text, with what differs by construction between a model and a real host taken
        /// out: veth names and ifindexes, bridge names and ids, and the addresses Docker hands out in the order containers
        /// happen to start (replaced by the container that holds them).
        /// </summary>
        public static List<string> Rows(ModuleRunspace.Result result, DockerHostModel model)
        {
            var addresses = model.Containers.SelectMany(c => c.Endpoints.Where(e => e.IPAddress != null).Select(e => (e.IPAddress!.ToString(), c.Name)))
                .GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Name);
            return result.Output.Select(o => string.Join("; ", o.Properties.Where(p => p.IsGettable && !Ignored.Contains(p.Name))
                    .OrderBy(p => p.Name, StringComparer.Ordinal)
                    .Select(p => p.Name + "=" + Replace(Text(p), addresses)))
                    // Engine 20.10 registers a container's hostname among its endpoint aliases (28 among its DNS names).
                    .Replace("RecordKind=Hostname", "RecordKind=Alias"))
                .Concat(result.Errors.Select(e => "error " + e.FullyQualifiedErrorId + ": " + e.Exception.Message))
                .Select(row => row.Replace(model.Source, "<host>"))
                // Suggestions come from every container on the daemon, and other tests' labs come and go meanwhile.
                .Select(row => DidYouMean.Replace(row, string.Empty))
                .ToList();
        }

        /// <summary>
        /// The rows only one side has, each prefixed with <paramref name="query"/>. On Engine 28 (<paramref name="engine28"/>)
        /// the interfaces of a container created with several networks are named in no predictable order (moby#49935,
        /// compose#12776) while the model keeps Compose's priority order: eth numbers, and the network an answer about one of
        /// <paramref name="severalNetworks"/> (or a blocked or unresolved one) is reported on, are compared without it.
        /// </summary>
        public static List<string> Differences(string query, List<string> predicted, List<string> live, bool engine28, IEnumerable<string> severalNetworks)
        {
            if (engine28)
            {
                var reportedOn = new Regex("; (NetworkUsed|Remedy)=[^;]*(?=;.*(Verdict=Blocked|Verdict=NameNotResolved|Destination=(" + string.Join("|", severalNetworks.Select(Regex.Escape)) + ");))");
                string Unordered(string row) =>
                    NetworkList.Replace(reportedOn.Replace(InterfaceName.Replace(row, string.Empty), string.Empty),
                        m => "is on " + string.Join(", ", m.Groups[1].Value.Split(", ").OrderBy(n => n, StringComparer.Ordinal)));
                predicted = predicted.Select(Unordered).ToList();
                live = live.Select(Unordered).ToList();
            }
            return Without(live, predicted).Select(r => query + " live only: " + r)
                .Concat(Without(predicted, live).Select(r => query + " predicted only: " + r))
                .ToList();
        }

        /// <summary>The row's Source and Destination (which pair of containers it answers for).</summary>
        public static string Pair(string row) =>
            string.Join(";", row.Split("; ").Where(p => p.StartsWith("Source=", StringComparison.Ordinal) || p.StartsWith("Destination=", StringComparison.Ordinal)));

        /// <summary>The rows of <paramref name="a"/> left after taking out one equal row of <paramref name="b"/> for each (a multiset difference).</summary>
        private static List<string> Without(List<string> a, List<string> b)
        {
            var left = new List<string>(a);
            foreach (var row in b) left.Remove(row);
            return left;
        }

        private static string Replace(string text, Dictionary<string, string> addresses) =>
            addresses.TryGetValue(text, out var name) ? "<address of " + name + ">" : text;

        private static string Text(PSPropertyInfo property)
        {
            object? value;
            try { value = property.Value; } catch (GetValueException) { return string.Empty; }
            return value switch
            {
                null => string.Empty,
                string s => s,
                IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(v => v?.ToString())) + "]",
                _ => value.ToString() ?? string.Empty,
            };
        }
    }
}
