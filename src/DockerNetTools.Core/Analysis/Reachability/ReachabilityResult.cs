using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Common;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>The answer to one <see cref="ReachabilityQuery"/>: the verdict, why, what to do, and the packet's path.</summary>
    public sealed partial class ReachabilityResult
    {
        internal ReachabilityResult(
            ReachabilityQuery query,
            string? destinationContainer,
            IPAddress? destinationAddress,
            ReachabilityVerdict verdict,
            string reason,
            string? remedy,
            IReadOnlyList<ReachabilityHop> path,
            IReadOnlyList<ReachabilityAlternative> alternatives,
            string? networkUsed,
            bool? nameResolves,
            ReachabilityVerdict? addressVerdict)
        {
            Source = query.Source;
            Destination = query.Destination;
            DestinationContainer = destinationContainer;
            DestinationAddressValue = destinationAddress;
            Port = query.Port;
            ProtocolValue = query.Protocol;
            VerdictValue = verdict;
            Reason = reason;
            Remedy = remedy;
            Path = new TextList<ReachabilityHop>(path, " -> ");
            Alternatives = new TextList<ReachabilityAlternative>(alternatives, "; ");
            NetworkUsed = networkUsed;
            NameResolves = nameResolves;
            AddressVerdictValue = addressVerdict;
        }

        public string Source { get; }

        /// <summary>The destination as asked (container, address or name).</summary>
        public string Destination { get; }

        /// <summary>The container that owns the destination address, when there is one.</summary>
        public string? DestinationContainer { get; }

        /// <summary>The address the packet is sent to.</summary>
        public string? DestinationAddress => DestinationAddressValue?.ToString();

        internal IPAddress? DestinationAddressValue { get; }

        public int? Port { get; }

        /// <summary>Tcp, Udp or Icmp (a <see cref="ReachabilityProtocol"/> name).</summary>
        public string Protocol => ProtocolValue.ToString();

        internal ReachabilityProtocol ProtocolValue { get; }

        /// <summary>What was asked for, as "tcp/5432", "udp/53", or "icmp" for a ping.</summary>
        public string Service => Port.HasValue
            ? ProtocolValue.ToString().ToLowerInvariant() + "/" + Port.Value.ToString(CultureInfo.InvariantCulture)
            : "icmp";

        /// <summary>True only when the model shows the whole way, including a listener when a port was asked for.</summary>
        public bool Reachable => VerdictValue == ReachabilityVerdict.Reachable;

        /// <summary>A <see cref="ReachabilityVerdict"/> name: Reachable, Blocked, NoListener, …</summary>
        public string Verdict => VerdictValue.ToString();

        internal ReachabilityVerdict VerdictValue { get; }

        /// <summary>
        /// Whether the destination name resolves from the source, the way its application would look it up (/etc/hosts,
        /// then Docker's embedded DNS): true or false when the destination was given as a name (a container name, id,
        /// alias or hostname), null for an IP address or when the source is not running. When it is false the Verdict is
        /// NameNotResolved, whatever the address would give.
        /// </summary>
        public bool? NameResolves { get; }

        /// <summary>
        /// The verdict for the destination's address: what dialling it by address gives. The same as Verdict unless the
        /// name does not resolve (then Verdict is NameNotResolved and this says what the container's address would give);
        /// null when there is no address to judge (a name that no container holds).
        /// </summary>
        public string? AddressVerdict => AddressVerdictValue?.ToString();

        internal ReachabilityVerdict? AddressVerdictValue { get; }

        /// <summary>One sentence a person can act on.</summary>
        public string Reason { get; }

        /// <summary>The docker command that would fix it, when there is one.</summary>
        public string? Remedy { get; }

        /// <summary>The hops in order, ending where the packet is delivered or dropped.</summary>
        public IReadOnlyList<ReachabilityHop> Path { get; }

        /// <summary>
        /// The hop where the packet is dropped: the path's last hop when the verdict is Blocked (the filter rule, policy or
        /// driver restriction that drops it is in its Description); null for every other verdict.
        /// </summary>
        public ReachabilityHop? DroppedAt => VerdictValue == ReachabilityVerdict.Blocked && Path.Count > 0 ? Path[Path.Count - 1] : null;

        /// <summary>Other ways that work (published ports through a gateway, another address of the destination).</summary>
        public IReadOnlyList<ReachabilityAlternative> Alternatives { get; }

        /// <summary>The Docker network the packet travels on (the shared one when there is one).</summary>
        public string? NetworkUsed { get; }

        /// <summary>The path on one line: "ubuntuB eth0 172.17.0.3 -> veth… -> docker0 -> …".</summary>
        public string PathText => string.Join(" -> ", Path.Select(h => h.ToShortString()));

        public override string ToString() => Source + " -> " + Destination + ": " + Verdict + ". " + Reason;
    }
}
