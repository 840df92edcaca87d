namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>What the reachability test sends: a TCP or UDP packet to a port, or an ICMP echo (ping).</summary>
    public enum ReachabilityProtocol
    {
        Tcp,
        Udp,
        Icmp,
    }
}
