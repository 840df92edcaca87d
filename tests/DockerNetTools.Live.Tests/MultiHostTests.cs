using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// Both test daemons in one command: the one at DOCKER_HOST (Engine 20.10 in CI) and the one at DNT_SECOND_DOCKER_HOST
    /// (Engine 28.5, which .ci/run exports for the 20.10 run; its containers live in another network namespace, their PIDs
    /// are visible from here), by -DockerHost with an endpoint where nothing listens between them, and by -Context * over
    /// a throwaway DOCKER_CONFIG that holds a context for each. A container of this test's own on each daemon must come back
    /// with the right Daemon. Excluded from the run inside the 28.5 namespace (.ci/run), where DOCKER_HOST is the second daemon.
    /// </summary>
    [Trait("Category", "MultiHost")]
    public sealed class MultiHostTests : IDisposable
    {
        private const string Unreachable = "unix:///tmp/mh-live-nothing.sock";
        private readonly string _suffix = Guid.NewGuid().ToString("N").Substring(0, 8);
        private readonly string _config = Path.Combine(Path.GetTempPath(), "mh-live-ctx-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        private readonly string? _savedConfig = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        private readonly List<(string Host, string Name)> _containers = new List<(string, string)>();

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", _savedConfig);
            foreach (var (host, name) in _containers) DockerCli.Run("-H", host, "rm", "-f", name);
            try { Directory.Delete(_config, recursive: true); } catch (IOException) { }
        }

        /// <summary>The second daemon; in CI its absence is a failure, never a skip.</summary>
        private static string SecondHost()
        {
            var second = Environment.GetEnvironmentVariable("DNT_SECOND_DOCKER_HOST");
            Assert.False(string.IsNullOrEmpty(second), "DNT_SECOND_DOCKER_HOST is not set: .ci/run exports the Engine 28.5 endpoint for this test.");
            Assert.NotEqual(LiveDaemon.Endpoint, second);
            return second!;
        }

        /// <summary>A container of this test's own (mh- prefix, no ports, on the default bridge) on the daemon at <paramref name="host"/>.</summary>
        private string Container(string host, string role)
        {
            var name = "mh-" + _suffix + "-" + role;
            _containers.Add((host, name));
            DockerCli.Must("-H", host, "run", "-d", "--name", name, "dnt-busybox:latest", "sleep", "300");
            return name;
        }

        /// <summary>A context as `docker context create` stores it (the layout the Docker tests check against the real CLI).</summary>
        private void StoreContext(string name, string host)
        {
            var id = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
            var folder = Path.Combine(_config, "contexts", "meta", id);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "meta.json"),
                "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        }

        private static string[] Rows(ModuleRunspace.Result result) =>
            result.Output.Select(o => ModuleRunspace.Text(o, "Daemon") + " " + ModuleRunspace.Text(o, "Container")).ToArray();

        [LiveFact]
        public void DockerHosts_BothDaemonsAnswered_InTheNamedOrder_TheUnreachableOneAnErrorNamingIt()
        {
            var first = LiveDaemon.Endpoint;
            var second = SecondHost();
            var onFirst = Container(first, "a");
            var onSecond = Container(second, "b");
            using var shell = new ModuleRunspace();

            var result = shell.Run("Get-DockerNetInterface -DockerHost $hosts -Container 'mh-" + _suffix + "-*'",
                new Dictionary<string, object?> { ["hosts"] = new[] { second, Unreachable, first } });

            Assert.Equal(new[] { second + " " + onSecond, first + " " + onFirst }, Rows(result));
            Assert.All(result.Output, o => Assert.Equal(ModuleRunspace.Text(o, "Daemon"), ModuleRunspace.Text(o, "DockerHost")));
            var error = Assert.Single(result.Errors);
            Assert.Equal("DaemonUnreachable,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand", error.FullyQualifiedErrorId);
            Assert.Equal(Unreachable, error.TargetObject);
            // Each row leads the next cmdlet to its own daemon.
            var piped = shell.Run("Get-DockerNetInterface -DockerHost $hosts -Container 'mh-" + _suffix + "-*' | Get-DockerNetPortBinding",
                new Dictionary<string, object?> { ["hosts"] = new[] { first, second } });
            Assert.Empty(piped.Errors);
        }

        [LiveFact]
        public void ContextStar_TheDefaultAndBothStoredContexts_EachRowWithItsContext()
        {
            var first = LiveDaemon.Endpoint;
            var second = SecondHost();
            var onFirst = Container(first, "a");
            var onSecond = Container(second, "b");
            StoreContext("mh-e20", first);
            StoreContext("mh-e28", second);
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", _config);
            using var shell = new ModuleRunspace();

            var result = shell.Run("Get-DockerNetInterface -Context * -Container 'mh-" + _suffix + "-*'");

            // default is DOCKER_HOST, the first daemon.
            Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
            Assert.Equal(new[] { "default " + onFirst, "mh-e20 " + onFirst, "mh-e28 " + onSecond }, Rows(result));
            Assert.Equal(new[] { "default", "mh-e20", "mh-e28" }, result.Output.Select(o => ModuleRunspace.Text(o, "Context")));
        }
    }
}
