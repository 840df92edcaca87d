using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Core.Tests.Swarm
{
    /// <summary>A two-node swarm as this machine's swarm lab builds it (.ci/docker-test-daemon.sh swarm start).</summary>
    internal static class SwarmKit
    {
        public const string TwoNodes = @"
name: swarm
engine: { version: 20.10.24 }
networks:
  - { name: ingress, driver: overlay, subnet: 10.66.0.0/24, ingress: true }
  - { name: docker_gwbridge, subnet: 172.18.0.0/16, bridge: docker_gwbridge, icc: false }
  - { name: swarm-ov, driver: overlay, subnet: 10.66.1.0/24, attachable: true }
nodes:
  - { hostname: swarm-n1, address: 198.18.66.11, role: manager, ipvs: false, local: true }
  - { hostname: swarm-n2, address: 198.18.66.12 }
services:
  - name: web
    image: dnt-busybox:latest
    networks: [swarm-ov]
    publish: ['8080:80']
    replicas: 2
  - name: db
    networks: [swarm-ov]
    endpointMode: dnsrr
    publish: ['published=5432,target=5432,mode=host']
    tasks:
      - { slot: 1, node: swarm-n2 }
";

        public static DockerHostModel Load(string yaml = TwoNodes) => ScenarioLoader.Parse(yaml, "test.yaml");
    }
}
