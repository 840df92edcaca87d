namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>What Connect-DockerNet set for this session: the backend used when a cmdlet names none.</summary>
    internal static class SessionDefaults
    {
        private static readonly object Gate = new object();
        private static string? _scenario;
        private static string? _dockerHost;

        public static string? Scenario { get { lock (Gate) return _scenario; } }
        public static string? DockerHost { get { lock (Gate) return _dockerHost; } }

        public static void UseScenario(string scenario)
        {
            lock (Gate) { _scenario = scenario; _dockerHost = null; }
        }

        public static void UseDockerHost(string dockerHost)
        {
            lock (Gate) { _dockerHost = dockerHost; _scenario = null; }
        }

        public static void Clear()
        {
            lock (Gate) { _scenario = null; _dockerHost = null; }
        }
    }
}
