using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// Read-only access to /proc and /sys under a root directory ("/" on a real host, a fixture tree in tests).
    /// Every read may fail (a process exits, permissions): failures are null or empty, never exceptions.
    /// </summary>
    internal sealed class ProcFs
    {
        public ProcFs(string root)
        {
            Root = root;
        }

        public static ProcFs Host { get; } = new ProcFs("/");

        public string Root { get; }

        public string PathOf(string absolute) => Root == "/" ? absolute : Path.Combine(Root, absolute.TrimStart('/'));

        public string? ReadText(string absolute)
        {
            try
            {
                return File.ReadAllText(PathOf(absolute));
            }
            catch (Exception exception) when (IsIoFailure(exception))
            {
                return null;
            }
        }

        public string? ReadLine(string absolute) => ReadText(absolute)?.Trim();

        public int ReadInt(string absolute) => int.TryParse(ReadLine(absolute), out var value) ? value : 0;

        public IReadOnlyList<string> ListDirectory(string absolute)
        {
            try
            {
                // Entries of /sys/class/net are symlinks to directories: list names, not only real directories.
                return Directory.EnumerateFileSystemEntries(PathOf(absolute)).Select(Path.GetFileName).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).ToList();
            }
            catch (Exception exception) when (IsIoFailure(exception))
            {
                return Array.Empty<string>();
            }
        }

        /// <summary>The target of a symlink such as /proc/1/ns/net ("net:[4026531833]") or a sysfs master link.</summary>
        public string? ReadLink(string absolute)
        {
            return SymlinkReader.Read(PathOf(absolute));
        }

        public bool Exists(string absolute) => File.Exists(PathOf(absolute)) || Directory.Exists(PathOf(absolute));

        private static bool IsIoFailure(Exception exception) =>
            exception is IOException || exception is UnauthorizedAccessException || exception is System.Security.SecurityException;
    }
}
