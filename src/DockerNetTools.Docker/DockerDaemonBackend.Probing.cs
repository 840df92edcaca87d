using DockerNetTools.Analysis.Probing;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Probing;
using DockerNetTools.Model;

namespace DockerNetTools.Docker
{
    /// <summary>The live backend can check its model against real traffic (Test-DockerNetReachability -Probe, Resolve-DockerNetName -Probe).</summary>
    public sealed partial class DockerDaemonBackend : IProbeCapable
    {
        public IReachabilityProber CreateProber(DockerHostModel model, IOperationLog log) =>
            new DaemonProber(model, _endpoint, _procFs, log, probeImage: ProbeImage);
    }
}
