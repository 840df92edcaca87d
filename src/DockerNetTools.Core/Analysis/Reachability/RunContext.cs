using System.Linq;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>What every step of one analysis needs: the model, the question, the engine's rules and the source.</summary>
    internal sealed class RunContext
    {
        public RunContext(DockerHostModel model, ReachabilityQuery query, ContainerInfo source, NetNamespace sourceNs)
        {
            Model = model;
            Query = query;
            Source = source;
            SourceNs = sourceNs;
            Firewall = new FirewallRules(model.Engine);
        }

        public DockerHostModel Model { get; }
        public ReachabilityQuery Query { get; }
        public ContainerInfo Source { get; }
        public NetNamespace SourceNs { get; }
        public FirewallRules Firewall { get; }

        public NetworkInfo? Network(EndpointInfo endpoint) => Model.FindNetwork(endpoint.NetworkName);

        /// <summary>
        /// The endpoint that holds the namespace's default route: the first non-internal one in Docker's endpoint order
        /// (network names, see EndpointOrder), not the first connected (a container only on --internal networks has no
        /// default route at all).
        /// </summary>
        public EndpointInfo? DefaultRoute(NetNamespace ns) =>
            EndpointOrder.Ranked(Model, ns.Endpoints).FirstOrDefault(e => Network(e) is NetworkInfo n && !n.Internal && e.IPAddress != null);

        /// <summary>
        /// The endpoint a container's published ports forward to: Docker programs the port mappings on the first
        /// non-internal endpoint the container was created with (its network-mode network), whatever the default route.
        /// </summary>
        public EndpointInfo? PublishingEndpoint(NetNamespace ns) =>
            ns.Endpoints.FirstOrDefault(e => Network(e) is NetworkInfo n && !n.Internal && e.IPAddress != null);

        /// <summary>The host's own address on its uplink, when the model records one (not a Docker bridge's gateway).</summary>
        public System.Net.IPAddress? HostAddress()
        {
            var bridges = Model.Networks.Select(n => n.BridgeName).Where(b => b != null).ToList();
            return Model.Host.Interfaces
                .Where(i => !bridges.Contains(i.Name) && i.Master == null && i.Name != "lo" && !i.Name.StartsWith("veth", System.StringComparison.Ordinal))
                .SelectMany(i => i.Addresses)
                .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a));
        }

        public string Service => Query.ServiceText;
    }
}
