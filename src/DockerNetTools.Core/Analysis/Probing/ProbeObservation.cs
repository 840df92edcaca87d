using System.Collections.Generic;
using System.Net;
using System;
using System.Linq;
using DockerNetTools.Analysis.Common;

namespace DockerNetTools.Analysis.Probing
{
    /// <summary>What happened when a probe really tried, from inside the source container's network namespace.</summary>
    public sealed class ProbeObservation
    {
        public ProbeObservation(ProbeOutcome outcome, string method, string detail, IPAddress? target = null,
            IReadOnlyList<IPAddress>? addresses = null, TimeSpan? elapsed = null)
        {
            OutcomeValue = outcome;
            Method = method;
            Detail = detail;
            TargetValue = target;
            AddressValues = addresses ?? Array.Empty<IPAddress>();
            Addresses = new TextList<string>(AddressValues.Select(a => a.ToString()).ToList(), ", ");
            Elapsed = elapsed;
        }

        /// <summary>A probe that could not run, and why (read by a person: "the image has no nc, and this process is not root").</summary>
        public static ProbeObservation NotRun(string why, IPAddress? target = null) =>
            new ProbeObservation(ProbeOutcome.NotRun, ProbeMethods.None, why, target);

        /// <summary>A <see cref="ProbeOutcome"/> name: Reachable, Refused, TimedOut, Unreachable, NoReply, Resolved, NotResolved, NotRun.</summary>
        public string Outcome => OutcomeValue.ToString();

        internal ProbeOutcome OutcomeValue { get; }

        /// <summary>False when the probe could not run at all.</summary>
        public bool Ran => OutcomeValue != ProbeOutcome.NotRun;

        /// <summary>True when the traffic got through (or the name resolved), false when it did not, null when the probe cannot tell (it did not run, or UDP without a reply).</summary>
        public bool? Succeeded => OutcomeValue switch
        {
            ProbeOutcome.Reachable => true,
            ProbeOutcome.Resolved => true,
            ProbeOutcome.NotRun => null,
            ProbeOutcome.NoReply => null,
            _ => false,
        };

        /// <summary>How the probe ran: "setns socket", "setns raw ICMP", "exec nc", "exec ping", "setns DNS 127.0.0.11", …</summary>
        public string Method { get; }

        /// <summary>What the probe saw, in a sentence (the socket error, the command's output).</summary>
        public string Detail { get; }

        /// <summary>The address the probe sent to (null for name lookups and probes that did not run before choosing one).</summary>
        public string? Target => TargetValue?.ToString();

        internal IPAddress? TargetValue { get; }

        /// <summary>For name lookups: the addresses the container really got, in the order it got them.</summary>
        public IReadOnlyList<string> Addresses { get; }

        internal IReadOnlyList<IPAddress> AddressValues { get; }

        public TimeSpan? Elapsed { get; }

        public override string ToString() => Outcome + " (" + Method + "): " + Detail;
    }
}
