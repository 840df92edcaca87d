using Xunit;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>A test that needs a daemon and the real Docker Compose; skipped without either, failing in CI (CI=true).</summary>
    public sealed class ComposeFactAttribute : FactAttribute
    {
        public ComposeFactAttribute()
        {
            var problem = LiveDaemon.Problem ?? ComposeCli.Problem;
            if (problem != null && !LiveDaemon.IsCi) Skip = "Compose live test skipped: " + problem;
        }
    }
}
