using System.Collections.Generic;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>What one container gets when it looks a name up: the answers, or why there are none and what to do.</summary>
    public sealed class NameResolution
    {
        internal NameResolution(string name, string from, RecordType type, IReadOnlyList<NameAnswer> answers,
            NameResolutionFailure failure, string? failureReason, string? remedy, IReadOnlyList<string> notes)
        {
            Name = name;
            From = from;
            Type = type;
            Answers = answers;
            Failure = failure;
            FailureReason = failureReason;
            Remedy = remedy;
            Notes = notes;
        }

        public string Name { get; }
        public string From { get; }
        public RecordType Type { get; }

        /// <summary>The addresses in the order the resolver returns them (/etc/hosts before DNS).</summary>
        public IReadOnlyList<NameAnswer> Answers { get; }

        public bool Resolved => Answers.Count > 0;

        public NameResolutionFailure Failure { get; }

        /// <summary>One sentence saying why the name does not resolve (null when it does).</summary>
        public string? FailureReason { get; }

        /// <summary>The docker command or change that would make it resolve, when there is one.</summary>
        public string? Remedy { get; }

        /// <summary>True when the embedded DNS holds several addresses for the name and hands them out in rotating order.</summary>
        public bool RoundRobin => Answers.Count > 0 && Answers[0].RoundRobin;

        /// <summary>Things worth knowing about a successful answer (shared namespaces, stale link entries, shadowed DNS records).</summary>
        public IReadOnlyList<string> Notes { get; }
    }
}
