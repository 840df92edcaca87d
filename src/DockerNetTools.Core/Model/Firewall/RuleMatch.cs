using System.Collections.Generic;
using System.Net;

namespace DockerNetTools.Model
{
    /// <summary>What one match of a rule tests.</summary>
    public enum RuleMatchKind
    {
        /// <summary>-s address[/mask]</summary>
        Source,
        /// <summary>-d address[/mask]</summary>
        Destination,
        /// <summary>-i name (a trailing + matches every name with that prefix)</summary>
        InInterface,
        /// <summary>-o name</summary>
        OutInterface,
        /// <summary>-p tcp|udp|icmp|…|number</summary>
        Protocol,
        /// <summary>--sport (tcp/udp) or multiport --sports</summary>
        SourcePort,
        /// <summary>--dport (tcp/udp) or multiport --dports</summary>
        DestinationPort,
        /// <summary>multiport --ports: the source or the destination port</summary>
        EitherPort,
        /// <summary>-m conntrack --ctstate or -m state --state</summary>
        ConnectionState,
        /// <summary>-m addrtype --dst-type</summary>
        DestinationAddressType,
        /// <summary>-m addrtype --src-type</summary>
        SourceAddressType,
        /// <summary>-m comment, and module loads that test nothing by themselves (-m tcp, -m udp, -m multiport …)</summary>
        NoTest,
        /// <summary>A match the evaluator does not model (-m set, -m mark, -m bpf, -m limit, …): it is never guessed.</summary>
        Unknown,
    }

    /// <summary>One match of a rule, parsed; <see cref="Text"/> is its words as the rule printed them.</summary>
    public sealed class RuleMatch
    {
        public RuleMatch(RuleMatchKind kind, bool negated, string text)
        {
            Kind = kind;
            Negated = negated;
            Text = text;
        }

        public RuleMatchKind Kind { get; }

        /// <summary>The match is inverted ("! -s 10.0.0.0/8").</summary>
        public bool Negated { get; }

        /// <summary>The words of this match, e.g. "! -o docker0" or "-m set --match-set blocked src".</summary>
        public string Text { get; }

        private IPAddress? _address;
        private byte[]? _mask;
        private byte[]? _maskedNetwork;

        /// <summary>The address of -s/-d.</summary>
        public IPAddress? Address
        {
            get => _address;
            set
            {
                _address = value;
                _maskedNetwork = null;
            }
        }

        /// <summary>The mask of -s/-d (as bytes, so a non-contiguous mask iptables accepts still works).</summary>
        public byte[]? Mask
        {
            get => _mask;
            set
            {
                _mask = value;
                _maskedNetwork = null;
            }
        }

        /// <summary>
        /// <see cref="Address"/>'s bytes with <see cref="Mask"/> applied, worked out once for every packet the rule sees; null
        /// when the two differ in length (such a match holds for no address).
        /// </summary>
        internal byte[]? MaskedNetwork()
        {
            if (_maskedNetwork != null) return _maskedNetwork;
            if (_address == null || _mask == null) return null;
            var network = _address.GetAddressBytes();
            if (network.Length != _mask.Length) return null;
            for (var i = 0; i < network.Length; i++) network[i] &= _mask[i];
            return _maskedNetwork = network;
        }

        /// <summary>The interface name of -i/-o, without a trailing '+'.</summary>
        public string? Interface { get; set; }

        /// <summary>-i/-o ended in '+': every interface whose name starts with <see cref="Interface"/>.</summary>
        public bool InterfacePrefix { get; set; }

        /// <summary>The protocol of -p, lower case ("tcp", "udp", "icmp", "all", or a number).</summary>
        public string? Protocol { get; set; }

        /// <summary>Port ranges of --sport/--dport/multiport, inclusive.</summary>
        public IReadOnlyList<(int Low, int High)> Ports { get; set; } = System.Array.Empty<(int, int)>();

        /// <summary>States (NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED, …) or address types (LOCAL, UNICAST, …), upper case.</summary>
        public IReadOnlyList<string> Names { get; set; } = System.Array.Empty<string>();

        public override string ToString() => Text;
    }

    /// <summary>What a rule does when it matches: -j/-g and the target's options.</summary>
    public sealed class RuleTarget
    {
        public RuleTarget(string? name, bool isGoto, IReadOnlyDictionary<string, string> options, string text)
        {
            Name = name;
            IsGoto = isGoto;
            Options = options;
            Text = text;
        }

        /// <summary>ACCEPT, DROP, REJECT, RETURN, DNAT, SNAT, MASQUERADE, LOG, a user chain …; null for a rule with no target (it only counts).</summary>
        public string? Name { get; }

        /// <summary>-g (goto): the chain is entered without a way back, so its end returns from the caller.</summary>
        public bool IsGoto { get; }

        /// <summary>The target's options, e.g. "--to-destination" → "172.17.0.2:80".</summary>
        public IReadOnlyDictionary<string, string> Options { get; }

        /// <summary>The words of the target, e.g. "-j DNAT --to-destination 172.17.0.2:80".</summary>
        public string Text { get; }

        public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;
    }
}
