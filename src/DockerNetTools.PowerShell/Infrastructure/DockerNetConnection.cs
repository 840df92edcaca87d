namespace DockerNetTools.PowerShell
{
    /// <summary>Which kind of backend a session default points at.</summary>
    public enum DockerNetBackendKind
    {
        Scenario,
        DockerHost,
        Context,
    }

    /// <summary>The session default that Connect-DockerNet set, as checked when it connected.</summary>
    public sealed class DockerNetConnection
    {
        internal DockerNetConnection(DockerNetBackendKind backend, string target, string source, string engineVersion,
            int networkCount, int containerCount)
        {
            BackendValue = backend;
            Target = target;
            Source = source;
            EngineVersion = engineVersion;
            NetworkCount = networkCount;
            ContainerCount = containerCount;
        }

        /// <summary>Scenario, DockerHost or Context (a <see cref="DockerNetBackendKind"/> name).</summary>
        public string Backend => BackendValue.ToString();

        internal DockerNetBackendKind BackendValue { get; }

        /// <summary>The scenario name or full path, the daemon endpoint, or the docker context name, that later cmdlets use.</summary>
        public string Target { get; }

        /// <summary>How the model describes itself ("scenario SeedLab", an endpoint).</summary>
        public string Source { get; }

        public string EngineVersion { get; }

        public int NetworkCount { get; }

        public int ContainerCount { get; }

        public override string ToString() => Source;
    }
}
