using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerNetTools.Backends.Scenario;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>Completes -Scenario with the built-in scenario names (files complete through the usual path completion).</summary>
    public sealed class ScenarioNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            ScenarioCatalog.BuiltInNames
                .Where(n => n.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, "Built-in scenario " + n));
    }
}
