using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// -Name style selection, as Get-Process does it: no names means everything; a wildcard selects what matches and is
    /// silent when nothing does; a plain name must exist, else the lookup's error (e.g. ContainerNotFound) is reported for it.
    /// </summary>
    internal static class NamePatterns
    {
        /// <param name="items">Everything there is, in output order.</param>
        /// <param name="nameOf">The name a wildcard is matched against.</param>
        /// <param name="patterns">What the user typed (null or empty: all items).</param>
        /// <param name="requireExact">Looks up a plain name (also by id); throws a DockerNetException when it does not exist.</param>
        /// <param name="onMissing">Receives that exception; the other names go on.</param>
        /// <param name="onNoMatch">Told about a wildcard that matched nothing (for a verbose line).</param>
        public static IReadOnlyList<T> Select<T>(IReadOnlyList<T> items, Func<T, string> nameOf, IEnumerable<string>? patterns,
            Func<string, T> requireExact, Action<DockerNetException> onMissing, Action<string> onNoMatch) where T : class
        {
            var given = patterns?.Where(p => p != null).ToList();
            if (given == null || given.Count == 0) return items;

            var selected = new List<T>();
            foreach (var pattern in given)
            {
                if (WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                    var matches = items.Where(i => wildcard.IsMatch(nameOf(i))).ToList();
                    if (matches.Count == 0) onNoMatch(pattern);
                    AddNew(selected, matches);
                    continue;
                }
                try
                {
                    AddNew(selected, new[] { requireExact(pattern) });
                }
                catch (DockerNetException missing)
                {
                    onMissing(missing);
                }
            }
            return selected;
        }

        // -Container a,a or a,a* names an item twice: it is reported once, in first-mentioned order.
        private static void AddNew<T>(List<T> selected, IEnumerable<T> found) where T : class
        {
            foreach (var item in found)
            {
                if (!selected.Any(s => ReferenceEquals(s, item))) selected.Add(item);
            }
        }
    }
}
