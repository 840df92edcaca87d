using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Ports
{
    /// <summary>Something that holds a host port: a publish (known to Docker's port allocator) or a listening socket.</summary>
    internal sealed class PortOccupant
    {
        public PortOccupant(PortHolderKind kind, string name, string what, TransportProtocol protocol, int port, HostBindScope scope, int? containerPort)
        {
            Kind = kind;
            Name = name;
            What = what;
            Protocol = protocol;
            Port = port;
            Scope = scope;
            ContainerPort = containerPort;
        }

        public PortHolderKind Kind { get; }

        /// <summary>How ConflictsWith names it.</summary>
        public string Name { get; }

        /// <summary>What it holds, for the explanation ("publishes 0.0.0.0:8003->3000/tcp").</summary>
        public string What { get; }

        public TransportProtocol Protocol { get; }
        public int Port { get; }
        public HostBindScope Scope { get; }
        public int? ContainerPort { get; }

        /// <summary>Docker's port allocator knows publishes (and the request's own earlier -p), not sockets.</summary>
        public bool IsAllocation => Kind == PortHolderKind.Container || Kind == PortHolderKind.SameRequest;
    }
}
