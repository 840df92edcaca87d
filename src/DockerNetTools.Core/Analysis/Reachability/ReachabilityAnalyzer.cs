using System;
using System.Globalization;
using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.Resources;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>
    /// Predicts whether a packet from one container gets to a destination on a modelled Docker host, the way Linux and
    /// Docker's packet filter rules would treat it, and says why, what to do, and which way it went.
    /// </summary>
    public static class ReachabilityAnalyzer
    {
        /// <summary>Analyses one query. Throws DockerNetException ContainerNotFound when the source does not exist.</summary>
        public static ReachabilityResult Analyze(DockerHostModel model, ReachabilityQuery query) =>
            Analyze(model, query, DnsNameResolver.Instance);

        internal static ReachabilityResult Analyze(DockerHostModel model, ReachabilityQuery query, IDestinationNameResolver resolver)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            if (query == null) throw new ArgumentNullException(nameof(query));
            var source = ContainerLookup.Require(model, query.Source);
            return Run(model, query, source, resolver).ToResult(query);
        }

        private static ResultDraft Run(DockerHostModel model, ReachabilityQuery query, ContainerInfo source, IDestinationNameResolver resolver)
        {
            if (!source.IsRunning)
                return NotRunning(source, source.Name + " is " + State(source) + ": a container that is not running has no network namespace, so it sends nothing.");

            var sourceNs = NetNamespace.Of(model, source);
            if (sourceNs.Kind == NamespaceKind.Missing)
                return new ResultDraft(ReachabilityVerdict.NoNetwork,
                    source.Name + " joins the network namespace of '" + source.NetworkMode.Target + "' (" + source.NetworkMode + "), which does not exist on " + model.Source + ".");
            if (sourceNs.Owner != null && !sourceNs.Owner.IsRunning)
                return NotRunning(sourceNs.Owner, source.Name + " uses " + sourceNs.Owner.Name + "'s network namespace (" + source.NetworkMode + "), and "
                                                  + sourceNs.Owner.Name + " is " + State(sourceNs.Owner) + ", so there is no namespace to send from.");

            var ctx = new RunContext(model, query, source, sourceNs);
            var resolved = ResolveDestination(ctx, resolver, out var failure, out var resolvedCount);
            if (resolved == null) return failure!;

            var draft = Dispatch(ctx, resolved);
            if (resolved.ResolvedVia != null)
            {
                var many = resolvedCount > 1 ? " (one of " + resolvedCount + " addresses; Docker's DNS round-robins them)" : string.Empty;
                draft.Reason = "'" + query.Destination + "' resolves to " + resolved.Address + " in " + source.Name + " via " + resolved.ResolvedVia + many + ". " + draft.Reason;
                var shadowed = resolved.ShadowedContainer;
                if (shadowed != null && !ReferenceEquals(shadowed, resolved.Container))
                    draft.Reason += " Note: container " + shadowed.Name + Where(shadowed) + " has that name too, but " + source.Name
                                    + "'s resolver answers with " + (resolved.Container?.Name ?? resolved.Address?.ToString()) + "; to test " + shadowed.Name
                                    + " itself, give its id (" + shadowed.ShortId + ") or address.";
            }
            else if (resolved.Kind == TargetKind.Container && resolved.Address == null && draft.Reachable && draft.NetworkUsed != "loopback")
            {
                AddNameNote(ctx, resolver, draft);
            }
            return draft;
        }

        /// <summary>
        /// An address is taken as typed; a name is looked up the way the source's resolver would (so an alias that shadows
        /// another container's name leads where the application's connection really goes); a container name that does
        /// not resolve from the source still names that container, whose reachability is then analysed.
        /// </summary>
        private static DestinationTarget? ResolveDestination(RunContext ctx, IDestinationNameResolver resolver, out ResultDraft? failure, out int count)
        {
            failure = null;
            count = 1;
            var text = ctx.Query.Destination;
            var unbracketed = text.Length > 2 && text[0] == '[' && text[text.Length - 1] == ']' ? text.Substring(1, text.Length - 2) : text;
            if (AddressText.TryParseIP(unbracketed, out var address)) return AddressOwners.Find(ctx.Model, address);
            if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase)) return DestinationTarget.ForLoopback(IPAddress.Loopback);

            var container = ctx.Model.FindContainer(text);
            if (container == null) RejectMalformedAddress(text);
            else if (Dns.NameClaims.Of(ctx.Model).OnlyLeadsTo(text, container, ctx.SourceNs.Owner ?? ctx.Source))
                return DestinationTarget.ForContainer(container);

            // A miss on a container's name is not the answer (the container is), so its explanation is not worked out here.
            var lookup = resolver.Resolve(ctx.Model, ctx.Source, text, explainFailure: container == null);
            if (lookup.Resolved)
            {
                if (container != null && lookup.Answers.Any(a => ReferenceEquals(a.Container, container)))
                    return DestinationTarget.ForContainer(container);
                count = lookup.Answers.Count;
                var first = lookup.Answers[0];
                return AddressOwners.Find(ctx.Model, first.Address).WithResolution(first.Via, container);
            }
            if (container != null) return DestinationTarget.ForContainer(container);

            failure = new ResultDraft(ReachabilityVerdict.NameNotResolved, lookup.FailureReason ?? "'" + text + "' does not resolve in " + ctx.Source.Name + ".", lookup.Remedy);
            failure.Path.Add(Hops.Host(ctx.Source.Name + " resolver", null, "no answer for '" + text + "' (/etc/hosts, then Docker's embedded DNS 127.0.0.11)"));
            return null;
        }

        /// <summary>
        /// Text that is neither a valid address nor a possible name is bad input, not a DNS miss: address:port and
        /// name:port get the same test with -Port; a name no resolver can ask for (a blank, an empty label) says why.
        /// </summary>
        private static void RejectMalformedAddress(string text)
        {
            string? problem = null;
            string? action = null;
            var colon = text.LastIndexOf(':');
            var port = colon > 0 ? text.Substring(colon + 1) : string.Empty;
            var host = colon > 0 ? text.Substring(0, colon) : string.Empty;
            if (colon > 0 && (AddressText.TryParseIPv4(host, out _) || text.StartsWith("[", StringComparison.Ordinal)))
                problem = ErrorText.Format(ErrorMessages.ReachabilityDestinationAddressAndPort, text, host.Trim('[', ']'), port);
            else if (colon > 0 && host.IndexOf(':') < 0 && IsPortNumber(port) && Dns.DnsNames.Problem(host) == null)
                problem = ErrorText.Format(ErrorMessages.ReachabilityDestinationNameAndPort, text, host, port);
            else if (colon >= 0)
                problem = ErrorText.Format(ErrorMessages.ReachabilityDestinationColon, text);
            else if (text.IndexOf('.') >= 0 && text.All(c => c == '.' || (c >= '0' && c <= '9')))
                problem = ErrorText.Format(ErrorMessages.ReachabilityDestinationNotIPv4, text);
            else if (Dns.DnsNames.Problem(text) is { } invalid)
                (problem, action) = invalid;
            if (problem != null)
                throw new DockerNetException(ErrorIds.ReachabilityDestinationInvalid, ErrorKind.InvalidArgument, problem, text) { RecommendedAction = action };
        }

        private static bool IsPortNumber(string text) =>
            text.Length > 0 && text.Length <= 5 && text.All(c => c >= '0' && c <= '9') && int.Parse(text, CultureInfo.InvariantCulture) is var n && n >= 1 && n <= 65535;

        private static ResultDraft Dispatch(RunContext ctx, DestinationTarget target)
        {
            switch (target.Kind)
            {
                case TargetKind.Loopback:
                    return OwnAddress(ctx, target.Address ?? IPAddress.Loopback);
                case TargetKind.Outside:
                    if (ctx.SourceNs.Kind == NamespaceKind.None) return NoneSource(ctx);
                    return EgressPaths.ToOutside(ctx, target.Address!);
                case TargetKind.UnusedAddress:
                    if (ctx.SourceNs.Kind == NamespaceKind.None) return NoneSource(ctx);
                    return SubnetOverlap.Explain(ctx, target.Network!, target.Address!, new ResultDraft(ReachabilityVerdict.NoSuchAddress,
                        "No container on network " + target.Network!.Name + " (" + SubnetOf(target.Network, target.Address) + ") holds " + target.Address
                        + ", so nothing answers there (" + (IsV6(target.Address) ? "neighbour discovery" : "ARP") + " gets no reply); check the address with Get-DockerNetTopology.")
                    { Address = target.Address, NetworkUsed = target.Network.Name });
                case TargetKind.Host:
                    if (ctx.SourceNs.Kind == NamespaceKind.Host) return OwnAddress(ctx, target.Address ?? IPAddress.Loopback);
                    if (ctx.SourceNs.Kind == NamespaceKind.None) return NoneSource(ctx);
                    return HostPaths.ToHost(ctx, target.Address, target.Network, null);
                default:
                    return ToContainer(ctx, target);
            }
        }

        /// <summary>The source dials an address of its own namespace: a port the host publishes takes it first (host namespace only), else a local socket.</summary>
        private static ResultDraft OwnAddress(RunContext ctx, IPAddress address) =>
            HostPaths.FromHostToPublishedPort(ctx, address) ?? Loopback.Same(ctx, null, address);

        private static ResultDraft ToContainer(RunContext ctx, DestinationTarget target)
        {
            var destination = target.Container!;
            ResultDraft Named(ResultDraft d)
            {
                d.DestinationContainer = destination.Name;
                d.Address ??= target.Address;
                return d;
            }

            if (!destination.IsRunning)
                return Named(NotRunning(destination, destination.Name + " is " + State(destination) + ": a container that is not running has no network namespace, so nothing answers"
                                                     + (target.Address != null ? " at " + target.Address : string.Empty) + "."));
            var ns = NetNamespace.Of(ctx.Model, destination);
            if (ns.Kind == NamespaceKind.Missing)
                return Named(new ResultDraft(ReachabilityVerdict.NoNetwork,
                    destination.Name + " joins the namespace of '" + destination.NetworkMode.Target + "', which does not exist, so it has no network."));
            if (ns.Owner != null && !ns.Owner.IsRunning)
                return Named(NotRunning(ns.Owner, destination.Name + " uses " + ns.Owner.Name + "'s network namespace (" + destination.NetworkMode + "), and "
                                                  + ns.Owner.Name + " is " + State(ns.Owner) + "."));

            if (ns.SameAs(ctx.SourceNs))
                return Named(Loopback.Same(ctx, destination, target.Address ?? IPAddress.Loopback));
            if (ctx.SourceNs.Kind == NamespaceKind.None) return Named(NoneSource(ctx));
            if (ns.Kind == NamespaceKind.None)
                return Named(new ResultDraft(ReachabilityVerdict.NoNetwork,
                    destination.Name + (ns.Owner != destination ? " (in " + ns.Label + ")" : string.Empty)
                    + " uses --network none: it has only a loopback interface, so nothing outside it can reach it.",
                    Recreate(ns.Owner!)));
            if (ns.Kind == NamespaceKind.Host)
                return Named(HostPaths.ToHost(ctx, target.Address, null, destination));
            if (ctx.SourceNs.Kind == NamespaceKind.Host)
                return Named(HostPaths.FromHost(ctx, destination, ns, target.Endpoint));
            return Named(ContainerPaths.Between(ctx, destination, ns, target.Endpoint, target.Address));
        }

        private static void AddNameNote(RunContext ctx, IDestinationNameResolver resolver, ResultDraft draft)
        {
            var lookup = resolver.Resolve(ctx.Model, ctx.Source, ctx.Query.Destination);
            if (lookup.Resolved || lookup.FailureReason == null) return;
            draft.Reason += " Note: " + lookup.FailureReason.TrimEnd('.') + "; from " + ctx.Source.Name + " use " + draft.Address + ".";
        }

        private static bool IsV6(IPAddress? address) =>
            address != null && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6;

        /// <summary>The network's subnet of the address's family (its IPv6 subnet for an IPv6 address).</summary>
        private static string SubnetOf(NetworkInfo network, IPAddress? address) =>
            IsV6(address) ? network.Subnet6?.ToString() ?? string.Empty : network.Subnet?.ToString() ?? string.Empty;

        private static string Where(ContainerInfo container)
        {
            var networks = container.Endpoints.Select(e => e.NetworkName).Where(n => !string.IsNullOrEmpty(n)).ToList();
            return networks.Count == 0 ? string.Empty : " (on " + string.Join(", ", networks) + ")";
        }

        internal static ResultDraft NoneSource(RunContext ctx) =>
            new ResultDraft(ReachabilityVerdict.NoNetwork,
                ctx.Source.Name + (ctx.SourceNs.Owner != ctx.Source ? " (in " + ctx.SourceNs.Label + ")" : string.Empty)
                + " uses --network none: it has only a loopback interface, so it can reach nothing but itself.",
                Recreate(ctx.SourceNs.Owner!))
            {
                NetworkUsed = "none",
            }.WithPath(new[] { new ReachabilityHop(HopKind.Interface, ctx.Source.Name + " lo", IPAddress.Loopback, "the only interface; there is no route to anything else") });

        /// <summary>docker network connect refuses a container in none mode, so the fix is to recreate it on a network.</summary>
        internal static string Recreate(ContainerInfo container) =>
            "docker rm -f " + container.Name + " && docker run -d --name " + container.Name + " --network bridge "
            + (string.IsNullOrEmpty(container.Image) ? "<image>" : container.Image);

        private static ResultDraft NotRunning(ContainerInfo stopped, string reason) =>
            new ResultDraft(ReachabilityVerdict.NotRunning, reason, "docker start " + stopped.Name);

        private static string State(ContainerInfo container) => container.State.ToString().ToLowerInvariant();
    }
}
