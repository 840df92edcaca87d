namespace DockerNetTools.Analysis.Topology
{
    /// <summary>Whose interface a row shows: a Docker container's, or a network namespace Docker did not make (host.namespaces).</summary>
    public enum InterfaceOwner
    {
        Container,
        Namespace,
    }

    /// <summary>Who made a network: Docker (docker network create, the built-in ones), or the host's own configuration (ip link add br0 type bridge).</summary>
    public enum NetworkOrigin
    {
        Docker,
        Host,
    }
}
