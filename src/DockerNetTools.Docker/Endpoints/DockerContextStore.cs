using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;

namespace DockerNetTools.Docker.Endpoints
{
    /// <summary>One docker context as `docker context create` stored it: its name, docker endpoint and TLS material.</summary>
    public sealed class DockerContext
    {
        internal DockerContext(string name, string? description, string? host, bool skipTlsVerify, string? tlsDirectory)
        {
            Name = name;
            Description = description;
            Host = host;
            SkipTlsVerify = skipTlsVerify;
            TlsDirectory = tlsDirectory;
        }

        public string Name { get; }

        public string? Description { get; }

        /// <summary>The docker endpoint's Host (unix://, tcp://, ssh://); null when the context has no docker endpoint.</summary>
        public string? Host { get; }

        /// <summary>`docker context create --docker skip-tls-verify=true`: TLS without checking the daemon's certificate.</summary>
        public bool SkipTlsVerify { get; }

        /// <summary>contexts/tls/&lt;id&gt;/docker when the context holds TLS files (ca.pem, cert.pem, key.pem); else null.</summary>
        public string? TlsDirectory { get; }
    }

    /// <summary>
    /// The docker CLI's context store, read as the CLI reads it: the config folder is DOCKER_CONFIG, else ~/.docker;
    /// config.json's currentContext names the context in use; each context's metadata is
    /// contexts/meta/&lt;sha256(name)&gt;/meta.json and its TLS files are under contexts/tls/&lt;sha256(name)&gt;/docker.
    /// Read-only: nothing here writes the store.
    /// </summary>
    public sealed class DockerContextStore
    {
        /// <summary>The context the CLI builds from DOCKER_HOST or the platform socket; never stored on disk.</summary>
        public const string DefaultContextName = "default";

        public DockerContextStore(string configDirectory)
        {
            ConfigDirectory = configDirectory;
        }

        /// <summary>The docker config folder (holds config.json and contexts/).</summary>
        public string ConfigDirectory { get; }

        /// <summary>DOCKER_CONFIG, else ~/.docker, as the CLI picks it.</summary>
        public static DockerContextStore FromEnvironment(Func<string, string?> environment, string? home)
        {
            var directory = environment("DOCKER_CONFIG");
            if (string.IsNullOrEmpty(directory)) directory = home == null ? ".docker" : Path.Combine(home, ".docker");
            return new DockerContextStore(directory!);
        }

        /// <summary>config.json's currentContext; null when the file, or the key, is missing or empty.</summary>
        public string? CurrentContext()
        {
            var path = Path.Combine(ConfigDirectory, "config.json");
            if (!File.Exists(path)) return null;
            using var document = Parse(path, null);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("currentContext", out var current)
                   && current.ValueKind == JsonValueKind.String && current.GetString() is { Length: > 0 } name
                ? name
                : null;
        }

        /// <summary>Every stored context, by name (the default context is not among them: it is not stored).</summary>
        public IReadOnlyList<DockerContext> List() => Enumerate(skipBroken: false);

        private IReadOnlyList<DockerContext> Enumerate(bool skipBroken)
        {
            var meta = Path.Combine(ConfigDirectory, "contexts", "meta");
            if (!Directory.Exists(meta)) return Array.Empty<DockerContext>();
            var contexts = new List<DockerContext>();
            foreach (var folder in Directory.EnumerateDirectories(meta))
            {
                var file = Path.Combine(folder, "meta.json");
                if (!File.Exists(file)) continue;
                try
                {
                    contexts.Add(Read(file, null));
                }
                catch (DockerNetException) when (skipBroken)
                {
                    // A broken meta.json leaves its context out of a name list (completion, did-you-mean); Find reports it.
                }
            }
            return contexts.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        }

        /// <summary>Every context name the CLI accepts: "default" and the stored ones.</summary>
        public IReadOnlyList<string> Names()
        {
            var names = new List<string> { DefaultContextName };
            try
            {
                names.AddRange(Enumerate(skipBroken: true).Select(c => c.Name).Where(n => !string.Equals(n, DefaultContextName, StringComparison.Ordinal)));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            return names;
        }

        /// <summary>The stored context of that name (exact, as the CLI matches it); ContextNotFound with the closest names otherwise.</summary>
        public DockerContext Find(string name)
        {
            var id = ContextId(name);
            var file = Path.Combine(ConfigDirectory, "contexts", "meta", id, "meta.json");
            if (!File.Exists(file))
            {
                var suggestion = Analysis.Common.NameSuggester.DidYouMean(name, Names());
                throw new DockerNetException(ErrorIds.ContextNotFound, ErrorKind.NotFound,
                    ErrorText.Format(ErrorMessages.ContextNotFound, name, ConfigDirectory) + suggestion, name)
                {
                    RecommendedAction = ErrorMessages.ContextNotFoundAction,
                };
            }
            return Read(file, name);
        }

        /// <summary>The folder name the CLI gives a context: the SHA-256 of its name, in lower-case hex.</summary>
        public static string ContextId(string name)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(name));
            var text = new StringBuilder(hash.Length * 2);
            foreach (var b in hash) text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return text.ToString();
        }

        private DockerContext Read(string file, string? expectedName)
        {
            using var document = Parse(file, expectedName);
            var root = document.RootElement;
            var name = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (string.IsNullOrEmpty(name)) throw Invalid(file, expectedName, "it has no Name");
            string? description = null;
            if (root.TryGetProperty("Metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("Description", out var d) && d.ValueKind == JsonValueKind.String)
                description = d.GetString();
            string? host = null;
            var skip = false;
            if (root.TryGetProperty("Endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Object
                && endpoints.TryGetProperty("docker", out var docker) && docker.ValueKind == JsonValueKind.Object)
            {
                if (docker.TryGetProperty("Host", out var h) && h.ValueKind == JsonValueKind.String) host = h.GetString();
                if (docker.TryGetProperty("SkipTLSVerify", out var s) && (s.ValueKind == JsonValueKind.True || s.ValueKind == JsonValueKind.False))
                    skip = s.GetBoolean();
            }
            var tls = Path.Combine(ConfigDirectory, "contexts", "tls", ContextId(name!), "docker");
            var hasTls = Directory.Exists(tls) && Directory.EnumerateFiles(tls).Any();
            return new DockerContext(name!, string.IsNullOrEmpty(description) ? null : description, string.IsNullOrEmpty(host) ? null : host, skip, hasTls ? tls : null);
        }

        private static JsonDocument Parse(string file, string? context)
        {
            try
            {
                return JsonDocument.Parse(File.ReadAllText(file));
            }
            catch (JsonException exception)
            {
                throw Invalid(file, context, exception.Message, exception);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                throw Invalid(file, context, exception.Message, exception);
            }
        }

        private static DockerNetException Invalid(string file, string? context, string why, Exception? inner = null) =>
            new DockerNetException(ErrorIds.ContextInvalid, ErrorKind.InvalidData,
                ErrorText.Format(ErrorMessages.ContextInvalid, context ?? file, file, why), context ?? file, inner);
    }
}
