using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Dns
{
    /// <summary>
    /// A name no resolver can ask for is one clear error, in both cmdlets that take names: NameInvalid for
    /// Resolve-DockerNetName, ReachabilityDestinationInvalid for Test-DockerNetReachability -Destination; name:port
    /// gets the same -Port suggestion as address:port.
    /// </summary>
    public sealed class InvalidNameTests
    {
        private static readonly DockerHostModel SeedLab = ScenarioLoader.Load("SeedLab");

        private static DockerNetException Resolving(string name) =>
            Assert.Throws<DockerNetException>(() => NameResolver.Resolve(SeedLab, SeedLab.FindContainer("nodectn")!, name));

        private static DockerNetException Testing(string destination, int? port = null) =>
            Assert.Throws<DockerNetException>(() => ReachabilityAnalyzer.Analyze(SeedLab, new ReachabilityQuery("nodectn", destination, port)));

        [Theory]
        [InlineData("bad name", "'bad name' cannot be looked up: it contains a blank.")]
        [InlineData("sqll\t", null)] // trimmed like any typed name: it resolves
        [InlineData("a..b", "'a..b' cannot be looked up: it has an empty label (two dots in a row, or a leading dot).")]
        [InlineData(".sqll", "'.sqll' cannot be looked up: it has an empty label")]
        [InlineData("x.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.org", "has 64 characters and DNS allows 63")]
        public void Resolve_NameNoResolverCanAskFor_NameInvalid(string name, string? message)
        {
            if (message == null)
            {
                Assert.True(NameResolver.Resolve(SeedLab, SeedLab.FindContainer("nodectn")!, name).Resolved);
                return;
            }
            var error = Resolving(name);
            Assert.Equal(ErrorIds.NameInvalid, error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Contains(message, error.Message);
            Assert.DoesNotContain("docker run", error.Message + error.RecommendedAction);
        }

        [Fact]
        public void Resolve_NameWithBlank_SaysWhatDockersDnsDoes()
        {
            var error = Resolving("bad name");
            Assert.Contains("Docker's embedded DNS (127.0.0.11) has no answer for it and forwards the question to the host's resolvers", error.Message);
            Assert.Equal("bad name", error.Target);
        }

        [Fact]
        public void Resolve_EmptyLabel_SaysTheResolverFailsBeforeAskingAndOffersTheFixedName()
        {
            var error = Resolving("sqll..bridgetest");
            Assert.Contains("the container's resolver fails before it asks anything", error.Message);
            Assert.Equal("Remove the extra dots: 'sqll.bridgetest'.", error.RecommendedAction);
        }

        [Fact]
        public void Resolve_FullyQualifiedName_StillResolves()
        {
            Assert.True(NameResolver.Resolve(SeedLab, SeedLab.FindContainer("nodectn")!, "sqll.").Resolved);
        }

        [Theory]
        [InlineData("sqll:3306", "'sqll:3306' looks like name:port; give the port with -Port (-Destination sqll -Port 3306).")]
        [InlineData("172.18.0.3:3306", "'172.18.0.3:3306' looks like address:port; give the port with -Port (-Destination 172.18.0.3 -Port 3306).")]
        [InlineData("db.example.org:5432", "'db.example.org:5432' looks like name:port; give the port with -Port (-Destination db.example.org -Port 5432).")]
        [InlineData("sqll:mysql", "'sqll:mysql' is not an IPv6 address, and names cannot contain ':'.")]
        [InlineData("sqll:70000", "'sqll:70000' is not an IPv6 address, and names cannot contain ':'.")]
        public void Analyze_DestinationWithPort_SuggestsPortForNamesAsForAddresses(string destination, string message)
        {
            var error = Testing(destination);
            Assert.Equal(ErrorIds.ReachabilityDestinationInvalid, error.ErrorId);
            Assert.Equal(message, error.Message);
        }

        [Theory]
        [InlineData("bad name", "it contains a blank")]
        [InlineData("a..b", "it has an empty label")]
        public void Analyze_DestinationNoResolverCanAskFor_DestinationInvalidNotAVerdict(string destination, string message)
        {
            var error = Testing(destination, 80);
            Assert.Equal(ErrorIds.ReachabilityDestinationInvalid, error.ErrorId);
            Assert.Contains(message, error.Message);
            Assert.DoesNotContain("docker run", error.Message + error.RecommendedAction);
        }
    }
}
