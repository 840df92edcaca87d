using System;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;

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
                throw new DockerNetException(ErrorIds.ReachabilitySourceMissing, ErrorKind.InvalidArgument, ErrorMessages.ReachabilitySourceMissing, source);
            if (string.IsNullOrWhiteSpace(destination))
                throw new DockerNetException(ErrorIds.ReachabilityDestinationMissing, ErrorKind.InvalidArgument, ErrorMessages.ReachabilityDestinationMissing, destination);
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
                throw new DockerNetException(ErrorIds.ReachabilityPortInvalid, ErrorKind.InvalidArgument,
                    ErrorText.Format(ErrorMessages.ReachabilityPortInvalid, port.Value), port.Value);

            var effective = protocol ?? (port.HasValue ? ReachabilityProtocol.Tcp : ReachabilityProtocol.Icmp);
            if (effective == ReachabilityProtocol.Icmp && port.HasValue)
                throw new DockerNetException(ErrorIds.ReachabilityPortWithIcmp, ErrorKind.InvalidArgument,
                    ErrorText.Format(ErrorMessages.ReachabilityPortWithIcmp, port.Value), port.Value);
            if (effective != ReachabilityProtocol.Icmp && !port.HasValue)
                throw new DockerNetException(ErrorIds.ReachabilityPortMissing, ErrorKind.InvalidArgument,
                    ErrorText.Format(ErrorMessages.ReachabilityPortMissing, effective), effective);
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
