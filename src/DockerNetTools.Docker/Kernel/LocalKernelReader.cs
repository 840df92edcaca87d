using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Threading.Tasks;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// The kernel's own view on the Docker host itself, read without touching the containers.
    /// A container's interfaces come from /proc/&lt;pid&gt;/root/sys/class/net: runc mounts that sysfs after joining the
    /// container's network namespace, and sysfs shows the devices of the namespace it was mounted in, so it is the
    /// container side (eth0's ifindex, and iflink = the host veth's ifindex). That holds for ordinary containers;
    /// a container that bind-mounts the host's /sys would show the host's devices, so the names are checked against
    /// /proc/&lt;pid&gt;/net/dev (which always follows the process's network namespace) before they are trusted.
    /// </summary>
    internal sealed class LocalKernelReader
    {
        private readonly ProcFs _fs;

        public LocalKernelReader(ProcFs fs)
        {
            _fs = fs;
        }

        /// <summary>
        /// Fills what the kernel knows into the model. Returns the running containers it could not read, each with
        /// the reason, so the caller can try the exec fallback for them.
        /// </summary>
        public IReadOnlyDictionary<ContainerInfo, string> Apply(DockerHostModel model, Backends.ModelParts parts, IOperationLog log)
        {
            var hostInterfaces = SysfsInterfaces.Read(_fs, "/sys/class/net");
            FillHostInterfaces(model.Host, hostInterfaces);

            var unread = new Dictionary<ContainerInfo, string>();
            foreach (var container in model.Containers.Where(NeedsInterfaces))
            {
                var reason = TryApplyInterfaces(container, hostInterfaces);
                if (reason != null)
                {
                    unread[container] = reason;
                    log.Verbose("Kernel view of " + container.Name + " not available: " + reason);
                }
            }
            DetectUserlandProxy(model);
            // Only on the real host root: a test's stand-in /proc says nothing about this machine's ip6tables.
            if (_fs.Root == "/") new Ip6tablesChains().Apply(model.Engine, log);
            model.Host.SctpSupported = KernelFeatures.Sctp(_fs);
            if (_fs.Root == "/" && (parts & Backends.ModelParts.Firewall) != 0) new HostFirewallReader().Apply(model, log);
            if ((parts & Backends.ModelParts.Sockets) != 0) ApplySockets(model, unread, log);
            // Namespaces Docker did not make (ip netns, a process' own): joined with setns, so only as root on the host itself.
            if (_fs.Root == "/" && Probing.LinuxNative.geteuid() == 0)
                new HostNamespaceReader(_fs).Apply(model, hostInterfaces, (parts & Backends.ModelParts.Sockets) != 0, log);
            else
                log.Verbose("Network namespaces Docker did not make are read as root on the Docker host only (setns).");
            return unread;
        }

        /// <summary>
        /// Sockets of every namespace a container owns (bridge, user-defined and none mode), and of the host's own namespace.
        /// Host sockets opened by a host-mode container's processes say so (HostModeContainer).
        /// container: mode containers have none of their own (the owner's are theirs).
        /// </summary>
        private void ApplySockets(DockerHostModel model, Dictionary<ContainerInfo, string> unread, IOperationLog log)
        {
            var owners = new SocketOwners(_fs);
            var candidates = model.Containers.Where(OwnsNamespace).Where(c => !unread.ContainsKey(c)).ToList();
            var tables = ReadTablesInParallel(candidates, log);
            for (var i = 0; i < candidates.Count; i++)
            {
                var container = candidates[i];
                var pid = container.Pid.ToString(CultureInfo.InvariantCulture);
                if (!tables[i].Belongs)
                {
                    unread[container] = "process " + pid + " is not this container's here";
                    continue;
                }
                var sockets = tables[i].Sockets;
                var ns = owners.NamespaceOf(container.Pid);
                if (sockets == null || ns == null)
                {
                    unread[container] = "/proc/" + pid + "/net cannot be read";
                    continue;
                }
                AssignOwners(sockets, owners.OwnersIn(ns));
                container.Sockets.Clear();
                container.Sockets.AddRange(sockets);
                container.SocketsKnown = true;
            }

            var hostNamespace = _fs.ReadLink("/proc/self/ns/net");
            var hostSockets = SocketTables.Read(_fs, "/proc/self/net", log);
            if (hostSockets == null || hostNamespace == null)
            {
                log.Warning("The host's own sockets could not be read from /proc/self/net.");
                return;
            }
            AssignOwners(hostSockets, owners.OwnersIn(hostNamespace));
            // As the scenario backend does: the host namespace's sockets live with the host, each marked with the
            // host-mode container whose process opened it.
            var hostModeContainers = model.Containers.Where(c => c.IsRunning && c.NetworkMode.Kind == NetworkModeKind.Host).ToList();
            foreach (var socket in hostSockets)
                if (socket.ProcessId is int owner)
                    socket.HostModeContainer = hostModeContainers.FirstOrDefault(c => ProcessBelongsTo(owner, c))?.Name;
            model.Host.Sockets.Clear();
            model.Host.Sockets.AddRange(hostSockets);
            foreach (var container in model.Containers.Where(c => c.IsRunning))
            {
                var namespaceOwner = model.NamespaceOwner(container);
                if (namespaceOwner == null || namespaceOwner == container && container.NetworkMode.Kind != NetworkModeKind.Host) continue;
                // Host mode: the host's table is theirs; container: mode: the owner's table is theirs.
                container.SocketsKnown = namespaceOwner.NetworkMode.Kind == NetworkModeKind.Host || namespaceOwner.SocketsKnown;
            }
        }

        /// <summary>
        /// Reading a namespace's /proc/net/tcp or tcp6 walks the kernel's whole TCP hash table, which every namespace
        /// shares (262144 buckets, about 3.5 ms a file on the benchmark machine): with 100 containers that is most of
        /// the sockets read, and pure CPU, so the containers' tables are read on every core at once.
        /// </summary>
        private (bool Belongs, List<SocketEntry>? Sockets)[] ReadTablesInParallel(List<ContainerInfo> containers, IOperationLog log)
        {
            var tables = new (bool, List<SocketEntry>?)[containers.Count];
            Parallel.For(0, containers.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var pid = containers[i].Pid.ToString(CultureInfo.InvariantCulture);
                tables[i] = BelongsToContainer(containers[i])
                    ? (true, SocketTables.Read(_fs, "/proc/" + pid + "/net", log))
                    : (false, null);
            });
            return tables;
        }

        /// <summary>Containers whose network namespace is their own: bridge, user-defined networks and none.</summary>
        private static bool OwnsNamespace(ContainerInfo container) =>
            container.IsRunning && container.Pid > 0
            && container.NetworkMode.Kind != NetworkModeKind.Container && container.NetworkMode.Kind != NetworkModeKind.Host;

        private static void AssignOwners(List<SocketEntry> sockets, Dictionary<long, (int Pid, string? Name)> owners)
        {
            foreach (var socket in sockets)
            {
                if (socket.Inode is not { } inode || inode == 0 || !owners.TryGetValue(inode, out var owner)) continue;
                socket.ProcessId = owner.Pid;
                socket.Process = owner.Name;
            }
        }

        private bool ProcessBelongsTo(int pid, ContainerInfo container) =>
            _fs.ReadText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/cgroup") is { } cgroup
            && cgroup.IndexOf(container.Id, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>Running containers with endpoints of their own have veths to find.</summary>
        internal static bool NeedsInterfaces(ContainerInfo container) =>
            container.IsRunning && container.Pid > 0 && container.Endpoints.Count > 0
            && (container.NetworkMode.Kind == NetworkModeKind.Bridge || container.NetworkMode.Kind == NetworkModeKind.Network);

        /// <summary>Returns null on success, else why the kernel view could not be used.</summary>
        private string? TryApplyInterfaces(ContainerInfo container, IReadOnlyList<InterfaceRecord> hostInterfaces)
        {
            var pid = container.Pid.ToString(CultureInfo.InvariantCulture);
            if (!BelongsToContainer(container))
                return "process " + pid + " is not this container's here (the daemon runs in another PID namespace or VM)";

            var inside = SysfsInterfaces.Read(_fs, "/proc/" + pid + "/root/sys/class/net");
            if (inside.Count == 0) return "/proc/" + pid + "/root/sys/class/net cannot be read";
            var devices = SysfsInterfaces.NamesFromNetDev(_fs.ReadText("/proc/" + pid + "/net/dev"));
            if (devices.Count == 0 || !devices.SetEquals(inside.Select(i => i.Name)))
                return "the container's /sys is not its own network namespace's";

            var byMac = inside.Where(i => i.MacAddress != null).GroupBy(i => i.MacAddress!).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var endpoint in container.Endpoints)
            {
                if (endpoint.MacAddress == null || !byMac.TryGetValue(endpoint.MacAddress, out var device)) continue;
                endpoint.InterfaceName = device.Name;
                endpoint.IfIndex = device.IfIndex;
                endpoint.HostIfIndex = device.IfLink;
                // A veth pair points at each other: the host side's ifindex is our iflink and its iflink is our ifindex.
                var peer = hostInterfaces.FirstOrDefault(h => h.IfIndex == device.IfLink && h.IfLink == device.IfIndex);
                endpoint.HostVeth = peer?.Name;
            }
            SortByInterface(container);
            return null;
        }

        /// <summary>
        /// The pid the daemon reports must be the container's init here (<see cref="DaemonLocality.IsContainerProcess"/>):
        /// a container may have restarted since the daemon answered.
        /// </summary>
        private bool BelongsToContainer(ContainerInfo container) => DaemonLocality.IsContainerProcess(_fs, container);

        internal static void SortByInterface(ContainerInfo container)
        {
            var ordered = container.Endpoints
                .OrderBy(e => e.InterfaceName == null ? 1 : 0)
                .ThenBy(e => InterfaceNumber(e.InterfaceName))
                .ThenBy(e => e.InterfaceName, StringComparer.Ordinal)
                .ThenBy(e => e.NetworkName, StringComparer.Ordinal)
                .ToList();
            container.Endpoints.Clear();
            container.Endpoints.AddRange(ordered);
        }

        private static int InterfaceNumber(string? name)
        {
            if (name == null) return int.MaxValue;
            var digits = new string(name.Reverse().TakeWhile(char.IsDigit).Reverse().ToArray());
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : int.MaxValue;
        }

        private static void FillHostInterfaces(HostInfo host, IReadOnlyList<InterfaceRecord> interfaces)
        {
            var addresses = HostAddresses();
            host.Interfaces.Clear();
            foreach (var device in interfaces.OrderBy(i => i.IfIndex))
            {
                var info = new HostInterfaceInfo { Name = device.Name, IfIndex = device.IfIndex, Master = device.Master, MacAddress = device.MacAddress };
                if (addresses.TryGetValue(device.Name, out var list)) info.Addresses.AddRange(list);
                host.Interfaces.Add(info);
            }
        }

        private static Dictionary<string, List<System.Net.IPAddress>> HostAddresses()
        {
            var result = new Dictionary<string, List<System.Net.IPAddress>>(StringComparer.Ordinal);
            try
            {
                foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
                {
                    result[nic.Name] = nic.GetIPProperties().UnicastAddresses
                        .Select(u => u.Address)
                        .Where(a => a.AddressFamily == AddressFamily.InterNetwork || a.AddressFamily == AddressFamily.InterNetworkV6)
                        .ToList();
                }
            }
            catch (NetworkInformationException)
            {
                // Addresses are a nicety on top of the names and indexes: leave them empty.
            }
            return result;
        }

        /// <summary>
        /// The userland proxy is a daemon option the API does not show; on the host it is visible as docker-proxy
        /// processes, one per published port. Only concluded when some running container publishes a port.
        /// </summary>
        private void DetectUserlandProxy(DockerHostModel model)
        {
            if (!model.Containers.Any(c => c.IsRunning && c.Ports.Count > 0)) return;
            var proxies = 0;
            foreach (var entry in _fs.ListDirectory("/proc"))
            {
                if (entry.Length == 0 || !char.IsDigit(entry[0])) continue;
                if (string.Equals(_fs.ReadLine("/proc/" + entry + "/comm"), "docker-proxy", StringComparison.Ordinal)) proxies++;
            }
            model.Engine.UserlandProxy = proxies > 0;
        }
    }
}
