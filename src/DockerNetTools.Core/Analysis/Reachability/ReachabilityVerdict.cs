namespace DockerNetTools.Analysis.Reachability
{
    /// <summary>The short answer of a reachability test; the result's Reason says why in a sentence.</summary>
    public enum ReachabilityVerdict
    {
        /// <summary>The packet gets there and, when a port was asked for, something listens on it.</summary>
        Reachable,

        /// <summary>A packet filter rule or a driver restriction (ICC, isolation, internal, macvlan) drops it.</summary>
        Blocked,

        /// <summary>The packet arrives but nothing listens on that port and address.</summary>
        NoListener,

        /// <summary>The source or the destination is not running, so it has no network namespace.</summary>
        NotRunning,

        /// <summary>The source or the destination has no network to use (network mode none, or a missing namespace owner).</summary>
        NoNetwork,

        /// <summary>The destination name does not resolve inside the source container.</summary>
        NameNotResolved,

        /// <summary>The source has no route to the address (for example only internal networks, so no default route).</summary>
        NoRoute,

        /// <summary>The address is on a Docker network, but no container or gateway holds it.</summary>
        NoSuchAddress,

        /// <summary>The model cannot decide (sockets not read, a rule it cannot evaluate); the reason says what is missing.</summary>
        Undetermined,
    }
}
