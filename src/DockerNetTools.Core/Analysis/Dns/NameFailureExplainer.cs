using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>
    /// Says why a name got no answer and what would fix it, by finding who in the model carries the name
    /// (as container name, short id, hostname, network alias or someone else's --link alias) and comparing
    /// that container's networks with the asker's.
    /// </summary>
    internal static class NameFailureExplainer
    {
        private sealed class Holder
        {
            public Holder(ContainerInfo container, RecordKind kind, string? network, ContainerInfo? linkedBy)
            {
                Container = container;
                Kind = kind;
                Network = network;
                LinkedBy = linkedBy;
            }

            public ContainerInfo Container { get; }
            public RecordKind Kind { get; }
            /// <summary>For an alias: the only network it is valid on.</summary>
            public string? Network { get; }
            /// <summary>For a --link alias: the container that declared it.</summary>
            public ContainerInfo? LinkedBy { get; }
        }

        public static NameResolution Explain(DockerHostModel model, ContainerInfo owner, Lookup q)
        {
            var holders = FindHolders(model, q.Query);
            var asker = Describe(q.From, owner);

            switch (owner.NetworkMode.Kind)
            {
                case NetworkModeKind.None:
                    return q.Fail(NameResolutionFailure.AskerHasNoNetwork,
                        asker + " uses network mode none: it has only the loopback interface and an /etc/hosts with localhost, so '" + q.Query + "' cannot resolve"
                        + (holders.Count > 0 ? " (it is container '" + holders[0].Container.Name + "')." : "."),
                        holders.Count > 0 ? LeaveNoneRemedy(model, owner, holders[0].Container) : null);
                case NetworkModeKind.Host:
                    if (holders.Count == 0) return UpstreamExplainer.Explain(model, owner, q);
                    var target = holders[0].Container;
                    var published = target.Ports.FirstOrDefault();
                    return q.Fail(NameResolutionFailure.NoEmbeddedDns,
                        asker + " uses the host's network namespace (--network host): it reads the host's /etc/hosts and resolv.conf, so Docker's embedded DNS (" + NameResolver.EmbeddedDnsServer
                        + ") does not serve it and the container name '" + q.Query + "' does not resolve.",
                        published != null
                            ? "Reach " + target.Name + " through its published port: localhost:" + published.HostPort + " (-p " + published.HostPort + ":" + published.ContainerPort + ")."
                            : "Publish the port on " + target.Name + " (recreate it with the same options plus -p <hostPort>:<containerPort>: Docker cannot add a published port to an existing container) and connect to localhost:<hostPort>.");
            }

            if (holders.Count == 0)
            {
                if (q.Query.IndexOf('.') >= 0) return UpstreamExplainer.Explain(model, owner, q);
                var names = model.Containers.Select(c => c.Name)
                    .Concat(model.Containers.SelectMany(c => c.Endpoints.SelectMany(e => e.Aliases)));
                return q.Fail(NameResolutionFailure.NoSuchContainer,
                    "No container, network alias or /etc/hosts entry named '" + q.Query + "' exists on " + model.Source + "." + NameSuggester.DidYouMean(q.Query, names)
                    + (NameResolver.HasEmbeddedDns(model, owner)
                        ? " The embedded DNS would forward the question to the host's resolvers, which the model cannot answer for."
                        : " The question goes to the nameservers copied from the host's resolv.conf, which the model cannot answer for."),
                    owner.ComposeService != null
                        ? "Add a service named " + q.Query + " to " + ComposeRemedies.FileOf(owner) + " on a network of services." + owner.ComposeService
                          + " (or that name to a service's aliases there), or check the spelling."
                        : "Start a container with that name (docker run --name " + q.Query + " --network " + UserNetworkOf(model, owner, "<network>") + " …) or check the spelling.");
            }

            var reachable = holders.Where(h => h.Container.IsRunning && HasOwnEndpoints(h.Container)).ToList();
            if (reachable.Count == 0)
            {
                var stopped = holders.FirstOrDefault(h => !h.Container.IsRunning);
                if (stopped != null)
                    return q.Fail(NameResolutionFailure.TargetNotRunning,
                        "Container '" + stopped.Container.Name + "' is not running (" + stopped.Container.State.ToString().ToLowerInvariant()
                        + "): Docker removes a stopped container's DNS records along with its endpoint and address.",
                        "docker start " + stopped.Container.Name);
                var modeless = holders[0].Container;
                return q.Fail(NameResolutionFailure.TargetHasNoEndpoint, NoEndpointReason(model, modeless, q.Query), NoEndpointRemedy(model, modeless));
            }

            var holder = reachable[0];
            var target2 = holder.Container;
            if (!NameResolver.HasEmbeddedDns(model, owner))
            {
                var onDefaultBridge = target2.Endpoints.Any(e => HostsFileBuilder.IsDefaultBridge(model, e.NetworkName));
                var targetNet = UserNetworks(model, target2).FirstOrDefault();
                return q.Fail(NameResolutionFailure.NoEmbeddedDns,
                    asker + " is only on the default bridge network, which has no embedded DNS: names resolve there only through /etc/hosts (its own hostname, --link targets and --add-host entries), and '"
                    + q.Query + "' is not in it.",
                    targetNet != null
                        ? ComposeRemedies.Connect(model, targetNet, q.From.Name)
                        : ComposeRemedies.Share(model, "appnet", q.From.Name, target2.Name)
                          + (onDefaultBridge ? " (or recreate " + q.From.Name + " with the same options plus --link " + target2.Name + ")" : string.Empty));
            }

            var askerNetworks = UserNetworks(model, owner).ToList();
            var shared = target2.Endpoints.Select(e => e.NetworkName).Where(n => askerNetworks.Contains(n, StringComparer.Ordinal)).ToList();

            if (holder.Kind == RecordKind.ShortId && shared.Count > 0 && !string.Equals(q.Query, target2.ShortId, StringComparison.OrdinalIgnoreCase))
                return q.Fail(NameResolutionFailure.IdNotRegistered, IdNotRegisteredReason(q.Query, target2), "Use the short id " + target2.ShortId + " or the name '" + target2.Name + "'.");

            if (holder.LinkedBy != null && !ReferenceEquals(holder.LinkedBy, owner))
                return q.Fail(NameResolutionFailure.NotOnSharedNetwork,
                    "'" + q.Query + "' is a --link alias declared by '" + holder.LinkedBy.Name + "' for '" + target2.Name + "': a link alias is visible only to the container that declared it.",
                    "Use the container name '" + target2.Name + "', or add a network alias: " + ComposeRemedies.Alias(model, q.Query, shared.FirstOrDefault() ?? UserNetworks(model, target2).FirstOrDefault() ?? "<network>", target2.Name));

            if (holder.Kind == RecordKind.Alias && holder.Network != null && shared.Count > 0)
                return q.Fail(NameResolutionFailure.NotOnSharedNetwork,
                    "'" + q.Query + "' is a network alias of '" + target2.Name + "' on " + holder.Network + " only, and " + asker + " is not on " + holder.Network
                    + " (aliases are per network; they share " + string.Join(", ", shared) + ").",
                    ComposeRemedies.Connect(model, holder.Network, q.From.Name, "  (or use the name '" + target2.Name + "')"));

            if (holder.Kind == RecordKind.Hostname && shared.Count > 0 && !EmbeddedDnsRecords.RegistersHostnames(model))
                return q.Fail(NameResolutionFailure.HostnameNotRegistered,
                    "'" + q.Query + "' is the hostname of '" + target2.Name + "', and Engine " + model.Engine.Version
                    + "'s embedded DNS registers container names, network aliases and short ids but not hostnames (Engine 20.10 and later add them).",
                    "Use the container name '" + target2.Name + "', or add the hostname as an alias: " + ComposeRemedies.Alias(model, q.Query, shared[0], target2.Name));

            var targetNetworks = target2.Endpoints.Select(e => e.NetworkName).ToList();
            var targetUserNet = UserNetworks(model, target2).FirstOrDefault();
            return q.Fail(NameResolutionFailure.NotOnSharedNetwork,
                "'" + target2.Name + "' is on " + string.Join(", ", targetNetworks) + " and " + asker + " is on " + string.Join(", ", owner.Endpoints.Select(e => e.NetworkName))
                + ": the embedded DNS answers only for containers on a user-defined network the asker is attached to"
                + (targetUserNet == null ? " (the default bridge registers no names)." : "."),
                targetUserNet != null
                    ? ComposeRemedies.Connect(model, targetUserNet, q.From.Name)
                    : ComposeRemedies.Connect(model, askerNetworks.First(), target2.Name));
        }

        /// <summary>
        /// Docker refuses to connect a container that is on none, but lets it leave none first (running or stopped), which
        /// keeps the container; names resolve only on a user-defined network both are on.
        /// </summary>
        private static string LeaveNoneRemedy(DockerHostModel model, ContainerInfo owner, ContainerInfo target)
        {
            var leave = "docker network disconnect none " + owner.Name + " && ";
            var shared = UserNetworks(model, target).FirstOrDefault();
            var compose = ComposeRemedies.LeaveNone(model, owner, shared);
            if (compose != null) return compose;
            return shared != null
                ? leave + "docker network connect " + shared + " " + owner.Name
                : leave + "docker network create appnet && docker network connect appnet " + owner.Name + " && docker network connect appnet " + target.Name;
        }

        private static List<Holder> FindHolders(DockerHostModel model, string name)
        {
            var holders = new List<Holder>();
            bool Is(string? candidate) => !string.IsNullOrEmpty(candidate) && string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase);
            // Only an id prefix can be held by a container the index does not list for the name; it is all hex digits.
            var index = NameIndex.Of(model);
            var candidates = name.Length >= 4 && name.All(Uri.IsHexDigit) ? model.Containers : index.Holders(name);
            foreach (var c in candidates)
            {
                if (Is(c.Name)) holders.Add(new Holder(c, RecordKind.ContainerName, null, null));
                else if (Is(c.ShortId) || IsIdPrefix(name, c.Id)) holders.Add(new Holder(c, RecordKind.ShortId, null, null));
                else if (Is(c.Hostname)) holders.Add(new Holder(c, RecordKind.Hostname, null, null));
                else
                {
                    var endpoint = c.Endpoints.FirstOrDefault(e => e.Aliases.Any(Is) || e.DnsNames.Any(Is));
                    if (endpoint != null) holders.Add(new Holder(c, RecordKind.Alias, endpoint.NetworkName, null));
                }
            }
            foreach (var (declarer, link) in index.LinkAliases(name))
            {
                var target = model.FindContainer(link.Target);
                if (target != null && holders.All(h => !ReferenceEquals(h.Container, target)))
                    holders.Add(new Holder(target, RecordKind.Link, null, declarer));
            }
            // The running containers with their own endpoints explain the most; keep them first. Then by name, so the
            // explanation does not depend on the order the daemon (or a scenario file) lists the containers in.
            return holders.OrderBy(h => h.Container.IsRunning && HasOwnEndpoints(h.Container) ? 0 : 1)
                .ThenBy(h => h.Container.Name, StringComparer.Ordinal).ToList();
        }

        /// <summary>A prefix of a container's id as docker accepts one (docker inspect takes 4 hex digits and more).</summary>
        private static bool IsIdPrefix(string name, string id) =>
            name.Length >= 4 && name.Length <= id.Length && name.All(Uri.IsHexDigit) && id.StartsWith(name, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The embedded DNS holds the 12-character short id of each endpoint (an alias on every user-defined network), not
        /// the full id or other prefixes (checked on Docker 20.10.24 with nslookup: the short id answered, 8 and 20 digits
        /// got nothing; the 64-digit id is refused by the resolver, a DNS label having at most 63 characters: NameInvalid).
        /// </summary>
        private static string IdNotRegisteredReason(string query, ContainerInfo target) =>
            "'" + query + "' is " + (query.Length == target.Id.Length ? "the full id" : "a prefix of the id") + " of '" + target.Name
            + "', but the embedded DNS registers only the 12-character short id (" + target.ShortId + "), the name and the aliases.";

        private static bool HasOwnEndpoints(ContainerInfo c) =>
            c.NetworkMode.Kind != NetworkModeKind.Container && c.NetworkMode.Kind != NetworkModeKind.Host &&
            c.NetworkMode.Kind != NetworkModeKind.None && c.Endpoints.Count > 0;

        private static string NoEndpointReason(DockerHostModel model, ContainerInfo target, string name)
        {
            switch (target.NetworkMode.Kind)
            {
                case NetworkModeKind.Container:
                    var owner = model.NamespaceOwner(target);
                    return "'" + target.Name + "' shares the network namespace of '" + (owner?.Name ?? target.NetworkMode.Target)
                           + "' (--network container:" + target.NetworkMode.Target + ") and has no endpoint of its own, so the embedded DNS holds no record for '" + name + "'.";
                case NetworkModeKind.Host:
                    return "'" + target.Name + "' uses the host's network (--network host) and has no endpoint on any Docker network, so no DNS record exists for '" + name + "'.";
                case NetworkModeKind.None:
                    return "'" + target.Name + "' uses network mode none: it has no endpoint, no address and no DNS record.";
                default:
                    return "'" + target.Name + "' has no endpoint on any network, so no DNS record exists for '" + name + "'.";
            }
        }

        private static string? NoEndpointRemedy(DockerHostModel model, ContainerInfo target)
        {
            switch (target.NetworkMode.Kind)
            {
                case NetworkModeKind.Container:
                    var owner = model.NamespaceOwner(target);
                    return owner != null ? "Resolve '" + owner.Name + "' instead: it is the same network namespace." : null;
                case NetworkModeKind.Host:
                    return "Reach '" + target.Name + "' at the host's address, or from a bridge container at its gateway address (e.g. 172.17.0.1).";
                default:
                    return null;
            }
        }

        private static IEnumerable<string> UserNetworks(DockerHostModel model, ContainerInfo c) =>
            c.Endpoints.Where(e => model.FindNetwork(e.NetworkName)?.HasEmbeddedDns == true).Select(e => e.NetworkName);

        private static string UserNetworkOf(DockerHostModel model, ContainerInfo c, string fallback) => UserNetworks(model, c).FirstOrDefault() ?? fallback;

        private static string Describe(ContainerInfo from, ContainerInfo owner) =>
            ReferenceEquals(from, owner) ? "'" + from.Name + "'" : "'" + from.Name + "' (in the namespace of '" + owner.Name + "')";
    }
}
