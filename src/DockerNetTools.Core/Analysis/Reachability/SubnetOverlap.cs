using System.Linq;
using System.Net;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>
    /// An address inside a Docker network's subnet that no container holds: the host routes it to that network's bridge, so
    /// a machine with that address on the LAN or behind a VPN is out of reach from the containers and the host alike.
    /// </summary>
    internal static class SubnetOverlap
    {
        public static ResultDraft Explain(RunContext ctx, NetworkInfo network, IPAddress address, ResultDraft draft)
        {
            if (network.IsMacvlan) return draft;
            var v6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            var subnet = v6 ? network.Subnet6?.ToString() : network.Subnet?.ToString();
            var bridge = Hops.BridgeOf(network);
            var routing = new HostRouting(ctx.Model);
            var own = routing.OwnRoutesCovering(address).OrderByDescending(r => r.PrefixLength).FirstOrDefault();
            if (own != null)
                draft.Reason += " The host also has the route '" + own + "', but Docker network " + network.Name + "'s " + subnet + " on " + bridge
                                + " is the longer prefix, so a machine at " + address + " beyond " + own.Interface + " is unreachable from the containers and the host alike.";
            draft.Remedy = "If " + address + " is a machine outside this host (LAN, VPN), network " + network.Name + "'s subnet " + subnet + " swallows it: recreate "
                           + network.Name + " with --subnet elsewhere (compose: ipam config), and keep Docker's pools away from that range with \"default-address-pools\""
                           + (network.IsDefaultBridge ? " and \"bip\"" : string.Empty) + " in daemon.json.";
            return draft;
        }
    }
}
