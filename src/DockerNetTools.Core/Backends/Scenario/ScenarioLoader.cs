using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>Reads a scenario (built-in name or YAML path) into a fully derived <see cref="DockerHostModel"/>.</summary>
    public static class ScenarioLoader
    {
        // SKELETON: replaced by the scenario implementation.
        public static DockerHostModel Load(string nameOrPath) =>
            throw new DockerNetException("ScenarioNotImplemented", ErrorKind.NotImplemented, "Scenario loading is not implemented yet.", nameOrPath);

        public static DockerHostModel Parse(string yaml, string sourceName) =>
            throw new DockerNetException("ScenarioNotImplemented", ErrorKind.NotImplemented, "Scenario loading is not implemented yet.", sourceName);
    }
}
