using System.Collections.Generic;
using System.Net;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Topology
{
    /// <summary>
    /// One network interface as seen from inside a container, and where it comes out on the host:
    /// eth0 (ifindex N) is one end of a veth pair whose other end (PeerIfIndex, HostVeth) hangs on Bridge.
    /// </summary>
    public sealed class ContainerInterface
    {
        public ContainerInterface(string container, string? network, string networkMode, string? @interface, int? ifIndex,
            int? peerIfIndex, string? hostVeth, string? bridge, IPAddress? ipAddress, int? prefixLength, IPAddress? iPv6Address, string? macAddress,
            IPAddress? gateway, string? sharedWith, string? note)
        {
            Container = container;
            Network = network;
            NetworkMode = networkMode;
            Interface = @interface;
            IfIndex = ifIndex;
            PeerIfIndex = peerIfIndex;
            HostVeth = hostVeth;
            Bridge = bridge;
            IPAddress = ipAddress?.ToString();
            PrefixLength = prefixLength;
            MacAddress = macAddress;
            Gateway = gateway?.ToString();
            SharedWith = sharedWith;
            Note = note;
            IPv6Address = iPv6Address?.ToString();
        }

        /// <summary>The container asked about (for container: mode, not the namespace's owner).</summary>
        public string Container { get; }

        /// <summary>The Docker network this interface belongs to; "host"/"none" for those modes.</summary>
        public string? Network { get; }

        /// <summary>HostConfig.NetworkMode as docker spells it: bridge, a network name, host, none, container:&lt;name&gt;.</summary>
        public string NetworkMode { get; }

        /// <summary>Name inside the container: eth0, eth1, …; lo for a none-mode container; null when there is no interface of its own.</summary>
        public string? Interface { get; }

        /// <summary>The interface's ifindex inside the container's namespace.</summary>
        public int? IfIndex { get; }

        /// <summary>The interface's iflink: the host-side peer's ifindex (the parent device for macvlan/ipvlan).</summary>
        public int? PeerIfIndex { get; }

        /// <summary>The host-side veth (vethXXXXXXX).</summary>
        public string? HostVeth { get; }

        /// <summary>The bridge the host veth is enslaved to (docker0, br-&lt;id12&gt;).</summary>
        public string? Bridge { get; }

        public string? IPAddress { get; }
        public int? PrefixLength { get; }

        /// <summary>The interface's global IPv6 address (the endpoint's GlobalIPv6Address); null when its network has no IPv6.</summary>
        public string? IPv6Address { get; }

        public string? MacAddress { get; }
        public string? Gateway { get; }

        /// <summary>For container: mode, the container whose network namespace (and so whose interfaces) this one uses.</summary>
        public string? SharedWith { get; }

        /// <summary>What is special about the row: a shared namespace, host networking, loopback only, not running.</summary>
        public string? Note { get; }

        /// <summary>
        /// The published ports that forward to this interface's address (Docker programs a container's -p on its gateway
        /// endpoint, so one interface holds them all); empty on the others.
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

        /// <summary>The Compose project of the container asked about (label com.docker.compose.project); null when Compose did not make it.</summary>
        public string? Project { get; internal set; }

        /// <summary>The Compose service of the container asked about (label com.docker.compose.service); null when Compose did not make it.</summary>
        public string? Service { get; internal set; }

        /// <summary>Container for a Docker container's interface; Namespace for one of a network namespace Docker did not make (then Container is its name).</summary>
        public string Kind => KindValue.ToString();

        internal InterfaceOwner KindValue { get; set; } = InterfaceOwner.Container;

        public override string ToString() => Container + " " + (Interface ?? "-") + " " + (IPAddress ?? string.Empty);
    }
}
