using System;
using System.Collections.Generic;
using System.Text;

namespace DockerNetTools.Backends.Compose
{
    /// <summary>
    /// Compose's variable interpolation in values: <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-default}</c> (unset or empty),
    /// <c>${VAR-default}</c> (unset), <c>${VAR:?error}</c>, <c>${VAR?error}</c>, <c>${VAR:+replacement}</c>,
    /// <c>${VAR+replacement}</c>, and <c>$$</c> for a literal dollar. Defaults may themselves hold variables.
    /// </summary>
    internal static class ComposeInterpolation
    {
        /// <summary>The text with every variable replaced; <paramref name="error"/> is set (and null returned) on a bad reference or a `?` variable that is missing.</summary>
        public static string? Interpolate(string text, Func<string, string?> lookup, out string? error)
        {
            error = null;
            if (text.IndexOf('$') < 0) return text;
            var position = 0;
            var result = Expand(text, ref position, lookup, false, ref error);
            return error == null ? result : null;
        }

        private static string Expand(string text, ref int i, Func<string, string?> lookup, bool nested, ref string? error)
        {
            var output = new StringBuilder();
            while (i < text.Length && error == null)
            {
                var c = text[i];
                if (nested && c == '}') return output.ToString();
                if (c != '$')
                {
                    output.Append(c);
                    i++;
                    continue;
                }
                if (i + 1 >= text.Length)
                {
                    output.Append('$');
                    i++;
                    continue;
                }
                var next = text[i + 1];
                if (next == '$')
                {
                    output.Append('$');
                    i += 2;
                    continue;
                }
                if (next == '{')
                {
                    i += 2;
                    output.Append(Braced(text, ref i, lookup, ref error));
                    continue;
                }
                if (IsNameStart(next))
                {
                    var start = i + 1;
                    var end = start;
                    while (end < text.Length && IsNamePart(text[end])) end++;
                    output.Append(lookup(text.Substring(start, end - start)) ?? string.Empty);
                    i = end;
                    continue;
                }
                error = "invalid interpolation format for \"" + text + "\": a '$' is followed by neither a variable name, '{' nor '$'. You may need to escape any $ with another $";
                return string.Empty;
            }
            return output.ToString();
        }

        private static string Braced(string text, ref int i, Func<string, string?> lookup, ref string? error)
        {
            var start = i;
            while (i < text.Length && IsNamePart(text[i])) i++;
            var name = text.Substring(start, i - start);
            if (name.Length == 0 || !IsNameStart(name[0]) || i >= text.Length)
            {
                error = "invalid interpolation format for \"" + text + "\": \"${" + text.Substring(start) + "\" is not a variable reference. You may need to escape any $ with another $";
                return string.Empty;
            }
            var value = lookup(name);
            if (text[i] == '}')
            {
                i++;
                return value ?? string.Empty;
            }

            var colon = text[i] == ':';
            if (colon) i++;
            if (i >= text.Length || (text[i] != '-' && text[i] != '?' && text[i] != '+'))
            {
                error = "invalid interpolation format for \"" + text + "\": unknown operator after ${" + name + ". You may need to escape any $ with another $";
                return string.Empty;
            }
            var op = text[i];
            i++;
            var argument = Expand(text, ref i, lookup, true, ref error);
            if (error != null) return string.Empty;
            if (i >= text.Length || text[i] != '}')
            {
                error = "invalid interpolation format for \"" + text + "\": the ${" + name + " reference is not closed with '}'";
                return string.Empty;
            }
            i++;
            var missing = colon ? string.IsNullOrEmpty(value) : value == null;
            switch (op)
            {
                case '-':
                    return missing ? argument : value!;
                case '+':
                    return missing ? string.Empty : argument;
                default:
                    if (missing)
                    {
                        error = "required variable " + name + " is missing a value: " + argument;
                        return string.Empty;
                    }
                    return value!;
            }
        }

        private static bool IsNameStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsNamePart(char c) => IsNameStart(c) || (c >= '0' && c <= '9');

        /// <summary>Reads a .env file: KEY=VALUE lines, `#` comments, optional `export `, single or double quotes.</summary>
        public static Dictionary<string, string> ParseEnvFile(string text)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                if (line.StartsWith("export ", StringComparison.Ordinal)) line = line.Substring(7).TrimStart();
                var equals = line.IndexOf('=');
                if (equals <= 0) continue;
                var key = line.Substring(0, equals).Trim();
                var value = line.Substring(equals + 1).Trim();
                if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
                {
                    value = value.Substring(1, value.Length - 2);
                }
                else
                {
                    var comment = value.IndexOf(" #", StringComparison.Ordinal);
                    if (comment >= 0) value = value.Substring(0, comment).TrimEnd();
                }
                result[key] = value;
            }
            return result;
        }
    }
}
