using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace DockerNetTools.Docker.Client.Ssh
{
    /// <summary>
    /// The ssh command line the docker CLI runs for an ssh:// endpoint (cli/connhelper): `ssh [-l user] [-p port] -o
    /// ConnectTimeout=… -T -- host docker system dial-stdio`, plus BatchMode so a password or passphrase prompt fails at once
    /// instead of waiting for a terminal nobody watches. Everything else (identity files, known hosts, ProxyJump, aliases)
    /// is the user's ssh configuration, read by ssh itself.
    /// </summary>
    internal static class SshCommand
    {
        private static readonly char[] NeedsProcessQuoting = { ' ', '\t', '"', '\\' };
        /// <summary>Seconds ssh waits for the TCP connection (the CLI uses 30; a diagnostic tool answers sooner).</summary>
        public const int ConnectTimeoutSeconds = 15;

        /// <summary>The arguments after "ssh", one string each.</summary>
        public static IReadOnlyList<string> Arguments(Uri endpoint)
        {
            var arguments = new List<string>();
            var user = User(endpoint);
            if (user != null) arguments.AddRange(new[] { "-l", user });
            if (!endpoint.IsDefaultPort && endpoint.Port > 0) arguments.AddRange(new[] { "-p", endpoint.Port.ToString(CultureInfo.InvariantCulture) });
            arguments.AddRange(new[]
            {
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=" + ConnectTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                "-T", "--", endpoint.IdnHost,
                RemoteCommand(endpoint),
            });
            return arguments;
        }

        /// <summary>
        /// `docker system dial-stdio`, or with a path in the URL (ssh://host/run/user/1000/docker.sock) the remote daemon at
        /// that socket, quoted for the remote POSIX shell.
        /// </summary>
        public static string RemoteCommand(Uri endpoint)
        {
            var path = Uri.UnescapeDataString(endpoint.AbsolutePath);
            var words = path.Trim('/').Length == 0
                ? new[] { "docker", "system", "dial-stdio" }
                : new[] { "docker", "--host=unix://" + path, "system", "dial-stdio" };
            return string.Join(" ", words.Select(ShellQuote));
        }

        /// <summary>The user of ssh://user@host, unescaped; null when none is given (ssh's own default or config).</summary>
        public static string? User(Uri endpoint)
        {
            if (string.IsNullOrEmpty(endpoint.UserInfo)) return null;
            var colon = endpoint.UserInfo.IndexOf(':');
            return Uri.UnescapeDataString(colon >= 0 ? endpoint.UserInfo.Substring(0, colon) : endpoint.UserInfo);
        }

        /// <summary>The arguments as one ProcessStartInfo.Arguments string (netstandard2.0 has no ArgumentList).</summary>
        public static string ProcessArguments(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(ProcessQuote));

        private static string ShellQuote(string word) =>
            word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./=:@%+,".IndexOf(c) >= 0)
                ? word
                : "'" + word.Replace("'", "'\\''") + "'";

        // The rules .NET (and the MSVC runtime) use to split Arguments: quotes around an argument with blanks or quotes,
        // backslashes doubled only before a quote.
        private static string ProcessQuote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(NeedsProcessQuoting) < 0) return argument;
            var text = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }
                if (c == '"')
                {
                    text.Append('\\', backslashes * 2 + 1).Append('"');
                    backslashes = 0;
                    continue;
                }
                text.Append('\\', backslashes).Append(c);
                backslashes = 0;
            }
            return text.Append('\\', backslashes * 2).Append('"').ToString();
        }
    }
}
