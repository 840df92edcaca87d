using System.Collections.Generic;
using System;
using DockerNetTools.Analysis.Common;
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
        /// <summary>No interface of the host has the -p host address: nothing can bind it ("cannot assign requested address").</summary>
        AddressNotOnHost,
        /// <summary>Every port of a host range is held, by more than one holder (ConflictsWith lists them).</summary>
        Several,
        /// <summary>Nothing holds the port, but the host's kernel lacks the protocol (SCTP): the socket cannot even be opened.</summary>
        ProtocolNotSupported,
        /// <summary>A swarm service's published port: ingress mode holds it on every node (the routing mesh), host mode where a task runs.</summary>
        SwarmService,
    }

    /// <summary>The answer for one requested binding: would publishing it collide, with whom, and what Docker would say.</summary>
    public sealed class PortConflict
    {
        internal PortConflict(string publish, PortBinding binding, bool conflict, bool startFails, string? conflictsWith,
            PortHolderKind holderKind, string reason, string explanation, int? suggestedHostPort, string? hostPortRange = null, IReadOnlyList<int>? takenHostPorts = null)
        {
            Publish = publish;
            HostIp = string.IsNullOrEmpty(binding.HostIp) ? "0.0.0.0" : binding.HostIp;
            HostPort = binding.HostPort;
            HostPortRange = hostPortRange;
            TakenHostPorts = new TextList<int>(takenHostPorts ?? Array.Empty<int>(), ", ");
            ProtocolValue = binding.Protocol;
            ContainerPort = binding.ContainerPort;
            Conflict = conflict;
            StartFails = startFails;
            ConflictsWith = conflictsWith;
            HolderKindValue = holderKind;
            Reason = reason;
            Explanation = explanation;
            SuggestedHostPort = suggestedHostPort;
        }

        /// <summary>The -p text this binding came from.</summary>
        public string Publish { get; }

        /// <summary>The host address (0.0.0.0 when none was given: Docker then binds 0.0.0.0 and ::).</summary>
        public string HostIp { get; }

        /// <summary>The host port: for a range ("8001-8005:80") the one Docker would take, or the one it fails on.</summary>
        public int HostPort { get; }

        /// <summary>The requested host range ("8001-8005") when -p asked for one port out of a range; null otherwise.</summary>
        public string? HostPortRange { get; }

        /// <summary>The ports of the range Docker skips or fails on because something holds them (empty for a single port).</summary>
        public IReadOnlyList<int> TakenHostPorts { get; }

        /// <summary>Tcp, Udp or Sctp (a <see cref="TransportProtocol"/> name).</summary>
        public string Protocol => ProtocolValue.ToString();

        internal TransportProtocol ProtocolValue { get; }

        public int ContainerPort { get; }

        public bool Conflict { get; }

        /// <summary>True when docker run/start would fail. Every engine binds the host port (docker-proxy, the dummy proxy of --userland-proxy=false, or the daemon from Engine 28), so every conflict fails.</summary>
        public bool StartFails { get; }

        /// <summary>
        /// The container name, "host process sshd (pid 812)" ("a host process of unknown name (pid 812)", "… of unknown name
        /// and pid" when the socket's process was not read), or the host-mode container holding the port.
        /// </summary>
        public string? ConflictsWith { get; }

        /// <summary>A <see cref="PortHolderKind"/> name: what holds the port (None, Container, HostModeContainer, HostProcess, …).</summary>
        public string HolderKind => HolderKindValue.ToString();

        internal PortHolderKind HolderKindValue { get; }

        /// <summary>The daemon's own words ("Bind for 0.0.0.0:8003 failed: port is already allocated"), or why the port is free.</summary>
        public string Reason { get; }

        /// <summary>Who holds what, in a sentence, and what to do.</summary>
        public string Explanation { get; }

        /// <summary>The nearest higher host port that is free for this protocol and address, when there is a conflict.</summary>
        public int? SuggestedHostPort { get; }
    }
}
