using System.IO;

namespace DockerNetTools.Host
{
    /// <summary>Finds the DockerNetTools manifest that dnt imports.</summary>
    internal static class ModuleLocator
    {
        public const string OverrideVariable = "DNT_MODULE_PATH";
        public const string ManifestName = "DockerNetTools.psd1";

        /// <summary>
        /// DNT_MODULE_PATH (a manifest, or a folder holding one) wins; otherwise the copy staged next to dnt at build or publish.
        /// Null when neither exists.
        /// </summary>
        public static string? Find(string? overridePath, string baseDirectory)
        {
            if (!string.IsNullOrWhiteSpace(overridePath))
            {
                var full = Path.GetFullPath(overridePath!);
                if (File.Exists(full)) return full;
                var inFolder = Path.Combine(full, ManifestName);
                return File.Exists(inFolder) ? inFolder : null;
            }
            var staged = Path.Combine(baseDirectory, "Modules", "DockerNetTools", ManifestName);
            return File.Exists(staged) ? staged : null;
        }
    }
}
