using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// What Connect-DockerNet set for this session: the backend used when a cmdlet names none.
    /// Kept per runspace (not per process), so two runspaces in one host, or parallel tests, never see each other's default.
    /// </summary>
    internal static class SessionDefaults
    {
        private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new ConditionalWeakTable<Runspace, Slot>();

        // Used only when a cmdlet runs without a runspace on its thread, which PowerShell does not do; keeps the API total.
        private static readonly Slot Detached = new Slot();

        public static string? Scenario { get { var s = Current; lock (s) return s.Scenario; } }
        public static string? DockerHost { get { var s = Current; lock (s) return s.DockerHost; } }
        public static string? Context { get { var s = Current; lock (s) return s.Context; } }

        public static void UseScenario(string scenario)
        {
            var s = Current;
            lock (s) { s.Scenario = scenario; s.DockerHost = null; s.Context = null; }
        }

        public static void UseDockerHost(string dockerHost)
        {
            var s = Current;
            lock (s) { s.DockerHost = dockerHost; s.Scenario = null; s.Context = null; }
        }

        public static void UseContext(string context)
        {
            var s = Current;
            lock (s) { s.Context = context; s.Scenario = null; s.DockerHost = null; }
        }

        public static void Clear()
        {
            var s = Current;
            lock (s) { s.Scenario = null; s.DockerHost = null; s.Context = null; }
        }

        private static Slot Current =>
            Runspace.DefaultRunspace is { } runspace ? Slots.GetValue(runspace, _ => new Slot()) : Detached;

        private sealed class Slot
        {
            public string? Scenario;
            public string? DockerHost;
            public string? Context;
        }
    }
}
