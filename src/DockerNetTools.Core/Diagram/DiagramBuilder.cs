using System.Globalization;
using System.Linq;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Analysis.Topology;

namespace DockerNetTools.Diagram
{
    /// <summary>
    /// Adds the results of the topology, interface and reachability analyses to a <see cref="NetworkDiagram"/>; what one
    /// result does not say (a subnet, the uplink) another piped with it may.
    /// </summary>
    public static class DiagramBuilder
    {
        /// <summary>A network with its bridge, subnet and the interfaces (with veths and published ports) of its containers.</summary>
        public static void Add(NetworkDiagram diagram, NetworkTopology topology)
        {
            var network = diagram.AddNetwork(topology.Name, topology.Driver, topology.Bridge, topology.Subnet, topology.Internal);
            if (topology.Uplink != null)
            {
                diagram.SetUplink(topology.Uplink);
                network.ReachesUplink = true;
            }
            foreach (var attached in topology.Containers)
            {
                var diagramInterface = diagram.AddInterface(attached.Name, topology.Name, attached.Interface, attached.IPv4, attached.HostVeth);
                foreach (var port in attached.PublishedPortBindings) diagram.AddPort(diagramInterface, port);
            }
        }

        /// <summary>One interface row of a container: its interface, address, veth and bridge.</summary>
        public static void Add(NetworkDiagram diagram, ContainerInterface row)
        {
            // A container:<x> row shows x's interfaces under the name asked about: they are drawn once, as x's.
            var owner = row.SharedWith ?? row.Container;
            if (row.SharedWith != null) diagram.AddNamespaceSharer(row.Container, row.SharedWith);
            if (row.Network == null)
            {
                diagram.AddContainer(owner);
                return;
            }
            diagram.AddNetwork(row.Network, null, row.Bridge, null, null);
            var address = row.IPAddress == null
                ? null
                : row.IPAddress + (row.PrefixLength.HasValue ? "/" + row.PrefixLength.Value.ToString(CultureInfo.InvariantCulture) : string.Empty);
            var diagramInterface = diagram.AddInterface(owner, row.Network, row.Interface, address, row.HostVeth);
            foreach (var port in row.PublishedPortBindings) diagram.AddPort(diagramInterface, port);
        }

        /// <summary>A packet's path, hop by hop, the hop that drops it marked with its rule, the reason beside it.</summary>
        public static void Add(NetworkDiagram diagram, ReachabilityResult result)
        {
            var dropped = result.DroppedAt;
            var title = result.Source + " -> " + result.Destination + " " + result.Service;
            diagram.AddPath(title, result.Verdict.ToString(), result.Reachable, result.Reason,
                result.Path.Select(h => (Place(h), h.Description, ReferenceEquals(h, dropped))));
        }

        private static string Place(ReachabilityHop hop) => hop.Address == null ? hop.Device : hop.Device + " " + hop.Address;
    }
}
