using DockerNetTools.Analysis.Probing;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>What a real probe saw next to the prediction (Test-DockerNetReachability -Probe); all null without -Probe.</summary>
    public sealed partial class ReachabilityResult
    {
        /// <summary>The probe's whole observation, when one ran.</summary>
        public ProbeObservation? Observation { get; private set; }

        /// <summary>What the probe saw: Reachable, Refused, TimedOut, Unreachable, NoReply, NotRun.</summary>
        public string? Observed => Observation?.Outcome;

        public string? ObservedDetail => Observation?.Detail;

        public string? ProbeMethod => Observation?.Method;

        /// <summary>True when the probe agrees with the verdict, false when it does not, null when it cannot tell.</summary>
        public bool? ProbeAgrees { get; private set; }

        internal void AttachObservation(ProbeObservation observation)
        {
            Observation = observation;
            ProbeAgrees = ProbeComparison.Agrees(this, observation);
        }
    }
}
