using DockerNetTools.Analysis.Dns;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Edge
{
    /// <summary>Resolve-DockerNetName for a name nothing on the host answers: the upstream servers Docker uses, and the way to them.</summary>
    public sealed class UpstreamDnsTests
    {
        private const string Lab = @"
host:
  addresses: [192.168.1.10]
  resolvers: [127.0.0.53]
networks:
  - name: appnet
  - name: closed
    internal: true
containers:
  - name: api
    network: appnet
  - name: legacy
  - name: pinned
    network: appnet
    dns: [127.0.0.1]
    sockets: []
  - name: jailed
    network: closed
    dns: [1.1.1.1]
  - name: hosty
    network: host
";

        private static NameResolution Resolve(string yaml, string from, string name = "www.example.com")
        {
            var model = ScenarioLoader.Parse(yaml, "dns.yaml");
            return NameResolver.Resolve(model, model.FindContainer(from)!, name, RecordType.A);
        }

        [Fact]
        public void Resolve_EmbeddedDnsHostLoopbackResolver_AskedFromTheHostNamespace()
        {
            var result = Resolve(Lab, "api");

            Assert.Equal(NameResolutionFailure.OutsideModel, result.Failure);
            Assert.Contains("the embedded DNS (127.0.0.11) forwards it to 127.0.0.53 (the host's resolv.conf)", result.FailureReason);
            Assert.Contains("is asked from the host's own namespace (by dockerd for the embedded DNS)", result.FailureReason);
            Assert.Contains("The answer itself comes from outside the host", result.FailureReason);
        }

        [Fact]
        public void Resolve_DefaultBridgeHostOnlyLoopback_DockersFallbackThroughMasquerade()
        {
            var result = Resolve(Lab, "legacy");

            Assert.Equal(NameResolutionFailure.OutsideModel, result.Failure);
            Assert.Contains("its resolv.conf sends it to 8.8.8.8, 8.8.4.4 (Docker's fallback: the host's resolv.conf has only nameservers Docker leaves out, 127.0.0.53)", result.FailureReason);
            Assert.Contains("the way to 8.8.8.8 is open (out of eth0 with source 192.168.1.10)", result.FailureReason);
        }

        [Fact]
        public void Resolve_DefaultBridgeRoutableResolver_KeptAsIs()
        {
            var result = Resolve(Lab.Replace("resolvers: [127.0.0.53]", "resolvers: [127.0.0.53, 192.168.1.1]"), "legacy");

            Assert.Contains("sends it to 192.168.1.1 (the host's resolv.conf)", result.FailureReason);
        }

        [Fact]
        public void Resolve_LoopbackDnsOverride_IsTheContainersOwnLoopbackAndNothingListens()
        {
            var result = Resolve(Lab, "pinned");

            Assert.Equal(NameResolutionFailure.UpstreamUnreachable, result.Failure);
            Assert.Contains("127.0.0.1 is pinned's own loopback (a --dns address is used as given", result.FailureReason);
            Assert.StartsWith("Give pinned a DNS server it can reach", result.Remedy);
        }

        [Fact]
        public void Resolve_EngineDnsOverride_UsedWhenTheContainerHasNone()
        {
            var result = Resolve("engine: { dns: [198.18.67.53] }\n" + Lab, "api");

            Assert.Equal(NameResolutionFailure.OutsideModel, result.Failure);
            Assert.Contains("forwards it to 198.18.67.53 (dockerd --dns)", result.FailureReason);
            Assert.Contains("the way to 198.18.67.53 is open", result.FailureReason);
        }

        [Fact]
        public void Resolve_UpstreamBehindAnInternalNetwork_UnreachableWithTheEgressRemedy()
        {
            var result = Resolve(Lab, "jailed");

            Assert.Equal(NameResolutionFailure.UpstreamUnreachable, result.Failure);
            Assert.Contains("udp/53 to 1.1.1.1: Blocked", result.FailureReason);
            Assert.StartsWith("docker network connect bridge jailed", result.Remedy);
        }

        [Fact]
        public void Resolve_ForwardingOff_UpstreamUnreachable()
        {
            var result = Resolve(Lab.Replace("  resolvers:", "  forwarding: false\n  resolvers:").Replace("127.0.0.53]", "192.168.1.1]"), "legacy");

            Assert.Equal(NameResolutionFailure.UpstreamUnreachable, result.Failure);
            Assert.Contains("net.ipv4.ip_forward is 0", result.FailureReason);
        }

        [Fact]
        public void Resolve_HostResolversNotInTheModel_SaysSo()
        {
            var result = Resolve(Lab.Replace("  resolvers: [127.0.0.53]\n", string.Empty), "api");

            Assert.Equal(NameResolutionFailure.OutsideModel, result.Failure);
            Assert.Contains("the host's resolvers, which the model does not hold", result.FailureReason);
            Assert.Contains("the host's resolv.conf (scenario key host.resolvers)", result.FailureReason);
        }

        [Fact]
        public void Resolve_HostMode_UsesTheHostsResolvConfAsIs()
        {
            var result = Resolve(Lab, "hosty");

            Assert.Equal(NameResolutionFailure.OutsideModel, result.Failure);
            Assert.Contains("the question goes from the host to 127.0.0.53", result.FailureReason);
        }
    }
}
