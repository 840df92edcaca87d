using System.Collections.Generic;
using System.Net;

namespace DockerNetTools.Model
{
    /// <summary>The Docker host itself: its interfaces and the sockets of its own processes (and of host-mode containers).</summary>
    public sealed class HostInfo
    {
        public string Hostname { get; set; } = "dockerhost";

        /// <summary>Host network interfaces (uplink, docker0, br-…, veths) as the host's /sys/class/net shows them.</summary>
        public List<HostInterfaceInfo> Interfaces { get; } = new List<HostInterfaceInfo>();

        /// <summary>Sockets open in the host's network namespace (listeners of host processes occupy ports).</summary>
        public List<SocketEntry> Sockets { get; } = new List<SocketEntry>();
    }

    public sealed class HostInterfaceInfo
    {
        public string Name { get; set; } = string.Empty;
        public int IfIndex { get; set; }
        /// <summary>The bridge this interface is enslaved to (a veth's master), if any.</summary>
        public string? Master { get; set; }
        public List<IPAddress> Addresses { get; } = new List<IPAddress>();
        public string? MacAddress { get; set; }
    }
}
