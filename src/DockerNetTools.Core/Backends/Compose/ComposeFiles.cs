using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;

namespace DockerNetTools.Backends.Compose
{
    /// <summary>Which files make the project: the ones given, or those Compose finds in a folder (with the override).</summary>
    internal static class ComposeFiles
    {
        public static readonly string[] DefaultNames = { "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml" };
        public static readonly string[] OverrideNames = { "compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml" };

        public static IReadOnlyList<string> Resolve(ComposeOptions options)
        {
            var given = options.Files.Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
            if (given.Count == 0) return Discover(Path.GetFullPath(options.WorkingDirectory));
            if (given.Count == 1 && Directory.Exists(Full(given[0], options))) return Discover(Full(given[0], options));
            var files = new List<string>();
            foreach (var file in given)
            {
                var path = Full(file, options);
                if (!File.Exists(path))
                    throw new DockerNetException(ErrorIds.ComposeFileNotFound, ErrorKind.NotFound, ErrorText.Format(ErrorMessages.ComposeFileNotFound, file, path), file)
                    {
                        RecommendedAction = ErrorMessages.ComposeFileNotFoundAction,
                    };
                files.Add(path);
            }
            return files;
        }

        private static string Full(string path, ComposeOptions options)
        {
            if (path.StartsWith("~/", StringComparison.Ordinal))
                path = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), path.Substring(2));
            return Path.GetFullPath(Path.Combine(options.WorkingDirectory, path));
        }

        // Compose takes the first default name present and the first override name present beside it.
        private static List<string> Discover(string folder)
        {
            var main = DefaultNames.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);
            if (main == null)
                throw new DockerNetException(ErrorIds.ComposeFileNotFound, ErrorKind.NotFound,
                    ErrorText.Format(ErrorMessages.ComposeFolderEmpty, string.Join(", ", DefaultNames), folder), folder)
                {
                    RecommendedAction = ErrorMessages.ComposeFolderEmptyAction,
                };
            var files = new List<string> { main };
            var overrideFile = OverrideNames.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);
            if (overrideFile != null) files.Add(overrideFile);
            return files;
        }
    }
}
