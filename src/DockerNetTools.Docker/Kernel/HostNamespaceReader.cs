using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Probing;
using DockerNetTools.Kernel;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// The network namespaces of the host that Docker did not make: the named ones of `ip netns add` (/var/run/netns) and
    /// those only a process holds (/proc/&lt;pid&gt;/ns/net neither ours, nor a container's, nor a named one). Each is read
    /// from inside, on a dedicated thread that joined it with setns(2) (<see cref="NetNamespaceThread"/>): its interfaces
    /// and addresses through getifaddrs (netlink follows the thread's namespace), its routes and sockets from
    /// /proc/thread-self/net. Needs root (CAP_SYS_ADMIN for setns), on the Docker host itself.
    /// </summary>
    internal sealed class HostNamespaceReader
    {
        /// <summary>Where `ip netns add` mounts its namespaces (a link to /run/netns on current distributions).</summary>
        public const string NamedDirectory = "/var/run/netns";

        /// <summary>At most this many namespaces only a process holds are read: a host full of sandboxes stays quick.</summary>
        private const int MaxProcessNamespaces = 64;

        // cgroup paths of processes that run in some runtime's container (another daemon's, a pod): containers, not hand-made namespaces.
        private static readonly string[] ContainerCgroups = { "docker", "kubepods", "libpod", "containerd" };

        private readonly ProcFs _fs;

        public HostNamespaceReader(ProcFs fs)
        {
            _fs = fs;
        }

        /// <summary>Fills model.Host.Namespaces; sockets only when <paramref name="sockets"/> (ModelParts.Sockets).</summary>
        public void Apply(DockerHostModel model, IReadOnlyList<InterfaceRecord> hostInterfaces, bool sockets, IOperationLog log)
        {
            model.Host.Namespaces.Clear();
            var ours = Inode(_fs.ReadLink("/proc/self/ns/net"));
            var taken = new HashSet<long>();
            if (ours is long own) taken.Add(own);
            foreach (var container in model.Containers.Where(c => c.IsRunning && c.Pid > 0))
                if (Inode(_fs.ReadLink("/proc/" + container.Pid.ToString(CultureInfo.InvariantCulture) + "/ns/net")) is long inode) taken.Add(inode);
            // Host ends of containers' veths are theirs: never a namespace's peer.
            var dockerVeths = new HashSet<string>(model.Containers.SelectMany(c => c.Endpoints).Select(e => e.HostVeth).Where(v => v != null).Select(v => v!), StringComparer.Ordinal);

            foreach (var name in _fs.ListDirectory(NamedDirectory).OrderBy(n => n, StringComparer.Ordinal))
            {
                var ns = TryRead(NamedDirectory + "/" + name, sockets, log);
                if (ns == null) continue;
                ns.Name = name;
                ns.Origin = NamespaceOrigin.Named;
                // The same namespace as ours (a test running inside it) or a container's is not one of the host's others.
                if (ns.Inode is long inode && !taken.Add(inode)) continue;
                model.Host.Namespaces.Add(ns);
            }

            var processes = 0;
            foreach (var entry in _fs.ListDirectory("/proc"))
            {
                if (!int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                if (!(Inode(_fs.ReadLink("/proc/" + entry + "/ns/net")) is long inode) || taken.Contains(inode)) continue;
                taken.Add(inode);
                var cgroup = _fs.ReadText("/proc/" + entry + "/cgroup") ?? string.Empty;
                if (ContainerCgroups.Any(c => cgroup.IndexOf(c, StringComparison.Ordinal) >= 0)) continue;
                if (++processes > MaxProcessNamespaces)
                {
                    log.Verbose("More than " + MaxProcessNamespaces + " network namespaces held only by processes: the rest are not read.");
                    break;
                }
                var ns = TryRead("/proc/" + entry + "/ns/net", sockets, log);
                if (ns == null) continue;
                ns.Name = "pid " + entry;
                ns.Origin = NamespaceOrigin.Process;
                ns.ProcessId = pid;
                ns.Process = _fs.ReadLine("/proc/" + entry + "/comm");
                model.Host.Namespaces.Add(ns);
            }

            foreach (var inside in model.Host.Namespaces.SelectMany(n => n.Interfaces))
            {
                // A veth pair points at each other: the host end's iflink is the inside ifindex. Ifindexes are per namespace,
                // so a name is taken only when exactly one host interface (no container's veth) claims it.
                var peers = hostInterfaces.Where(h => h.IfLink == inside.IfIndex && h.IfLink != h.IfIndex && !dockerVeths.Contains(h.Name)).Take(2).ToList();
                if (peers.Count != 1) continue;
                inside.Peer = peers[0].Name;
                inside.PeerIfIndex = peers[0].IfIndex;
            }
        }

        /// <summary>The namespace at <paramref name="path"/> read from inside; null (with a verbose line) when it cannot be joined.</summary>
        private HostNamespace? TryRead(string path, bool sockets, IOperationLog log)
        {
            try
            {
                return NetNamespaceThread.Run(path, () => ReadInside(sockets, log));
            }
            catch (NamespaceEntryException failure)
            {
                // A namespace deleted since it was listed, or a process gone: nothing to show.
                log.Verbose("Network namespace " + path + " not read: " + failure.Message);
                return null;
            }
        }

        /// <summary>Runs on the thread that joined the namespace.</summary>
        private HostNamespace ReadInside(bool sockets, IOperationLog log)
        {
            var ns = new HostNamespace { Inode = Inode(_fs.ReadLink("/proc/thread-self/ns/net")) };
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.Name == "lo" || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
                var inside = new NamespaceInterface { Name = nic.Name, IfIndex = IndexOf(nic), MacAddress = MacOf(nic) };
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var address = unicast.Address;
                    if (address.AddressFamily != AddressFamily.InterNetwork && address.AddressFamily != AddressFamily.InterNetworkV6) continue;
                    if (address.IsIPv6LinkLocal) continue;
                    // ScopeId is IPv6's only (IPv4 throws): a scoped address is kept without its scope, as scenarios take it.
                    var plain = address.AddressFamily == AddressFamily.InterNetworkV6 ? new IPAddress(address.GetAddressBytes()) : address;
                    inside.Addresses.Add(new InterfaceAddress(plain, PrefixOf(unicast)));
                }
                ns.Interfaces.Add(inside);
            }
            var routes = RouteTableParser.ParseIPv4(_fs.ReadText("/proc/thread-self/net/route"));
            routes.AddRange(RouteTableParser.ParseIPv6(_fs.ReadText("/proc/thread-self/net/ipv6_route")).Where(r => r.Gateway != null));
            // The routes the addresses give are implied by the model: keep the others (default via 10.201.0.1, …).
            ns.Routes.AddRange(routes.Where(r => r.Gateway != null || !ns.Interfaces.Any(i => i.Name == r.Interface
                && i.Addresses.Any(a => a.PrefixLength == r.PrefixLength && a.OnLink(r.Destination)))));
            if (sockets && SocketTables.Read(_fs, "/proc/thread-self/net", log) is { } table)
            {
                ns.Sockets.AddRange(table);
                ns.SocketsKnown = true;
            }
            return ns;
        }

        /// <summary>"net:[4026531992]" → 4026531992; null when the link is missing or not a namespace's.</summary>
        internal static long? Inode(string? link)
        {
            if (link == null || !link.StartsWith("net:[", StringComparison.Ordinal) || !link.EndsWith("]", StringComparison.Ordinal)) return null;
            return long.TryParse(link.Substring(5, link.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var inode) ? inode : (long?)null;
        }

        private static int IndexOf(NetworkInterface nic)
        {
            try
            {
                return nic.GetIPProperties().GetIPv4Properties()?.Index ?? 0;
            }
            catch (NetworkInformationException)
            {
                return 0;
            }
        }

        private static string? MacOf(NetworkInterface nic)
        {
            var bytes = nic.GetPhysicalAddress().GetAddressBytes();
            return bytes.Length == 6 ? string.Join(":", bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))) : null;
        }

        private static int PrefixOf(UnicastIPAddressInformation unicast)
        {
            try
            {
                return unicast.PrefixLength;
            }
            catch (PlatformNotSupportedException)
            {
                var mask = unicast.IPv4Mask?.GetAddressBytes() ?? Array.Empty<byte>();
                return mask.Sum(b => Convert.ToString(b, 2).Count(c => c == '1'));
            }
        }
    }
}
