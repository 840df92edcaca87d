using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Firewall;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Swarm
{
    /// <summary>
    /// The swarm nodes' own packet filters, asked (through <see cref="PacketFilter"/>, as the host's filter is) about the
    /// packets between two nodes: the overlay's data (VXLAN in udp/4789, or ESP for an encrypted overlay) both ways, each
    /// through the sender's OUTPUT and the receiver's PREROUTING and INPUT; and the gossip (tcp and udp/7946, memberlist),
    /// which carries where each task runs. A node's filter is its nodes[].firewall, or the host's own for the node the
    /// model is read on; a node whose filter is not known is named, never assumed open.
    /// </summary>
    internal sealed class NodeFirewalls
    {
        public const int GossipPort = 7946;
        private const int VxlanSourcePort = 50000;
        private const int GossipSourcePort = 40000;
        private readonly DockerHostModel _model;
        private readonly SwarmInfo _swarm;

        public NodeFirewalls(DockerHostModel model, SwarmInfo swarm)
        {
            _model = model;
            _swarm = swarm;
        }

        /// <summary>One packet kind a filter stopped (or could not decide) between two nodes.</summary>
        public sealed class Block
        {
            public Block(SwarmNode node, SwarmNode peer, HostFirewall filter, FilterDecision decision, string what)
            {
                Node = node;
                Peer = peer;
                Filter = filter;
                Decision = decision;
                What = what;
            }

            /// <summary>The node whose filter decided.</summary>
            public SwarmNode Node { get; }

            /// <summary>The other node: the packet's sender (INPUT, PREROUTING) or receiver (OUTPUT).</summary>
            public SwarmNode Peer { get; }

            public HostFirewall Filter { get; }
            public FilterDecision Decision { get; }

            /// <summary>"udp/4789", "esp", "tcp/7946".</summary>
            public string What { get; }

            public bool Undetermined => Decision.Verdict == FilterVerdict.Undetermined;

            public bool Outgoing => Decision.Hook == FirewallHook.Output;

            /// <summary>The hop this decision adds to a path, named by its node.</summary>
            public ReachabilityHop Hop()
            {
                var hop = Filter.Hop(Decision);
                return new ReachabilityHop(hop.KindValue, Node.Hostname + " " + hop.Device, Node.Address, What + (Outgoing ? " to " : " from ") + Peer.Hostname + ": " + hop.Description);
            }

            /// <summary>In words: "on swarm-n2, the rule … (iptables filter INPUT) drops udp/4789 from swarm-n1 (198.18.76.11)".</summary>
            public string Said()
            {
                var where = " (" + Filter.ToolName + " " + (Decision.Table ?? "filter") + " " + (Decision.Chain ?? PacketFilter.ChainName(Decision.Hook)) + ")";
                var rule = Decision.Rule == null ? "the policy " + Decision.RuleText : "the rule " + Decision.RuleText;
                var packet = What + (Outgoing ? " to " : " from ") + Peer.Hostname + " (" + Peer.Address + ")";
                return "on " + Node.Hostname + ", " + rule + where + (Undetermined ? " decides " + packet + ", and " + Decision.Reason : (Decision.Verdict == FilterVerdict.Reject ? " rejects " : " drops ") + packet);
            }

            /// <summary>The ACCEPT, then (when a rule decided) the deletion of that rule as the other way.</summary>
            public string Remedy() => Decision.Rule == null ? Accept() : Accept() + " (or remove the rule: " + Filter.DeleteCommand(Decision.Rule) + ")";

            /// <summary>The command, run on the node, that lets the packet through: an ACCEPT inserted first in the hook's chain of the deciding table.</summary>
            public string Accept()
            {
                var chain = PacketFilter.ChainName(Decision.Hook);
                var peer = Peer.Address?.ToString() ?? "<" + Peer.Hostname + "'s address>";
                var protocol = What.Split('/');
                if (Filter.Rules.Format == FirewallFormat.NftJson)
                    return "on " + Node.Hostname + ": nft insert rule " + (Decision.Table ?? "ip filter") + " " + (Decision.Chain ?? chain.ToLowerInvariant()) + " ip " + (Outgoing ? "daddr " : "saddr ") + peer
                           + (protocol.Length == 2 ? " " + protocol[0] + " dport " + protocol[1] : " ip protocol esp") + " accept";
                var table = Decision.Table == null || Decision.Table == "filter" ? string.Empty : " -t " + Decision.Table;
                return "on " + Node.Hostname + ": " + Filter.ToolName + table + " -I " + chain + (Outgoing ? " -d " : " -s ") + peer + " -p " + protocol[0]
                       + (protocol.Length == 2 ? " --dport " + protocol[1] : string.Empty) + " -j ACCEPT";
            }
        }

        /// <summary>The filter of a node, or null when it is not known.</summary>
        public HostFirewall? Of(SwarmNode node)
        {
            if (node.Firewall != null) return HostFirewall.OfNode(_model, node.Firewall, "nodes[" + node.Hostname + "].firewall");
            if (node.Id == _swarm.LocalNodeId && _model.Host.Firewall != null) return HostFirewall.OfNode(_model, _model.Host.Firewall, null);
            return null;
        }

        /// <summary>The nodes of the two whose filter is not known.</summary>
        public IReadOnlyList<SwarmNode> Unknown(SwarmNode a, SwarmNode b) => new[] { a, b }.Where(n => Of(n) == null).ToList();

        /// <summary>The overlay's data between two nodes, both ways: the first filter that does not accept it; null when every known filter does.</summary>
        public Block? Data(SwarmNode local, SwarmNode remote, bool encrypted)
        {
            var what = encrypted ? "esp" : "udp/" + SwarmPaths.VxlanPort.ToString(CultureInfo.InvariantCulture);
            return Between(local, remote, what, encrypted ? null : VxlanSourcePort, encrypted ? (int?)null : SwarmPaths.VxlanPort)
                   ?? Between(remote, local, what, encrypted ? null : VxlanSourcePort, encrypted ? (int?)null : SwarmPaths.VxlanPort);
        }

        /// <summary>
        /// The gossip between two nodes (memberlist, to port 7946 over tcp and udp, both ways): the packets a filter does
        /// not accept, and whether that cuts it. Memberlist keeps a node a member while one of these works: a udp ping and
        /// its ack (udp both ways), a tcp ping (a connection either way: its answers come from port 7946, not to it), or the
        /// suspected node's refutation (any packet its way). So it is cut only when tcp is dropped both ways and udp at
        /// least one way; then each node declares the other failed and removes the other's task entries.
        /// </summary>
        public GossipCheck? Gossip(SwarmNode local, SwarmNode remote)
        {
            var what = "/" + GossipPort.ToString(CultureInfo.InvariantCulture);
            var tcpThere = Between(local, remote, "tcp" + what, GossipSourcePort, GossipPort);
            var tcpBack = Between(remote, local, "tcp" + what, GossipSourcePort, GossipPort);
            var udpThere = Between(local, remote, "udp" + what, GossipPort, GossipPort);
            var udpBack = Between(remote, local, "udp" + what, GossipPort, GossipPort);
            var blocks = new[] { tcpThere, tcpBack, udpThere, udpBack }.Where(b => b != null).Select(b => b!).ToList();
            if (blocks.Count == 0) return null;
            return new GossipCheck(blocks, tcpThere != null && tcpBack != null && (udpThere != null || udpBack != null));
        }

        /// <summary>The gossip packets the nodes' filters stop, and whether memberlist is cut by them.</summary>
        public sealed class GossipCheck
        {
            public GossipCheck(IReadOnlyList<Block> blocks, bool cut)
            {
                Blocks = blocks;
                Cut = cut;
            }

            public IReadOnlyList<Block> Blocks { get; }

            /// <summary>No way left for memberlist: the nodes declare each other failed.</summary>
            public bool Cut { get; }

            public bool Undetermined => Blocks.Any(b => b.Undetermined);

            /// <summary>The ACCEPT of each stopped packet, on its node.</summary>
            public string Remedy() => string.Join("; ", Blocks.Select(b => b.Accept()).Distinct(StringComparer.Ordinal));
        }

        /// <summary>One packet from one node to another: the sender's OUTPUT, the receiver's PREROUTING and INPUT.</summary>
        private Block? Between(SwarmNode from, SwarmNode to, string what, int? sourcePort, int? destinationPort)
        {
            if (from.Address == null || to.Address == null) return null;
            var protocol = what.Split('/')[0];
            var sender = Of(from);
            if (sender != null)
            {
                var packet = Packet(from, to, protocol, sourcePort, destinationPort, outgoing: true);
                var output = sender.Output(packet);
                if (!output.Accepted) return new Block(from, to, sender, output, what);
            }
            var receiver = Of(to);
            if (receiver != null)
            {
                var packet = Packet(to, from, protocol, sourcePort, destinationPort, outgoing: false);
                var pre = receiver.Prerouting(packet);
                if (!pre.Accepted) return new Block(to, from, receiver, pre, what);
                var input = receiver.Input(pre.Packet);
                if (!input.Accepted) return new Block(to, from, receiver, input, what);
            }
            return null;
        }

        /// <summary>
        /// The packet at <paramref name="node"/> (to or from <paramref name="peer"/>). Its interface is the one holding the
        /// node's address when the model has that node's interfaces (the local one); else unknown, so an -i/-o rule is not guessed.
        /// </summary>
        private FirewallPacket Packet(SwarmNode node, SwarmNode peer, string protocol, int? sourcePort, int? destinationPort, bool outgoing)
        {
            var device = node.Id == _swarm.LocalNodeId
                ? _model.Host.Interfaces.FirstOrDefault(i => i.Addresses.Any(a => a.Equals(node.Address)))?.Name
                : null;
            return new FirewallPacket(outgoing ? node.Address! : peer.Address!, outgoing ? peer.Address! : node.Address!, protocol)
            {
                SourcePort = sourcePort,
                DestinationPort = destinationPort,
                InInterface = outgoing ? null : device,
                OutInterface = outgoing ? device : null,
                InterfacesUnknown = device == null,
                SourceIsLocal = outgoing,
                DestinationIsLocal = !outgoing,
            };
        }
    }
}
