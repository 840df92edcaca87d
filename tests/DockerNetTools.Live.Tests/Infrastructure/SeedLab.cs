using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Backends;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>
    /// The seed notes' labs, built for real on the daemon under a unique prefix (dnt-&lt;random&gt;-), with the published
    /// ports shifted into a free high range. Everything it created is removed in Dispose, even after a failure.
    /// Containers run the static busybox image dnt-busybox:latest (httpd for the apps, sleep for the shells).
    /// </summary>
    public sealed class SeedLab : IAsyncLifetime
    {
        public const string Image = "dnt-busybox:latest";

        private readonly List<string> _containers = new List<string>();
        private readonly List<string> _networks = new List<string>();

        public SeedLab()
        {
            Prefix = "dnt-" + Guid.NewGuid().ToString("N").Substring(0, 6) + "-";
            var random = new Random();
            SecondBridgeOctet = random.Next(100, 200);
        }

        public string Prefix { get; }

        /// <summary>Host ports: nginx2 = Base+1, red = +2, blue = +3, green = +4, hostnettest = +5, mysql = +6, redis = +7; +8 and +9 stay unused.</summary>
        public int BasePort { get; private set; }

        public int SecondBridgeOctet { get; }

        public string SecondBridgeSubnet => "10." + SecondBridgeOctet + ".0.0/24";

        /// <summary>Why the lab could not be built (the tests fail with it), or null.</summary>
        public string? Problem { get; private set; }

        public DockerHostModel Model { get; private set; } = new DockerHostModel();

        public List<string> Warnings { get; } = new List<string>();

        public string Name(string shortName) => Prefix + shortName;

        public async Task InitializeAsync()
        {
            if (LiveDaemon.Problem != null)
            {
                Problem = LiveDaemon.Problem;
                return;
            }
            try
            {
                if (!DockerCli.Run("image", "inspect", Image).Ok)
                    throw new InvalidOperationException("the test image " + Image + " is missing: run .ci/docker-test-daemon.sh start (it builds it)");
                BasePort = FindFreePortBlock(10);
                Build();
                await WaitForListenersAsync();
                Model = await ReadModelAsync(ModelParts.All);
            }
            catch (Exception exception)
            {
                Problem = "building the seed lab failed: " + exception.Message;
            }
        }

        public void EnsureBuilt()
        {
            if (Problem != null) Assert.Fail(Problem);
        }

        public async Task<DockerHostModel> ReadModelAsync(ModelParts parts)
        {
            using var backend = DockerDaemonBackend.Create(null, null);
            var log = new ListLog(Warnings);
            return await backend.GetHostModelAsync(parts, log, CancellationToken.None);
        }

        public ContainerInfo Container(string shortName) =>
            Model.FindContainer(Name(shortName)) ?? throw new InvalidOperationException("the model has no container " + Name(shortName));

        private void Build()
        {
            Network("second-bridge", "--subnet", SecondBridgeSubnet, "--gateway", "10." + SecondBridgeOctet + ".0.1");
            Network("bridgetest");

            Run("ubuntuA", "sleep", "3600");
            Run("ubuntuB", "sleep", "3600");
            Run("ubuntuC", "--network", Name("second-bridge"), Image, "sleep", "3600");
            Run("nginx2", "-p", (BasePort + 1) + ":80", Image, "httpd", "-f", "-p", "80", "-h", "/www");
            Run("redColorApp", "-p", (BasePort + 2) + ":3000", Image, "httpd", "-f", "-p", "3000", "-h", "/www");
            Run("blueColorApp", "-p", (BasePort + 3) + ":3000", Image, "httpd", "-f", "-p", "3000", "-h", "/www");
            // The seed's mistake: the publish forwards to 3030 while the app listens on 3000.
            Run("greenColorApp", "-p", (BasePort + 4) + ":3030", Image, "httpd", "-f", "-p", "3000", "-h", "/www");

            // bridgetest: MySQL-like on 127.0.0.1 only in sourcecontainer, reached from targetcontainer over the shared loopback.
            Run("sourcecontainer", "--network", Name("bridgetest"), Image, "httpd", "-f", "-p", "127.0.0.1:3306", "-h", "/www");
            Run("targetcontainer", "--network", "container:" + Name("sourcecontainer"), Image, "sleep", "3600");
            Run("mysql", "--network", Name("bridgetest"), "--network-alias", "sqll", "-p", (BasePort + 6) + ":3306", Image, "httpd", "-f", "-p", "3306", "-h", "/www");
            Run("bridgeredis", "--network", Name("bridgetest"), "--network-alias", "rediss", "-p", (BasePort + 7) + ":6379", Image, "httpd", "-f", "-p", "6379", "-h", "/www");
            Run("nodectn", "--network", Name("bridgetest"), "--network-alias", "nodesql", Image, "httpd", "-f", "-p", "3000", "-h", "/www");

            Run("nonetest", "--network", "none", Image, "sleep", "3600");
            // Host mode: its listener occupies a host port, so it uses the lab's free range.
            Run("hostnettest", "--network", "host", Image, "httpd", "-f", "-p", (BasePort + 5).ToString(CultureInfo.InvariantCulture), "-h", "/www");
            Run("linktest1", "httpd", "-f", "-p", "80", "-h", "/www");
            Run("linktest2", "--link", Name("linktest1"), Image, "sleep", "3600");
        }

        /// <summary>docker run -d --name prefix+name [options...] [image command...]; a bare command means the default bridge.</summary>
        private void Run(string shortName, params string[] rest)
        {
            var arguments = new List<string> { "run", "-d", "--name", Name(shortName) };
            var imageAt = Array.IndexOf(rest, Image);
            if (imageAt < 0)
            {
                arguments.Add(Image);
                arguments.AddRange(rest);
            }
            else
            {
                arguments.AddRange(rest);
            }
            _containers.Add(Name(shortName));
            DockerCli.Must(arguments.ToArray());
        }

        private void Network(string shortName, params string[] options)
        {
            _networks.Add(Name(shortName));
            DockerCli.Must(new[] { "network", "create" }.Concat(options).Concat(new[] { Name(shortName) }).ToArray());
        }

        /// <summary>httpd needs a moment after docker run returns; bounded wait on every listener.</summary>
        private async Task WaitForListenersAsync()
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var ready = DockerCli.Run("exec", Name("targetcontainer"), "sh", "-c", "nc -w 1 127.0.0.1 3306 </dev/null").Ok
                            && DockerCli.Run("exec", Name("nodectn"), "sh", "-c", "nc -w 1 127.0.0.1 3000 </dev/null").Ok;
                if (ready) return;
                await Task.Delay(100);
            }
        }

        public Task DisposeAsync()
        {
            foreach (var container in _containers.AsEnumerable().Reverse())
                DockerCli.Run("rm", "-f", container);
            // Anything a test added under the prefix (the clash attempt) goes too.
            foreach (var leftover in DockerCli.Run("ps", "-aq", "--filter", "name=^/" + Prefix).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                DockerCli.Run("rm", "-f", leftover.Trim());
            foreach (var network in _networks)
                DockerCli.Run("network", "rm", network);
            return Task.CompletedTask;
        }

        /// <summary>A block of free TCP ports on the host, in a high range, so published ports do not clash with anything here.</summary>
        private static int FindFreePortBlock(int size)
        {
            var random = new Random();
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var start = random.Next(30000, 50000 - size);
                if (Enumerable.Range(start, size).All(IsFree)) return start;
            }
            throw new InvalidOperationException("no free block of " + size + " TCP ports between 30000 and 50000");
        }

        private static bool IsFree(int port)
        {
            try
            {
                var listener = new TcpListener(IPAddress.Any, port);
                listener.Start();
                listener.Stop();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        private sealed class ListLog : IOperationLog
        {
            private readonly List<string> _warnings;
            public ListLog(List<string> warnings) { _warnings = warnings; }
            public void Verbose(string message) { }
            public void Warning(string message) { lock (_warnings) _warnings.Add(message); }
            public void Progress(string activity, string status, int percentComplete) { }
        }
    }

    [CollectionDefinition(Name)]
    public sealed class SeedLabCollection : ICollectionFixture<SeedLab>
    {
        public const string Name = "Seed lab on a live daemon";
    }
}
