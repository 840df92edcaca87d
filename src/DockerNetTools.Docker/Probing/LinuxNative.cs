using System.Runtime.InteropServices;
using System.Text;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>The few libc calls a namespace probe needs. Only called on Linux.</summary>
    internal static class LinuxNative
    {
        public const int O_RDONLY = 0;
        public const int O_CLOEXEC = 0x80000;

        /// <summary>setns(2) nstype: join a network namespace.</summary>
        public const int CLONE_NEWNET = 0x40000000;

        /// <summary>open(2) on a path, passed as the NUL-terminated UTF-8 bytes Linux expects (netstandard2.0 has no LPUTF8Str).</summary>
        public static int open(string path, int flags) => open(Encoding.UTF8.GetBytes(path + "\0"), flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int open(byte[] path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int setns(int fd, int nstype);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);

        [DllImport("libc")]
        public static extern uint geteuid();

        public static bool IsLinux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        public static bool IsRoot => IsLinux && geteuid() == 0;
    }
}
