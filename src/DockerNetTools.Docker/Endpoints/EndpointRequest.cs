namespace DockerNetTools.Docker.Endpoints
{
    /// <summary>What a command and its session name as the daemon to read; the environment and the docker config do the rest.</summary>
    public sealed class EndpointRequest
    {
        /// <summary>-DockerHost (like `docker -H`).</summary>
        public string? DockerHost { get; set; }

        /// <summary>-Context (like `docker --context`).</summary>
        public string? Context { get; set; }

        /// <summary>Connect-DockerNet -DockerHost.</summary>
        public string? SessionDockerHost { get; set; }

        /// <summary>Connect-DockerNet -Context.</summary>
        public string? SessionContext { get; set; }
    }
}
