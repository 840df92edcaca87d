using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Ports
{
    /// <summary>Who holds a host port.</summary>
    public enum PortHolderKind
    {
        None,
        /// <summary>A running container that publishes the port (-p).</summary>
        Container,
        /// <summary>A process of a host-mode container listening in the host's namespace.</summary>
        HostModeContainer,
        /// <summary>A process of the host itself.</summary>
        HostProcess,
        /// <summary>An earlier -p of the same request.</summary>
        SameRequest,
    }

    /// <summary>The answer for one requested binding: would publishing it collide, with whom, and what Docker would say.</summary>
    public sealed class PortConflict
    {
        internal PortConflict(string publish, PortBinding binding, bool conflict, bool startFails, string? conflictsWith,
            PortHolderKind holderKind, string reason, string explanation, int? suggestedHostPort)
        {
            Publish = publish;
            HostIp = string.IsNullOrEmpty(binding.HostIp) ? "0.0.0.0" : binding.HostIp;
            HostPort = binding.HostPort;
            Protocol = binding.Protocol;
            ContainerPort = binding.ContainerPort;
            Conflict = conflict;
            StartFails = startFails;
            ConflictsWith = conflictsWith;
            HolderKind = holderKind;
            Reason = reason;
            Explanation = explanation;
            SuggestedHostPort = suggestedHostPort;
        }

        /// <summary>The -p text this binding came from.</summary>
        public string Publish { get; }

        /// <summary>The host address (0.0.0.0 when none was given: Docker then binds 0.0.0.0 and ::).</summary>
        public string HostIp { get; }

        public int HostPort { get; }
        public TransportProtocol Protocol { get; }
        public int ContainerPort { get; }

        public bool Conflict { get; }

        /// <summary>True when docker run/start would fail. Every engine binds the host port (docker-proxy, the dummy proxy of --userland-proxy=false, or the daemon from Engine 28), so every conflict fails.</summary>
        public bool StartFails { get; }

        /// <summary>The container name, "host process sshd (pid 812)", or the host-mode container holding the port.</summary>
        public string? ConflictsWith { get; }

        public PortHolderKind HolderKind { get; }

        /// <summary>The daemon's own words ("Bind for 0.0.0.0:8003 failed: port is already allocated"), or why the port is free.</summary>
        public string Reason { get; }

        /// <summary>Who holds what, in a sentence, and what to do.</summary>
        public string Explanation { get; }

        /// <summary>The nearest higher host port that is free for this protocol and address, when there is a conflict.</summary>
        public int? SuggestedHostPort { get; }
    }
}
