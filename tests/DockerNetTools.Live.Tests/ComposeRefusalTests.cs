using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DockerNetTools.Backends.Compose;
using DockerNetTools.Diagnostics;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>
    /// Where the real Compose refuses a file (at config, or at up for an external network or a host port already taken),
    /// the module refuses it before, in the same words (the daemon's, for a port).
    /// </summary>
    public sealed class ComposeRefusalTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "dnt-compose-refusal-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly string _project = "compose-" + Guid.NewGuid().ToString("N").Substring(0, 8);

        public ComposeRefusalTests()
        {
            Directory.CreateDirectory(_folder);
        }

        public void Dispose()
        {
            try { Directory.Delete(_folder, true); } catch (IOException) { }
        }

        private const string Service = "services:\n  web:\n    image: dnt-busybox:latest\n    pull_policy: never\n    command: sleep 3600\n";

        // The port refusals come at start, after `up` created the container: a service name no other test uses, so a
        // container left behind by an interrupted run cannot make `-Source web` ambiguous in ComposeTests.
        private const string HeldService = "services:\n  held:\n    image: dnt-busybox:latest\n    pull_policy: never\n    command: sleep 3600\n";

        [ComposeFact]
        public void UndefinedNetwork() => SameRefusal(Service + "    networks: [nope]\n", "config");

        [ComposeFact]
        public void NetworkModeAndNetworks() => SameRefusal(Service + "    network_mode: host\n    networks: [default]\n", "config");

        [ComposeFact]
        public void NetworkModeOfAnUndefinedService() => SameRefusal(Service + "    network_mode: \"service:ghost\"\n", "config");

        [ComposeFact]
        public void RequiredVariableMissing() => SameRefusal(Service + "    hostname: ${DNT_SURELY_UNSET_VAR:?give it}\n", "config");

        [ComposeFact]
        public void BadPortProtocol() => SameRefusal(Service + "    ports: [\"127.0.0.1:18080:80/tcpp\"]\n", "config");

        [ComposeFact]
        public void ContainerNameWithReplicas() => SameRefusal(Service + "    container_name: " + _project + "-web\n    deploy: { replicas: 2 }\n", "config");

        [ComposeFact]
        public void ExternalNetworkMissing() =>
            SameRefusal(Service + "    networks: [shared]\nnetworks:\n  shared:\n    name: " + _project + "-missing\n    external: true\n", "up", "-d");

        [ComposeFact]
        public void PortHeldByARunningContainer()
        {
            var port = LiveStacks.FreePorts(1)[0];
            var holder = _project + "-holder";
            DockerCli.Must("run", "-d", "--name", holder, "-p", port + ":80", OwnLab.Image, "sleep", "60");
            try
            {
                SameRefusal(HeldService + "    ports: [\"" + port + ":80\"]\n", "up", "-d");
            }
            finally
            {
                DockerCli.Run("rm", "-f", holder);
            }
        }

        [ComposeFact]
        public void PortHeldByAHostListener()
        {
            // A listener of this process in the daemon's namespace (the test runs there on both engines).
            var listener = new TcpListener(IPAddress.Any, 0);
            listener.Start();
            try
            {
                SameRefusal(HeldService + "    ports: [\"" + ((IPEndPoint)listener.LocalEndpoint).Port + ":80\"]\n", "up", "-d");
            }
            finally
            {
                listener.Stop();
            }
        }

        private void SameRefusal(string compose, params string[] command)
        {
            File.WriteAllText(Path.Combine(_folder, "compose.yaml"), compose);
            DockerCli.Result result;
            try
            {
                result = ComposeCli.Run(_folder, TimeSpan.FromMinutes(1), new[] { "-p", _project }.Concat(command).ToArray());
            }
            finally
            {
                if (command[0] == "up") ComposeCli.Run(_folder, TimeSpan.FromMinutes(1), "-p", _project, "down", "--remove-orphans");
            }
            Assert.False(result.Ok, "docker compose " + string.Join(" ", command) + " accepted the file: " + result);
            var refusal = result.Stderr.Trim().Split('\n').Last().Trim();

            var baseHost = OwnLab.ReadModelAsync().GetAwaiter().GetResult();
            var error = Assert.Throws<DockerNetException>(() => ComposeLoader.Build(new ComposeOptions { Files = new[] { _folder }, WorkingDirectory = _folder, ProjectName = _project }, baseHost));
            Assert.Equal("ComposeFileInvalid", error.ErrorId);
            var line = Assert.Single(error.Message.Split('\n').Skip(1));
            Assert.StartsWith(Path.Combine(_folder, "compose.yaml") + ":", line);
            var reason = line.Substring(line.IndexOf(": ", StringComparison.Ordinal) + 2);
            var daemonWords = DaemonWords(reason);
            if (daemonWords != null)
            {
                // The daemon names the container's address, which no prediction knows (<container IP>); Engine 28 names
                // :: instead of 0.0.0.0 now and then for a port published on both (seen 2 times in 13 on 28.5.2).
                var expected = Regex.Escape(daemonWords).Replace(Regex.Escape("<container IP>"), @"\d+\.\d+\.\d+\.\d+").Replace(Regex.Escape("Bind for 0.0.0.0:"), "Bind for (0\\.0\\.0\\.0|::):");
                Assert.True(Regex.IsMatch(refusal, expected), "Compose: " + refusal + "\nmodule: " + reason);
                return;
            }
            Assert.True(refusal.Contains(reason) || reason.Contains(refusal), "Compose: " + refusal + "\nmodule: " + reason);
        }

        // The daemon's own words in a port refusal: the quoted error after "docker would have failed with", or the
        // allocator's message before the module's " (by <holder>)". Null: not a port refusal.
        private static string? DaemonWords(string reason)
        {
            var quoted = Regex.Match(reason, "docker would have failed with \"(.*)\"$");
            if (quoted.Success) return quoted.Groups[1].Value;
            var allocated = Regex.Match(reason, @"^(Bind for .* failed: port is already allocated) \(by [^)]*\)$");
            return allocated.Success ? allocated.Groups[1].Value : null;
        }
    }
}
