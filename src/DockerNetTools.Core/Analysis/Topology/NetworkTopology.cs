using System.Collections.Generic;
using System.Net;
using DockerNetTools.Analysis.Common;

namespace DockerNetTools.Analysis.Topology
{
    /// <summary>One Docker network and the containers attached to it, as Get-DockerNetTopology shows it.</summary>
    public sealed class NetworkTopology
    {
        public NetworkTopology(string name, string id, string driver, string? bridge, string? subnet, IPAddress? gateway,
            bool @internal, bool iccEnabled, IReadOnlyList<AttachedContainer> containers)
        {
            Name = name;
            Id = id;
            Driver = driver;
            Bridge = bridge;
            Subnet = subnet;
            Gateway = gateway?.ToString();
            Internal = @internal;
            IccEnabled = iccEnabled;
            Containers = new TextList<AttachedContainer>(containers, "; ");
        }

        public string Name { get; }
        public string Id { get; }

        /// <summary>bridge, host, null, macvlan, ipvlan, overlay.</summary>
        public string Driver { get; }

        /// <summary>The Linux bridge device (docker0, br-&lt;id12&gt;); null for drivers without one.</summary>
        public string? Bridge { get; }

        /// <summary>IPv4 block in CIDR form, e.g. "172.17.0.0/16"; null for host and none.</summary>
        public string? Subnet { get; }

        public string? Gateway { get; }

        /// <summary>--internal: nothing leaves the network and published ports do not work.</summary>
        public bool Internal { get; }

        /// <summary>Whether containers on this network may talk to each other (enable_icc / dockerd --icc).</summary>
        public bool IccEnabled { get; }

        /// <summary>
        /// The Icc column: <see cref="IccEnabled"/> where inter-container communication applies, null on the host and none
        /// networks, which connect no containers to each other, and on a bridge of the host's own (Docker's option does not apply there).
        /// </summary>
        public bool? Icc => Driver == "host" || Driver == "null" || OriginValue == NetworkOrigin.Host ? (bool?)null : IccEnabled;

        /// <summary>
        /// The host interface this network's traffic to the outside leaves by (the host's IPv4 default route, else its
        /// uplink); null for an --internal network and for drivers without a bridge, whose traffic does not go that way.
        /// </summary>
        public string? Uplink { get; internal set; }

        /// <summary>The running containers attached to the network, in address order.</summary>
        public IReadOnlyList<AttachedContainer> Containers { get; }

        /// <summary>The Compose project that created the network (label com.docker.compose.project); null when Compose did not.</summary>
        public string? Project { get; internal set; }

        /// <summary>The Compose projects whose containers are on the network (its own project's and, on a shared or external network, others').</summary>
        public IReadOnlyList<string> Projects
        {
            get => _projects;
            internal set => _projects = new TextList<string>(value, ", ");
        }

        private IReadOnlyList<string> _projects = new TextList<string>(System.Array.Empty<string>(), ", ");

        /// <summary>Docker for Docker's networks; Host for a bridge of the host's own (ip link add br0 type bridge) that namespaces hang on, which has no id.</summary>
        public string Origin => OriginValue.ToString();

        internal NetworkOrigin OriginValue { get; set; } = NetworkOrigin.Docker;

        public override string ToString() => Name;
    }
}
