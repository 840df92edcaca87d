using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace DockerNetTools.Benchmarks.Measuring
{
    /// <summary>The kinds of Engine API request a model read may make; anything else is counted under its own path.</summary>
    internal static class ApiCall
    {
        public const string Version = "GET /version";
        public const string Info = "GET /info";
        public const string ListNetworks = "GET /networks";
        public const string ListContainers = "GET /containers/json";
        public const string InspectContainer = "GET /containers/{id}/json";
        public const string Exec = "exec (POST /containers/{id}/exec, /exec/{id}/...)";

        private static readonly Regex VersionPrefix = new Regex(@"^/v\d+\.\d+(?=/)", RegexOptions.Compiled | RegexOptions.CultureInvariant);
        private static readonly Regex Inspect = new Regex(@"^/containers/[^/]+/json$", RegexOptions.Compiled | RegexOptions.CultureInvariant);
        private static readonly Regex ExecPath = new Regex(@"^/(containers/[^/]+/exec|exec/[^/]+/.+)$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        public static string Classify(HttpMethod method, Uri? uri)
        {
            var path = VersionPrefix.Replace(uri?.AbsolutePath ?? string.Empty, string.Empty);
            if (ExecPath.IsMatch(path)) return Exec;
            if (method == HttpMethod.Get)
            {
                switch (path)
                {
                    case "/version": return Version;
                    case "/info": return Info;
                    case "/networks": return ListNetworks;
                    case "/containers/json": return ListContainers;
                }
                if (Inspect.IsMatch(path)) return InspectContainer;
            }
            return method.Method + " " + path;
        }
    }

    /// <summary>Counts every HTTP request the live backend's clients send, by kind. Installed through the backend's handler hook.</summary>
    internal sealed class ApiCallCounter
    {
        private readonly ConcurrentDictionary<string, int> _counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        public HttpMessageHandler Wrap(HttpMessageHandler transport) => new CountingHandler(transport, this);

        public int Total => _counts.Values.Sum();

        public int this[string kind] => _counts.TryGetValue(kind, out var count) ? count : 0;

        public IReadOnlyDictionary<string, int> Snapshot() => _counts.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);

        public void Reset() => _counts.Clear();

        private void Record(HttpRequestMessage request) => _counts.AddOrUpdate(ApiCall.Classify(request.Method, request.RequestUri), 1, (_, n) => n + 1);

        private sealed class CountingHandler : DelegatingHandler
        {
            private readonly ApiCallCounter _counter;

            public CountingHandler(HttpMessageHandler inner, ApiCallCounter counter)
                : base(inner)
            {
                _counter = counter;
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                _counter.Record(request);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
