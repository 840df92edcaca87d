using DockerNetTools.Analysis.Probing;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Backends
{
    /// <summary>A backend over a real host, which can check its model against the traffic (the scenario backend cannot).</summary>
    public interface IProbeCapable
    {
        /// <summary>A prober for the host <paramref name="model"/> describes (built by this backend).</summary>
        IReachabilityProber CreateProber(DockerHostModel model, IOperationLog log);
    }
}
