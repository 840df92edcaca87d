using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>Source and destination share one network namespace: the packet never leaves it, it goes over lo.</summary>
    internal static class Loopback
    {
        public static ResultDraft Same(RunContext ctx, ContainerInfo? destination, IPAddress arrival)
        {
            var ns = ctx.SourceNs;
            string who;
            if ((destination == null || ReferenceEquals(destination, ctx.Source)) && ns.Owner != null && !ReferenceEquals(ns.Owner, ctx.Source))
                who = ctx.Source.Name + " shares " + ns.Label + " (" + ctx.Source.NetworkMode + ")";
            else if (destination == null || ReferenceEquals(destination, ctx.Source))
                who = ctx.Source.Name + " talks to itself";
            else if (ns.Kind == NamespaceKind.Host)
                who = ctx.Source.Name + " and " + destination.Name + " both use the host's network namespace";
            else
                who = ctx.Source.Name + " and " + destination.Name + " share " + ns.Label;

            var draft = new ResultDraft(ReachabilityVerdict.Reachable, string.Empty)
            {
                NetworkUsed = "loopback",
                Address = arrival,
            };
            draft.Path.Add(new ReachabilityHop(HopKind.Interface, ctx.Source.Name + " lo", arrival,
                "stays inside " + ns.Label + (IPAddress.IsLoopback(arrival) ? " on the loopback interface" : " (a local address is delivered over lo)")));

            var outcome = ListenerCheck.Check(ns, arrival, ctx.Query);
            var answer = ctx.Query.Port.HasValue ? ctx.Service + " is answered there" : "the kernel answers the ping";
            return draft.Deliver(outcome, who + ": the packet to " + arrival + " stays on the loopback interface, and " + answer + ".");
        }
    }
}
