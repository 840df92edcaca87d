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
            IPAddressValue = ipAddress;
            Container = container;
            Network = network;
            SourceValue = source;
            RecordKindValue = recordKind;
        }

        /// <summary>The name as asked.</summary>
        public string Name { get; }

        /// <summary>The container that asked.</summary>
        public string From { get; }

        public string IPAddress => IPAddressValue.ToString();

        internal System.Net.IPAddress IPAddressValue { get; }

        /// <summary>The container the address belongs to (null for --add-host entries and localhost).</summary>
        public string? Container { get; }

        /// <summary>The network the record lives on (embedded DNS), or the network of the address (hosts file), when known.</summary>
        public string? Network { get; }

        /// <summary>A <see cref="NameSource"/> name: EmbeddedDns or HostsFile.</summary>
        public string Source => SourceValue.ToString();

        internal NameSource SourceValue { get; }

        /// <summary>A <see cref="Dns.RecordKind"/> name: what made the record (ContainerName, Alias, Hostname, …).</summary>
        public string RecordKind => RecordKindValue.ToString();

        internal RecordKind RecordKindValue { get; }

        /// <summary>True when the embedded DNS holds several addresses for the name and rotates their order on each query.</summary>
        public bool RoundRobin { get; private set; }

        internal NameAnswer AsRoundRobin()
        {
            RoundRobin = true;
            return this;
        }

        /// <summary>127.0.0.11 for the embedded DNS, /etc/hosts for the hosts file.</summary>
        public string Server => SourceValue == NameSource.EmbeddedDns ? NameResolver.EmbeddedDnsServer : NameResolver.HostsFilePath;

        public override string ToString() => Name + " -> " + IPAddress + " (" + Server + ")";
    }
}
