using System;
using System.Globalization;
using System.Linq;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Reachability;

namespace DockerNetTools.Analysis.Probing
{
    /// <summary>
    /// Whether what a probe saw agrees with what the model predicted, and when it does not, a warning that quotes both.
    /// A disagreement means the model is wrong or something outside Docker's rules is at work (a DOCKER-USER rule, a host firewall).
    /// </summary>
    public static class ProbeComparison
    {
        /// <summary>True when they agree, false when they disagree, null when the probe cannot tell (it did not run, UDP without a reply) or the model did not decide.</summary>
        public static bool? Agrees(ReachabilityResult prediction, ProbeObservation observation)
        {
            var verdict = Probed(prediction);
            if (observation.Succeeded == null || verdict == ReachabilityVerdict.Undetermined) return null;
            switch (verdict)
            {
                case ReachabilityVerdict.Reachable:
                    return observation.OutcomeValue == ProbeOutcome.Reachable;
                case ReachabilityVerdict.NoListener:
                    // The packet gets there and is refused: a TCP RST, or ICMP port unreachable for UDP. Behind docker-proxy
                    // the connect succeeds (the proxy accepts every connection on its port) and the proxy closes it at once;
                    // a probe that cannot watch for that close (exec nc) only sees the connect.
                    return observation.OutcomeValue == ProbeOutcome.Refused
                           || (prediction.ProtocolValue == ReachabilityProtocol.Tcp && BehindDockerProxy(prediction)
                               && (observation.OutcomeValue == ProbeOutcome.Closed
                                   || (observation.OutcomeValue == ProbeOutcome.Reachable && observation.Method != ProbeMethods.SetnsSocket)));
                default:
                    // Blocked, no route, nothing there, not running: the packet must not get an answer of any kind.
                    return observation.OutcomeValue == ProbeOutcome.TimedOut || observation.OutcomeValue == ProbeOutcome.Unreachable;
            }
        }

        /// <summary>The warning for a disagreement, null when they agree or the probe cannot tell.</summary>
        public static string? Warning(ReachabilityResult prediction, ProbeObservation observation)
        {
            if (Agrees(prediction, observation) != false) return null;
            var verdict = Probed(prediction);
            var predicted = "Model predicted " + verdict + " for " + prediction.Source + " -> " + prediction.Destination
                            + (observation.Target != null ? " (" + observation.Target + ")" : string.Empty) + " " + Service(prediction)
                            + (verdict != prediction.VerdictValue ? " by address (the name does not resolve from " + prediction.Source + ")" : string.Empty)
                            + " (" + prediction.Reason.TrimEnd('.') + ")";
            var seen = "but the probe " + Seen(observation, prediction.ProtocolValue) + " [" + observation.Method + ": " + observation.Detail.TrimEnd('.') + "]";
            string why;
            if (observation.OutcomeValue == ProbeOutcome.Reachable)
                why = verdict == ReachabilityVerdict.NoListener
                    ? "a listener the model does not know about (the sockets changed since they were read?) or a model error"
                    : "something outside Docker's rules (DOCKER-USER, a host firewall) lets it through, or a model error";
            else if (observation.OutcomeValue == ProbeOutcome.Closed && verdict == ReachabilityVerdict.Reachable)
                why = BehindDockerProxy(prediction)
                    ? "docker-proxy took the connection, but the container refused the proxy's own (the service stopped or rebound since the sockets were read)"
                    : "the service accepts and hangs up at once (overloaded, or refusing this client), or a proxy whose backend is down";
            else if (observation.OutcomeValue == ProbeOutcome.Closed)
                why = "something accepted the connection where the model expects none (a proxy or a listener it does not know about), then hung up: a model error";
            else if (observation.OutcomeValue == ProbeOutcome.Refused && verdict != ReachabilityVerdict.Reachable)
                why = "the packet got to the destination, so no rule dropped it: a model error, or a REJECT rule outside Docker's (DOCKER-USER, a host firewall)";
            else if (observation.OutcomeValue == ProbeOutcome.Refused)
                why = "nothing listens there now (the service stopped or rebound since the sockets were read), or a REJECT rule outside Docker's (DOCKER-USER, a host firewall)";
            else
                why = "something outside Docker's rules (a DOCKER-USER rule, a host firewall) drops it, or a model error";
            return predicted + " " + seen + ": " + why + ".";
        }

        /// <summary>For a name: the probe agrees when both resolve to the same set of addresses (order aside: the embedded DNS rotates them), or neither resolves.</summary>
        public static bool? Agrees(NameResolution prediction, ProbeObservation observation)
        {
            if (observation.Succeeded == null || prediction.Failure == NameResolutionFailure.OutsideModel) return null;
            if (!prediction.Resolved) return observation.OutcomeValue == ProbeOutcome.NotResolved;
            if (observation.OutcomeValue != ProbeOutcome.Resolved) return false;
            var predicted = prediction.Answers.Select(a => a.IPAddress.ToString()).Distinct().OrderBy(s => s, StringComparer.Ordinal);
            var observed = observation.Addresses.Select(a => a.ToString()).Distinct().OrderBy(s => s, StringComparer.Ordinal);
            return predicted.SequenceEqual(observed);
        }

        public static string? Warning(NameResolution prediction, ProbeObservation observation)
        {
            if (Agrees(prediction, observation) != false) return null;
            var predicted = prediction.Resolved
                ? "Model predicted '" + prediction.Name + "' resolves from " + prediction.From + " to " + string.Join(", ", prediction.Answers.Select(a => a.IPAddress + " (" + a.Server + ")"))
                : "Model predicted '" + prediction.Name + "' does not resolve from " + prediction.From + " (" + (prediction.FailureReason ?? string.Empty).TrimEnd('.') + ")";
            var seen = observation.OutcomeValue == ProbeOutcome.Resolved
                ? "but the probe got " + string.Join(", ", observation.Addresses)
                : "but the probe got no address";
            return predicted + " " + seen + " [" + observation.Method + ": " + observation.Detail.TrimEnd('.') + "]: the containers or their networks changed since the model was read, or a model error.";
        }

        /// <summary>
        /// The verdict a connect probe checks: it dials an address, so for a name that does not resolve from the source it
        /// checks what the model says about the container's address (AddressVerdict), not the lookup.
        /// </summary>
        private static ReachabilityVerdict Probed(ReachabilityResult prediction) =>
            prediction.VerdictValue == ReachabilityVerdict.NameNotResolved && prediction.AddressVerdictValue.HasValue ? prediction.AddressVerdictValue.Value : prediction.VerdictValue;

        private static bool BehindDockerProxy(ReachabilityResult prediction) =>
            prediction.Path.Any(h => h.KindValue == HopKind.Host && h.Device == "docker-proxy");

        private static string Service(ReachabilityResult prediction) =>
            prediction.Port.HasValue
                ? prediction.ProtocolValue.ToString().ToLowerInvariant() + "/" + prediction.Port.Value.ToString(CultureInfo.InvariantCulture)
                : "icmp";

        private static string Seen(ProbeObservation observation, ReachabilityProtocol protocol) => observation.OutcomeValue switch
        {
            ProbeOutcome.Reachable => protocol == ReachabilityProtocol.Tcp ? "connected" : protocol == ReachabilityProtocol.Icmp ? "got an echo reply" : "got a reply",
            ProbeOutcome.Refused => "was refused",
            ProbeOutcome.Closed => "connected and was hung up on at once",
            ProbeOutcome.TimedOut => "timed out",
            ProbeOutcome.Unreachable => "found the destination unreachable",
            _ => observation.Outcome,
        };
    }
}
