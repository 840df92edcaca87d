using System;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Probing
{
    /// <summary>
    /// Checks one prediction against the traffic: picks what to probe from the prediction, refuses targets outside the
    /// host, runs the probe and attaches the observation to the result. Returns the disagreement warning, or null.
    /// </summary>
    public static class ModelProbe
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

        /// <summary>Throws ProbeTargetOutsideHost when the prediction's destination is not on the host.</summary>
        public static async Task<string?> CheckAsync(IReachabilityProber prober, DockerHostModel model, ReachabilityResult prediction,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            var observation = await ObserveAsync(prober, model, prediction, timeout, cancellationToken).ConfigureAwait(false);
            prediction.AttachObservation(observation);
            return ProbeComparison.Warning(prediction, observation);
        }

        /// <summary>Resolves for real and attaches the observation to every answer; returns it (for a name that did not resolve there is no answer to attach it to).</summary>
        public static async Task<(ProbeObservation Observation, string? Warning)> CheckAsync(IReachabilityProber prober, DockerHostModel model,
            NameResolution prediction, TimeSpan timeout, CancellationToken cancellationToken)
        {
            ProbeTargets.EnsureOnHost(prediction);
            var source = model.FindContainer(prediction.From);
            var observation = source == null
                ? ProbeObservation.NotRun("the model has no container '" + prediction.From + "'")
                : await prober.ProbeResolveAsync(source, prediction.Name, prediction.Type, timeout, cancellationToken).ConfigureAwait(false);
            var agrees = ProbeComparison.Agrees(prediction, observation);
            foreach (var answer in prediction.Answers) answer.AttachObservation(observation, agrees);
            return (observation, ProbeComparison.Warning(prediction, observation));
        }

        private static async Task<ProbeObservation> ObserveAsync(IReachabilityProber prober, DockerHostModel model, ReachabilityResult prediction,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            var source = model.FindContainer(prediction.Source);
            if (source == null) return ProbeObservation.NotRun("the model has no container '" + prediction.Source + "'");
            var address = ProbeTargets.Choose(model, source, prediction);
            if (address == null)
                return ProbeObservation.NotRun("the model gives no address for '" + prediction.Destination + "' to send a probe to (" + prediction.Verdict + ")");
            ProbeTargets.EnsureOnHost(model, address);
            return await prober.ProbeConnectAsync(source, address, prediction.Port, prediction.ProtocolValue, timeout, cancellationToken).ConfigureAwait(false);
        }
    }
}
