using System.Globalization;

namespace DockerNetTools.Resources
{
    /// <summary>Fills an <see cref="ErrorMessages"/> template: the user's culture, stated, never implied.</summary>
    internal static class ErrorText
    {
        public static string Format(string template, params object?[] args) =>
            string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
