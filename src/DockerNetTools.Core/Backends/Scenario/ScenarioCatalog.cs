using System.Collections.Generic;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>The scenarios embedded in the core assembly.</summary>
    public static class ScenarioCatalog
    {
        public const string SeedLab = "SeedLab";

        public static IReadOnlyList<string> BuiltInNames { get; } = new[] { SeedLab };
    }
}
