using System;
using System.Globalization;
using System.IO;
using System.Management.Automation.Host;

namespace DockerNetTools.Host
{
    /// <summary>The PSHost of dnt: a name, a version, the UI, and the exit code that `exit n` asks for.</summary>
    internal sealed class DntHost : PSHost
    {
        private readonly DntHostUserInterface _ui;

        public DntHost(TextWriter output, TextWriter error, int width, TextReader input)
        {
            _ui = new DntHostUserInterface(output, error, input, new DntRawUserInterface(width));
        }

        /// <summary>Set by `exit n` in a pipeline.</summary>
        public int? ExitCode { get; private set; }

        public override CultureInfo CurrentCulture => DntCulture.Instance;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override string Name => "dnt";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => typeof(DntHost).Assembly.GetName().Version ?? new Version(0, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException("dnt has no nested prompt.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("dnt has no nested prompt.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
    }
}
