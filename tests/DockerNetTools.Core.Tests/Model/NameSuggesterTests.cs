using DockerNetTools.Analysis.Common;

namespace DockerNetTools.Tests.Model
{
    public class NameSuggesterTests
    {
        [Fact]
        public void Closest_OneTypo_SuggestsTheName() =>
            Assert.Equal(new[] { "ubuntuA" }, NameSuggester.Closest("ubuntA", new[] { "ubuntuA", "nginx2", "hello1" }));

        [Fact]
        public void DidYouMean_NothingClose_IsEmpty() =>
            Assert.Equal(string.Empty, NameSuggester.DidYouMean("zzzzzzzz", new[] { "ubuntuA", "nginx" }));
    }
}
