using System;
using System.IO;
using System.Linq;
using DockerNetTools.Backends.Compose;
using DockerNetTools.Diagnostics;
using DockerNetTools.Live.Tests.Infrastructure;
using Xunit;

namespace DockerNetTools.Live.Tests
{
    /// <summary>Where the real Compose refuses a file (at config, or at up for an external network), the module refuses it before, in the same words.</summary>
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
            Assert.True(refusal.Contains(reason) || reason.Contains(refusal), "Compose: " + refusal + "\nmodule: " + reason);
        }
    }
}
