using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Backends;
using DockerNetTools.Backends.Compose;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker;
using DockerNetTools.Model;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Shared by DockerNetCmdlet and Connect-DockerNet: turns what the user typed into a backend and reads the host model.
    /// </summary>
    internal static class ModelReader
    {
        /// <summary>
        /// A built-in scenario name is returned as the catalog spells it; anything else is a PowerShell path
        /// (relative to $PWD, ~, a PSDrive) turned into a file-system path the core can open.
        /// </summary>
        public static string ResolveScenario(PSCmdlet cmdlet, string nameOrPath)
        {
            if (BuiltInScenario(nameOrPath) is { } builtIn) return builtIn;
            var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(nameOrPath);
            if (!string.Equals(path, nameOrPath, StringComparison.Ordinal))
                cmdlet.WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.ScenarioPathResolved, nameOrPath, path));
            return path;
        }

        /// <summary>The catalog's spelling of a built-in scenario name typed in any case; null when it is not one.</summary>
        public static string? BuiltInScenario(string name) =>
            ScenarioCatalog.BuiltInNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>Reads the model from the backend the arguments (or the session) select. Core failures propagate as DockerNetException.</summary>
        public static async Task<DockerHostModel> ReadAsync(Cmdlet cmdlet, string? scenario, string? dockerHost, string? context, ModelParts parts,
            IOperationLog log, CancellationToken cancellationToken, ComposeOptions? compose = null) =>
            (await ReadHostAsync(cmdlet, scenario, dockerHost, context, parts, log, cancellationToken, compose).ConfigureAwait(true)).Model;

        /// <summary>
        /// As <see cref="ReadAsync"/>, with the name of the host the backend read when the command named none: the
        /// docker context or endpoint the CLI's chain picked, the session's scenario, or what a compose backend reads.
        /// </summary>
        public static async Task<(DockerHostModel Model, string Label)> ReadHostAsync(Cmdlet cmdlet, string? scenario, string? dockerHost, string? context,
            ModelParts parts, IOperationLog log, CancellationToken cancellationToken, ComposeOptions? compose = null)
        {
            using var backend = BackendResolver.Resolve(scenario, dockerHost, context, compose);
            UseProbeImage(cmdlet, backend);
            cmdlet.WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.ReadingModel, backend.Endpoint));
            var model = await backend.GetHostModelAsync(parts, log, cancellationToken).ConfigureAwait(true);
            cmdlet.WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.ModelRead, model.Source, model.Networks.Count, model.Containers.Count));
            var label = backend switch
            {
                Docker.DockerDaemonBackend daemon => daemon.DockerEndpoint.Context ?? daemon.DockerEndpoint.Text,
                ScenarioBackend _ when SessionDefaults.Scenario is { } session => session,
                _ => backend.Endpoint,
            };
            return (model, label);
        }

        /// <summary>Hands a cmdlet's -ProbeImage to a live backend (a modelled host has nothing to read with it).</summary>
        public static void UseProbeImage(Cmdlet cmdlet, IDockerNetBackend backend)
        {
            if (cmdlet is IProbeImageCommand { ProbeImage: { } image } && backend is DockerDaemonBackend daemon) daemon.ProbeImage = image;
        }
    }
}
