namespace DockerNetTools.Analysis.Probing
{
    /// <summary>What a real probe saw, in one word.</summary>
    public enum ProbeOutcome
    {
        /// <summary>TCP: the connection was accepted. ICMP: an echo reply came back. UDP: a reply came back.</summary>
        Reachable,

        /// <summary>The packet arrived and the destination refused it (TCP RST, ICMP port unreachable): nothing listens there.</summary>
        Refused,

        /// <summary>Nothing came back within the timeout: the packet was dropped on the way, or by the destination.</summary>
        TimedOut,

        /// <summary>The kernel reported no route or host unreachable (no ARP answer, ICMP destination unreachable).</summary>
        Unreachable,

        /// <summary>A UDP datagram was sent and nothing came back: a UDP probe cannot confirm delivery without a reply.</summary>
        NoReply,

        /// <summary>The name resolved (the addresses are in the observation).</summary>
        Resolved,

        /// <summary>The name did not resolve (no hosts-file line, and the embedded DNS said NXDOMAIN, gave no address, or did not answer).</summary>
        NotResolved,

        /// <summary>The probe could not run; the detail says why.</summary>
        NotRun,

        /// <summary>
        /// TCP: the connection was accepted and then closed (or reset) at once, without a byte: what docker-proxy does when
        /// its own connection to the container is refused. Nothing answers behind the accepting socket.
        /// </summary>
        Closed,
    }
}
