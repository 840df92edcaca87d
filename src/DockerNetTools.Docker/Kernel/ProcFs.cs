using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

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

        [ThreadStatic]
        private static byte[]? _readBuffer;

        public static ProcFs Host { get; } = new ProcFs("/");

        public string Root { get; }

        public string PathOf(string absolute) => Root == "/" ? absolute : Path.Combine(Root, absolute.TrimStart('/'));

        public string? ReadText(string absolute)
        {
            try
            {
                return ReadWhole(PathOf(absolute));
            }
            catch (Exception exception) when (IsIoFailure(exception))
            {
                return null;
            }
        }

        /// <summary>
        /// A model read opens a few thousand tiny /proc and /sys files. File.ReadAllText gave each one fresh stream and
        /// decoder buffers (about 8 KB a file, most of a model read's allocations); this reads unbuffered into one
        /// buffer per thread and decodes once. procfs reports no length, so it reads until the end, growing the buffer.
        /// </summary>
        private static string ReadWhole(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var buffer = _readBuffer ??= new byte[16 * 1024];
            var length = 0;
            int read;
            while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                    _readBuffer = buffer;
                }
            }
            // Like File.ReadAllText: UTF-8, a byte order mark dropped (a container's /etc/hosts may have one).
            var start = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            return Encoding.UTF8.GetString(buffer, start, length - start);
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
