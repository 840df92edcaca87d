using System.Collections.Generic;
using System.Net;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>One line of a container's /etc/hosts: an address and the names on it, with why each name is there.</summary>
    public sealed class HostsFileEntry
    {
        public HostsFileEntry(IPAddress address, IReadOnlyList<string> names, IReadOnlyList<RecordKind> kinds, string? container, string? network)
        {
            Address = address;
            Names = names;
            Kinds = kinds;
            Container = container;
            Network = network;
        }

        public IPAddress Address { get; }

        /// <summary>The names on the line, in the order Docker writes them.</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>Parallel to <see cref="Names"/>.</summary>
        public IReadOnlyList<RecordKind> Kinds { get; }

        /// <summary>The container the address belongs to, if any.</summary>
        public string? Container { get; }

        public string? Network { get; }

        /// <summary>The line as it appears in the file.</summary>
        public override string ToString() => Address + "\t" + string.Join(" ", Names);
    }
}
