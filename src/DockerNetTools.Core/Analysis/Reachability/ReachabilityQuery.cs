using System;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>One question: can <see cref="Source"/> reach <see cref="Destination"/> (on <see cref="Port"/>)?</summary>
    public sealed class ReachabilityQuery
    {
        /// <param name="source">Container name or id the packet starts in.</param>
        /// <param name="destination">Container name or id, IP address, or a name to resolve from the source.</param>
        /// <param name="port">Destination port; null tests plain reachability (ICMP).</param>
        /// <param name="protocol">Tcp, Udp or Icmp; null means Tcp when a port is given, else Icmp.</param>
        public ReachabilityQuery(string source, string destination, int? port = null, ReachabilityProtocol? protocol = null)
        {
            if (string.IsNullOrWhiteSpace(source))
                throw new DockerNetException("ReachabilitySourceMissing", ErrorKind.InvalidArgument, "A source container is required.", source);
            if (string.IsNullOrWhiteSpace(destination))
                throw new DockerNetException("ReachabilityDestinationMissing", ErrorKind.InvalidArgument, "A destination (container, IP address or name) is required.", destination);
            var effective = Validate(port, protocol);
            Source = source.Trim();
            Destination = destination.Trim();
            Port = port;
            Protocol = effective;
        }

        /// <summary>
        /// Checks a port and protocol before any source or destination is known (a cmdlet stops on a wrong combination before
        /// reading the host) and returns the protocol a query with them would use: Tcp when a port is given, else Icmp.
        /// </summary>
        public static ReachabilityProtocol Validate(int? port, ReachabilityProtocol? protocol)
        {
            if (port.HasValue && (port.Value < 1 || port.Value > 65535))
                throw new DockerNetException("ReachabilityPortInvalid", ErrorKind.InvalidArgument,
                    "Port " + port.Value + " is outside 1-65535.", port.Value);

            var effective = protocol ?? (port.HasValue ? ReachabilityProtocol.Tcp : ReachabilityProtocol.Icmp);
            if (effective == ReachabilityProtocol.Icmp && port.HasValue)
                throw new DockerNetException("ReachabilityPortWithIcmp", ErrorKind.InvalidArgument,
                    "ICMP has no ports: drop -Port, or use -Protocol Tcp or Udp with port " + port.Value + ".", port.Value);
            if (effective != ReachabilityProtocol.Icmp && !port.HasValue)
                throw new DockerNetException("ReachabilityPortMissing", ErrorKind.InvalidArgument,
                    "-Protocol " + effective + " needs a -Port to test.", effective);
            return effective;
        }

        public string Source { get; }
        public string Destination { get; }
        public int? Port { get; }
        public ReachabilityProtocol Protocol { get; }

        /// <summary>"tcp/3306", "udp/53" or "icmp".</summary>
        public string ServiceText => Port.HasValue
            ? Protocol.ToString().ToLowerInvariant() + "/" + Port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "icmp";

        public override string ToString() => Source + " -> " + Destination + " " + ServiceText;
    }
}
