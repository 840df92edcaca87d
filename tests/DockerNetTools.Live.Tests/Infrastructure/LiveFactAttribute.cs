using Xunit;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>
    /// A test that needs a real Docker daemon. Without one it is skipped with the reason, except in CI (CI=true):
    /// there a missing daemon is a failure, because .ci/run is supposed to have started one.
    /// </summary>
    public sealed class LiveFactAttribute : FactAttribute
    {
        public LiveFactAttribute()
        {
            if (LiveDaemon.Problem is { } problem && !LiveDaemon.IsCi)
                Skip = "Live test skipped: " + problem + ". Start one with: sudo .ci/docker-test-daemon.sh start && eval \"$(.ci/docker-test-daemon.sh env)\"";
        }
    }
}
