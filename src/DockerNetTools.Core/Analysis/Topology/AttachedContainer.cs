using System.Collections.Generic;
using System.Net;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Topology
{
    /// <summary>A container's endpoint on one network, as `docker network inspect` lists it, plus its host-side veth.</summary>
    public sealed class AttachedContainer
    {
        public AttachedContainer(string name, string? iPv4, IPAddress? iPv6Address, string? macAddress, IReadOnlyList<string> aliases, string? hostVeth)
        {
            Name = name;
            IPv4 = iPv4;
            MacAddress = macAddress;
            Aliases = new TextList<string>(aliases, ", ");
            HostVeth = hostVeth;
            IPv6Address = iPv6Address?.ToString();
        }

        /// <summary>The container's name (binds to -Container of other cmdlets through the pipeline).</summary>
        public string Name { get; }

        /// <summary>Address with prefix length, e.g. "172.17.0.2/16"; null on host and none, which give no address.</summary>
        public string? IPv4 { get; }

        /// <summary>The endpoint's global IPv6 address (`docker network inspect`'s IPv6Address); null when the network has no IPv6.</summary>
        public string? IPv6Address { get; }

        public string? MacAddress { get; }

        /// <summary>Network-scoped aliases (--network-alias).</summary>
        public IReadOnlyList<string> Aliases { get; }

        /// <summary>The host end of the container's veth pair (enslaved to the network's bridge); null when there is none.</summary>
        public string? HostVeth { get; }

        /// <summary>The endpoint's interface inside the container (eth0, eth1, …); null on host and none, which give none of its own.</summary>
        public string? Interface { get; internal set; }

        /// <summary>
        /// The container's published ports when this endpoint is the one they forward to (Docker programs them on the
        /// container's gateway endpoint); empty on its other endpoints.
        /// </summary>
        /// <remarks>As docker port prints them ("0.0.0.0:8001->80/tcp").</remarks>
        public IReadOnlyList<string> PublishedPorts => _publishedPorts.Text;

        /// <summary>The bindings behind <see cref="PublishedPorts"/>, for the diagram.</summary>
        internal IReadOnlyList<PortBinding> PublishedPortBindings
        {
            get => _publishedPorts.Bindings;
            set => _publishedPorts = new PublishedPortList(value);
        }

        private PublishedPortList _publishedPorts = PublishedPortList.None;

        /// <summary>The container's Compose project (label com.docker.compose.project); null when Compose did not make it.</summary>
        public string? Project { get; internal set; }

        /// <summary>The container's Compose service (label com.docker.compose.service); null when Compose did not make it.</summary>
        public string? Service { get; internal set; }

        /// <summary>Container, or Namespace for a network namespace Docker did not make on a host bridge (then HostVeth is its veth's host end).</summary>
        public string Kind => KindValue.ToString();

        internal InterfaceOwner KindValue { get; set; } = InterfaceOwner.Container;

        public override string ToString() => IPv4 == null ? Name : Name + " " + IPv4;
    }
}
