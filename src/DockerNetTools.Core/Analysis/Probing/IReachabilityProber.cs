using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Probing
{
    /// <summary>
    /// Tries for real what the model predicts, from inside a container's network namespace. Made by a backend that
    /// talks to a real host (<see cref="Backends.IProbeCapable"/>), for the model it built. Probes only ever target
    /// addresses of that host (<see cref="ProbeTargets"/>); anything else is refused with ProbeTargetOutsideHost.
    /// A probe that cannot run returns an observation with <see cref="ProbeOutcome.NotRun"/> and the reason, never throws for it.
    /// </summary>
    public interface IReachabilityProber : IDisposable
    {
        /// <summary>TCP connect, a UDP datagram (to <paramref name="port"/>), or an ICMP echo (port null) from <paramref name="source"/>'s namespace.</summary>
        Task<ProbeObservation> ProbeConnectAsync(ContainerInfo source, IPAddress destination, int? port, ReachabilityProtocol protocol,
            TimeSpan timeout, CancellationToken cancellationToken);

        /// <summary>Looks <paramref name="name"/> up the way the container does: its /etc/hosts, then the embedded DNS at 127.0.0.11.</summary>
        Task<ProbeObservation> ProbeResolveAsync(ContainerInfo source, string name, RecordType type, TimeSpan timeout, CancellationToken cancellationToken);
    }
}
