using System;
using System.Globalization;
using System.IO;

namespace DockerNetTools.Host
{
    /// <summary>
    /// How many columns dnt lays tables and lists out in: COLUMNS when it holds a positive whole number (the shell's own
    /// setting, and a way to choose a width when output goes to a file or a pipe), else the console window's width when
    /// output goes to a terminal, else <see cref="Default"/>.
    /// </summary>
    internal static class TerminalWidth
    {
        /// <summary>Width used when neither COLUMNS nor a terminal says otherwise (output redirected, tests).</summary>
        public const int Default = 120;

        /// <summary>The environment variable read first.</summary>
        public const string ColumnsVariable = "COLUMNS";

        /// <summary>dnt's width in this process: COLUMNS, then the console, then <see cref="Default"/>.</summary>
        public static int Current() =>
            Resolve(Environment.GetEnvironmentVariable(ColumnsVariable), Console.IsOutputRedirected, () => Console.WindowWidth);

        /// <summary>
        /// <paramref name="columns"/> (COLUMNS) when it is a positive whole number; otherwise <paramref name="windowWidth"/> when
        /// output is not redirected and the console answers with a positive width; otherwise <see cref="Default"/>.
        /// </summary>
        public static int Resolve(string? columns, bool outputRedirected, Func<int> windowWidth)
        {
            if (int.TryParse(columns?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var fromVariable) && fromVariable > 0)
                return fromVariable;
            if (outputRedirected) return Default;
            try
            {
                var width = windowWidth();
                return width > 0 ? width : Default;
            }
            catch (IOException)
            {
                // No console behind stdout after all (e.g. a closed terminal).
                return Default;
            }
            catch (PlatformNotSupportedException)
            {
                return Default;
            }
        }
    }
}
