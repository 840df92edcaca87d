namespace DockerNetTools.Analysis.Contract
{
    /// <summary>
    /// One expectation of a network contract, checked: what it expects, what the analysis found, whether that passes and why.
    /// Every property is text, a number or a boolean, so `ConvertTo-Json` and `Export-Csv` give them as they read.
    /// </summary>
    public sealed class ContractResult
    {
        internal ContractResult(ContractExpectation expectation, string expected, string actual, bool passed, string reason, string? remedy)
        {
            Expectation = expectation.Text;
            Kind = expectation.Kind.ToString();
            Location = expectation.Location;
            Line = expectation.Line;
            Expected = expected;
            Actual = actual;
            Passed = passed;
            Reason = reason;
            Remedy = remedy;
        }

        /// <summary>The expectation in words ("web reaches db on tcp/5432"), or its `name` in the file.</summary>
        public string Expectation { get; }

        /// <summary>Reaches, NotReaches, Resolves, NotResolves, Published or ExposedOnly.</summary>
        public string Kind { get; }

        /// <summary>What the contract asks for: "Reachable", "not Reachable", "resolves", "published only on 127.0.0.1", …</summary>
        public string Expected { get; }

        /// <summary>What the analysis found: a reachability verdict, the addresses a name resolves to, the bindings of a port.</summary>
        public string Actual { get; }

        public bool Passed { get; }

        /// <summary>The analysis's own explanation (the reachability Reason, the name lookup's failure, the bindings found).</summary>
        public string Reason { get; }

        /// <summary>What would make the expectation pass, when the analysis knows.</summary>
        public string? Remedy { get; }

        /// <summary>Where the expectation is written: "contract.psd1:7:9".</summary>
        public string Location { get; }

        public int Line { get; }

        public override string ToString() => Expectation + ": " + (Passed ? "passed" : "failed (" + Actual + ")");
    }
}
