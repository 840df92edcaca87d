using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Contract
{
    /// <summary>What one expectation of a contract checks.</summary>
    public enum ContractExpectationKind
    {
        /// <summary>`from` reaches `reaches` (on `port`/`protocol`): the reachability verdict is Reachable.</summary>
        Reaches,

        /// <summary>`from` does not reach `notReaches`: neither by the name nor by its address.</summary>
        NotReaches,

        /// <summary>`resolves` resolves from `from` (its /etc/hosts, then Docker's embedded DNS).</summary>
        Resolves,

        /// <summary>`notResolves` does not resolve from `from`.</summary>
        NotResolves,

        /// <summary>Host port `published` is published (only on the `onlyOn` addresses, when given).</summary>
        Published,

        /// <summary>No published port is exposed outside the host but the `exposedOnly` ones.</summary>
        ExposedOnly,
    }

    /// <summary>One line of a network contract, as read from its file.</summary>
    public sealed class ContractExpectation
    {
        internal ContractExpectation(ContractExpectationKind kind, string location, int line, string? name)
        {
            Kind = kind;
            Location = location;
            Line = line;
            Name = name;
        }

        public ContractExpectationKind Kind { get; }

        /// <summary>Where it is written: "contract.psd1:7:9".</summary>
        public string Location { get; }

        public int Line { get; }

        /// <summary>The expectation's own `name`, when the file gives one.</summary>
        public string? Name { get; }

        /// <summary>The source container (reaches, notReaches, resolves, notResolves).</summary>
        public string? From { get; internal set; }

        /// <summary>The destination (container, address or name) or the name to resolve.</summary>
        public string? Target { get; internal set; }

        /// <summary>The destination port (reaches, notReaches) or the host port (published).</summary>
        public int? Port { get; internal set; }

        /// <summary>The reachability protocol (reaches, notReaches; Tcp with a port, else Icmp).</summary>
        public ReachabilityProtocol Protocol { get; internal set; }

        /// <summary>The published port's protocol (published; Tcp unless given).</summary>
        public TransportProtocol Transport { get; internal set; }

        /// <summary>The only host addresses a published port may be bound to (published); empty when not restricted.</summary>
        public IReadOnlyList<IPAddress> OnlyOn { get; internal set; } = System.Array.Empty<IPAddress>();

        /// <summary>The host ports that may be exposed outside the host (exposedOnly).</summary>
        public IReadOnlyList<int> AllowedPorts { get; internal set; } = System.Array.Empty<int>();

        /// <summary>The expectation in words: "web reaches db on tcp/5432".</summary>
        public string Text => Name ?? Describe();

        private string Describe()
        {
            var service = Port.HasValue && (Kind == ContractExpectationKind.Reaches || Kind == ContractExpectationKind.NotReaches)
                ? " on " + Protocol.ToString().ToLowerInvariant() + "/" + Port.Value.ToString(CultureInfo.InvariantCulture)
                : string.Empty;
            switch (Kind)
            {
                case ContractExpectationKind.Reaches:
                    return From + " reaches " + Target + service;
                case ContractExpectationKind.NotReaches:
                    return From + " does not reach " + Target + service;
                case ContractExpectationKind.Resolves:
                    return From + " resolves " + Target;
                case ContractExpectationKind.NotResolves:
                    return From + " does not resolve " + Target;
                case ContractExpectationKind.Published:
                    return "host port " + HostService + " is published" + (OnlyOn.Count > 0 ? " only on " + string.Join(", ", OnlyOn.Select(a => a.ToString())) : string.Empty);
                default:
                    return AllowedPorts.Count == 0
                        ? "nothing is exposed outside the host"
                        : "nothing is exposed outside the host but " + string.Join(", ", AllowedPorts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
            }
        }

        internal string HostService => (Port ?? 0).ToString(CultureInfo.InvariantCulture) + "/" + Transport.ToString().ToLowerInvariant();

        public override string ToString() => Text;
    }

    /// <summary>A network contract: the expectations of one file, in the order written.</summary>
    public sealed class NetworkContract
    {
        internal NetworkContract(string sourceName, IReadOnlyList<ContractExpectation> expectations)
        {
            SourceName = sourceName;
            Expectations = expectations;
        }

        /// <summary>The file as named in errors and locations.</summary>
        public string SourceName { get; }

        public IReadOnlyList<ContractExpectation> Expectations { get; }
    }
}
