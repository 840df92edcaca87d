using System;
using System.Linq;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>Resolves destination names with the DNS analysis (Resolve-DockerNetName), so both cmdlets agree on every name.</summary>
    internal sealed class DnsNameResolver : IDestinationNameResolver
    {
        public static readonly DnsNameResolver Instance = new DnsNameResolver();

        public NameLookup Resolve(DockerHostModel model, ContainerInfo from, string name)
        {
            var resolution = NameResolver.Resolve(model, from, name, RecordType.A);
            if (!resolution.Resolved) return new NameLookup(Array.Empty<ResolvedAddress>(), resolution.FailureReason, resolution.Remedy);
            var answers = resolution.Answers
                .Select(a => new ResolvedAddress(a.IPAddressValue, a.Container == null ? null : model.FindContainer(a.Container), a.Network, Via(a), a.SourceValue == NameSource.HostsFile))
                .ToList();
            return new NameLookup(answers, null, null);
        }

        private static string Via(Dns.NameAnswer answer)
        {
            var kind = Words(answer.RecordKindValue) + " " + answer.Name;
            return answer.SourceValue == NameSource.EmbeddedDns
                ? kind + " on " + answer.Network + " (embedded DNS " + NameResolver.EmbeddedDnsServer + ")"
                : NameResolver.HostsFilePath + " (" + kind + ")";
        }

        private static string Words(RecordKind kind)
        {
            switch (kind)
            {
                case RecordKind.ContainerName: return "container name";
                case RecordKind.ShortId: return "short id";
                case RecordKind.Link: return "--link";
                case RecordKind.ExtraHost: return "--add-host";
                default: return kind.ToString().ToLowerInvariant();
            }
        }
    }
}
