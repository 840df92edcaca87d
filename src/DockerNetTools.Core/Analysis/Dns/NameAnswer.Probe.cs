using System.Collections.Generic;
using DockerNetTools.Analysis.Probing;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>What a real lookup inside the container returned next to the prediction (Resolve-DockerNetName -Probe); null without -Probe.</summary>
    public sealed partial class NameAnswer
    {
        public ProbeObservation? Observation { get; private set; }

        /// <summary>Resolved or NotResolved (NotRun when the lookup could not be made).</summary>
        public string? Observed => Observation?.Outcome;

        /// <summary>The addresses the container really got for the name.</summary>
        public IReadOnlyList<string>? ObservedAddresses => Observation?.Addresses;

        public string? ObservedDetail => Observation?.Detail;

        public string? ProbeMethod => Observation?.Method;

        /// <summary>True when the real lookup gave the same addresses as the model, false when not, null when it cannot tell.</summary>
        public bool? ProbeAgrees { get; private set; }

        internal void AttachObservation(ProbeObservation observation, bool? agrees)
        {
            Observation = observation;
            ProbeAgrees = agrees;
        }
    }
}
