using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>The question being answered, and the notes gathered while answering it.</summary>
    internal sealed class Lookup
    {
        public Lookup(DockerHostModel model, ContainerInfo from, string asked, string query, RecordType type)
        {
            Model = model;
            From = from;
            Asked = asked;
            Query = query;
            Type = type;
        }

        public DockerHostModel Model { get; }
        public ContainerInfo From { get; }

        /// <summary>The name exactly as given (for the output).</summary>
        public string Asked { get; }

        /// <summary>The name without a trailing dot (for matching).</summary>
        public string Query { get; }

        public RecordType Type { get; }
        public AddressFamily Family => Type == RecordType.AAAA ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        public List<string> Notes { get; } = new List<string>();

        public NameAnswer Answer(IPAddress address, string? container, string? network, NameSource source, RecordKind kind) =>
            new NameAnswer(Asked, From.Name, address, container, network, source, kind);

        public NameResolution Succeed(IReadOnlyList<NameAnswer> answers) =>
            new NameResolution(Asked, From.Name, Type, answers, NameResolutionFailure.None, null, null, Notes);

        public NameResolution Fail(NameResolutionFailure failure, string reason, string? remedy) =>
            new NameResolution(Asked, From.Name, Type, Array.Empty<NameAnswer>(), failure, reason, remedy, Notes);
    }
}
