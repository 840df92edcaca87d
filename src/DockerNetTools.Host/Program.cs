using System;

namespace DockerNetTools.Host
{
    /// <summary>
    /// dnt '&lt;pipeline&gt;' runs one pipeline with DockerNetTools imported and exits; dnt alone opens a prompt.
    /// Exit codes are documented on <see cref="ExitCodes"/>.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-?"))
            {
                Console.Out.WriteLine(Usage);
                return ExitCodes.Success;
            }

            var manifest = ModuleLocator.Find(Environment.GetEnvironmentVariable(ModuleLocator.OverrideVariable), AppContext.BaseDirectory);
            if (manifest == null)
            {
                Console.Error.WriteLine("dnt: the DockerNetTools module was not found next to dnt (Modules/DockerNetTools/DockerNetTools.psd1). " +
                                        "Rebuild dnt, or set " + ModuleLocator.OverrideVariable + " to the module's manifest or folder.");
                return ExitCodes.Startup;
            }

            var width = TerminalWidth.Current();
            var plainText = Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            using var shell = DntShell.Open(manifest, Console.Out, Console.Error, width, Console.In, plainText);
            if (shell == null) return ExitCodes.Startup;

            // Ctrl+C stops the running pipeline, not dnt itself (like pwsh).
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = shell.StopCurrent();
            };

            return args.Length == 0
                ? shell.RunInteractive(Console.In)
                : shell.RunOnce(string.Join(" ", args));
        }

        private const string Usage =
@"dnt - DockerNetTools in the PowerShell engine, for hosts without pwsh.

Usage:
  dnt '<pipeline>'   run one PowerShell pipeline with DockerNetTools imported, print it like pwsh, exit
  dnt                interactive prompt (exit, quit or Ctrl+D to leave)

Examples:
  dnt 'Get-DockerNetInterface -Scenario SeedLab'
  dnt 'Connect-DockerNet -Scenario SeedLab; Get-DockerNetTopology -Network second-bridge'

Exit codes: 0 no error; 1 an error was written (an unknown name, a cmdlet's terminating error such as a broken
scenario); 2 the script itself was stopped (throw, -ErrorAction Stop, a parse error, Ctrl+C); 3 dnt could not start.
Environment: DNT_MODULE_PATH overrides which DockerNetTools manifest (or folder) is imported; COLUMNS sets the width
output is laid out in (default: the terminal's width, or 120 when output is redirected).";
    }

    /// <summary>What dnt's exit code says.</summary>
    internal static class ExitCodes
    {
        /// <summary>The pipeline ran and wrote no error.</summary>
        public const int Success = 0;

        /// <summary>
        /// The script ran to its end but an error was written: a non-terminating one (e.g. one unknown container of several, so the
        /// output may be partial) or a cmdlet's statement-terminating one (e.g. an invalid scenario), after which PowerShell goes on
        /// with the next statement.
        /// </summary>
        public const int NonTerminatingError = 1;

        /// <summary>The script was stopped: a script-terminating error (throw, -ErrorAction Stop), a parse error, or Ctrl+C.</summary>
        public const int TerminatingError = 2;

        /// <summary>dnt could not start: the module was not found or did not import.</summary>
        public const int Startup = 3;
    }
}
