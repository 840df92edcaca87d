using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>Small waits and picks the compose live tests share: free host ports, and httpd answering in a container.</summary>
    internal static class LiveStacks
    {
        /// <summary>A run of <paramref name="count"/> consecutive free loopback ports (a range publish needs two in a row).</summary>
        public static int[] FreePorts(int count)
        {
            var random = new Random();
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var first = random.Next(40000, 60000);
                var listeners = new List<TcpListener>();
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        var listener = new TcpListener(IPAddress.Loopback, first + i);
                        listener.Start();
                        listeners.Add(listener);
                    }
                    return Enumerable.Range(first, count).ToArray();
                }
                catch (SocketException)
                {
                }
                finally
                {
                    foreach (var listener in listeners) listener.Stop();
                }
            }
            throw new InvalidOperationException("no free port run found");
        }

        /// <summary>Waits (at most 5 s each) until httpd answers on port 80 inside each container.</summary>
        public static async Task WaitForHttpdAsync(IEnumerable<string> containers)
        {
            foreach (var container in containers)
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    if (DockerCli.Run("exec", container, "nc", "-w", "1", "127.0.0.1", "80").Ok) break;
                    await Task.Delay(100);
                }
        }
    }
}
