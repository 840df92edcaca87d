using System;
using System.Collections.Generic;
using Docker.DotNet.Models;

namespace DockerNetTools.Docker.Building
{
    /// <summary>
    /// What the daemon said, as Docker.DotNet's own response types: the input of <see cref="HostModelBuilder"/>.
    /// Kept separate from the calls that fetch it so the builder can run on recorded responses.
    /// </summary>
    public sealed class DaemonSnapshot
    {
        public DaemonSnapshot(string endpoint, System.Version apiVersion, VersionResponse version, SystemInfoResponse info,
            IReadOnlyList<NetworkResponse> networks, IReadOnlyList<ContainerInspectResponse> containers)
        {
            Endpoint = endpoint;
            ApiVersion = apiVersion;
            Version = version;
            Info = info;
            Networks = networks;
            Containers = containers;
        }

        public string Endpoint { get; }

        /// <summary>The negotiated API version the responses were requested with.</summary>
        public System.Version ApiVersion { get; }

        public VersionResponse Version { get; }
        public SystemInfoResponse Info { get; }
        public IReadOnlyList<NetworkResponse> Networks { get; }
        public IReadOnlyList<ContainerInspectResponse> Containers { get; }

        /// <summary>What a swarm manager listed; null when the engine is in no swarm.</summary>
        public SwarmSnapshot? Swarm { get; set; }
    }

    /// <summary>A swarm manager's answers: nodes, services and tasks, and the node the daemon itself is.</summary>
    public sealed class SwarmSnapshot
    {
        public SwarmSnapshot(string localNodeId, IReadOnlyList<NodeListResponse> nodes, IReadOnlyList<SwarmService> services, IReadOnlyList<TaskResponse> tasks)
        {
            LocalNodeId = localNodeId;
            Nodes = nodes;
            Services = services;
            Tasks = tasks;
        }

        public string LocalNodeId { get; }
        public IReadOnlyList<NodeListResponse> Nodes { get; }
        public IReadOnlyList<SwarmService> Services { get; }
        public IReadOnlyList<TaskResponse> Tasks { get; }
    }
}
