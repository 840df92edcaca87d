using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.Docker.Endpoints;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>How a command named one host: -Scenario, -DockerHost, -Context, or none (the session default, then the CLI's chain).</summary>
    internal enum HostKind
    {
        Default,
        Scenario,
        DockerHost,
        Context,
    }

    /// <summary>
    /// One host a command reads, as the user named it: the Daemon its results carry is that name (a context name, an
    /// endpoint or a scenario as typed), so rows from several hosts say where they came from.
    /// </summary>
    internal sealed class HostTarget
    {
        private HostTarget(HostKind kind, string? value)
        {
            Kind = kind;
            Value = value;
        }

        public HostKind Kind { get; }

        /// <summary>The name as typed (after -Context wildcards were expanded); null for the default host.</summary>
        public string? Value { get; }

        public static HostTarget Default { get; } = new HostTarget(HostKind.Default, null);

        public static HostTarget Scenario(string value) => new HostTarget(HostKind.Scenario, value);

        public static HostTarget DockerHost(string value) => new HostTarget(HostKind.DockerHost, value);

        public static HostTarget Context(string value) => new HostTarget(HostKind.Context, value);

        /// <summary>The target of a host given as its -Scenario, -DockerHost or -Context (at most one set).</summary>
        public static HostTarget Of((string? Scenario, string? DockerHost, string? Context) host) =>
            host.Scenario != null ? Scenario(host.Scenario)
            : host.DockerHost != null ? DockerHost(host.DockerHost)
            : host.Context != null ? Context(host.Context)
            : Default;

        /// <summary>What tells two targets apart in a model cache (with the compose options, which the caller adds).</summary>
        public string Key => Kind + "\n" + Value;

        /// <summary>
        /// -Context names with each wildcard replaced by the contexts it matches, in the order `docker context ls` has
        /// them (default first, then the stored ones by name); a name already taken is left out. A wildcard that matches
        /// nothing goes to <paramref name="noMatch"/>; a plain name is kept as typed, so an unknown one is that host's
        /// ContextNotFound when it is read.
        /// </summary>
        public static IReadOnlyList<string> ExpandContexts(IEnumerable<string> patterns, Func<IReadOnlyList<string>> storedNames, Action<string> noMatch)
        {
            var names = new List<string>();
            IReadOnlyList<string>? known = null;
            foreach (var pattern in patterns)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    if (!names.Contains(pattern, StringComparer.Ordinal)) names.Add(pattern);
                    continue;
                }
                known ??= storedNames();
                // Context names are case-sensitive in the CLI's store, so is the wildcard.
                var wildcard = new WildcardPattern(pattern, WildcardOptions.CultureInvariant);
                var matches = known.Where(n => wildcard.IsMatch(n)).ToList();
                if (matches.Count == 0) noMatch(pattern);
                foreach (var match in matches.Where(m => !names.Contains(m, StringComparer.Ordinal))) names.Add(match);
            }
            return names;
        }

        /// <summary>The names of the CLI's context store (DOCKER_CONFIG, else ~/.docker), "default" first.</summary>
        public static IReadOnlyList<string> StoredContextNames() => DockerEndpointResolver.ContextStore().Names();
    }
}
