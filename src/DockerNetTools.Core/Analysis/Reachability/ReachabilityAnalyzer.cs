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
            // A network namespace Docker did not make (host.namespaces) on either end: the kernel's way between it and the rest.
            if (NamespacePaths.TryAnswer(model, query) is ResultDraft namespaced)
            {
                if (namespaced.Verdict != ReachabilityVerdict.NameNotResolved) namespaced.AddressVerdict = namespaced.Verdict;
                return namespaced.ToResult(query);
            }
            // A client outside the host (an address of no container, network or the host): the way in, through PREROUTING.
            if (IngressPaths.IsOutsideSource(model, query.Source, out var client))
            {
                var ingress = IngressPaths.FromOutside(model, query, client);
                ingress.AddressVerdict = ingress.Verdict;
                return ingress.ToResult(query);
            }
            var source = ContainerLookup.Require(model, query.Source);
            // A Compose service given as the source is answered, and reported, as the container it stands for (web -> shop-web-1).
            if (model.FindContainer(query.Source) == null) query = new ReachabilityQuery(source.Name, query.Destination, query.Port, query.Protocol);
            var draft = Run(model, query, source, resolver);
            // What the address gives is the verdict itself unless the name stood in the way (then Run set it already).
            if (draft.Verdict != ReachabilityVerdict.NameNotResolved) draft.AddressVerdict = draft.Verdict;
            return draft.ToResult(query);
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
            // A swarm's services, tasks.<service>, VIPs and the tasks of other nodes are the swarm analysis's.
            if (sourceNs.Kind != NamespaceKind.None && Swarm.SwarmPaths.TryAnswer(ctx, query.Destination) is ResultDraft swarmDraft) return swarmDraft;
            var resolved = ResolveDestination(ctx, resolver, out var failure, out var resolvedCount);
            if (resolved == null) return failure!;

            var draft = Dispatch(ctx, resolved);
            draft.NameResolves = resolved.NameResolves;
            if (resolved.NameMiss != null) return NameMissed(ctx, resolved.NameMiss, draft);
            if (resolved.ResolvedVia != null)
            {
                var many = resolvedCount > 1 ? " (one of " + resolvedCount + " addresses; Docker's DNS round-robins them)" : string.Empty;
                draft.Reason = "'" + query.Destination + "' resolves to " + resolved.Address + " in " + source.Name + " via " + resolved.ResolvedVia + many + ". " + draft.Reason;
                var shadowed = resolved.ShadowedContainer;
                if (shadowed != null && !ReferenceEquals(shadowed, resolved.Container))
                    draft.Reason += " Note: container " + shadowed.Name + Where(shadowed) + " has that name too, but " + source.Name
                                    + "'s resolver answers with " + (resolved.Container?.Name ?? resolved.Address?.ToString()) + "; to test " + shadowed.Name
                                    + " itself, give its address.";
            }
            return draft;
        }

        /// <summary>
        /// An address is taken as typed; a name is looked up the way the source's resolver would (so an alias that shadows
        /// another container's name leads where the application's connection really goes). A container name or id that
        /// does not resolve from the source still names that container: its address is analysed, and the miss is kept
        /// for the verdict (the application fails at the lookup, before any packet).
        /// </summary>
        private static DestinationTarget? ResolveDestination(RunContext ctx, IDestinationNameResolver resolver, out ResultDraft? failure, out int count)
        {
            failure = null;
            count = 1;
            var text = ctx.Query.Destination;
            var unbracketed = text.Length > 2 && text[0] == '[' && text[text.Length - 1] == ']' ? text.Substring(1, text.Length - 2) : text;
            if (AddressText.TryParseIP(unbracketed, out var address)) return AddressOwners.Find(ctx.Model, address);
            // Docker writes "127.0.0.1 localhost" (and ::1) into every container's /etc/hosts, none and host mode included.
            if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase)) return DestinationTarget.ForLoopback(IPAddress.Loopback).Named(true);

            var container = ctx.Model.FindContainer(text);
            if (container == null) RejectMalformedAddress(text);

            // Every miss is reported (NameNotResolved), so the lookup explains one when it happens.
            NameLookup lookup;
            try
            {
                lookup = resolver.Resolve(ctx.Model, ctx.Source, text);
            }
            catch (DockerNetException invalid) when (container != null && invalid.ErrorId == ErrorIds.NameInvalid)
            {
                // A container's full id (64 characters) names the container but is no DNS name: the lookup fails in the
                // source's resolver before it asks anything, and the address is still worth an answer.
                lookup = new NameLookup(Array.Empty<ResolvedAddress>(), invalid.Message,
                    "Use the short id " + container.ShortId + " or the name '" + container.Name + "' (on a user-defined network both are on).");
            }
            if (lookup.Resolved)
            {
                count = lookup.Answers.Count;
                var first = lookup.Answers[0];
                // The embedded DNS answers with the container's address on a shared network, which the container analysis
                // picks by itself; /etc/hosts (--link, --add-host) pins one address, and the reason says where it came from.
                if (container != null && lookup.Answers.Any(a => ReferenceEquals(a.Container, container)) && !first.FromHostsFile)
                    return DestinationTarget.ForContainer(container).Named(true);
                return AddressOwners.Find(ctx.Model, first.Address).WithResolution(first.Via, container);
            }

            // A network alias (a Compose service's name among them) that does not resolve from the source still names the
            // container that holds it elsewhere, as a container name does: what its address would give is worth the answer.
            container ??= AliasHolder(ctx.Model, text);
            if (container != null) return DestinationTarget.ForContainer(container).Unresolved(lookup);

            failure = new ResultDraft(ReachabilityVerdict.NameNotResolved, DoesNotResolve(ctx, lookup), lookup.Remedy) { NameResolves = false };
            failure.Path.Add(Hops.Host(ctx.Source.Name + " resolver", null, "no answer for '" + text + "' (/etc/hosts, then Docker's embedded DNS 127.0.0.11)"));
            return null;
        }

        /// <summary>
        /// The one container a name stands for on the host although it is no container's name: a Compose service's
        /// (replica 1 of the one project that has it), else the only container with that network alias; null when none or several.
        /// </summary>
        private static ContainerInfo? AliasHolder(DockerHostModel model, string name)
        {
            try
            {
                var service = ContainerLookup.ServiceContainer(model, name);
                if (service != null) return service;
            }
            catch (DockerNetException ambiguous) when (ambiguous.ErrorId == ErrorIds.ContainerAmbiguous)
            {
                return null;
            }
            var holders = model.Containers.Where(c => c.Endpoints.Any(e => e.Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)))).Take(2).ToList();
            return holders.Count == 1 ? holders[0] : null;
        }

        /// <summary>
        /// The name of a container does not resolve from the source: the application fails at the lookup, so that leads
        /// (with the DNS analysis's reason and fix); what the container's address would give follows, with its path.
        /// </summary>
        private static ResultDraft NameMissed(RunContext ctx, NameLookup miss, ResultDraft byAddress)
        {
            var draft = new ResultDraft(ReachabilityVerdict.NameNotResolved, string.Empty, miss.Remedy)
            {
                NameResolves = false,
                AddressVerdict = byAddress.Verdict,
                Address = byAddress.Address,
                DestinationContainer = byAddress.DestinationContainer,
                NetworkUsed = byAddress.NetworkUsed,
            };
            draft.Path.AddRange(byAddress.Path);
            draft.Alternatives.AddRange(byAddress.Alternatives);
            var by = byAddress.Address != null ? "By its address " + byAddress.Address : "By address";
            draft.Reason = DoesNotResolve(ctx, miss) + " " + by + " it would be " + byAddress.Verdict + ": " + byAddress.Reason;
            // No network change makes a service listen: when the address is refused, the fix needs that step too.
            if (byAddress.Verdict == ReachabilityVerdict.NoListener && byAddress.Remedy != null && byAddress.Remedy != draft.Remedy)
                draft.Remedy = draft.Remedy == null ? byAddress.Remedy : draft.Remedy + "; then: " + byAddress.Remedy;
            draft.Remedy ??= byAddress.Remedy;
            return draft;
        }

        private static string DoesNotResolve(RunContext ctx, NameLookup miss) =>
            "'" + ctx.Query.Destination + "' does not resolve from " + ctx.Source.Name + ", so a connection by that name fails at the lookup, before any packet is sent: "
            + (miss.FailureReason ?? "nothing answers for it.");

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
                    if (ctx.SourceNs.Kind == NamespaceKind.None) return NoneSource(ctx, target.Network?.Name);
                    return SubnetOverlap.Explain(ctx, target.Network!, target.Address!, new ResultDraft(ReachabilityVerdict.NoSuchAddress,
                        "No container on network " + target.Network!.Name + " (" + SubnetOf(target.Network, target.Address) + ") holds " + target.Address
                        + ", so nothing answers there (" + (IsV6(target.Address) ? "neighbour discovery" : "ARP") + " gets no reply); check the address with Get-DockerNetTopology.")
                    { Address = target.Address, NetworkUsed = target.Network.Name });
                case TargetKind.Host:
                    if (ctx.SourceNs.Kind == NamespaceKind.Host) return OwnAddress(ctx, target.Address ?? IPAddress.Loopback);
                    if (ctx.SourceNs.Kind == NamespaceKind.None) return NoneSource(ctx, target.Network?.Name);
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
            if (ctx.SourceNs.Kind == NamespaceKind.None) return Named(NoneSource(ctx, NetworkOf(ctx.Model, ns)));
            if (ns.Kind == NamespaceKind.None)
                return Named(new ResultDraft(ReachabilityVerdict.NoNetwork,
                    destination.Name + (ns.Owner != destination ? " (in " + ns.Label + ")" : string.Empty)
                    + " uses --network none: it has only a loopback interface, so nothing outside it can reach it.",
                    ComposeRemedies.LeaveNone(ctx.Model, ns.Owner!, NetworkOf(ctx.Model, ctx.SourceNs)) ?? LeaveNone(ns.Owner!, NetworkOf(ctx.Model, ctx.SourceNs))));
            if (ns.Kind == NamespaceKind.Host)
                return Named(HostPaths.ToHost(ctx, target.Address, null, destination));
            if (ctx.SourceNs.Kind == NamespaceKind.Host)
                return Named(HostPaths.FromHost(ctx, destination, ns, target.Endpoint));
            return Named(ContainerPaths.Between(ctx, destination, ns, target.Endpoint, target.Address));
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

        /// <param name="network">A network the other end is on, to move the source onto (default: bridge).</param>
        internal static ResultDraft NoneSource(RunContext ctx, string? network = null) =>
            new ResultDraft(ReachabilityVerdict.NoNetwork,
                ctx.Source.Name + (ctx.SourceNs.Owner != ctx.Source ? " (in " + ctx.SourceNs.Label + ")" : string.Empty)
                + " uses --network none: it has only a loopback interface, so it can reach nothing but itself.",
                ComposeRemedies.LeaveNone(ctx.Model, ctx.SourceNs.Owner!, network) ?? LeaveNone(ctx.SourceNs.Owner!, network))
            {
                NetworkUsed = "none",
            }.WithPath(new[] { new ReachabilityHop(HopKind.Interface, ctx.Source.Name + " lo", IPAddress.Loopback, "the only interface; there is no route to anything else") });

        /// <summary>
        /// Moves a --network none container onto a network and keeps it (its image, volumes, environment and other
        /// options): Docker refuses connect while it is on none ("container cannot be connected to multiple networks with
        /// one of the networks in private (none) mode", runconfig.ErrConflictNoNetwork), but disconnect from none works, on
        /// a running and on a stopped container (checked on Docker 20.10.24; moby 28.5 has the same checks in
        /// daemon/container_operations.go).
        /// </summary>
        internal static string LeaveNone(ContainerInfo container, string? network) =>
            "docker network disconnect none " + container.Name + " && docker network connect " + (network ?? "bridge") + " " + container.Name;

        /// <summary>The network through which a namespace is reached or leaves first (Docker's endpoint order); null for none or the host.</summary>
        private static string? NetworkOf(DockerHostModel model, NetNamespace ns) =>
            EndpointOrder.Ranked(model, ns.Endpoints).Select(e => e.NetworkName).FirstOrDefault(n => !string.IsNullOrEmpty(n));

        private static ResultDraft NotRunning(ContainerInfo stopped, string reason) =>
            new ResultDraft(ReachabilityVerdict.NotRunning, reason, "docker start " + stopped.Name);

        private static string State(ContainerInfo container) => container.State.ToString().ToLowerInvariant();
    }
}
