using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.Resources;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>
    /// Answers "what does this container get for that name": /etc/hosts first (glibc's nsswitch "files dns" stops at
    /// the first source that knows the name), then Docker's embedded DNS server at 127.0.0.11, which exists only for
    /// containers attached to a user-defined network. Names that only the host's upstream resolvers could answer are
    /// never invented: the result says the model cannot answer for them.
    /// </summary>
    public static class NameResolver
    {
        public const string EmbeddedDnsServer = "127.0.0.11";
        public const string HostsFilePath = "/etc/hosts";

        /// <summary>Resolves <paramref name="name"/> as <paramref name="from"/> would. Never throws for a name that does not resolve.</summary>
        public static NameResolution Resolve(DockerHostModel model, ContainerInfo from, string name, RecordType type = RecordType.A)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            if (from == null) throw new ArgumentNullException(nameof(from));
            var asked = (name ?? string.Empty).Trim();
            var query = asked.TrimEnd('.');
            if (query.Length == 0)
                throw new DockerNetException(ErrorIds.NameInvalid, ErrorKind.InvalidArgument, ErrorMessages.NameEmpty, name);
            if (DnsNames.Problem(asked) is { } invalid)
                throw new DockerNetException(ErrorIds.NameInvalid, ErrorKind.InvalidArgument, invalid.Problem, asked) { RecommendedAction = invalid.Action };

            var context = new Lookup(model, from, asked, query, type);

            if (!from.IsRunning)
                return context.Fail(NameResolutionFailure.AskerNotRunning,
                    "'" + from.Name + "' is not running (" + from.State.ToString().ToLowerInvariant() + "): a stopped container has no network namespace, so it resolves nothing.",
                    "docker start " + from.Name);

            var owner = model.NamespaceOwner(from);
            if (owner == null)
                return context.Fail(NameResolutionFailure.AskerNotRunning,
                    "'" + from.Name + "' uses network mode " + from.NetworkMode + ", but that container does not exist, so '" + from.Name + "' has no network namespace.",
                    null);
            if (!ReferenceEquals(owner, from))
            {
                if (!owner.IsRunning)
                    return context.Fail(NameResolutionFailure.AskerNotRunning,
                        "'" + from.Name + "' shares the network namespace of '" + owner.Name + "' (--network container:" + owner.Name + "), which is not running.",
                        "docker start " + owner.Name);
                context.Notes.Add("'" + from.Name + "' shares the network namespace, /etc/hosts and resolv.conf of '" + owner.Name
                                  + "' (--network container:" + owner.Name + "), so it resolves names exactly as '" + owner.Name + "' does.");
            }

            // 1. /etc/hosts (built once per namespace owner and model)
            var hostsFile = NameIndex.Of(model).HostsFile(owner);
            var fromHosts = HostsFileBuilder.Match(hostsFile, query, context.Family)
                .Select(m => context.Answer(m.Entry.Address, m.Entry.Container, m.Entry.Network, NameSource.HostsFile, m.Kind))
                .ToList();
            if (fromHosts.Count > 0)
            {
                NoteStaleLinks(model, fromHosts, context.Notes);
                var shadowed = HasEmbeddedDns(model, owner) ? EmbeddedDnsLookup(model, owner, context) : null;
                if (shadowed != null && shadowed.Answers.Count > 0 && !shadowed.Answers.Select(a => a.IPAddress).SequenceEqual(fromHosts.Select(a => a.IPAddress)))
                    context.Notes.Add("/etc/hosts answers first (nsswitch: files dns); a direct query to " + EmbeddedDnsServer + " (dig, nslookup) would return "
                                      + string.Join(", ", shadowed.Answers.Select(a => a.IPAddress)) + " instead.");
                return context.Succeed(fromHosts);
            }

            // 2. The embedded DNS, when the namespace has one.
            if (HasEmbeddedDns(model, owner))
            {
                var dns = EmbeddedDnsLookup(model, owner, context);
                if (dns.Answers.Count > 0)
                {
                    if (dns.Answers.Count > 1)
                    {
                        foreach (var answer in dns.Answers) answer.AsRoundRobin();
                        context.Notes.Add(dns.Answers.Count + " containers hold '" + query + "' on " + dns.Network + ": the embedded DNS returns every address and rotates their order on each query (round robin).");
                    }
                    context.Notes.AddRange(dns.Notes);
                    return context.Succeed(dns.Answers);
                }
                var service = ServiceLookup(model, owner, context);
                if (service.Count > 0) return context.Succeed(service);
                if (dns.RecordsOfOtherFamily > 0)
                    return context.Fail(NameResolutionFailure.NoAddressOfType, NoAddressOfTypeReason(context, dns), null);
            }

            var otherFamily = HostsFileBuilder.Match(hostsFile, query, OtherFamily(context.Family)).Select(m => m.Entry).ToList();
            if (otherFamily.Count > 0)
                return context.Fail(NameResolutionFailure.NoAddressOfType, HostsFileOtherFamilyReason(context, otherFamily), null);

            return NameFailureExplainer.Explain(model, owner, context);
        }

        private static AddressFamily OtherFamily(AddressFamily family) =>
            family == AddressFamily.InterNetwork ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

        // glibc's files source matches per family: an A lookup skips a name /etc/hosts holds only as IPv6 and goes on to DNS.
        private static string HostsFileOtherFamilyReason(Lookup context, IReadOnlyList<HostsFileEntry> entries)
        {
            var (asked, held) = context.Type == RecordType.AAAA ? ("AAAA (IPv6)", "IPv4") : ("A (IPv4)", "IPv6");
            var addresses = string.Join(", ", entries.Select(e => e.Address));
            return HostsFilePath + " holds '" + context.Query + "' with an " + held + " address only (" + addresses + "), so an " + asked
                   + " lookup finds nothing there and goes on to DNS, where no container or alias of the host holds the name (what upstream servers would say is outside the model). Ask for "
                   + (context.Type == RecordType.AAAA ? "-Type A" : "-Type AAAA") + ", or add the other address with --add-host.";
        }

        /// <summary>
        /// A swarm service's name or tasks.&lt;service&gt; on the first overlay the asker shares with the service (not the
        /// ingress, which carries no service discovery): the VIP, or every running task's address (dnsrr, tasks.).
        /// </summary>
        private static List<NameAnswer> ServiceLookup(DockerHostModel model, ContainerInfo owner, Lookup context)
        {
            var answers = new List<NameAnswer>();
            var swarm = model.Swarm;
            if (swarm == null || context.Family != AddressFamily.InterNetwork) return answers;
            var tasksName = context.Query.StartsWith("tasks.", StringComparison.OrdinalIgnoreCase);
            var service = swarm.FindService(tasksName ? context.Query.Substring("tasks.".Length) : context.Query);
            if (service == null) return answers;
            var network = EndpointOrder.Ranked(model, owner.Endpoints).Select(e => model.FindNetwork(e.NetworkName))
                .FirstOrDefault(n => n != null && n.IsOverlay && !n.Ingress && service.Networks.Contains(n.Name));
            if (network == null) return answers;
            var kind = tasksName ? RecordKind.ServiceTasks : RecordKind.Service;
            foreach (var address in Swarm.SwarmDns.Answers(swarm, service, network.Name, tasksName))
            {
                var task = swarm.Tasks.FirstOrDefault(t => t.Running && t.Addresses.TryGetValue(network.Name, out var a) && a.Equals(address));
                answers.Add(context.Answer(address, task == null ? null : model.Containers.FirstOrDefault(c => c.Id == task.ContainerId)?.Name ?? task.Name, network.Name, NameSource.EmbeddedDns, kind));
            }
            if (answers.Count > 1)
            {
                foreach (var answer in answers) answer.AsRoundRobin();
                context.Notes.Add("Service " + service.Name + " has " + answers.Count + " running tasks on " + network.Name + ": the embedded DNS returns every address and rotates their order.");
            }
            else if (!tasksName && service.EndpointMode == SwarmEndpointMode.Vip && answers.Count == 1)
            {
                context.Notes.Add(answers[0].IPAddress + " is service " + service.Name + "'s virtual IP on " + network.Name + ", balanced by IPVS in the asker's namespace"
                                  + (swarm.LocalNode?.Ipvs == false ? "; this node's kernel has no ip_vs, so nothing answers at that address (tasks." + service.Name + " gives the tasks themselves)." : "."));
            }
            return answers;
        }

        /// <summary>True when the namespace is attached to at least one network served by the embedded DNS.</summary>
        internal static bool HasEmbeddedDns(DockerHostModel model, ContainerInfo owner) =>
            owner.NetworkMode.Kind != NetworkModeKind.Host && owner.NetworkMode.Kind != NetworkModeKind.None &&
            owner.Endpoints.Any(e => model.FindNetwork(e.NetworkName)?.HasEmbeddedDns == true);

        private sealed class DnsResult
        {
            public List<NameAnswer> Answers { get; } = new List<NameAnswer>();
            public string? Network { get; set; }
            public int RecordsOfOtherFamily { get; set; }
            public List<string> Notes { get; } = new List<string>();
        }

        // The embedded DNS (libnetwork sandbox.ResolveName) looks the asker's --link aliases up first, on every one of its
        // networks, and only then names: a name that is one of the asker's link aliases is never answered as a name, so
        // `--link multi:db` hides a container named db from the linking container (checked on Docker 20.10.24). Each pass
        // looks through the asker's networks in Docker's endpoint order (EndpointOrder) and answers from the first that has the name. "name.network" asks
        // one network only.
        private static DnsResult EmbeddedDnsLookup(DockerHostModel model, ContainerInfo owner, Lookup context)
        {
            var networks = EndpointOrder.Ranked(model, owner.Endpoints)
                .Select(e => model.FindNetwork(e.NetworkName))
                .Where(n => n != null && n.HasEmbeddedDns)
                .Select(n => n!)
                .ToList();

            var links = Search(networks, context, (network, name) => LinkRecords(model, owner, network, name));
            if (links.Answers.Count > 0 || links.RecordsOfOtherFamily > 0) return links;
            return Search(networks, context, (network, name) =>
                IsLinkAlias(owner, name) ? new List<(DnsRecord, RecordKind)>() : EmbeddedDnsRecords.Lookup(model, network, name).Select(r => (r, r.Kind)).ToList());
        }

        private static DnsResult Search(IEnumerable<NetworkInfo> networks, Lookup context, Func<NetworkInfo, string, List<(DnsRecord Record, RecordKind Kind)>> recordsFor)
        {
            var result = new DnsResult();
            foreach (var network in networks)
            {
                var name = context.Query;
                var suffix = "." + network.Name;
                if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                    name = name.Substring(0, name.Length - suffix.Length);

                var records = recordsFor(network, name);
                if (records.Count == 0) continue;

                var ofFamily = records.Select(r => (Record: r, Address: context.Family == AddressFamily.InterNetwork ? r.Record.Endpoint.IPAddress : r.Record.Endpoint.IPv6Address))
                    .Where(x => x.Address != null)
                    .ToList();
                if (ofFamily.Count == 0)
                {
                    if (result.Network == null) result.Network = network.Name;
                    result.RecordsOfOtherFamily += records.Count;
                    continue;
                }
                if (result.Answers.Count > 0)
                {
                    result.Notes.Add("'" + context.Query + "' is also registered on " + network.Name + " (" + string.Join(", ", ofFamily.Select(x => x.Address))
                                     + "); the embedded DNS answers from the first of the asker's networks that has the name (" + result.Network + ").");
                    continue;
                }
                result.Network = network.Name;
                result.RecordsOfOtherFamily = 0;
                foreach (var (record, address) in ofFamily)
                    result.Answers.Add(context.Answer(address!, record.Record.Container.Name, network.Name, NameSource.EmbeddedDns, record.Kind));
            }
            return result;
        }

        // Link aliases are a map keyed by the alias as given (libnetwork endpoint.aliases): they match exactly, while the
        // network's names match case-insensitively (checked on Docker 20.10.24: AUDITR-DB skipped the link alias auditr-db).
        private static bool IsLinkAlias(ContainerInfo owner, string name) =>
            owner.Links.Any(l => string.Equals(l.Alias, name, StringComparison.Ordinal));

        /// <summary>A --link alias declared by the asker maps to the target's address on that network.</summary>
        private static List<(DnsRecord Record, RecordKind Kind)> LinkRecords(DockerHostModel model, ContainerInfo owner, NetworkInfo network, string name)
        {
            var found = new List<(DnsRecord, RecordKind)>();
            foreach (var link in owner.Links)
            {
                if (!string.Equals(link.Alias, name, StringComparison.Ordinal)) continue;
                var target = model.FindContainer(link.Target);
                var endpoint = target?.EndpointOn(network.Name);
                if (target == null || endpoint == null || !target.IsRunning) continue;
                if (found.Any(f => ReferenceEquals(f.Item1.Container, target))) continue;
                found.Add((new DnsRecord(link.Alias, RecordKind.Link, target, endpoint), RecordKind.Link));
            }
            return found;
        }

        private static string NoAddressOfTypeReason(Lookup context, DnsResult dns) =>
            context.Type == RecordType.AAAA
                ? "'" + context.Query + "' is registered on " + dns.Network + " with an IPv4 address only: the network has no IPv6 (docker network create --ipv6), so the AAAA question gets an empty answer."
                : "'" + context.Query + "' is registered on " + dns.Network + " with an IPv6 address only, so the A question gets an empty answer.";

        private static void NoteStaleLinks(DockerHostModel model, IEnumerable<NameAnswer> answers, List<string> notes)
        {
            foreach (var answer in answers.Where(a => a.Container != null))
            {
                var target = model.FindContainer(answer.Container!);
                if (target != null && !target.IsRunning)
                    notes.Add("'" + target.Name + "' is not running: /etc/hosts still holds the address it had (" + answer.IPAddress + "), where nothing answers now.");
            }
        }
    }
}
