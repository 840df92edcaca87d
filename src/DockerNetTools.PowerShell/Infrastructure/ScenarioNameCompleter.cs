using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerNetTools.Backends.Scenario;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Completes -Scenario with the built-in scenario names, then folders and scenario files (*.yaml, *.yml). PowerShell does
    /// not fall back to path completion for a parameter with an argument completer, so the paths are offered here.
    /// </summary>
    public sealed class ScenarioNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = wordToComplete ?? string.Empty;
            var builtIn = ScenarioCatalog.BuiltInNames
                .Where(n => n.StartsWith(typed.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, "Built-in scenario " + n));
            return builtIn.Concat(Files(typed)).ToList();
        }

        private static IEnumerable<CompletionResult> Files(string typed)
        {
            try
            {
                return CompletionCompleters.CompleteFilename(typed)
                    .Where(r => r.ResultType == CompletionResultType.ProviderContainer || IsScenarioFile(r.ListItemText))
                    .ToList();
            }
            catch (Exception exception) when (exception is PSInvalidOperationException || exception is InvalidOperationException ||
                                              exception is System.IO.IOException || exception is UnauthorizedAccessException ||
                                              exception is ItemNotFoundException || exception is DriveNotFoundException ||
                                              exception is ProviderNotFoundException)
            {
                // Completion never fails loudly: no file suggestions then.
                return Array.Empty<CompletionResult>();
            }
        }

        private static bool IsScenarioFile(string name) =>
            name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
    }
}
