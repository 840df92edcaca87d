using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>The simulation backend: a modelled Docker host read from a scenario YAML file or a built-in scenario.</summary>
    public sealed class ScenarioBackend : IDockerNetBackend
    {
        private readonly string _nameOrPath;

        public ScenarioBackend(string nameOrPath)
        {
            _nameOrPath = nameOrPath;
        }

        public string Endpoint => "scenario " + _nameOrPath;

        public Task<DockerHostModel> GetHostModelAsync(ModelParts parts, IOperationLog log, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(ScenarioLoader.Load(_nameOrPath));
        }

        public void Dispose()
        {
        }
    }
}
