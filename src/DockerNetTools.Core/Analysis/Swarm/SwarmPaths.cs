using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Swarm
{
    /// <summary>
    /// Reachability on a swarm's overlay networks: to a service by name (its VIP, or every task for dnsrr), to
    /// tasks.&lt;service&gt;, to a VIP and to a task's address, on the same node (the overlay's bridge in its own namespace)
    /// or across nodes (VXLAN in udp/4789 between the node addresses, ESP for an encrypted overlay). A VIP is balanced by
    /// IPVS in the source's namespace, which needs the kernel's ip_vs on the source's node.
    /// </summary>
    internal static class SwarmPaths
    {
        public const int VxlanPort = 4789;
        private const string TasksPrefix = "tasks.";

        /// <summary>The answer when the destination is a swarm service, tasks.&lt;service&gt;, a VIP or a task's address; else null.</summary>
        public static ResultDraft? TryAnswer(RunContext ctx, string destination)
        {
            var swarm = ctx.Model.Swarm;
            if (swarm == null) return null;
            if (AddressText.TryParseIP(destination, out var address)) return ByAddress(ctx, swarm, address);

            var tasksName = destination.StartsWith(TasksPrefix, StringComparison.OrdinalIgnoreCase);
            var service = swarm.FindService(tasksName ? destination.Substring(TasksPrefix.Length) : destination);
            if (service == null) return null;
            var shared = SharedNetwork(ctx, service);
            if (shared == null) return NotOnNetwork(ctx, service, destination);

            var answers = SwarmDns.Answers(swarm, service, shared.Name, tasksName);
            if (answers.Count == 0)
                return new ResultDraft(ReachabilityVerdict.NameNotResolved,
                    "'" + destination + "' resolves to nothing: service " + service.Name + " has no running task on " + shared.Name + ".",
                    "docker service ps " + service.Name + " --no-trunc (why its tasks do not run)") { NameResolves = false, NetworkUsed = shared.Name };
            var first = answers[0];
            var vip = !tasksName && service.EndpointMode == SwarmEndpointMode.Vip;
            var draft = vip ? ToVip(ctx, swarm, service, shared, first) : ToTask(ctx, swarm, swarm.Tasks.First(t => t.Running && t.Addresses.TryGetValue(shared.Name, out var a) && a.Equals(first)), shared, first);
            var how = vip
                ? "the service's virtual IP on " + shared.Name
                : "the address of " + (answers.Count == 1 ? "its only running task" : "one of its " + answers.Count.ToString(CultureInfo.InvariantCulture) + " running tasks (Docker's DNS answers with every one, in turn)");
            draft.Reason = "'" + destination + "' resolves to " + first + " in " + ctx.Source.Name + " via Docker's embedded DNS: " + how + ". " + draft.Reason;
            draft.NameResolves = true;
            return draft;
        }

        private static ResultDraft? ByAddress(RunContext ctx, SwarmInfo swarm, IPAddress address)
        {
            foreach (var service in swarm.Services)
                foreach (var vip in service.VirtualIPs)
                    if (vip.Value.Equals(address) && ctx.Model.FindNetwork(vip.Key) is NetworkInfo network)
                        return SourceOn(ctx, network) == null ? NotOnNetwork(ctx, service, address.ToString()) : ToVip(ctx, swarm, service, network, address);
            foreach (var task in swarm.Tasks.Where(t => t.Running))
                foreach (var pair in task.Addresses)
                    if (pair.Value.Equals(address) && ctx.Model.FindNetwork(pair.Key) is NetworkInfo network && !network.Ingress)
                    {
                        // A task of this node is a container of the model: the container analysis answers it.
                        if (task.NodeId == swarm.LocalNodeId && ctx.Model.Containers.Any(c => c.Id == task.ContainerId)) return null;
                        return ToTask(ctx, swarm, task, network, address);
                    }
            return null;
        }

        /// <summary>The source's endpoint on <paramref name="network"/> (null when it is not on it).</summary>
        private static EndpointInfo? SourceOn(RunContext ctx, NetworkInfo network) =>
            ctx.SourceNs.Endpoints.FirstOrDefault(e => string.Equals(e.NetworkName, network.Name, StringComparison.Ordinal));

        /// <summary>A network of the service's (not the ingress: it carries no service discovery) the source is on too.</summary>
        private static NetworkInfo? SharedNetwork(RunContext ctx, SwarmService service) =>
            service.Networks.Select(n => ctx.Model.FindNetwork(n)).FirstOrDefault(n => n != null && !n.Ingress && SourceOn(ctx, n) != null);

        private static ResultDraft NotOnNetwork(RunContext ctx, SwarmService service, string destination)
        {
            var network = service.Networks.Select(n => ctx.Model.FindNetwork(n)).FirstOrDefault(n => n != null && !n.Ingress);
            var remedy = network == null
                ? "docker service update --network-add <overlay> " + service.Name
                : network.Attachable || !ctx.Model.Swarm!.Tasks.Any(t => t.ContainerId == ctx.Source.Id)
                    ? "docker network connect " + network.Name + " " + ctx.Source.Name + (network.Attachable ? string.Empty : " (the overlay must be --attachable for a standalone container)")
                    : "docker service update --network-add " + network.Name + " <the source's service>";
            return new ResultDraft(ReachabilityVerdict.NameNotResolved,
                ctx.Source.Name + " shares no overlay network with service " + service.Name + " (on " + string.Join(", ", service.Networks) + "), so Docker's DNS does not answer '"
                + destination + "' there and no route leads to its addresses.", remedy) { NameResolves = false };
        }

        private static ResultDraft ToVip(RunContext ctx, SwarmInfo swarm, SwarmService service, NetworkInfo network, IPAddress vip)
        {
            var node = swarm.LocalNode;
            var endpoint = SourceOn(ctx, network)!;
            var nodeName = node?.Hostname ?? "this node";
            var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { Address = vip, NetworkUsed = network.Name };
            draft.Path.Add(new ReachabilityHop(HopKind.Interface, ctx.Source.Name + " " + Hops.Interface(endpoint), endpoint.IPAddress, "to the VIP of service " + service.Name + " on " + network.Name));
            if (node?.Ipvs == false)
            {
                draft.Verdict = ReachabilityVerdict.Blocked;
                draft.Path.Add(Hops.Decision("IPVS", "no ip_vs in " + nodeName + "'s kernel: nothing balances " + vip + ", the packet is dropped"));
                draft.Reason = vip + " is service " + service.Name + "'s virtual IP, which IPVS in " + ctx.Source.Name + "'s namespace spreads over the tasks; "
                               + nodeName + "'s kernel has no ip_vs module (no /proc/net/ip_vs, no /sys/module/ip_vs), so the VIP does not answer "
                               + "(docker service create still converges and tasks." + service.Name + " still resolves).";
                draft.Remedy = "modprobe ip_vs on " + nodeName + " (a kernel with IPVS), or docker service update --endpoint-mode dnsrr " + service.Name
                               + " (the name then resolves to the tasks themselves; dnsrr cannot publish ingress-mode ports)";
                return draft;
            }
            var tasks = swarm.TasksOf(service).Where(t => t.Addresses.ContainsKey(network.Name)).ToList();
            if (tasks.Count == 0)
            {
                draft.Verdict = ReachabilityVerdict.NoListener;
                draft.Path.Add(Hops.Decision("IPVS " + vip, "no running task behind it"));
                draft.Reason = vip + " is service " + service.Name + "'s VIP, but the service has no running task on " + network.Name + ", so IPVS has no real server to send to.";
                draft.Remedy = "docker service ps " + service.Name + " --no-trunc";
                return draft;
            }
            var ipvs = node?.Ipvs == true ? "IPVS" : "IPVS (if " + nodeName + "'s kernel has ip_vs: not read)";
            draft.Path.Add(Hops.Decision(ipvs + " " + vip, "balanced over " + tasks.Count.ToString(CultureInfo.InvariantCulture) + " task(s): " + string.Join(", ", tasks.Select(t => t.Addresses[network.Name]))));
            var inner = ToTask(ctx, swarm, tasks[0], network, tasks[0].Addresses[network.Name]);
            draft.Path.AddRange(inner.Path.Skip(1));
            draft.Verdict = inner.Verdict;
            draft.Remedy = inner.Remedy;
            draft.Reason = vip + " is service " + service.Name + "'s virtual IP: " + ipvs + " in " + ctx.Source.Name + "'s namespace sends each connection to one of its tasks. "
                           + "To " + tasks[0].Name + ": " + inner.Reason;
            return draft;
        }

        /// <summary>
        /// A node's filter stopped the packets between the nodes (or cannot be decided): the path up to where it acts, then
        /// the rule's hop. A packet of the reply's way (to <paramref name="local"/>) keeps the whole path first.
        /// </summary>
        private static ResultDraft Stopped(ResultDraft draft, NodeFirewalls.Block block, SwarmNode local, string reason, string remedy, bool gossip = false)
        {
            // The path's hops: interface, bridge, vxlan, the local node's send, the remote node's decapsulation, the task.
            // Without gossip the packet is never encapsulated; a sender's OUTPUT stops it before it leaves, a receiver's
            // filter before it is decapsulated; a stopped reply comes after the whole way there.
            var request = block.Node.Id == local.Id ? block.Outgoing : !block.Outgoing;
            var keep = gossip || (request && block.Outgoing) ? 3 : request ? 4 : draft.Path.Count;
            draft.Path.RemoveRange(keep, draft.Path.Count - keep);
            draft.Path.Add(block.Hop());
            draft.Verdict = block.Undetermined ? ReachabilityVerdict.Undetermined : ReachabilityVerdict.Blocked;
            draft.Reason = reason + (request || gossip ? string.Empty : " That is the way back: the request arrives, the answer does not.");
            draft.Remedy = remedy;
            return draft;
        }

        private static ResultDraft ToTask(RunContext ctx, SwarmInfo swarm, SwarmTask task, NetworkInfo network, IPAddress address)
        {
            var endpoint = SourceOn(ctx, network);
            if (endpoint == null)
            {
                return new ResultDraft(ReachabilityVerdict.NoRoute,
                    address + " is task " + task.Name + " on overlay " + network.Name + ", which " + ctx.Source.Name + " is not on; overlays are isolated from each other and from bridges.",
                    "docker network connect " + network.Name + " " + ctx.Source.Name + (network.Attachable ? string.Empty : " (needs an --attachable overlay)"))
                { Address = address, NetworkUsed = network.Name };
            }
            var local = swarm.LocalNode;
            var remote = swarm.FindNode(task.NodeId);
            var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty) { Address = address, NetworkUsed = network.Name };
            draft.Path.Add(new ReachabilityHop(HopKind.Interface, ctx.Source.Name + " " + Hops.Interface(endpoint), endpoint.IPAddress, "on overlay " + network.Name));
            draft.Path.Add(new ReachabilityHop(HopKind.Bridge, "br0 (" + network.Name + "'s namespace on " + (local?.Hostname ?? "this node") + ")", null, "the overlay's bridge on this node"));
            var container = task.NodeId == swarm.LocalNodeId ? ctx.Model.Containers.FirstOrDefault(c => c.Id == task.ContainerId) : null;
            if (task.NodeId == swarm.LocalNodeId || remote == null || local == null)
            {
                draft.Path.Add(new ReachabilityHop(HopKind.Interface, task.Name, address, "on the same node: bridged, no VXLAN"));
                if (container != null && ctx.Query.Port.HasValue)
                    return draft.Deliver(ListenerCheck.Check(NetNamespace.Of(ctx.Model, container), address, ctx.Query),
                        task.Name + " runs on the same node; " + address + " is on " + network.Name + "'s bridge, with nothing in between.");
                draft.Reason = task.Name + " runs on the same node; " + address + " is on " + network.Name + "'s bridge, with nothing in between.";
                return draft;
            }
            var vni = network.Vni?.ToString(CultureInfo.InvariantCulture) ?? "?";
            var wire = network.Encrypted ? "ESP (IP protocol 50) carrying VXLAN udp/" + VxlanPort.ToString(CultureInfo.InvariantCulture) : "udp/" + VxlanPort.ToString(CultureInfo.InvariantCulture);
            draft.Path.Add(new ReachabilityHop(HopKind.Interface, "vxlan (VNI " + vni + ")", null, "encapsulated for " + remote.Hostname));
            draft.Path.Add(new ReachabilityHop(HopKind.Host, local.Hostname, local.Address, wire + " to " + remote.Address));
            draft.Path.Add(new ReachabilityHop(HopKind.Host, remote.Hostname, remote.Address, "decapsulated into " + network.Name + "'s bridge"));
            draft.Path.Add(new ReachabilityHop(HopKind.Interface, task.Name, address, "task of " + task.ServiceName));
            var across = task.Name + " runs on " + remote.Hostname + " (" + remote.Address + "): the packet crosses in VXLAN (VNI " + vni + ") over " + wire + " from " + local.Hostname
                         + " (" + local.Address + ")" + (network.Encrypted ? "; the overlay is encrypted, so the nodes' firewalls must pass ESP" : string.Empty)
                         + ". A firewall between the nodes that drops " + (network.Encrypted ? "ESP or " : string.Empty) + "udp/" + VxlanPort.ToString(CultureInfo.InvariantCulture) + " breaks this (and tcp+udp/7946 for the gossip that tells the nodes where each task is).";
            if (!remote.Ready)
            {
                draft.Verdict = ReachabilityVerdict.NoRoute;
                draft.Reason = remote.Hostname + " is " + remote.State + " for the managers, so nothing answers for " + task.Name + ". " + across;
                draft.Remedy = "docker node ls (bring " + remote.Hostname + " back, or let the tasks move: docker node update --availability drain " + remote.Hostname + ")";
                return draft;
            }
            var filters = new NodeFirewalls(ctx.Model, swarm);
            if (filters.Data(local, remote, network.Encrypted) is NodeFirewalls.Block data)
                return Stopped(draft, data, local, task.Name + " runs on " + remote.Hostname + " (" + remote.Address + "), reached in VXLAN (VNI " + vni + ") over " + wire + ", but " + data.Said() + ".",
                    data.Remedy() + (network.Encrypted ? " (the overlay is encrypted: the nodes exchange ESP, IP protocol 50, both ways)" : string.Empty));
            var gossip = filters.Gossip(local, remote);
            if (gossip != null && gossip.Cut)
            {
                var stopped = Stopped(draft, gossip.Blocks[0], local, task.Name + " runs on " + remote.Hostname + " (" + remote.Address + "); the overlay's data (" + wire + ") passes both nodes' filters, but the gossip between them is cut: "
                    + string.Join("; ", gossip.Blocks.Select(b => b.Said())) + ". The nodes learn where each task runs over that gossip (memberlist: a udp ping and ack, a tcp ping either way, a refutation); with none left "
                    + "each declares the other failed (within about half a minute) and removes the other's task entries from the overlay's forwarding table and DNS, so " + local.Hostname + " has no VXLAN destination for " + address
                    + " (the managers, over tcp/2377, still show both nodes ready).",
                    gossip.Remedy(), gossip: true);
                if (gossip.Undetermined) stopped.Verdict = ReachabilityVerdict.Undetermined;
                return stopped;
            }
            var unknown = filters.Unknown(local, remote);
            if (unknown.Count < 2)
            {
                across = task.Name + " runs on " + remote.Hostname + " (" + remote.Address + "): the packet crosses in VXLAN (VNI " + vni + ") over " + wire + " from " + local.Hostname
                         + " (" + local.Address + "), which " + (unknown.Count == 0 ? "both nodes' packet filters pass" : local.Hostname == unknown[0].Hostname ? remote.Hostname + "'s packet filter passes" : local.Hostname + "'s packet filter passes")
                         + ", as they do the gossip (tcp and udp/" + NodeFirewalls.GossipPort.ToString(CultureInfo.InvariantCulture) + ")"
                         + (unknown.Count == 0 ? "." : "; " + unknown[0].Hostname + "'s is not known (read that node, or give its nodes[].firewall), so this assumes it passes them too.");
            }
            if (gossip != null)
            {
                across += " Part of the gossip is dropped (" + string.Join("; ", gossip.Blocks.Select(b => b.Said())) + "), but memberlist still reaches the other node another way "
                          + "(a tcp ping's answers come from port " + NodeFirewalls.GossipPort.ToString(CultureInfo.InvariantCulture) + ", a suspicion is refuted over the open way), so the nodes stay members and keep each other's task entries; "
                          + "Docker still asks for tcp and udp/" + NodeFirewalls.GossipPort.ToString(CultureInfo.InvariantCulture) + " open both ways: " + gossip.Remedy() + ".";
            }
            if (ctx.Query.Port.HasValue)
            {
                draft.Verdict = ReachabilityVerdict.Undetermined;
                draft.Reason = across + " Whether " + task.Name + " listens on " + ctx.Query.ServiceText + " is known only on " + remote.Hostname + ": read that node (-DockerHost) to check its sockets.";
                return draft;
            }
            draft.Reason = across;
            return draft;
        }
    }
}
