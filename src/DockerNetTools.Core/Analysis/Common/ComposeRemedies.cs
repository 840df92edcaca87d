using System;
using System.Linq;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Common
{
    /// <summary>
    /// Remedies that change a container's networks, said the way its maker would apply them: for a container Docker
    /// Compose made (its com.docker.compose.* labels, set by `up` and by a compose what-if alike) the edit to the compose
    /// file and `docker compose up -d` (a `docker network connect` is lost at the next `up`); for any other container the
    /// docker command.
    /// </summary>
    internal static class ComposeRemedies
    {
        /// <summary>Attach <paramref name="container"/> to <paramref name="network"/> (bridge: any network that is not internal).</summary>
        public static string Connect(DockerHostModel model, string network, string container, string? suffix = null)
        {
            var c = model.FindContainer(container);
            if (c?.ComposeService == null) return "docker network connect " + network + " " + container + (suffix ?? string.Empty);
            var service = "services." + c.ComposeService + ".networks";
            var file = FileOf(c);
            var net = model.FindNetwork(network);
            string edit;
            if (net != null && net.ComposeProject == c.ComposeProject && net.Labels.TryGetValue(ComposeLabels.Network, out var key) && key.Length > 0)
                edit = "add `" + key + "` to " + service + " in " + file;
            else if (network == "bridge" || net?.IsDefaultBridge == true)
            {
                edit = "add a network that is not internal (e.g. `default`) to " + service + " in " + file;
                if (suffix != null && suffix.Contains("--internal")) suffix = null;
            }
            else
                edit = "declare " + network + " in the top-level networks: of " + file + " (`" + network + ": {external: true}`) and add it to " + service;
            return "In Compose: " + edit + ", then docker compose up -d" + (suffix ?? string.Empty);
        }

        /// <summary>Attach <paramref name="container"/> to a network with IPv6.</summary>
        public static string ConnectIPv6(DockerHostModel model, string container)
        {
            var c = model.FindContainer(container);
            if (c?.ComposeService == null) return "docker network connect <a network created with --ipv6> " + container;
            return "In Compose: add a network with `enable_ipv6: true` to services." + c.ComposeService + ".networks in " + FileOf(c) + ", then docker compose up -d";
        }

        /// <summary>A new network <paramref name="name"/> shared by <paramref name="a"/> and <paramref name="b"/>.</summary>
        public static string Share(DockerHostModel model, string name, string a, string b)
        {
            var first = model.FindContainer(a);
            var second = model.FindContainer(b);
            if (first?.ComposeService == null || second?.ComposeService == null || first.ComposeProject != second.ComposeProject)
                return "docker network create " + name + " && docker network connect " + name + " " + a + " && docker network connect " + name + " " + b;
            var key = first.ComposeService == second.ComposeService ? first.ComposeService : first.ComposeService + "-" + second.ComposeService;
            var services = first.ComposeService == second.ComposeService
                ? "services." + first.ComposeService + ".networks"
                : "services." + first.ComposeService + ".networks and services." + second.ComposeService + ".networks";
            return "In Compose: declare a network `" + key + ": {}` in the top-level networks: of " + FileOf(first) + " and add `" + key + "` to " + services
                   + ", then docker compose up -d";
        }

        /// <summary>Give <paramref name="container"/> the alias <paramref name="alias"/> on <paramref name="network"/>.</summary>
        public static string Alias(DockerHostModel model, string alias, string network, string container)
        {
            var c = model.FindContainer(container);
            var net = model.FindNetwork(network);
            if (c?.ComposeService == null || net == null || net.ComposeProject != c.ComposeProject || !net.Labels.TryGetValue(ComposeLabels.Network, out var key))
                return "docker network connect --alias " + alias + " " + network + " " + container;
            return "In Compose: add `" + alias + "` to services." + c.ComposeService + ".networks." + key + ".aliases in " + FileOf(c) + ", then docker compose up -d";
        }

        /// <summary>Move a `network_mode: none` service onto a network; null when <paramref name="container"/> is not a Compose one.</summary>
        public static string? LeaveNone(DockerHostModel model, ContainerInfo container, string? network)
        {
            if (container.ComposeService == null) return null;
            var net = network == null ? null : model.FindNetwork(network);
            var key = net != null && net.ComposeProject == container.ComposeProject && net.Labels.TryGetValue(ComposeLabels.Network, out var k) ? k : "default";
            return "In Compose: replace `network_mode: none` of services." + container.ComposeService + " in " + FileOf(container) + " with `networks: [" + key + "]`, then docker compose up -d";
        }

        /// <summary>Declare a port of a Compose service (so a what-if knows it listens): `expose:`.</summary>
        public static string? Expose(ContainerInfo? container, string port)
        {
            if (container?.ComposeService == null) return null;
            return "If the service listens on " + port + ", say so in " + FileOf(container) + ": `expose: [\"" + port + "\"]` under services." + container.ComposeService
                   + " (or publish it with `ports:`).";
        }

        /// <summary>The compose file a container came from (its config_files label), for a remedy's text.</summary>
        public static string FileOf(ContainerInfo container)
        {
            var files = container.Labels.TryGetValue(ComposeLabels.ConfigFiles, out var list) ? list.Split(',').Where(f => f.Length > 0).ToList() : null;
            if (files == null || files.Count == 0) return "the compose file";
            var name = files[0];
            var slash = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
            return slash >= 0 ? name.Substring(slash + 1) : name;
        }
    }
}
