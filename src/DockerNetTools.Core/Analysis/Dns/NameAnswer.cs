using System.Net;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>One address a container would get for a name, and where it came from.</summary>
    public sealed partial class NameAnswer
    {
        public NameAnswer(string name, string from, IPAddress ipAddress, string? container, string? network,
            NameSource source, RecordKind recordKind)
        {
            Name = name;
            From = from;
            IPAddress = ipAddress;
            Container = container;
            Network = network;
            Source = source;
            RecordKind = recordKind;
        }

        /// <summary>The name as asked.</summary>
        public string Name { get; }

        /// <summary>The container that asked.</summary>
        public string From { get; }

        public IPAddress IPAddress { get; }

        /// <summary>The container the address belongs to (null for --add-host entries and localhost).</summary>
        public string? Container { get; }

        /// <summary>The network the record lives on (embedded DNS), or the network of the address (hosts file), when known.</summary>
        public string? Network { get; }

        public NameSource Source { get; }
        public RecordKind RecordKind { get; }

        /// <summary>True when the embedded DNS holds several addresses for the name and rotates their order on each query.</summary>
        public bool RoundRobin { get; private set; }

        internal NameAnswer AsRoundRobin()
        {
            RoundRobin = true;
            return this;
        }

        /// <summary>127.0.0.11 for the embedded DNS, /etc/hosts for the hosts file.</summary>
        public string Server => Source == NameSource.EmbeddedDns ? NameResolver.EmbeddedDnsServer : NameResolver.HostsFilePath;

        public override string ToString() => Name + " -> " + IPAddress + " (" + Server + ")";
    }
}
