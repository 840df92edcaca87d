using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DockerNetTools.Model;
using Xunit;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>
    /// A compose project's networking facts, read from `docker compose config --format json`, from a host model (the
    /// module's what-if or the live host after `up`), and compared: keys "containers", "networks", and per container
    /// "net &lt;container&gt;", "aliases &lt;container&gt; &lt;network&gt;", "ports &lt;container&gt;", "mode &lt;container&gt;" and
    /// "ip &lt;container&gt; &lt;network&gt;" (fixed addresses, which the stacks end in .10).
    /// </summary>
    internal static class ComposeFacts
    {
        /// <summary>`docker compose [extra] config --format json` in <paramref name="folder"/>.</summary>
        public static JsonElement Config(string folder, params string[] extra)
        {
            var result = ComposeCli.Run(folder, TimeSpan.FromSeconds(60), extra.Concat(new[] { "config", "--format", "json" }).ToArray());
            Assert.True(result.Ok, "docker compose config failed: " + result);
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }

        /// <summary>What Compose will create, from its config output.</summary>
        public static Dictionary<string, SortedSet<string>> Expected(JsonElement config)
        {
            var facts = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            SortedSet<string> Fact(string key) => facts.TryGetValue(key, out var set) ? set : facts[key] = new SortedSet<string>(StringComparer.Ordinal);
            var project = config.GetProperty("name").GetString()!;
            var networkNames = config.TryGetProperty("networks", out var networks)
                ? networks.EnumerateObject().ToDictionary(n => n.Name, n => n.Value.GetProperty("name").GetString()!)
                : new Dictionary<string, string>();
            var firstContainer = new Dictionary<string, string>();
            foreach (var service in config.GetProperty("services").EnumerateObject())
            {
                var s = service.Value;
                var replicas = s.TryGetProperty("deploy", out var deploy) && deploy.TryGetProperty("replicas", out var r) ? r.GetInt32()
                    : s.TryGetProperty("scale", out var scale) ? scale.GetInt32() : 1;
                var names = s.TryGetProperty("container_name", out var cn) ? new List<string> { cn.GetString()! }
                    : Enumerable.Range(1, replicas).Select(i => project + "-" + service.Name + "-" + i).ToList();
                firstContainer[service.Name] = names[0];
                foreach (var name in names)
                {
                    Fact("containers").Add(name);
                    Fact("mode " + name).Add(s.TryGetProperty("network_mode", out var mode) ? mode.GetString()! : "networks");
                    if (s.TryGetProperty("networks", out var attached))
                    {
                        foreach (var network in attached.EnumerateObject())
                        {
                            var real = networkNames[network.Name];
                            Fact("networks").Add(real);
                            Fact("net " + name).Add(real);
                            var aliases = Fact("aliases " + name + " " + real);
                            aliases.Add(name);
                            aliases.Add(service.Name);
                            if (network.Value.ValueKind == JsonValueKind.Object)
                            {
                                if (network.Value.TryGetProperty("aliases", out var list)) foreach (var alias in list.EnumerateArray()) aliases.Add(alias.GetString()!);
                                if (network.Value.TryGetProperty("ipv4_address", out var ip)) Fact("ip " + name + " " + real).Add(ip.GetString()!);
                            }
                        }
                    }
                    if (s.TryGetProperty("ports", out var ports))
                        foreach (var port in ports.EnumerateArray())
                            Fact("ports " + name).Add(port.GetProperty("host_ip").GetString() + ":" + port.GetProperty("published").GetString() + "->" + port.GetProperty("target").GetInt32() + "/" + port.GetProperty("protocol").GetString());
                }
            }
            // network_mode service:x names the container it shares, as Docker records it.
            foreach (var key in facts.Keys.Where(k => k.StartsWith("mode ", StringComparison.Ordinal)).ToList())
            {
                var mode = facts[key].Single();
                if (mode.StartsWith("service:", StringComparison.Ordinal)) facts[key] = new SortedSet<string> { "container:" + firstContainer[mode.Substring(8)] };
            }
            return facts;
        }

        /// <summary>The project's containers in <paramref name="model"/>: those named &lt;project&gt;-….</summary>
        public static IEnumerable<ContainerInfo> ProjectContainers(DockerHostModel model, string project) =>
            model.Containers.Where(c => c.Name.StartsWith(project + "-", StringComparison.Ordinal));

        /// <summary>The same facts as <see cref="Expected"/>, read from a host model.</summary>
        public static Dictionary<string, SortedSet<string>> Of(DockerHostModel model, string project)
        {
            var facts = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            SortedSet<string> Fact(string key) => facts.TryGetValue(key, out var set) ? set : facts[key] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var container in ProjectContainers(model, project))
            {
                var n = container.Name;
                Fact("containers").Add(n);
                var kind = container.NetworkMode.Kind;
                if (kind == NetworkModeKind.Container)
                {
                    var target = model.FindContainer(container.NetworkMode.Target!);
                    Fact("mode " + n).Add("container:" + (target?.Name ?? container.NetworkMode.Target));
                    continue;
                }
                Fact("mode " + n).Add(kind == NetworkModeKind.None ? "none" : kind == NetworkModeKind.Host ? "host" : "networks");
                if (kind == NetworkModeKind.None) continue;
                foreach (var endpoint in container.Endpoints)
                {
                    Fact("networks").Add(endpoint.NetworkName);
                    Fact("net " + n).Add(endpoint.NetworkName);
                    var aliases = Fact("aliases " + n + " " + endpoint.NetworkName);
                    // Engine 20.10 adds the short id and the hostname to the aliases it reports (28 moved them to DNSNames).
                    foreach (var alias in endpoint.Aliases.Where(a => a != container.ShortId && a != container.Hostname)) aliases.Add(alias);
                    if (endpoint.IPAddress != null && endpoint.IPAddress.ToString().EndsWith(".10", StringComparison.Ordinal)) Fact("ip " + n + " " + endpoint.NetworkName).Add(endpoint.IPAddress.ToString());
                }
                foreach (var port in container.Ports) Fact("ports " + n).Add(port.HostIp + ":" + port.HostPort + "->" + port.ContainerPort + "/" + port.Protocol.ToString().ToLowerInvariant());
            }
            return facts;
        }

        public static void AssertSame(Dictionary<string, SortedSet<string>> expected, Dictionary<string, SortedSet<string>> actual, string what)
        {
            var differences = new List<string>();
            foreach (var key in expected.Keys.Union(actual.Keys).OrderBy(k => k, StringComparer.Ordinal))
            {
                var e = expected.TryGetValue(key, out var x) ? string.Join(", ", x) : "(none)";
                var a = actual.TryGetValue(key, out var y) ? string.Join(", ", y) : "(none)";
                if (e != a) differences.Add(key + ": expected " + e + ", got " + a);
            }
            Assert.True(differences.Count == 0, what + ":\n" + string.Join("\n", differences));
        }
    }
}
