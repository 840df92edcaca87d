namespace DockerNetTools.Analysis.Probing
{
    /// <summary>The names a <see cref="ProbeObservation"/> gives for how it ran.</summary>
    public static class ProbeMethods
    {
        public const string None = "none";

        /// <summary>A socket created on a thread that joined the container's network namespace with setns(2).</summary>
        public const string SetnsSocket = "setns socket";
        public const string SetnsIcmp = "setns raw ICMP";
        public const string SetnsDns = "setns hosts+DNS";

        public const string ExecNc = "exec nc";
        public const string ExecPing = "exec ping";
        public const string ExecNslookup = "exec hosts+nslookup";

        /// <summary>The same tools in a -ProbeImage helper container that joined the container's network namespace.</summary>
        public const string HelperNc = "helper nc";
        public const string HelperPing = "helper ping";
        public const string HelperNslookup = "helper hosts+nslookup";
    }
}
