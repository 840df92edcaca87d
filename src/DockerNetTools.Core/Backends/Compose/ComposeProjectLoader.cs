using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;

namespace DockerNetTools.Backends.Compose
{
    /// <summary>A compose project after loading: its name, folder, files and the merged, interpolated document.</summary>
    internal sealed class LoadedProject
    {
        public LoadedProject(string name, string directory, IReadOnlyList<string> files, ComposeMap document, IReadOnlyCollection<string> profiles)
        {
            Name = name;
            Directory = directory;
            Files = files;
            Document = document;
            Profiles = profiles;
        }

        public string Name { get; }
        public string Directory { get; }
        public IReadOnlyList<string> Files { get; }
        public ComposeMap Document { get; }
        public IReadOnlyCollection<string> Profiles { get; }
    }

    /// <summary>
    /// Loads a project as `docker compose config` does: the files in order, each interpolated from the environment
    /// and the project's .env, merged (maps key by key, lists appended without duplicates, scalars replaced),
    /// `extends` (within the file or from another) resolved, services of inactive profiles dropped, and the project name chosen.
    /// </summary>
    internal static class ComposeProjectLoader
    {
        private static readonly Regex ValidName = new Regex("^[a-z0-9][a-z0-9_-]*$", RegexOptions.CultureInvariant);
        private static readonly Regex NotAllowed = new Regex("[^a-z0-9_-]", RegexOptions.CultureInvariant);
        private static readonly HashSet<string> ReplacedLists = new HashSet<string>(StringComparer.Ordinal) { "command", "entrypoint", "profiles", "test" };

        public static LoadedProject Load(ComposeOptions options, ScenarioErrors errors)
        {
            var files = ComposeFiles.Resolve(options);
            var directory = Path.GetDirectoryName(files[0]) ?? Path.GetFullPath(options.WorkingDirectory);
            var environment = Environment(options, directory);
            string? Lookup(string name) => environment.TryGetValue(name, out var value) ? value : null;

            ComposeMap? merged = null;
            foreach (var file in files)
            {
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new DockerNetException(ErrorIds.ComposeFileUnreadable, ErrorKind.PermissionDenied, ErrorText.Format(ErrorMessages.ComposeFileUnreadable, file, ex.Message), file, ex);
                }
                var document = ComposeYaml.Read(text, file, Lookup, errors);
                if (document == null) continue;
                Normalize(document, errors);
                ResolveExtends(document, file, Lookup, errors);
                merged = merged == null ? document : MergeMaps(merged, document, string.Empty);
            }
            merged ??= new ComposeMap(new SourcePos(1, 1, files[0]));

