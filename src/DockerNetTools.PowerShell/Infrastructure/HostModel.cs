using DockerNetTools.Backends.Compose;
using DockerNetTools.Model;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>One host's model with how the command named it: what its results carry (Daemon, and the note the next cmdlet binds).</summary>
    internal sealed class HostModel
    {
        public HostModel(DockerHostModel model, string label, string? scenario, string? dockerHost, string? context, ComposeOptions? compose)
        {
            Model = model;
            Label = label;
            Scenario = scenario;
            DockerHost = dockerHost;
            Context = context;
            Compose = compose;
        }

        public DockerHostModel Model { get; }

        /// <summary>The host as the user named it (a context, an endpoint, a scenario), or the endpoint the default chain picked.</summary>
        public string Label { get; }

        /// <summary>The scenario as a resolved path (or a built-in name) when -Scenario named it.</summary>
        public string? Scenario { get; }

        public string? DockerHost { get; }

        public string? Context { get; }

        public ComposeOptions? Compose { get; }
    }
}
