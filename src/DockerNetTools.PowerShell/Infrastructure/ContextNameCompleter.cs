using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerNetTools.Docker.Endpoints;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Completes -Context with the docker contexts the CLI would list (`docker context ls`: "default" and the stored ones,
    /// from DOCKER_CONFIG or ~/.docker). Completion never fails loudly: an unreadable store offers "default" only.
    /// </summary>
    public sealed class ContextNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            IReadOnlyList<string> names;
            try
            {
                names = DockerEndpointResolver.ContextStore().Names();
            }
            catch (Exception exception) when (exception is System.IO.IOException || exception is UnauthorizedAccessException ||
                                              exception is System.Security.SecurityException)
            {
                names = new[] { DockerContextStore.DefaultContextName };
            }
            return names
                .Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, "Docker context " + n))
                .ToList();
        }
    }
}
