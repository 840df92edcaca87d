namespace DockerNetTools.Diagnostics
{
    /// <summary>
    /// How the core reports what it is doing without knowing PowerShell: the cmdlet layer forwards
    /// these to WriteVerbose/WriteWarning/WriteProgress on the pipeline thread.
    /// </summary>
    public interface IOperationLog
    {
        void Verbose(string message);
        void Warning(string message);
        /// <param name="percentComplete">0..100, or -1 when unknown.</param>
        void Progress(string activity, string status, int percentComplete);
    }

    public sealed class NullOperationLog : IOperationLog
    {
        public static readonly NullOperationLog Instance = new NullOperationLog();
        private NullOperationLog() { }
        public void Verbose(string message) { }
        public void Warning(string message) { }
        public void Progress(string activity, string status, int percentComplete) { }
    }
}
