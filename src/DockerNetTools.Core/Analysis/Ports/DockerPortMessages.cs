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
    internal static class DockerPortMessages
    {
        /// <summary>Engine 28 binds host ports in the daemon itself (with or without docker-proxy) and reports failures its own way.</summary>
        public const int FirstEngineBindingHostPorts = 28;

        /// <summary>The port allocator already holds that exact address and port (all engines).</summary>
        public static string PortAllocated(IPAddress address, int port) =>
            "Bind for " + address + ":" + port + " failed: port is already allocated";

        /// <summary>Something else listens there: what bind() says through docker-proxy (before Engine 28) or the daemon (28+).</summary>
        public static string AddressInUse(EngineInfo engine, TransportProtocol protocol, IPAddress address, int port, int containerPort, string containerIp)
        {
            var proto = protocol.ToString().ToLowerInvariant();
            if (engine.MajorVersion >= FirstEngineBindingHostPorts)
                return "failed to bind host port for " + HostBindScope.HostPort(address, port) + ":" + containerIp + ":" + containerPort + "/" + proto + ": address already in use";
            var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? "6" : "4";
            return "Error starting userland proxy: listen " + proto + family + " " + HostBindScope.HostPort(address, port) + ": bind: address already in use";
        }

        /// <summary>True when the engine would try to bind the host port (and so fail on a taken one).</summary>
        public static bool BindsHostPort(EngineInfo engine) => engine.UserlandProxy || engine.MajorVersion >= FirstEngineBindingHostPorts;
    }
}
