using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Swarm
{
    /// <summary>
    /// What Docker's embedded DNS answers for a swarm service on one overlay: &lt;service&gt; gives its VIP (vip mode) or
    /// every running task's address (dnsrr); tasks.&lt;service&gt; always gives every running task's address.
    /// </summary>
    public static class SwarmDns
    {
        public static IReadOnlyList<IPAddress> Answers(SwarmInfo swarm, SwarmService service, string network, bool tasksName)
        {
            if (swarm == null) throw new ArgumentNullException(nameof(swarm));
            if (service == null) throw new ArgumentNullException(nameof(service));
            if (!tasksName && service.EndpointMode == SwarmEndpointMode.Vip)
                return service.VirtualIPs.TryGetValue(network, out var vip) ? new[] { vip } : Array.Empty<IPAddress>();
            return swarm.TasksOf(service).Where(t => t.Addresses.ContainsKey(network)).Select(t => t.Addresses[network]).ToList();
        }
    }
}
