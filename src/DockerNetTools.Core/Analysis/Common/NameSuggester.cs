using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerNetTools.Analysis.Common
{
    /// <summary>Finds the names closest to a mistyped one, for "did you mean" messages.</summary>
    public static class NameSuggester
    {
        public static IReadOnlyList<string> Closest(string wanted, IEnumerable<string> candidates, int max = 3)
        {
            var lowered = wanted.ToLowerInvariant();
            return candidates
                .Distinct(StringComparer.Ordinal)
                .Select(c => (Name: c, Distance: Distance(lowered, c.ToLowerInvariant())))
                .Where(x => x.Distance <= Math.Max(2, wanted.Length / 3) || x.Name.IndexOf(wanted, StringComparison.OrdinalIgnoreCase) >= 0)
                .OrderBy(x => x.Distance)
                .ThenBy(x => x.Name, StringComparer.Ordinal)
                .Take(max)
                .Select(x => x.Name)
                .ToList();
        }

        /// <summary>" Did you mean: a, b?" or an empty string when nothing is close.</summary>
        public static string DidYouMean(string wanted, IEnumerable<string> candidates)
        {
            var close = Closest(wanted, candidates);
            return close.Count == 0 ? string.Empty : " Did you mean: " + string.Join(", ", close) + "?";
        }

        // Levenshtein distance; names are short, so the O(n*m) table is fine.
        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
