using DockerNetTools.Docker.Endpoints;

namespace DockerNetTools.Docker.Client.Ssh
{
    /// <summary>What the ssh transport needs besides Docker.DotNet's client options: the endpoint, for its messages.</summary>
    internal sealed class SshTransportOptions
    {
        public SshTransportOptions(DockerEndpoint endpoint, string sshExecutable)
        {
            Endpoint = endpoint;
            SshExecutable = sshExecutable;
        }

        public DockerEndpoint Endpoint { get; }

        /// <summary>The ssh client to run: "ssh", found on PATH like the CLI finds it.</summary>
        public string SshExecutable { get; }
    }
}
