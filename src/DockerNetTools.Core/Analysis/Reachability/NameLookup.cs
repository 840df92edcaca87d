using System.Collections.Generic;
using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>One address a name resolves to inside the source container, and where the answer came from.</summary>
    internal sealed class ResolvedAddress
    {
        public ResolvedAddress(IPAddress address, ContainerInfo? container, string? network, string via, bool fromHostsFile)
        {
            FromHostsFile = fromHostsFile;
            Address = address;
            Container = container;
            Network = network;
            Via = via;
        }

        public IPAddress Address { get; }
        public ContainerInfo? Container { get; }
        public string? Network { get; }

        /// <summary>"alias sqll on bridgetest (embedded DNS 127.0.0.11)", "/etc/hosts (--link linktest1)".</summary>
        public string Via { get; }

        /// <summary>True when the answer came from the source's /etc/hosts (--link, --add-host) rather than the embedded DNS.</summary>
        public bool FromHostsFile { get; }
    }

    /// <summary>What a name lookup from a container gave: answers, or why there are none and what would fix it.</summary>
    internal sealed class NameLookup
    {
        public NameLookup(IReadOnlyList<ResolvedAddress> answers, string? failureReason, string? remedy)
        {
            Answers = answers;
            FailureReason = failureReason;
            Remedy = remedy;
        }

        public IReadOnlyList<ResolvedAddress> Answers { get; }
        public string? FailureReason { get; }
        public string? Remedy { get; }
        public bool Resolved => Answers.Count > 0;
    }

    /// <summary>Resolves a name the way the source container's resolver would; DnsNameResolver adapts the DNS analysis.</summary>
    internal interface IDestinationNameResolver
    {
        NameLookup Resolve(DockerHostModel model, ContainerInfo from, string name);
    }
}
