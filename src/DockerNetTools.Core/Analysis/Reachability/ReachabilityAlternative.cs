using System.Net;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>Another way to reach the destination that does work, e.g. a published port through the source's gateway.</summary>
    public sealed class ReachabilityAlternative
    {
        public ReachabilityAlternative(IPAddress address, int? port, string via, string description)
        {
            AddressValue = address;
            Port = port;
            Via = via;
            Description = description;
        }

        /// <summary>The address to use from the source (a gateway, the host's address, or another endpoint of the destination).</summary>
        public string Address => AddressValue.ToString();

        internal IPAddress AddressValue { get; }

        public int? Port { get; }

        /// <summary>How the packet gets through: "docker-proxy", "DNAT", or the network name.</summary>
        public string Via { get; }

        public string Description { get; }

        /// <summary>"172.17.0.1:8001 (published 8001->80 via docker-proxy)".</summary>
        public override string ToString() =>
            Address + (Port.HasValue ? ":" + Port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty) + " (" + Description + ")";
    }
}
