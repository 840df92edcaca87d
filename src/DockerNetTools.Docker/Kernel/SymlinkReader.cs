using System;
using System.Runtime.InteropServices;
using System.Text;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// readlink(2). netstandard2.0 has no FileSystemInfo.LinkTarget, and /proc's magic links (ns/net, fd/N) are not
    /// ordinary files, so ask libc directly. Only called on Linux.
    /// </summary>
    internal static class SymlinkReader
    {
        [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
        private static extern IntPtr NativeReadLink(byte[] path, byte[] buffer, IntPtr size);

        [ThreadStatic]
        private static byte[]? _buffer;

        public static string? Read(string path)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
            // One buffer per thread: the socket owners read thousands of fd links per model.
            var buffer = _buffer ??= new byte[4096];
            var pathBytes = Encoding.UTF8.GetBytes(path + "\0");
            var length = NativeReadLink(pathBytes, buffer, (IntPtr)buffer.Length).ToInt64();
            return length <= 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)length);
        }
    }
}
