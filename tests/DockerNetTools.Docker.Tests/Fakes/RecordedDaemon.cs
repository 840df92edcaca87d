using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging;

namespace DockerNetTools.Docker.Tests.Fakes
{
    /// <summary>
    /// A daemon that answers from a folder of recorded responses (version.json, info.json, networks.json,
    /// containers.json, container-&lt;id&gt;.json). Requests go through a real Docker.DotNet client, so the library's own
    /// URL building and JSON deserialization are what the tests exercise.
    /// </summary>
    internal sealed class RecordedDaemon : HttpMessageHandler
    {
        private static readonly Regex Versioned = new Regex(@"^/v(?<version>\d+\.\d+)(?<path>/.*)$");
        private readonly string _directory;
        private int _inFlight;

        public RecordedDaemon(string directory)
        {
            _directory = directory;
        }

        public static string RecordingsOf(string engine) => Path.Combine(AppContext.BaseDirectory, "Recorded", engine);

        /// <summary>Every request path, in arrival order (with the /vX.Y prefix when there was one).</summary>
        public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();

        /// <summary>The highest number of container inspects that were in flight at the same time.</summary>
        public int MaxConcurrentInspects { get; private set; }

        /// <summary>Makes every request fail with this exception (a transport failure seen by the client).</summary>
        public Exception? FailWith { get; set; }

        /// <summary>Answer /version with other numbers (to test negotiation against newer daemons).</summary>
        public string? VersionOverride { get; set; }

        /// <summary>Requests whose API version is below this get Engine 29's refusal.</summary>
        public Version? MinimumApiVersion { get; set; }

        /// <summary>Per-request delay, so concurrent inspects really overlap.</summary>
        public TimeSpan InspectDelay { get; set; } = TimeSpan.FromMilliseconds(5);

        public IDockerClient CreateClient(Version? apiVersion)
        {
            var builder = new DockerClientBuilder().WithEndpoint(new Uri("unix:///recorded/docker.sock"));
            if (apiVersion != null) builder = builder.WithApiVersion(apiVersion);
            return builder.WithTransportOptions(new Factory(this), new Options()).Build();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (FailWith != null) throw FailWith;
            var path = request.RequestUri!.AbsolutePath;
            Requests.Enqueue(path + request.RequestUri.Query);
            var match = Versioned.Match(path);
            var relative = match.Success ? match.Groups["path"].Value : path;
            if (match.Success && MinimumApiVersion != null && Version.Parse(match.Groups["version"].Value) < MinimumApiVersion)
                return Json(HttpStatusCode.BadRequest,
                    "{\"message\":\"client version " + match.Groups["version"].Value + " is too old. Minimum supported API version is " + MinimumApiVersion + ", please upgrade your client to a newer version\"}");

            switch (relative)
            {
                case "/version":
                    return Json(HttpStatusCode.OK, VersionOverride ?? Read("version.json"));
                case "/info":
                    return Json(HttpStatusCode.OK, Read("info.json"));
                case "/networks":
                    return Json(HttpStatusCode.OK, Read("networks.json"));
                case "/containers/json":
                    return Json(HttpStatusCode.OK, Read("containers.json"));
            }
            var inspect = Regex.Match(relative, "^/containers/(?<id>[^/]+)/json$");
            if (inspect.Success)
            {
                var now = Interlocked.Increment(ref _inFlight);
                lock (this) MaxConcurrentInspects = Math.Max(MaxConcurrentInspects, now);
                try
                {
                    await Task.Delay(InspectDelay, cancellationToken).ConfigureAwait(false);
                    var file = Path.Combine(_directory, "container-" + inspect.Groups["id"].Value + ".json");
                    return File.Exists(file)
                        ? Json(HttpStatusCode.OK, File.ReadAllText(file))
                        : Json(HttpStatusCode.NotFound, "{\"message\":\"No such container: " + inspect.Groups["id"].Value + "\"}");
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
            return Json(HttpStatusCode.NotFound, "{\"message\":\"page not found\"}");
        }

        public IEnumerable<string> InspectRequests => Requests.Where(r => r.Contains("/containers/") && r.EndsWith("/json", StringComparison.Ordinal) && !r.Contains("/containers/json"));

        private string Read(string name) => File.ReadAllText(Path.Combine(_directory, name));

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        private sealed class Options
        {
        }

        /// <summary>Plugs the recorded daemon in as Docker.DotNet's transport.</summary>
        private sealed class Factory : IDockerHandlerFactory<Options>, IStreamHijacker
        {
            private readonly RecordedDaemon _daemon;

            public Factory(RecordedDaemon daemon)
            {
                _daemon = daemon;
            }

            public ResolvedTransport CreateHandler(Options transportOptions, ResolvedClientOptions clientOptions, ILogger logger) =>
                new ResolvedTransport(new NonDisposingHandler(_daemon), new Uri("http://recorded/"));

            public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) => CreateHandler(new Options(), clientOptions, logger);

            public Task<WriteClosableStream> HijackStreamAsync(HttpContent content) => throw new NotSupportedException("The recorded daemon has no exec.");
        }

        /// <summary>The backend disposes its clients; the recorded daemon outlives them for the assertions.</summary>
        private sealed class NonDisposingHandler : DelegatingHandler
        {
            public NonDisposingHandler(HttpMessageHandler inner) : base(new Forwarder(inner)) { }

            private sealed class Forwarder : HttpMessageHandler
            {
                private readonly HttpMessageInvoker _invoker;
                public Forwarder(HttpMessageHandler inner) { _invoker = new HttpMessageInvoker(inner, disposeHandler: false); }
                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                    _invoker.SendAsync(request, cancellationToken);
            }
        }
    }
}
