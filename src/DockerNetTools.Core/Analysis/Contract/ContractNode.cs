using System;
using System.Collections.Generic;

namespace DockerNetTools.Analysis.Contract
{
    /// <summary>What a <see cref="ContractNode"/> holds.</summary>
    public enum ContractNodeKind
    {
        Scalar,
        List,
        Map,
    }

    /// <summary>
    /// A contract file after its own syntax: plain maps, lists and scalars, each with the line and column it was written at.
    /// YAML files become these in the core (<see cref="ContractReader.ParseYaml"/>); PowerShell data files (.psd1) in the
    /// cmdlet layer, which owns PowerShell's parser. <see cref="ContractReader.Read"/> turns either into a contract.
    /// </summary>
    public sealed class ContractNode
    {
        private static readonly IReadOnlyList<ContractNode> NoItems = Array.Empty<ContractNode>();
        private static readonly IReadOnlyList<KeyValuePair<ContractNode, ContractNode>> NoEntries = Array.Empty<KeyValuePair<ContractNode, ContractNode>>();

        private ContractNode(ContractNodeKind kind, string? value, IReadOnlyList<ContractNode> items,
            IReadOnlyList<KeyValuePair<ContractNode, ContractNode>> entries, int line, int column)
        {
            Kind = kind;
            Value = value;
            Items = items;
            Entries = entries;
            Line = line;
            Column = column;
        }

        /// <summary>A string, number or boolean as text (invariant culture); null for null.</summary>
        public static ContractNode Scalar(string? value, int line, int column) =>
            new ContractNode(ContractNodeKind.Scalar, value, NoItems, NoEntries, line, column);

        public static ContractNode List(IReadOnlyList<ContractNode> items, int line, int column) =>
            new ContractNode(ContractNodeKind.List, null, items ?? throw new ArgumentNullException(nameof(items)), NoEntries, line, column);

        /// <summary>A map; each key is a scalar node (so an error about a key can point at it).</summary>
        public static ContractNode Map(IReadOnlyList<KeyValuePair<ContractNode, ContractNode>> entries, int line, int column) =>
            new ContractNode(ContractNodeKind.Map, null, NoItems, entries ?? throw new ArgumentNullException(nameof(entries)), line, column);

        public ContractNodeKind Kind { get; }

        /// <summary>The scalar's text; null for null and for lists and maps.</summary>
        public string? Value { get; }

        public IReadOnlyList<ContractNode> Items { get; }
        public IReadOnlyList<KeyValuePair<ContractNode, ContractNode>> Entries { get; }

        /// <summary>1-based line of the node in its file.</summary>
        public int Line { get; }

        /// <summary>1-based column of the node in its file.</summary>
        public int Column { get; }

        public override string ToString() => Kind == ContractNodeKind.Scalar ? Value ?? string.Empty : Kind.ToString();
    }
}
