using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Contract
{
    /// <summary>
    /// Checks a network contract against a host model, one result per expectation, each through the analysis that
    /// answers it (reachability, name resolution, published ports), whose reason it quotes. An expectation the model
    /// cannot answer (a container it does not have) fails with that error's message; it never stops the others.
    /// </summary>
    public static class ContractEvaluator
    {
        public static IEnumerable<ContractResult> Evaluate(DockerHostModel model, NetworkContract contract)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            if (contract == null) throw new ArgumentNullException(nameof(contract));
            return contract.Expectations.Select(e => Evaluate(model, e));
        }

        public static ContractResult Evaluate(DockerHostModel model, ContractExpectation expectation)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            if (expectation == null) throw new ArgumentNullException(nameof(expectation));
            try
            {
                switch (expectation.Kind)
                {
                    case ContractExpectationKind.Reaches:
                    case ContractExpectationKind.NotReaches:
                        return Reach(model, expectation);
                    case ContractExpectationKind.Resolves:
                    case ContractExpectationKind.NotResolves:
                        return Resolve(model, expectation);
                    case ContractExpectationKind.Published:
                        return Published(model, expectation);
                    default:
                        return ExposedOnly(model, expectation);
                }
            }
            catch (DockerNetException ex)
            {
                return new ContractResult(expectation, Expected(expectation), ex.ErrorId, false, ex.Message, ex.RecommendedAction);
            }
        }

        private static string Expected(ContractExpectation e)
        {
            switch (e.Kind)
            {
                case ContractExpectationKind.Reaches: return nameof(ReachabilityVerdict.Reachable);
                case ContractExpectationKind.NotReaches: return "not " + nameof(ReachabilityVerdict.Reachable);
                case ContractExpectationKind.Resolves: return "resolves";
                case ContractExpectationKind.NotResolves: return "does not resolve";
                case ContractExpectationKind.Published: return e.OnlyOn.Count > 0 ? "published only on " + string.Join(", ", e.OnlyOn.Select(a => a.ToString())) : "published";
                default: return e.AllowedPorts.Count > 0 ? "exposed outside the host: only " + string.Join(", ", e.AllowedPorts.Select(p => p.ToString(CultureInfo.InvariantCulture))) : "nothing exposed outside the host";
            }
        }

        private static ContractResult Reach(DockerHostModel model, ContractExpectation e)
        {
            var result = ReachabilityAnalyzer.Analyze(model, new ReachabilityQuery(e.From!, e.Target!, e.Port, e.Protocol));
            var actual = result.Verdict.ToString();
            if (result.AddressVerdictValue.HasValue && result.AddressVerdictValue != result.VerdictValue)
                actual += " (by address: " + result.AddressVerdictValue.Value + ")";
            if (e.Kind == ContractExpectationKind.Reaches)
                return new ContractResult(e, Expected(e), actual, result.VerdictValue == ReachabilityVerdict.Reachable, result.Reason, result.Remedy);

            // Not reaching is about packets: a name that does not resolve stops the application, not a client that dials the address.
            var verdicts = new[] { result.VerdictValue, result.AddressVerdictValue ?? result.VerdictValue };
            if (verdicts.Contains(ReachabilityVerdict.Undetermined))
                return new ContractResult(e, Expected(e), actual, false, "The model cannot tell whether it is blocked: " + result.Reason, null);
            if (verdicts.Contains(ReachabilityVerdict.Reachable))
                return new ContractResult(e, Expected(e), actual, false,
                    result.VerdictValue == ReachabilityVerdict.Reachable ? result.Reason : "The name does not resolve, but the address does get through: " + result.Reason, null);
            return new ContractResult(e, Expected(e), actual, true, result.Reason, null);
        }

        private static ContractResult Resolve(DockerHostModel model, ContractExpectation e)
        {
            var from = ContainerLookup.Require(model, e.From!);
            var resolution = NameResolver.Resolve(model, from, e.Target!);
            var wanted = e.Kind == ContractExpectationKind.Resolves;
            if (!resolution.Resolved)
                return new ContractResult(e, Expected(e), "does not resolve", !wanted, resolution.FailureReason ?? "'" + e.Target + "' does not resolve from " + from.Name + ".", wanted ? resolution.Remedy : null);
            var addresses = string.Join(", ", resolution.Answers.Select(a => a.IPAddress.ToString()).Distinct(StringComparer.Ordinal));
            var owners = resolution.Answers.Select(a => a.Container).Where(c => c != null).Distinct(StringComparer.Ordinal).ToList();
            var reason = "'" + e.Target + "' resolves from " + from.Name + " to " + addresses
                         + (owners.Count > 0 ? " (" + string.Join(", ", owners) + ")" : string.Empty)
                         + " through " + string.Join(" and ", resolution.Answers.Select(a => Source(a.SourceValue)).Distinct(StringComparer.Ordinal)) + ".";
            return new ContractResult(e, Expected(e), "resolves to " + addresses, wanted, reason, null);
        }

        private static string Source(NameSource source) => source == NameSource.EmbeddedDns ? "Docker's embedded DNS" : source == NameSource.HostsFile ? "its /etc/hosts" : source.ToString();

        /// <summary>The bindings Docker holds on the host now: running containers on networks where it publishes ports.</summary>
        private static List<PortBindingReport> Active(DockerHostModel model) =>
            PortBindingInspector.Inspect(model, model.Containers).Where(r => PortBindingInspector.HoldsHostPort(r.StatusValue)).ToList();

        private static string Describe(PortBindingReport r) =>
            r.Host + "/" + r.Protocol.ToString().ToLowerInvariant() + " (" + r.Container + ")";

        private static ContractResult Published(DockerHostModel model, ContractExpectation e)
        {
            var bindings = Active(model).Where(r => r.HostPort == e.Port && r.ProtocolValue == e.Transport).ToList();
            if (bindings.Count == 0)
                return new ContractResult(e, Expected(e), "not published", false,
                    "No running container publishes host port " + e.HostService + ".", null);
            var actual = string.Join(", ", bindings.Select(Describe));
            var outside = bindings.Where(r => e.OnlyOn.Count > 0 && !e.OnlyOn.Any(a => PublishedAddress.SameAddress(r.HostIp, a))).ToList();
            if (outside.Count == 0)
                return new ContractResult(e, Expected(e), actual, true, "Host port " + e.HostService + " is published as " + actual + ".", null);
            return new ContractResult(e, Expected(e), actual, false,
                string.Join("; ", outside.Select(r => r.Container + " publishes host port " + e.HostService + " on " + PublishedAddress.Describe(r.HostIp)))
                + ", not only on " + string.Join(", ", e.OnlyOn.Select(a => a.ToString())) + ".",
                "Recreate " + string.Join(", ", outside.Select(r => r.Container).Distinct(StringComparer.Ordinal)) + " with -p "
                + AddressText.WithPort(e.OnlyOn[0].ToString(), e.Port!.Value.ToString(CultureInfo.InvariantCulture)) + ":" + outside[0].ContainerPort.ToString(CultureInfo.InvariantCulture) + ".");
        }

        private static ContractResult ExposedOnly(DockerHostModel model, ContractExpectation e)
        {
            var exposed = Active(model).Where(PublishedAddress.OutsideHost).ToList();
            var actual = exposed.Count == 0
                ? "nothing exposed"
                : "exposed: " + string.Join(", ", exposed.Select(r => r.HostPort.ToString(CultureInfo.InvariantCulture) + "/" + r.Protocol.ToString().ToLowerInvariant()).Distinct(StringComparer.Ordinal));
            var extra = exposed.Where(r => !e.AllowedPorts.Contains(r.HostPort)).ToList();
            if (extra.Count == 0)
                return new ContractResult(e, Expected(e), actual, true,
                    exposed.Count == 0
                        ? "No published port is bound to an address other machines reach; every binding is on a loopback address."
                        : "Exposed outside the host: " + string.Join(", ", exposed.Select(Describe)) + "; every other published port is bound to a loopback address.", null);
            return new ContractResult(e, Expected(e), actual, false,
                string.Join(", ", extra.Select(Describe)) + (extra.Count == 1 ? " is" : " are") + " exposed outside the host: "
                + "a binding on 0.0.0.0, :: or an address of the host other than loopback is reached from other machines.",
                "Publish " + (extra.Count == 1 ? "it" : "them") + " on 127.0.0.1 only (-p 127.0.0.1:<host port>:<container port>), or not at all.");
        }
    }
}
