using System;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using DockerNetTools.Docker.Client;
using DockerNetTools.Docker.Endpoints;

namespace DockerNetTools.Benchmarks.Fleet
{
    /// <summary>A client for setting up and removing the fleet, speaking the API version the daemon accepts (as the backend does).</summary>
    internal static class DaemonConnection
    {
        public static DockerEndpoint Endpoint() => DockerEndpointResolver.Resolve(null, null);

        public static async Task<IDockerClient> ConnectAsync(DockerEndpoint endpoint, CancellationToken cancellationToken)
        {
            global::Docker.DotNet.Models.VersionResponse version;
            using (var unversioned = DockerClientFactory.Create(endpoint, null))
                version = await unversioned.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            var api = ApiVersionNegotiator.Negotiate(version.APIVersion, version.MinAPIVersion, endpoint);
            Console.WriteLine("Daemon " + endpoint.Text + ": Engine " + version.Version + ", API " + ApiVersionNegotiator.Format(api) + ".");
            return DockerClientFactory.Create(endpoint, api);
        }
    }
}
