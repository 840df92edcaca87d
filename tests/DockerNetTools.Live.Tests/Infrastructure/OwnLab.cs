using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
    /// A small lab of a test class's own on the live daemon, under a unique prefix (dnt-&lt;tag&gt;&lt;random&gt;-), removed in
    /// DisposeAsync even after a failure. Subclasses say what to build; containers run dnt-busybox:latest.
    /// </summary>
    public abstract class OwnLab : IAsyncLifetime
    {
        public const string Image = "dnt-busybox:latest";

        private readonly List<string> _containers = new List<string>();
        private readonly List<string> _networks = new List<string>();

        protected OwnLab(string tag)
        {
            Prefix = "dnt-" + tag + Guid.NewGuid().ToString("N").Substring(0, 6) + "-";
        }

        public string Prefix { get; }

        /// <summary>Why the lab could not be built (the tests fail with it), or null.</summary>
        public string? Problem { get; private set; }

        public DockerHostModel Model { get; private set; } = new DockerHostModel();

        public string Name(string shortName) => Prefix + shortName;

        public ContainerInfo Container(string shortName) =>
            Model.FindContainer(Name(shortName)) ?? throw new InvalidOperationException("the model has no container " + Name(shortName));

        public string Address(string shortName) => Container(shortName).Endpoints.First(e => e.IPAddress != null).IPAddress!.ToString();

        protected abstract void Build();

        /// <summary>Waits until what Build started answers (httpd needs a moment after docker run returns).</summary>
        protected virtual Task WaitUntilReadyAsync() => Task.CompletedTask;

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
                Build();
                await WaitUntilReadyAsync();
                Model = await ReadModelAsync();
            }
            catch (Exception exception)
            {
                Problem = "building the lab " + Prefix + " failed: " + exception.Message;
            }
        }

        public void EnsureBuilt()
        {
            if (Problem != null) Assert.Fail(Problem);
        }

        public static async Task<DockerHostModel> ReadModelAsync()
        {
            using var backend = DockerDaemonBackend.Create(null, null);
            return await backend.GetHostModelAsync(ModelParts.All, NullOperationLog.Instance, CancellationToken.None);
        }

        /// <summary>docker run -d --name prefix+name [options...] image [command...].</summary>
        protected void Run(string shortName, string[] options, params string[] command)
        {
            _containers.Add(Name(shortName));
            DockerCli.Must(new[] { "run", "-d", "--name", Name(shortName) }.Concat(options).Concat(new[] { Image }).Concat(command).ToArray());
        }

        protected void Network(string shortName, params string[] options)
        {
            _networks.Add(Name(shortName));
            DockerCli.Must(new[] { "network", "create" }.Concat(options).Concat(new[] { Name(shortName) }).ToArray());
        }

        /// <summary>Until `nc` from <paramref name="from"/> connects to address:port, at most 5 s.</summary>
        protected async Task WaitForListenerAsync(string from, string address, int port)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                if (DockerCli.Run("exec", Name(from), "nc", "-w", "1", address, port.ToString(CultureInfo.InvariantCulture)).Ok) return;
                await Task.Delay(100);
            }
        }

        public Task DisposeAsync()
        {
            foreach (var container in _containers.AsEnumerable().Reverse()) DockerCli.Run("rm", "-f", container);
            foreach (var network in _networks) DockerCli.Run("network", "rm", network);
            return Task.CompletedTask;
        }
    }
}
