using System.Collections.Generic;
using System.Net;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>A result being assembled; turned into the immutable <see cref="ReachabilityResult"/> at the end.</summary>
    internal sealed class ResultDraft
    {
        public ResultDraft(ReachabilityVerdict verdict, string reason, string? remedy = null)
        {
            Verdict = verdict;
            Reason = reason;
            Remedy = remedy;
        }

        public ReachabilityVerdict Verdict { get; set; }
        public string Reason { get; set; }
        public string? Remedy { get; set; }
        public List<ReachabilityHop> Path { get; } = new List<ReachabilityHop>();
        public List<ReachabilityAlternative> Alternatives { get; } = new List<ReachabilityAlternative>();
        public string? NetworkUsed { get; set; }
        public IPAddress? Address { get; set; }
        public string? DestinationContainer { get; set; }

        /// <summary>Whether the destination name resolves from the source; null for an address.</summary>
        public bool? NameResolves { get; set; }

        /// <summary>The verdict for the destination's address (null when there is no address to judge).</summary>
        public ReachabilityVerdict? AddressVerdict { get; set; }

        public bool Reachable => Verdict == ReachabilityVerdict.Reachable;

        public ResultDraft WithPath(IEnumerable<ReachabilityHop> hops)
        {
            Path.AddRange(hops);
            return this;
        }

        /// <summary>Ends the path at the receiving socket and takes over its verdict when it refuses the packet.</summary>
        public ResultDraft Deliver(ListenerOutcome outcome, string reachableReason)
        {
            Path.Add(outcome.Hop);
            if (outcome.Accepted)
            {
                Verdict = ReachabilityVerdict.Reachable;
                Reason = reachableReason;
            }
            else
            {
                Verdict = outcome.Verdict;
                Reason = outcome.Reason ?? reachableReason;
                Remedy ??= outcome.Remedy;
            }
            return this;
        }

        public ReachabilityResult ToResult(ReachabilityQuery query) =>
            new ReachabilityResult(query, DestinationContainer, Address, Verdict, Reason, Remedy, Path.ToArray(), Alternatives.ToArray(), NetworkUsed,
                NameResolves, AddressVerdict);
    }
}
