using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>One name the embedded DNS holds on one network.</summary>
    internal sealed class DnsRecord
    {
        public DnsRecord(string name, RecordKind kind, ContainerInfo container, EndpointInfo endpoint)
        {
            Name = name;
            Kind = kind;
            Container = container;
            Endpoint = endpoint;
        }

        public string Name { get; }
        public RecordKind Kind { get; }
        public ContainerInfo Container { get; }
        public EndpointInfo Endpoint { get; }
    }

    /// <summary>
    /// The service records Docker's embedded DNS keeps per user-defined network: for each running container's endpoint,
    /// its name, its aliases on that network and its short id; from Engine 20.10 also its hostname (API 1.44 lists them all as DNSNames).
    /// A stopped container's records are removed with its endpoint.
    /// </summary>
    internal static class EmbeddedDnsRecords
    {
        /// <summary>
        /// moby#39204 (Engine 20.10) adds a --hostname that differs from the container name to the endpoint's aliases on
        /// every user-defined network (checked on Docker 20.10.24: Aliases ["&lt;short id&gt;", "&lt;hostname&gt;"], and the
        /// hostname resolves from the other containers); Engine 25's DNSNames (API 1.44) only reports it.
        /// </summary>
        private const int FirstEngineWithHostnameRecords = 20;

        /// <summary>Every name <paramref name="container"/>'s endpoint registers, whether or not it is running.</summary>
        public static IEnumerable<DnsRecord> NamesOf(DockerHostModel model, ContainerInfo container, EndpointInfo endpoint)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var hostnames = RegistersHostnames(model);
            IEnumerable<string> names = endpoint.DnsNames.Count > 0 ? endpoint.DnsNames : Derived(model, container, endpoint);
            foreach (var name in names)
            {
                if (string.IsNullOrEmpty(name) || !seen.Add(name)) continue;
                var kind = Classify(container, endpoint, name);
                // A list derived the API 1.44 way may carry the hostname; an engine before 25 never registers it.
                if (kind == RecordKind.Hostname && !hostnames) continue;
                yield return new DnsRecord(name, kind, container, endpoint);
            }
        }

        /// <summary>Records for <paramref name="name"/> on <paramref name="network"/> held by running containers.</summary>
        /// <remarks>The same list as <see cref="RecordsOn"/> filtered by name, from an index of the network's records built once per model.</remarks>
        public static List<DnsRecord> Lookup(DockerHostModel model, NetworkInfo network, string name) => NameIndex.Of(model).Records(network, name);

        /// <summary>All records on a network; <paramref name="running"/> false lists those a stopped container would hold.</summary>
        public static IEnumerable<DnsRecord> RecordsOn(DockerHostModel model, NetworkInfo network, bool running)
        {
            foreach (var container in model.Containers)
            {
                if (container.IsRunning != running) continue;
                var endpoint = container.EndpointOn(network.Name);
                if (endpoint == null) continue;
                foreach (var record in NamesOf(model, container, endpoint)) yield return record;
            }
        }

        public static bool RegistersHostnames(DockerHostModel model) => model.Engine.MajorVersion >= FirstEngineWithHostnameRecords;

        private static IEnumerable<string> Derived(DockerHostModel model, ContainerInfo container, EndpointInfo endpoint)
        {
            yield return container.Name;
            foreach (var alias in endpoint.Aliases) yield return alias;
            yield return container.ShortId;
            if (RegistersHostnames(model) && !string.IsNullOrEmpty(container.Hostname)) yield return container.Hostname;
        }

        private static RecordKind Classify(ContainerInfo container, EndpointInfo endpoint, string name)
        {
            if (string.Equals(name, container.Name, StringComparison.OrdinalIgnoreCase)) return RecordKind.ContainerName;
            if (string.Equals(name, container.ShortId, StringComparison.OrdinalIgnoreCase)) return RecordKind.ShortId;
            if (endpoint.Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase))) return RecordKind.Alias;
            if (string.Equals(name, container.Hostname, StringComparison.OrdinalIgnoreCase)) return RecordKind.Hostname;
            return RecordKind.Alias;
        }
    }
}
