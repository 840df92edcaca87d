using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// The daemon read through a docker context made by the real `docker context create` (its endpoint is the test daemon's
    /// DOCKER_HOST), from -Context, Connect-DockerNet -Context, DOCKER_CONTEXT and `docker context use`, each compared with
    /// what `docker network ls` says. The process environment is changed for a test and restored (live tests run one at a time).
    /// </summary>
    public sealed class ContextTests : IDisposable
    {
        private readonly string _config = Path.Combine(Path.GetTempPath(), "dnt-live-ctx-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        private readonly Dictionary<string, string?> _saved = new Dictionary<string, string?>();

        public ContextTests()
        {
            Directory.CreateDirectory(_config);
        }

        public void Dispose()
        {
            foreach (var pair in _saved) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            try { Directory.Delete(_config, recursive: true); } catch (IOException) { }
        }

        private void Set(string name, string? value)
        {
            if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        /// <summary>`docker context …` against this test's own config folder.</summary>
        private void ContextCli(params string[] arguments)
        {
            var start = new ProcessStartInfo(DockerCli.Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["DOCKER_CONFIG"] = _config;
            start.Environment.Remove("DOCKER_CONTEXT");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(30000), "docker context timed out");
            Assert.True(process.ExitCode == 0, "docker " + string.Join(" ", arguments) + ": " + output.Result + error.Result);
        }

        private static string[] NetworksOfDocker() =>
            DockerCli.Must("network", "ls", "--format", "{{.Name}}").Split('\n', StringSplitOptions.RemoveEmptyEntries).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        private static string[] Names(ModuleRunspace.Result result)
        {
            Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
            return result.Output.Select(o => ModuleRunspace.Text(o, "Name")).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        }

        private string CreateLiveContext()
        {
            ContextCli("context", "create", "dnt-live", "--description", "the test daemon", "--docker", "host=" + LiveDaemon.Endpoint);
            Set("DOCKER_CONFIG", _config);
            return "dnt-live";
        }

        [LiveFact]
        public void ContextParameter_ReadsTheContextsDaemon_EvenWithDockerHostElsewhere()
        {
            var expected = NetworksOfDocker();
            var context = CreateLiveContext();
            Set("DOCKER_HOST", "unix:///nonexistent-dnt.sock");
            using var shell = new ModuleRunspace();

            var result = shell.Run("Get-DockerNetTopology -Context $c", new Dictionary<string, object?> { ["c"] = context });

            Assert.Equal(expected, Names(result));
            Assert.All(result.Output, o => Assert.Equal(context, ModuleRunspace.Text(o, "Context")));
        }

        [LiveFact]
        public void ConnectContext_IsTheSessionDefault()
        {
            var expected = NetworksOfDocker();
            var endpoint = LiveDaemon.Endpoint;
            var context = CreateLiveContext();
            using var shell = new ModuleRunspace();

            var connection = Assert.Single(shell.Run("Connect-DockerNet -Context dnt-live -PassThru").Output);
            Set("DOCKER_HOST", "unix:///nonexistent-dnt.sock");
            var names = Names(shell.Run("Get-DockerNetTopology"));

            Assert.Equal("Context", ModuleRunspace.Text(connection, "Backend"));
            Assert.Equal(context, ModuleRunspace.Text(connection, "Target"));
            Assert.Equal(endpoint + " (context dnt-live)", ModuleRunspace.Text(connection, "Source"));
            Assert.Equal(expected, names);
        }

        [LiveFact]
        public void DockerContextVariable_AndCurrentContext_UsedWithoutDockerHost()
        {
            var expected = NetworksOfDocker();
            CreateLiveContext();
            ContextCli("context", "create", "dnt-dead", "--docker", "host=unix:///nonexistent-dnt.sock");
            Set("DOCKER_HOST", null);
            using var shell = new ModuleRunspace();

            Set("DOCKER_CONTEXT", "dnt-live");
            var fromVariable = Names(shell.Run("Get-DockerNetTopology"));
            Set("DOCKER_CONTEXT", null);
            ContextCli("context", "use", "dnt-live");
            var fromConfig = Names(shell.Run("Get-DockerNetTopology"));
            ContextCli("context", "use", "dnt-dead");
            var dead = shell.Run("Get-DockerNetTopology -ErrorAction SilentlyContinue; $Error[0]");

            Assert.Equal(expected, fromVariable);
            Assert.Equal(expected, fromConfig);
            Assert.Contains("(from the current docker context dnt-dead)", dead.Output.Last().ToString(), StringComparison.Ordinal);
        }
    }
}
