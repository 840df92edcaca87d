using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>One server a name outside Docker is sent to, and from which namespace.</summary>
    internal sealed class UpstreamServer
    {
        public UpstreamServer(IPAddress address, bool fromHostNamespace)
        {
            Address = address;
            FromHostNamespace = fromHostNamespace;
        }

        public IPAddress Address { get; }

        /// <summary>dockerd asks it from the host's namespace (a loopback entry of the host's resolv.conf), not from the container's.</summary>
        public bool FromHostNamespace { get; }
    }

    /// <summary>
    /// Where a name that nothing on the host answers goes, as Docker sets it up (moby libnetwork: sandbox DNS setup and
    /// internal/resolvconf): the container's own --dns, else dockerd's --dns (both taken as given: a loopback address there
    /// is the container's own loopback), else the nameservers of the resolv.conf Docker reads on the host, else Docker's
    /// fallback 8.8.8.8 and 8.8.4.4. With the embedded DNS (user-defined networks) the host's loopback entries are kept and
    /// asked from the host's namespace (how systemd-resolved's 127.0.0.53 works, libnetwork#1595, Docker 1.13 on), the
    /// others from the container's; on the default bridge (no embedded DNS) the container's resolv.conf gets the host's
    /// servers without loopback entries (and without IPv6 ones when the network has no IPv6), the fallback when none is left.
    /// In host mode the container reads the host's resolv.conf itself.
    /// </summary>
    internal sealed class UpstreamResolvers
    {
        public static readonly IPAddress[] Fallback = { IPAddress.Parse("8.8.8.8"), IPAddress.Parse("8.8.4.4") };

        private UpstreamResolvers(List<UpstreamServer> servers, string source, string? unknown, List<IPAddress> dropped)
        {
            Servers = servers;
            Source = source;
            Unknown = unknown;
            Dropped = dropped;
        }

        public IReadOnlyList<UpstreamServer> Servers { get; }

        /// <summary>Where the list comes from, in words ("its own --dns", "dockerd --dns", "the host's resolv.conf", "Docker's fallback …").</summary>
        public string Source { get; }

        /// <summary>What the model does not hold and this answer assumed (null when nothing).</summary>
        public string? Unknown { get; }

        /// <summary>The host's nameservers Docker left out (loopback, IPv6 without IPv6) on the default bridge.</summary>
        public IReadOnlyList<IPAddress> Dropped { get; }

        public static UpstreamResolvers For(DockerHostModel model, ContainerInfo owner, bool embedded)
        {
            var unknown = new List<string>();
            var hostMode = owner.NetworkMode.Kind == NetworkModeKind.Host;
            if (owner.Dns.Count > 0) return Override(owner.Dns, "its own --dns", hostMode, null);
            if (model.Engine.Dns == null) unknown.Add("dockerd's --dns (taken as not set)");
            else if (model.Engine.Dns.Count > 0) return Override(model.Engine.Dns, "dockerd --dns", hostMode, null);

            var dropped = new List<IPAddress>();
            if (model.Host.Resolvers == null)
            {
                unknown.Add("the host's resolv.conf (scenario key host.resolvers)");
                return new UpstreamResolvers(new List<UpstreamServer>(), "the host's resolv.conf", string.Join(" and ", unknown), dropped);
            }
            var servers = new List<UpstreamServer>();
            foreach (var address in model.Host.Resolvers)
            {
                if (hostMode) servers.Add(new UpstreamServer(address, true));
                else if (embedded) servers.Add(new UpstreamServer(address, IPAddress.IsLoopback(address)));
                else if (IPAddress.IsLoopback(address) || (address.AddressFamily == AddressFamily.InterNetworkV6 && !HasIPv6(model, owner))) dropped.Add(address);
                else servers.Add(new UpstreamServer(address, false));
            }
            var text = unknown.Count > 0 ? string.Join(" and ", unknown) : null;
            if (servers.Count == 0 && !hostMode)
                return new UpstreamResolvers(Fallback.Select(a => new UpstreamServer(a, false)).ToList(),
                    "Docker's fallback: the host's resolv.conf has " + (dropped.Count > 0 ? "only nameservers Docker leaves out, " + string.Join(", ", dropped) : "no nameserver"),
                    text, dropped);
            return new UpstreamResolvers(servers, "the host's resolv.conf", text, dropped);
        }

        private static UpstreamResolvers Override(List<IPAddress> servers, string source, bool hostMode, string? unknown) =>
            new UpstreamResolvers(servers.Select(a => new UpstreamServer(a, hostMode)).ToList(), source, unknown, new List<IPAddress>());

        private static bool HasIPv6(DockerHostModel model, ContainerInfo owner) =>
            owner.Endpoints.Any(e => e.IPv6Address != null || model.FindNetwork(e.NetworkName)?.Subnet6 != null);

        /// <summary>The way from <paramref name="asker"/> to each server, on udp/53 (the analysis of Test-DockerNetReachability); null for a loopback server asked from the host's namespace.</summary>
        public IEnumerable<(UpstreamServer Server, ReachabilityResult? Path)> Paths(DockerHostModel model, ContainerInfo asker)
        {
            foreach (var server in Servers)
            {
                if (server.FromHostNamespace && (asker.NetworkMode.Kind != NetworkModeKind.Host || IPAddress.IsLoopback(server.Address)))
                {
                    yield return (server, null);
                    continue;
                }
                var query = new ReachabilityQuery(asker.Name, server.Address.ToString(), 53, ReachabilityProtocol.Udp);
                yield return (server, ReachabilityAnalyzer.Analyze(model, query));
            }
        }
    }
}
