using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerNetTools.Model;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Reads -State as the scenario files do (<see cref="SocketStates.TryParse"/>): TimeWait, time_wait, TIME-WAIT, estab,
    /// unconn, …; a name that is none of them is an error listing the states as the views show them.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class SocketStateTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            var items = value is IEnumerable many && !(value is string) ? many.Cast<object?>() : new[] { value };
            return items.Select(Parse).ToArray();
        }

        private static SocketState Parse(object? item)
        {
            var value = item is PSObject wrapped ? wrapped.BaseObject : item;
            if (value is SocketState state) return state;
            var text = Convert.ToString(value, CultureInfo.InvariantCulture);
            if (SocketStates.TryParse(text, out state)) return state;
            throw new ArgumentTransformationMetadataException(string.Format(CultureInfo.CurrentCulture, Messages.SocketStateUnknown, text,
                string.Join(", ", SocketStates.DisplayNames)));
        }
    }

    /// <summary>Completes -State with the states as the views show them.</summary>
    public sealed class SocketStateCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return SocketStates.DisplayNames
                .Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n))
                .ToList();
        }
    }
}
