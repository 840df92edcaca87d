using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>
    /// INTEGRATION POINT: a minimal resolver (container names, aliases, hostnames, links, --add-host) used until the
    /// DNS analysis (Analysis/Dns, Resolve-DockerNetName) is on main; then ReachabilityAnalyzer switches to an adapter
    /// over it so both cmdlets give the same answer for a name.
    /// </summary>
    internal sealed class FallbackNameResolver : IDestinationNameResolver
    {
        public static readonly FallbackNameResolver Instance = new FallbackNameResolver();

        private const string EmbeddedDns = "embedded DNS 127.0.0.11";

        public NameLookup Resolve(DockerHostModel model, ContainerInfo from, string name)
        {
            var owner = model.NamespaceOwner(from) ?? from;
            var answers = FromHostsFile(model, from, owner, name);
            if (answers.Count == 0 && owner.NetworkMode.Kind != NetworkModeKind.Host)
                answers = FromEmbeddedDns(model, owner, name);
            if (answers.Count > 0) return new NameLookup(answers, null, null);
            return Explain(model, from, owner, name);
        }

        private static List<NameAnswer> FromHostsFile(DockerHostModel model, ContainerInfo from, ContainerInfo owner, string name)
        {
            var answers = new List<NameAnswer>();
            foreach (var container in new[] { from, owner }.Distinct())
            {
                foreach (var extra in container.ExtraHosts.Where(h => Same(h.Hostname, name)))
                    answers.Add(new NameAnswer(extra.Address, null, null, "/etc/hosts (--add-host " + extra.Hostname + ":" + extra.Address + ")"));
                foreach (var link in container.Links.Where(l => Same(l.Alias, name) || Same(l.Target, name)))
                {
                    var linked = model.FindContainer(link.Target);
                    var endpoint = linked?.Endpoints.FirstOrDefault(e => e.IPAddress != null);
                    if (linked != null && linked.IsRunning && endpoint?.IPAddress != null)
                        answers.Add(new NameAnswer(endpoint.IPAddress, linked, endpoint.NetworkName, "/etc/hosts (--link " + link.Target + ":" + link.Alias + ")"));
                }
            }
            if (answers.Count == 0 && Same(owner.Hostname, name))
            {
                var own = owner.Endpoints.FirstOrDefault(e => e.IPAddress != null);
                if (own?.IPAddress != null) answers.Add(new NameAnswer(own.IPAddress, owner, own.NetworkName, "/etc/hosts (its own hostname)"));
            }
            return answers;
        }

        private static List<NameAnswer> FromEmbeddedDns(DockerHostModel model, ContainerInfo owner, string name)
        {
            var answers = new List<NameAnswer>();
            foreach (var mine in owner.Endpoints)
            {
                var network = model.FindNetwork(mine.NetworkName);
                if (network == null || !network.HasEmbeddedDns) continue;
                foreach (var other in model.Containers.Where(c => c.IsRunning))
                {
                    var endpoint = other.EndpointOn(mine.NetworkName);
                    if (endpoint?.IPAddress == null) continue;
                    var record = RecordKind(other, endpoint, name);
                    if (record != null)
                        answers.Add(new NameAnswer(endpoint.IPAddress, other, network.Name, record + " on " + network.Name + " (" + EmbeddedDns + ")"));
                }
            }
            return answers;
        }

        private static string? RecordKind(ContainerInfo container, EndpointInfo endpoint, string name)
        {
            if (Same(container.Name, name)) return "container name " + container.Name;
            if (endpoint.Aliases.Any(a => Same(a, name))) return "alias " + name;
            if (endpoint.DnsNames.Any(a => Same(a, name))) return "DNS name " + name;
            if (Same(container.Hostname, name) || Same(container.ShortId, name)) return "hostname " + name;
            return null;
        }

        private static NameLookup Explain(DockerHostModel model, ContainerInfo from, ContainerInfo owner, string name)
        {
            var holders = model.Containers.Where(c => Same(c.Name, name) || Same(c.Hostname, name)
                                                      || c.Endpoints.Any(e => e.Aliases.Any(a => Same(a, name)) || e.DnsNames.Any(a => Same(a, name))))
                .ToList();
            var dnsNetworks = owner.Endpoints.Select(e => model.FindNetwork(e.NetworkName)).Where(n => n != null && n.HasEmbeddedDns).ToList();

            if (holders.Count == 0)
                return new NameLookup(new NameAnswer[0],
                    "'" + name + "' does not resolve in " + from.Name + ": no container, network alias or /etc/hosts entry on " + model.Source + " has that name."
                    + NameSuggester.DidYouMean(name, model.Containers.Select(c => c.Name)), null);

            var holder = holders.FirstOrDefault(c => c.IsRunning) ?? holders[0];
            if (!holder.IsRunning)
                return new NameLookup(new NameAnswer[0],
                    "'" + name + "' is container " + holder.Name + ", which is " + holder.State.ToString().ToLowerInvariant()
                    + ", so Docker's embedded DNS has no record for it.", "docker start " + holder.Name);

            var holderNetwork = holder.Endpoints.Select(e => model.FindNetwork(e.NetworkName)).FirstOrDefault(n => n != null && n.HasEmbeddedDns);
            var connect = holderNetwork != null ? "docker network connect " + holderNetwork.Name + " " + owner.Name : null;

            if (owner.NetworkMode.Kind == NetworkModeKind.Host)
                return new NameLookup(new NameAnswer[0],
                    "'" + name + "' does not resolve in " + from.Name + ": it uses the host's network and resolver, and Docker's embedded DNS does not serve it.", null);

            if (dnsNetworks.Count == 0)
                return new NameLookup(new NameAnswer[0],
                    "'" + name + "' does not resolve in " + from.Name + ": it is only on the default bridge, which has no embedded DNS, and no /etc/hosts entry (--link, --add-host) names it.",
                    connect ?? "docker network create shared && docker network connect shared " + owner.Name + " && docker network connect shared " + holder.Name);

            return new NameLookup(new NameAnswer[0],
                "'" + name + "' does not resolve in " + from.Name + ": " + holder.Name + " is on " + string.Join(", ", holder.Endpoints.Select(e => e.NetworkName))
                + ", which " + owner.Name + " is not on; the embedded DNS answers only for containers on a shared user-defined network.",
                connect);
        }

        private static bool Same(string? a, string b) => !string.IsNullOrEmpty(a) && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
