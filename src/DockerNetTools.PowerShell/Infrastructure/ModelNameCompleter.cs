using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Completes names from the host model the command would read: its -Scenario/-DockerHost/-Context if already typed, else the session default.
    /// Completion must never fail loudly, so any problem reading the model simply offers nothing.
    /// </summary>
    public abstract class ModelNameCompleter : IArgumentCompleter
    {
        /// <summary>Characters that make a completed name need quoting on the PowerShell command line.</summary>
        private static readonly char[] NeedsQuoting = { ' ', '\'', '"', '$', '`', ';', ',', '(', ')', '{', '}', '@', '#' };
        private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(5);

        /// <summary>The names to offer, in the order to offer them.</summary>
        protected abstract IEnumerable<string> NamesIn(DockerHostModel model);

        /// <summary>Shown as the tooltip of a completion.</summary>
        protected abstract string Describe(string name);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var model = TryReadModel(fakeBoundParameters);
            if (model == null) return Array.Empty<CompletionResult>();
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var wildcard = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return NamesIn(model)
                .Where(n => wildcard.IsMatch(n))
                .Distinct(StringComparer.Ordinal)
                .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, Describe(n)))
                .ToList();
        }

        private static DockerHostModel? TryReadModel(IDictionary fakeBoundParameters)
        {
            try
            {
                var scenario = fakeBoundParameters["Scenario"] as string;
                var dockerHost = fakeBoundParameters["DockerHost"] as string;
                var context = fakeBoundParameters["Context"] as string;
                if (scenario != null) scenario = ResolveScenario(scenario);
                using var timeout = new CancellationTokenSource(ReadLimit);
                using var backend = BackendResolver.Resolve(scenario, dockerHost, context, null);
                return backend.GetHostModelAsync(ModelParts.Topology, NullOperationLog.Instance, timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception exception) when (exception is DockerNetException || exception is OperationCanceledException ||
                                              exception is System.IO.IOException || exception is UnauthorizedAccessException ||
                                              exception is PSInvalidOperationException || exception is ItemNotFoundException ||
                                              exception is ProviderNotFoundException || exception is DriveNotFoundException)
            {
                return null;
            }
        }

        private static string ResolveScenario(string scenario)
        {
            if (ModelReader.BuiltInScenario(scenario) is { } builtIn) return builtIn;
            // Completers get no SessionState; the runspace completing on this thread resolves $PWD-relative paths the same way.
            return Runspace.DefaultRunspace?.SessionStateProxy.Path.GetUnresolvedProviderPathFromPSPath(scenario) ?? scenario;
        }

        private static string Quote(string name) =>
            name.IndexOfAny(NeedsQuoting) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
    }

    /// <summary>Completes -Container with the model's container names.</summary>
    public sealed class ContainerNameCompleter : ModelNameCompleter
    {
        protected override IEnumerable<string> NamesIn(DockerHostModel model) => model.Containers.Select(c => c.Name);
        protected override string Describe(string name) => "Container " + name;
    }

    /// <summary>Completes -Network with the model's network names.</summary>
    public sealed class NetworkNameCompleter : ModelNameCompleter
    {
        protected override IEnumerable<string> NamesIn(DockerHostModel model) => model.Networks.Select(n => n.Name);
        protected override string Describe(string name) => "Network " + name;
    }

    /// <summary>Completes -Project with the Compose projects of the model's containers and networks.</summary>
    public sealed class ComposeProjectCompleter : ModelNameCompleter
    {
        protected override IEnumerable<string> NamesIn(DockerHostModel model) =>
            model.Containers.Select(c => c.ComposeProject).Concat(model.Networks.Select(n => n.ComposeProject))
                .Where(p => p != null).Select(p => p!).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal);

        protected override string Describe(string name) => "Compose project " + name;
    }

    /// <summary>
    /// Completes a name a container could look up or send to (-Destination, Resolve-DockerNetName -Name): container names
    /// first, then network aliases, --link aliases and --add-host names.
    /// </summary>
    public sealed class HostNameCompleter : ModelNameCompleter
    {
        protected override IEnumerable<string> NamesIn(DockerHostModel model) =>
            model.Containers.Select(c => c.Name)
                .Concat(model.Containers.SelectMany(c => c.Endpoints).SelectMany(e => e.Aliases).OrderBy(n => n, StringComparer.Ordinal))
                .Concat(model.Containers.SelectMany(c => c.Links).Select(l => l.Alias).OrderBy(n => n, StringComparer.Ordinal))
                .Concat(model.Containers.SelectMany(c => c.ExtraHosts).Select(h => h.Hostname).OrderBy(n => n, StringComparer.Ordinal))
                .Where(n => !string.IsNullOrEmpty(n));

        protected override string Describe(string name) => "Name " + name;
    }
}
