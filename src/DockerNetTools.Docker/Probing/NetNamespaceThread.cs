using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Threading;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>
    /// Creates sockets inside another process's network namespace. A socket belongs to the namespace it was created in,
    /// whichever thread uses it later, so only the creation happens on a dedicated thread that joins the namespace with
    /// setns(2). That thread does nothing else: it touches no thread pool or timer (a thread it caused to be created would
    /// inherit the namespace), goes back to its own namespace before it ends, and is never a pool or pipeline thread.
    /// </summary>
    internal static class NetNamespaceThread
    {
        /// <summary>Runs <paramref name="create"/> in the network namespace at <paramref name="namespacePath"/> (/proc/&lt;pid&gt;/ns/net) and waits for it.</summary>
        /// <exception cref="NamespaceEntryException">The namespace cannot be opened or joined.</exception>
        public static T Run<T>(string namespacePath, Func<T> create)
        {
            T result = default!;
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    result = InNamespace(namespacePath, create);
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            }, 256 * 1024)
            {
                IsBackground = true,
                Name = "DockerNetTools setns probe",
            };
            thread.Start();
            thread.Join();
            if (failure is NamespaceEntryException) throw failure;
            if (failure != null) throw new NamespaceEntryException(failure.Message, failure);
            return result;
        }

        private static T InNamespace<T>(string namespacePath, Func<T> create)
        {
            var home = Open("/proc/thread-self/ns/net");
            try
            {
                var target = Open(namespacePath);
                try
                {
                    if (LinuxNative.setns(target, LinuxNative.CLONE_NEWNET) != 0)
                        throw Failed("setns(" + namespacePath + ", CLONE_NEWNET)");
                }
                finally
                {
                    // The descriptor is no longer needed; a failed close changes nothing for the probe.
                    _ = LinuxNative.close(target);
                }
                try
                {
                    return create();
                }
                finally
                {
                    // Best effort: the thread ends right after this either way.
                    _ = LinuxNative.setns(home, LinuxNative.CLONE_NEWNET);
                }
            }
            finally
            {
                _ = LinuxNative.close(home);
            }
        }

        private static int Open(string path)
        {
            var fd = LinuxNative.open(path, LinuxNative.O_RDONLY | LinuxNative.O_CLOEXEC);
            if (fd < 0) throw Failed("open(" + path + ")");
            return fd;
        }

        private static NamespaceEntryException Failed(string call)
        {
            var errno = Marshal.GetLastWin32Error();
            return new NamespaceEntryException(call + " failed: " + new Win32Exception(errno).Message + " (errno " + errno + ")", null);
        }
    }

    /// <summary>The network namespace could not be joined (not root, no CAP_SYS_ADMIN, the process is gone).</summary>
    internal sealed class NamespaceEntryException : Exception
    {
        public NamespaceEntryException(string message, Exception? inner)
            : base(message, inner)
        {
        }
    }
}
