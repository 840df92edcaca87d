using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace DockerNetTools.Model
{
    /// <summary>How a network namespace that is no container's was found on the host.</summary>
    public enum NamespaceOrigin
    {
        /// <summary>Named: a file under /var/run/netns (what `ip netns add` makes).</summary>
        Named,

        /// <summary>Only a process holds it: /proc/&lt;pid&gt;/ns/net is neither the host's namespace nor a container's.</summary>
        Process,
    }

    /// <summary>
    /// A network namespace of the host that Docker did not make: `ip netns add container4`, or a process that called
    /// unshare(CLONE_NEWNET). Scenario key host.namespaces. Its interfaces are usually one end of a veth pair whose other end
    /// is a host interface, often enslaved to a bridge of the host's own (seed 003's br0).
    /// </summary>
    public sealed class HostNamespace
    {
        /// <summary>The name under /var/run/netns; for a process' namespace "pid &lt;n&gt;".</summary>
        public string Name { get; set; } = string.Empty;

        public NamespaceOrigin Origin { get; set; } = NamespaceOrigin.Named;

        /// <summary>A process in the namespace (the only way to it for <see cref="NamespaceOrigin.Process"/>); null when none is known.</summary>
        public int? ProcessId { get; set; }

        /// <summary>That process' command name (/proc/&lt;pid&gt;/comm), when known.</summary>
        public string? Process { get; set; }

        /// <summary>The namespace's inode on nsfs (what `ls -L -i /var/run/netns/x` and /proc/&lt;pid&gt;/ns/net show); null when unknown.</summary>
        public long? Inode { get; set; }

        /// <summary>Its interfaces other than lo (lo is in every namespace; `ip netns exec x ip link set lo up` brings it up).</summary>
        public List<NamespaceInterface> Interfaces { get; } = new List<NamespaceInterface>();

        /// <summary>
        /// Its routes beyond the ones on its links (`ip netns exec x ip route add default via 10.201.0.1`); empty when it has
        /// only the routes its addresses give.
        /// </summary>
        public List<HostRoute> Routes { get; } = new List<HostRoute>();

        /// <summary>Sockets open in the namespace.</summary>
        public List<SocketEntry> Sockets { get; } = new List<SocketEntry>();

        /// <summary>True when the sockets were read (or modelled); false means unknown, not "none".</summary>
        public bool SocketsKnown { get; set; }

        /// <summary>The interface that holds <paramref name="address"/>, or null.</summary>
        public NamespaceInterface? InterfaceWith(IPAddress address) =>
            Interfaces.FirstOrDefault(i => i.Addresses.Any(a => a.Address.Equals(address)));

        public override string ToString() => Name;
    }

    /// <summary>One interface inside a <see cref="HostNamespace"/>: veth4 with 10.201.0.4/24, whose peer brid4 is a host interface.</summary>
    public sealed class NamespaceInterface
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>The ifindex inside the namespace; 0 when unknown.</summary>
        public int IfIndex { get; set; }

        public List<InterfaceAddress> Addresses { get; } = new List<InterfaceAddress>();

        public string? MacAddress { get; set; }

        /// <summary>The host-side end of the veth pair (brid4), a host interface; null when the interface is not a veth into the host.</summary>
        public string? Peer { get; set; }

        /// <summary>The peer's ifindex in the host's namespace (the interface's iflink); 0 when unknown.</summary>
        public int PeerIfIndex { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>An address on an interface with its prefix length, as `ip addr` shows it (10.201.0.4/24).</summary>
    public sealed class InterfaceAddress
    {
        public InterfaceAddress(IPAddress address, int prefixLength)
        {
            Address = address ?? throw new ArgumentNullException(nameof(address));
            var max = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
            if (prefixLength < 0 || prefixLength > max) throw new ArgumentOutOfRangeException(nameof(prefixLength));
            PrefixLength = prefixLength;
        }

        public IPAddress Address { get; }
        public int PrefixLength { get; }

        public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

        /// <summary>The on-link route the address gives (10.201.0.0/24 for 10.201.0.4/24).</summary>
        public HostRoute LinkRoute(string interfaceName) => new HostRoute(NetworkAddress(), PrefixLength, null, interfaceName);

        /// <summary>Whether <paramref name="other"/> is on the same link (inside the prefix).</summary>
        public bool OnLink(IPAddress other) => LinkRoute(string.Empty).Contains(other);

        private IPAddress NetworkAddress()
        {
            var bytes = Address.GetAddressBytes();
            for (var bit = PrefixLength; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
            return new IPAddress(bytes);
        }

        /// <summary>Reads "10.201.0.4/24"; false when the text is no address/prefix.</summary>
        public static bool TryParse(string? text, out InterfaceAddress? result)
        {
            result = null;
            if (string.IsNullOrWhiteSpace(text)) return false;
            var slash = text!.IndexOf('/');
            if (slash <= 0 || !AddressText.TryParseIP(text.Substring(0, slash), out var address)) return false;
            if (!int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)) return false;
            if (prefix > (address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32)) return false;
            result = new InterfaceAddress(address, prefix);
            return true;
        }

        public override string ToString() => Address + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
    }
}
