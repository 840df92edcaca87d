using System.Linq;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;
using static DockerNetTools.Tests.Reachability.ReachabilityKit;

namespace DockerNetTools.Tests.Reachability
{
    /// <summary>
    /// A NoListener verdict carries its fix in Remedy, in the same words Get-DockerNetPortBinding uses for the same
    /// service (ListenerFixes builds both).
    /// </summary>
    public class ListenerRemedyTests
    {
        private static readonly DockerHostModel SeedLab = ScenarioLoader.Load(ScenarioCatalog.SeedLab);

        private const string Lab = @"
containers:
  - { name: client, ip: 172.17.0.2 }
  - name: localOnly
    ip: 172.17.0.6
    publish: [""8005:5000""]
    sockets: [ { protocol: tcp, local: ""127.0.0.1:5000"", state: listen, process: flask } ]
  - name: quiet
    ip: 172.17.0.7
    publish: [""8006:80""]
    sockets: []
  - name: ownAddress
    ip: 172.17.0.8
    sockets: [ { protocol: tcp, local: ""172.17.0.99:80"", state: listen, process: httpd } ]
";

        private static PortBindingReport Binding(DockerHostModel model, string container, int hostPort) =>
            PortBindingInspector.Inspect(model, new[] { model.FindContainer(container)! }).Single(r => r.HostPort == hostPort);

        [Fact]
        public void GreenColorAppThroughItsPublishedPort_RemedyIsThePortBindingsRemedy()
        {
            var result = Ask(SeedLab, "ubuntuA", "172.17.0.1", 8004);
            var report = Binding(SeedLab, "greenColorApp", 8004);

            Verdict(result, ReachabilityVerdict.NoListener, "listens on tcp/3030");
            Assert.Equal("Publish the port the service listens on: recreate greenColorApp with the same options but -p 8004:3000 instead of -p 8004:3030"
                         + " (Docker cannot change the published ports of an existing container), or make the service listen on 3030/tcp.", result.Remedy);
            Assert.Equal(report.Remedy, result.Remedy);
        }

        [Fact]
        public void GreenColorAppDirectly_RemedyNamesThePortItListensOn()
        {
            var result = Ask(SeedLab, "ubuntuA", "172.17.0.8", 3030);

            Verdict(result, ReachabilityVerdict.NoListener, "Nothing in greenColorApp's namespace listens on tcp/3030");
            Assert.Equal("greenColorApp listens on 3000/tcp: connect to that port, or make the service listen on 3030/tcp.", result.Remedy);
        }

        [Fact]
        public void LoopbackOnlyService_SameRemedyDirectlyThroughThePublishAndInThePortBinding()
        {
            var model = Load(Lab);
            var direct = Ask(model, "client", "172.17.0.6", 5000);
            var published = Ask(model, "client", "172.17.0.1", 8005);
            var report = Binding(model, "localOnly", 8005);

            Assert.Equal(ReachabilityVerdict.NoListener, direct.VerdictValue);
            Assert.Equal(ReachabilityVerdict.NoListener, published.VerdictValue);
            Assert.Equal(PortBindingStatus.LoopbackOnly, report.StatusValue);
            Assert.Equal("Make the service listen on 0.0.0.0:5000 (or [::]:5000) instead of 127.0.0.1:5000.", direct.Remedy);
            Assert.Equal(direct.Remedy, published.Remedy);
            Assert.Equal(direct.Remedy, report.Remedy);
        }

        [Fact]
        public void NothingListensAtAll_StartTheServiceInBothCmdlets()
        {
            var model = Load(Lab);
            var published = Ask(model, "client", "172.17.0.1", 8006);
            var report = Binding(model, "quiet", 8006);

            Assert.Equal(ReachabilityVerdict.NoListener, published.VerdictValue);
            Assert.Equal("Start the service on 80/tcp in quiet, or publish the port it listens on: recreate quiet with the same options and that port in -p"
                         + " (Docker cannot change the published ports of an existing container).", report.Remedy);
            Assert.Equal(report.Remedy, published.Remedy);
            Assert.Equal("Start the service on 80/tcp in quiet.", Ask(model, "client", "172.17.0.7", 80).Remedy);
        }

        [Fact]
        public void ListenerOnAnotherAddress_RemedySaysWhereToBind()
        {
            var result = Ask(Load(Lab), "client", "172.17.0.8", 80);

            Assert.Equal(ReachabilityVerdict.NoListener, result.VerdictValue);
            Assert.Equal("Make the service listen on 0.0.0.0:80 instead of 172.17.0.99:80, or connect to the address it listens on.", result.Remedy);
        }
    }
}
