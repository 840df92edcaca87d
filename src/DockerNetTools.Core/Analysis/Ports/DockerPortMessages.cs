using System.Net;
using System.Net.Sockets;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Ports
{
    /// <summary>
    /// The daemon's own words when publishing a port fails, by engine. Engine 20.10 wraps them in
    /// "driver failed programming external connectivity on endpoint &lt;name&gt; (&lt;id&gt;): …"; Engine 28 adds
    /// "failed to set up container networking: " in front. The part kept here is what people search for.
    /// </summary>
    /// <remarks>
    /// Every engine binds the host port, whatever --userland-proxy says. Before Engine 28 libnetwork's portmapper
    /// starts docker-proxy, or with --userland-proxy=false a "dummyProxy" that only listens
    /// (portmapper/proxy.go: "dummyProxy just listen on some port, it is needed to prevent accidental port
    /// allocations on bound port"), with net.ListenTCP("tcp4"/"tcp6", …): its error is Go's, without the
    /// "Error starting userland proxy: " docker-proxy adds. From Engine 28 the bridge driver binds the sockets
    /// itself (port_mapping_linux.go bindTCPOrUDP: "failed to bind host port for …") and listens on them even
    /// when no proxy runs.
    /// </remarks>
    internal static class DockerPortMessages
    {
        /// <summary>Engine 28 binds host ports in the daemon itself (with or without docker-proxy) and reports failures its own way.</summary>
        public const int FirstEngineBindingHostPorts = 28;

        /// <summary>bind(2)'s EADDRINUSE, as Go prints it.</summary>
        public const string AddressInUseText = "address already in use";

        /// <summary>bind(2)'s EADDRNOTAVAIL (no interface of the host has the address), as Go prints it.</summary>
        public const string CannotAssignText = "cannot assign requested address";

        /// <summary>bind(2)'s EINVAL, as Go prints it: an IPv6 link-local address without a zone.</summary>
        public const string InvalidArgumentText = "invalid argument";

        /// <summary>The port allocator already holds that exact address and port (all engines; portallocator.ErrPortAlreadyAllocated).</summary>
        public static string PortAllocated(IPAddress address, int port) =>
            "Bind for " + address + ":" + port + " failed: port is already allocated";

        /// <summary>Every port of a host range is held by the allocator (portallocator.ErrAllPortsAllocated).</summary>
        public const string AllPortsAllocated = "all ports are allocated";

        /// <summary>Something else listens there: what bind() says through docker-proxy, the dummy proxy (before Engine 28) or the daemon (28+).</summary>
        public static string AddressInUse(EngineInfo engine, TransportProtocol protocol, IPAddress address, int port, int containerPort, string containerIp) =>
            BindFailed(engine, protocol, address, port, containerPort, containerIp, AddressInUseText);

        /// <summary>The bind failure for any errno text (address already in use, cannot assign requested address).</summary>
        public static string BindFailed(EngineInfo engine, TransportProtocol protocol, IPAddress address, int port, int containerPort, string containerIp, string errno)
        {
            var proto = protocol.ToString().ToLowerInvariant();
            if (engine.MajorVersion >= FirstEngineBindingHostPorts)
                return "failed to bind host port for " + HostBindScope.HostPort(address, port) + ":" + containerIp + ":" + containerPort + "/" + proto + ": " + errno;
            var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? "6" : "4";
            var listen = "listen " + proto + family + " " + HostBindScope.HostPort(address, port) + ": bind: " + errno;
            return engine.UserlandProxy ? "Error starting userland proxy: " + listen : listen;
        }

        /// <summary>socket(2)'s EPROTONOSUPPORT, as Go prints it: a kernel without SCTP.</summary>
        public const string ProtocolNotSupportedText = "protocol not supported";

        /// <summary>
        /// -p …/sctp on a kernel without SCTP. Before Engine 28 the proxy fails to open the socket, before any bind:
        /// docker-proxy's error comes back as "Error starting userland proxy: protocol not supported" (Docker 20.10.24,
        /// seen), the dummy proxy's (sctp.ListenSCTP) as the bare errno. Engine 28+: the daemon's bind failure with that
        /// errno (its format for any bind failure; not seen on a daemon).
        /// </summary>
        public static string ProtocolNotSupported(EngineInfo engine, IPAddress address, int port, int containerPort)
        {
            if (engine.MajorVersion >= FirstEngineBindingHostPorts)
                return BindFailed(engine, TransportProtocol.Sctp, address, port, containerPort, "<container IP>", ProtocolNotSupportedText);
            return engine.UserlandProxy ? "Error starting userland proxy: " + ProtocolNotSupportedText : ProtocolNotSupportedText;
        }

        /// <summary>
        /// True when a host range skips ports it cannot bind: Engine 28 retries the allocation (up to 10 attempts,
        /// bindHostPorts); before it libnetwork's allocatePort does not retry a request with a host port
        /// ("There is no point in immediately retrying to map an explicitly chosen port"), so a range fails on the
        /// first port the allocator hands out when something else has bound it.
        /// </summary>
        public static bool RangeSkipsBoundPorts(EngineInfo engine) => engine.MajorVersion >= FirstEngineBindingHostPorts;

        /// <summary>Engine 28's number of bind attempts for one host range (maxAllocatePortAttempts).</summary>
        public const int MaxAllocatePortAttempts = 10;
    }
}