            var name = ProjectName(options, merged, environment, directory, errors);
            var profiles = new HashSet<string>(options.Profiles, StringComparer.Ordinal);
            if (environment.TryGetValue("COMPOSE_PROFILES", out var fromEnv))
                foreach (var profile in fromEnv.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0)) profiles.Add(profile);
            DropInactive(merged, profiles);
            return new LoadedProject(name, directory, files, merged, profiles);
        }

        private static Dictionary<string, string> Environment(ComposeOptions options, string directory)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            var envFile = Path.Combine(directory, ".env");
            if (File.Exists(envFile))
                foreach (var pair in ComposeInterpolation.ParseEnvFile(File.ReadAllText(envFile))) result[pair.Key] = pair.Value;
            if (options.Environment != null)
            {
                foreach (var pair in options.Environment) result[pair.Key] = pair.Value;
            }
            else
            {
                foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
                    if (entry.Key is string key && entry.Value is string value) result[key] = value;
            }
            return result;
        }

        // -p is checked, not changed; COMPOSE_PROJECT_NAME and name: are normalized like the folder's name.
        private static string ProjectName(ComposeOptions options, ComposeMap document, Dictionary<string, string> environment, string directory, ScenarioErrors errors)
        {
            if (!string.IsNullOrEmpty(options.ProjectName))
            {
                if (!ValidName.IsMatch(options.ProjectName))
                    throw new DockerNetException(ErrorIds.ComposeProjectNameInvalid, ErrorKind.InvalidArgument,
                        ErrorText.Format(ErrorMessages.ComposeProjectNameInvalid, options.ProjectName),
                        options.ProjectName);
                return options.ProjectName!;
            }
            string? candidate = null;
            SourcePos at = document.At;
            if (environment.TryGetValue("COMPOSE_PROJECT_NAME", out var fromEnv) && fromEnv.Length > 0) candidate = fromEnv;
            else if (document["name"] is ComposeScalar name && !string.IsNullOrEmpty(name.Value))
            {
                candidate = name.Value;
                at = name.At;
            }
            candidate ??= Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            var normalized = Normalize(candidate!);
            if (normalized.Length == 0)
            {
                errors.Add(at, "project name must not be empty (\"" + candidate + "\" has no letter, digit, '-' or '_'); give one with name: or -ProjectName");
                return "default";
            }
            return normalized;
        }

        /// <summary>Compose's normalization: lower case, only a-z 0-9 _ -, no leading '_' or '-'.</summary>
        public static string Normalize(string name) => NotAllowed.Replace(name.ToLowerInvariant(), string.Empty).TrimStart('_', '-');

        // Short forms turned into the long ones before merging, so `networks: [a]` and `networks: {b: …}` merge.
        private static void Normalize(ComposeMap document, ScenarioErrors errors)
        {
            if (!(document["services"] is ComposeMap services)) return;
            foreach (var entry in services.Entries)
            {
                if (!(entry.Value is ComposeMap service)) continue;
                if (service.Find("networks") is { } networks && networks.Value is ComposeList list)
                {
                    var map = new ComposeMap(list.At);
                    foreach (var item in list.Items)
                    {
                        if (item is ComposeScalar scalar && !scalar.IsNull) map.Set(scalar.Value!, scalar.At, new ComposeScalar(null, false, scalar.At));
                        else errors.Add(item.At, "a service's networks list holds network names");
                    }
                    service.Set("networks", networks.KeyAt, map);
                }
                if (service.Find("extra_hosts") is { } hosts && hosts.Value is ComposeMap hostMap)
                {
                    var hostList = new ComposeList(hostMap.At);
                    foreach (var host in hostMap.Entries)
                    {
                        var values = host.Value is ComposeList many ? many.Items : new List<ComposeNode> { host.Value };
                        foreach (var value in values) hostList.Items.Add(new ComposeScalar(host.Key + "=" + (value as ComposeScalar)?.Value, false, value.At));
                    }
                    service.Set("extra_hosts", hosts.KeyAt, hostList);
                }
            }
        }

        public static ComposeMap MergeMaps(ComposeMap under, ComposeMap over, string key)
        {
            var result = new ComposeMap(under.At);
            foreach (var entry in under.Entries) result.Set(entry.Key, entry.KeyAt, entry.Value);
            foreach (var entry in over.Entries)
            {
                var existing = result[entry.Key];
                if (existing is ComposeMap a && entry.Value is ComposeMap b) result.Set(entry.Key, entry.KeyAt, MergeMaps(a, b, entry.Key));
                else if (existing is ComposeList x && entry.Value is ComposeList y && !ReplacedLists.Contains(entry.Key)) result.Set(entry.Key, entry.KeyAt, Append(x, y));
                else result.Set(entry.Key, entry.KeyAt, entry.Value);
            }
            return result;
        }

        private static ComposeList Append(ComposeList under, ComposeList over)
        {
            var result = new ComposeList(under.At);
            result.Items.AddRange(under.Items);
            foreach (var item in over.Items)
            {
                var text = Text(item);
                if (!result.Items.Any(i => Text(i) == text)) result.Items.Add(item);
            }
            return result;
        }

        private static string Text(ComposeNode node) => node switch
        {
            ComposeScalar s => "s:" + s.Value,
            ComposeList l => "[" + string.Join(",", l.Items.Select(Text)) + "]",
            ComposeMap m => "{" + string.Join(",", m.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + Text(e.Value))) + "}",
            _ => string.Empty,
        };

        // extends: {service: base} (or `extends: base`) within the same file, or {file: other.yaml, service: base} from
        // another one (its path relative to the extending file, as Compose resolves it): the base service, then this one over it.
        private static void ResolveExtends(ComposeMap document, string file, Func<string, string?> lookup, ScenarioErrors errors)
        {
            if (!(document["services"] is ComposeMap services)) return;
            var context = new ExtendsContext(lookup, errors);
            context.Files[Path.GetFullPath(file)] = services;
            foreach (var entry in services.Entries.ToList())
            {
                var resolved = Resolve(context, Path.GetFullPath(file), entry.Key, new List<(string, string)>());
                if (resolved != null) services.Set(entry.Key, entry.KeyAt, resolved);
            }
        }

        private sealed class ExtendsContext
        {
            public ExtendsContext(Func<string, string?> lookup, ScenarioErrors errors)
            {
                Lookup = lookup;
                Errors = errors;
            }

            public Func<string, string?> Lookup { get; }
            public ScenarioErrors Errors { get; }
            public Dictionary<string, ComposeMap> Files { get; } = new Dictionary<string, ComposeMap>(StringComparer.Ordinal);
            public Dictionary<string, ComposeMap> Done { get; } = new Dictionary<string, ComposeMap>(StringComparer.Ordinal);
        }

        // The services of another file, read and interpolated as the project's own files are.
        private static ComposeMap? ServicesOf(ExtendsContext context, string path, ComposeScalar reference)
        {
            if (context.Files.TryGetValue(path, out var known)) return known;
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                context.Errors.Add(reference.At, "open " + path + ": " + (ex is FileNotFoundException || ex is DirectoryNotFoundException ? "no such file or directory" : ex.Message));
                return null;
            }
            var document = ComposeYaml.Read(text, path, context.Lookup, context.Errors);
            if (document == null) return null;
            Normalize(document, context.Errors);
            var services = document["services"] as ComposeMap ?? new ComposeMap(document.At);
            context.Files[path] = services;
            return services;
        }

        private static ComposeMap? Resolve(ExtendsContext context, string file, string name, List<(string File, string Name)> chain)
        {
            var errors = context.Errors;
            var services = context.Files[file];
            if (context.Done.TryGetValue(file + "\n" + name, out var cached)) return cached;
            if (!(services[name] is ComposeMap service)) return null;
            var extends = service.Find("extends");
            if (extends == null)
            {
                context.Done[file + "\n" + name] = service;
                return service;
            }
            string? baseName = null;
            var baseFile = file;
            ComposeScalar? fileNode = null;
            if (extends.Value is ComposeScalar scalar) baseName = scalar.Value;
            else if (extends.Value is ComposeMap map)
            {
                baseName = (map["service"] as ComposeScalar)?.Value;
                if (map["file"] is ComposeScalar other && !other.IsNull && !string.IsNullOrEmpty(other.Value))
                {
                    fileNode = other;
                    baseFile = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file) ?? string.Empty, other.Value!));
                    if (ServicesOf(context, baseFile, other) == null) return null;
                }
            }
            var baseServices = context.Files[baseFile];
            if (string.IsNullOrEmpty(baseName) || !(baseServices[baseName!] is ComposeMap))
            {
                var serviceNode = (extends.Value as ComposeMap)?["service"] ?? extends.Value;
                if (fileNode != null)
                    errors.Add(serviceNode.At, "cannot extend service \"" + name + "\" in " + file + ": service \"" + baseName + "\" not found in " + fileNode.Value);
                else errors.Add(extends.Value.At, "cannot extend service \"" + baseName + "\": service not found");
                return null;
            }
            if (chain.Contains((baseFile, baseName!)) || (baseFile == file && baseName == name))
            {
                var root = Path.GetDirectoryName(chain.Count > 0 ? chain[0].File : file) ?? string.Empty;
                string Step((string File, string Name) s) => fileNode == null && chain.All(c => c.File == file) ? s.Name : s.Name + " in " + Relative(root, s.File);
                errors.Add(extends.Value.At, "circular reference with extends: " + string.Join(" -> ", chain.Concat(new[] { (file, name), (baseFile, baseName!) }).Select(Step)));
                return null;
            }
            chain.Add((file, name));
            var resolvedBase = Resolve(context, baseFile, baseName!, chain);
            if (resolvedBase == null) return null;
            var own = new ComposeMap(service.At);
            foreach (var entry in service.Entries.Where(e => e.Key != "extends")) own.Set(entry.Key, entry.KeyAt, entry.Value);
            var merged = MergeMaps(resolvedBase, own, name);
            var result = new ComposeMap(service.At);
            foreach (var entry in merged.Entries.Where(e => e.Key != "container_name" || own.Has("container_name"))) result.Set(entry.Key, entry.KeyAt, entry.Value);
            context.Done[file + "\n" + name] = result;
            return result;
        }

        private static string Relative(string root, string path)
        {
            var prefix = root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return (path.StartsWith(prefix, StringComparison.Ordinal) ? path.Substring(prefix.Length) : path).Replace(Path.DirectorySeparatorChar, '/');
        }

        // Services with profiles run only when one of them is active ("*" activates every profile).
        private static void DropInactive(ComposeMap document, HashSet<string> active)
        {
            if (!(document["services"] is ComposeMap services)) return;
            foreach (var entry in services.Entries.ToList())
            {
                if (!(entry.Value is ComposeMap service) || !(service["profiles"] is ComposeList profiles) || profiles.Items.Count == 0) continue;
                var names = profiles.Items.OfType<ComposeScalar>().Select(s => s.Value).ToList();
                if (!active.Contains("*") && !names.Any(n => n != null && active.Contains(n))) services.Remove(entry.Key);
            }
        }
    }
}
