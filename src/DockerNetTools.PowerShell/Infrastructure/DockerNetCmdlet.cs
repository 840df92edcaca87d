using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Backends;
using DockerNetTools.Backends.Compose;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that reads a Docker host: the -Scenario/-DockerHost/-Context parameters,
    /// backend resolution, and turning core failures into ErrorRecords.
    /// </summary>
    public abstract class DockerNetCmdlet : AsyncCmdlet
    {
        /// <summary>How many hosts are read at once when a command names several.</summary>
        private const int ConcurrentHostReads = 4;

        private IOperationLog? _log;
        // Models read in this invocation, by host and compose options: pipeline records that name the same host (or
        // alternate between the hosts an earlier multi-host command answered) read it once.
        private readonly Dictionary<string, HostModel> _models = new Dictionary<string, HostModel>(StringComparer.Ordinal);
        // The host whose results are being written: WriteResult adds its Daemon and the note the next cmdlet binds.
        private HostModel? _current;
        private bool _manyHosts;
        private bool _scenarioTyped;
        private bool _dockerHostTyped;
        private bool _contextTyped;
        private ProbeSession? _probes;
        private (string? Scenario, string? DockerHost, string? Context) _probeHost;
        // What earlier pipeline records already selected (model objects, compared by reference): a container or network piped
        // again, as one row per interface pipes it, is answered once.
        private readonly HashSet<object> _selected = new HashSet<object>();

        #region Parameters

        /// <summary>
        /// A built-in scenario name (SeedLab) or the path of a scenario YAML file: work on a modelled host, no daemon needed.
        /// Several are several hosts (see <see cref="AnswersManyHosts"/>).
        /// Binds from the Scenario property that results of a -Scenario command carry, so a pipeline stays on one host.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ScenarioNameCompleter))]
        public string[]? Scenario { get; set; }

        /// <summary>
        /// The Docker daemon endpoint (unix://, npipe://, tcp://, ssh://). Defaults to the session, DOCKER_HOST, the docker context, then the platform socket.
        /// Several are several hosts (see <see cref="AnswersManyHosts"/>).
        /// Binds from the DockerHost property that results of a -DockerHost command carry.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? DockerHost { get; set; }

        /// <summary>
        /// A docker context (`docker context ls`): read the daemon of its docker endpoint, with its TLS material, as
        /// `docker --context` does. "default" is DOCKER_HOST or the platform socket. Several names, or wildcards over the
        /// CLI's context store (`-Context *`: every context `docker context ls` lists), are several hosts. Binds from the
        /// Context property that results of a -Context command carry.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [SupportsWildcards]
        public string[]? Context { get; set; }

        /// <summary>
        /// Compose files (merged in order, as `docker compose -f a -f b`) or a project folder: work on the host as it would
        /// be after `docker compose up`, on an empty host, or on the host -Scenario/-DockerHost reads when one is given.
        /// Binds from the ComposeFile property that results of a -ComposeFile command carry.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? ComposeFile { get; set; }

        /// <summary>
        /// The compose project name (`docker compose -p`); default as Compose: COMPOSE_PROJECT_NAME, name:, the folder's name.
        /// Binds from the ProjectName property that results of a -ComposeFile -ProjectName command carry.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ProjectName { get; set; }

        /// <summary>
        /// Compose profiles to activate (`docker compose --profile`); services of other profiles are left out.
        /// Binds from the Profile property that results of a -ComposeFile -Profile command carry.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Profile { get; set; }

        #endregion

        /// <summary>Where core messages go (verbose, warnings, progress).</summary>
        protected IOperationLog Log => _log ??= new CmdletOperationLog(this);

        /// <summary>The parts of the model this cmdlet needs; a live backend skips the rest.</summary>
        protected virtual ModelParts RequiredParts => ModelParts.Topology;

        /// <summary>
        /// True for a cmdlet that answers several hosts in one command (it reads them with <see cref="ForEachHostAsync"/>);
        /// the others refuse several with ManyHostsNotSupported.
        /// </summary>
        protected virtual bool AnswersManyHosts => false;

        /// <summary>
        /// Notes which of -Scenario/-DockerHost were typed: a typed one wins over the other arriving from the pipeline
        /// (`Get-DockerNetInterface -Scenario lab.yaml | Get-DockerNetSocket -DockerHost unix:///…` reads the daemon).
        /// Both typed name two hosts at once, which is an error rather than a silent pick.
        /// </summary>
        protected override void OnCommandLineBound()
        {
            _scenarioTyped = MyInvocation.BoundParameters.ContainsKey(nameof(Scenario));
            _dockerHostTyped = MyInvocation.BoundParameters.ContainsKey(nameof(DockerHost));
            _contextTyped = MyInvocation.BoundParameters.ContainsKey(nameof(Context));
            if (_scenarioTyped && _dockerHostTyped)
                ThrowTerminatingError(ErrorRecords.From(new DockerNetException(ErrorIds.ScenarioAndDockerHost, ErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, Messages.ScenarioAndDockerHost, Joined(Scenario), Joined(DockerHost)), Joined(Scenario)) { RecommendedAction = Messages.ScenarioAndDockerHostAction }));
            if (_scenarioTyped && _contextTyped)
                ThrowTerminatingError(ErrorRecords.From(new DockerNetException(ErrorIds.ScenarioAndDockerHost, ErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, Messages.ScenarioAndContext, Joined(Scenario), Joined(Context)), Joined(Scenario)) { RecommendedAction = Messages.ScenarioAndContextAction }));
            if (_dockerHostTyped && _contextTyped)
                ThrowTerminatingError(ErrorRecords.From(new DockerNetException(ErrorIds.ContextAndDockerHost, ErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, Messages.ContextAndDockerHost, Joined(Context), Joined(DockerHost)), Joined(Context)) { RecommendedAction = Messages.ContextAndDockerHostAction }));
        }

        /// <summary>
        /// The host model, built once per cmdlet invocation (not per pipeline record). A failure to build it is
        /// terminating: nothing else can be answered without it. Several hosts are ManyHostsNotSupported here.
        /// </summary>
        protected async Task<DockerHostModel> GetModelAsync()
        {
            var targets = Targets();
            if (targets.Count > 1) RefuseManyHosts(targets);
            var compose = ComposeOptions();
            _manyHosts = false;
            _current = await ReadHostAsync(targets[0], compose, terminating: true).ConfigureAwait(true);
            return _current!.Model;
        }

        /// <summary>
        /// Runs <paramref name="answer"/> on the model of every host the command names, in the order they were named,
        /// on the pipeline thread; the hosts are read concurrently (<see cref="ConcurrentHostReads"/> at once). With one
        /// host a failure to read it is terminating, as <see cref="GetModelAsync"/>; with several it is a
        /// non-terminating error naming that host, and the others are answered.
        /// </summary>
        protected async Task ForEachHostAsync(Action<DockerHostModel> answer)
        {
            var targets = Targets();
            var compose = ComposeOptions();
            if (targets.Count == 1)
            {
                _manyHosts = false;
                _current = await ReadHostAsync(targets[0], compose, terminating: true).ConfigureAwait(true);
                answer(_current!.Model);
                return;
            }
            // A what-if on several base hosts would be several what-ifs in one table: one base per command.
            if (compose != null) RefuseManyHosts(targets);
            _manyHosts = true;
            using var gate = new SemaphoreSlim(ConcurrentHostReads);
            var reads = targets.Select(target => ReadGatedAsync(target, compose, gate)).ToList();
            foreach (var read in reads)
            {
                // Awaited in the named order: a fast host waits for the ones named before it, never the other way round.
                var host = await read.ConfigureAwait(true);
                if (host == null) continue;
                _current = host;
                answer(host.Model);
            }
        }

        /// <summary>
        /// The models of every host the command names, read as <see cref="ForEachHostAsync"/> reads them, all before any is
        /// returned (for a command that must check every host's output before it writes one). A host that fails is a
        /// non-terminating error naming it and is left out; with one host the failure is terminating.
        /// </summary>
        protected async Task<IReadOnlyList<(string Daemon, DockerHostModel Model)>> GetModelsAsync()
        {
            var hosts = new List<(string, DockerHostModel)>();
            await ForEachHostAsync(model => hosts.Add((_current!.Label, model))).ConfigureAwait(true);
            return hosts;
        }

        private async Task<HostModel?> ReadGatedAsync(HostTarget target, ComposeOptions? compose, SemaphoreSlim gate)
        {
            await gate.WaitAsync(CancellationToken).ConfigureAwait(true);
            try
            {
                return await ReadHostAsync(target, compose, terminating: false).ConfigureAwait(true);
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>
        /// The hosts this command reads, in the order named: each -Scenario, -DockerHost or -Context (wildcards expanded
        /// over the CLI's context store), or the default host when none is. A typed one wins over the others bound from
        /// the previous command's results.
        /// </summary>
        internal IReadOnlyList<HostTarget> Targets()
        {
            var anyTyped = _scenarioTyped || _dockerHostTyped || _contextTyped;
            var scenarios = anyTyped && !_scenarioTyped ? null : Scenario;
            var dockerHosts = anyTyped && !_dockerHostTyped ? null : DockerHost;
            var contexts = anyTyped && !_contextTyped ? null : Context;
            if (scenarios != null && scenarios.Length > 0)
                return scenarios.Distinct(StringComparer.Ordinal).Select(HostTarget.Scenario).ToList();
            if (dockerHosts != null && dockerHosts.Length > 0)
                return dockerHosts.Distinct(StringComparer.Ordinal).Select(HostTarget.DockerHost).ToList();
            if (contexts != null && contexts.Length > 0)
            {
                var names = HostTarget.ExpandContexts(contexts, HostTarget.StoredContextNames,
                    pattern => WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.NoContextMatches, pattern)));
                if (names.Count == 0)
                {
                    var typed = Joined(contexts);
                    ThrowTerminatingError(ErrorRecords.From(new DockerNetException(ErrorIds.ContextNotFound, ErrorKind.NotFound,
                        string.Format(CultureInfo.CurrentCulture, Messages.NoContextMatchesAtAll, typed, DockerNetTools.Docker.Endpoints.DockerEndpointResolver.ContextStore().ConfigDirectory),
                        typed) { RecommendedAction = Messages.NoContextMatchesAtAllAction }));
                }
                return names.Select(HostTarget.Context).ToList();
            }
            return new[] { HostTarget.Default };
        }

        /// <summary>The terminating ManyHostsNotSupported: this command (or -ComposeFile) answers about one host.</summary>
        private void RefuseManyHosts(IReadOnlyList<HostTarget> targets)
        {
            var names = string.Join(", ", targets.Select(t => t.Value));
            var message = ComposeFile != null && AnswersManyHosts
                ? string.Format(CultureInfo.CurrentCulture, Messages.ManyHostsWithComposeFile, names)
                : string.Format(CultureInfo.CurrentCulture, Messages.ManyHostsNotSupported, MyInvocation.MyCommand.Name, names);
            ThrowTerminatingError(ErrorRecords.From(new DockerNetException(ErrorIds.ManyHostsNotSupported, ErrorKind.InvalidArgument, message, names)
            {
                RecommendedAction = Messages.ManyHostsNotSupportedAction,
            }));
        }

        /// <summary>
        /// The model of one host, from this invocation's cache or read now. A failure is terminating when
        /// <paramref name="terminating"/>, else a non-terminating error naming the host (null is returned).
        /// </summary>
        private async Task<HostModel?> ReadHostAsync(HostTarget target, ComposeOptions? compose, bool terminating)
        {
            var key = target.Key + "\n" + (compose == null ? string.Empty
                : string.Join("\n", compose.Files) + "\n-p " + compose.ProjectName + "\n--profile " + string.Join(",", compose.Profiles));
            if (_models.TryGetValue(key, out var cached)) return cached;
            try
            {
                var (scenario, dockerHost, context) = Arguments(target);
                var (model, label) = await ModelReader.ReadHostAsync(this, scenario, dockerHost, context, RequiredParts, Log, CancellationToken, compose)
                    .ConfigureAwait(true);
                var host = new HostModel(model, target.Value ?? label, scenario, dockerHost, context, compose);
                _models[key] = host;
                return host;
            }
            catch (DockerNetException exception)
            {
                if (terminating)
                {
                    ThrowTerminatingError(ErrorRecords.From(exception));
                    throw; // unreachable: ThrowTerminatingError always throws
                }
                WriteError(ErrorRecords.ForHost(exception, target.Value!));
                return null;
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>The one host a -Probe session opens; several are ManyHostsNotSupported (a probe runs on one host).</summary>
        internal (string? Scenario, string? DockerHost, string? Context) SingleHost()
        {
            var targets = Targets();
            if (targets.Count > 1) RefuseManyHosts(targets);
            return Arguments(targets[0]);
        }

        /// <summary>A target as the -Scenario (resolved like any PowerShell path), -DockerHost or -Context a backend is chosen by.</summary>
        private (string? Scenario, string? DockerHost, string? Context) Arguments(HostTarget target) =>
            (target.Kind == HostKind.Scenario ? ModelReader.ResolveScenario(this, target.Value!) : null,
                target.Kind == HostKind.DockerHost ? target.Value : null,
                target.Kind == HostKind.Context ? target.Value : null);

        private static string Joined(string[]? values) => values == null ? string.Empty : string.Join(", ", values);

        /// <summary>What -ComposeFile/-ProjectName/-Profile ask for; null when no compose file was given.</summary>
        internal ComposeOptions? ComposeOptions()
        {
            if (ComposeFile == null)
            {
                if (ProjectName != null || Profile != null)
                    ThrowTerminatingError(ErrorRecords.From(new DockerNetException(ErrorIds.ComposeFileMissing, ErrorKind.InvalidArgument,
                        Messages.ComposeFileMissing, ProjectName ?? string.Join(",", Profile!)) { RecommendedAction = Messages.ComposeFileMissingAction }));
                return null;
            }
            var location = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
            return new ComposeOptions
            {
                Files = ComposeFile.Select(f => SessionState.Path.GetUnresolvedProviderPathFromPSPath(f)).ToArray(),
                WorkingDirectory = location,
                ProjectName = ProjectName,
                Profiles = Profile ?? Array.Empty<string>(),
            };
        }

        /// <summary>
        /// Writes one result of the host being answered. On a cmdlet that <see cref="AnswersManyHosts"/> it carries that
        /// host as Daemon (the name the user gave it, or the endpoint the default chain picked), with one host too. When
        /// the model came from an explicit -Scenario, -DockerHost or -Context, it carries it as a Scenario, DockerHost or
        /// Context property, which the next DockerNet cmdlet in the pipeline binds, so
        /// `Get-DockerNetInterface -Scenario lab.yaml | Test-DockerNetReachability -Destination db` stays on lab.yaml and
        /// each row of a multi-host command leads the next cmdlet to its own host. Rows of several hosts get the type's
        /// #Hosts view (the same table, a heading per host).
        /// </summary>
        protected void WriteResult(object result)
        {
            var host = _current ?? throw new InvalidOperationException("WriteResult before the model was read.");
            var wrapped = PSObject.AsPSObject(result);
            // Only where rows of several hosts can meet; the one-host answers keep their shape.
            if (AnswersManyHosts) AddNote(wrapped, Daemon, host.Label);
            if (host.Scenario != null) AddNote(wrapped, nameof(Scenario), host.Scenario);
            else if (host.Context != null) AddNote(wrapped, nameof(Context), host.Context);
            else if (host.DockerHost != null) AddNote(wrapped, nameof(DockerHost), host.DockerHost);
            if (host.Compose != null)
            {
                // The compose files as resolved paths, so the next cmdlet reads the same stack wherever its location is.
                AddNote(wrapped, nameof(ComposeFile), host.Compose.Files.ToArray());
                if (host.Compose.ProjectName != null) AddNote(wrapped, nameof(ProjectName), host.Compose.ProjectName);
                if (host.Compose.Profiles.Count > 0) AddNote(wrapped, nameof(Profile), host.Compose.Profiles.ToArray());
            }
            if (_manyHosts)
            {
                // The type's own name, not a variant (#Compose): the #Hosts view is one per type.
                var typeName = wrapped.BaseObject.GetType().FullName + ManyHostsView;
                if (!wrapped.TypeNames.Contains(typeName)) wrapped.TypeNames.Insert(0, typeName);
            }
            WriteObject(wrapped);
        }

        /// <summary>
        /// A warning or verbose line about the host being answered: with several hosts it starts with the host's name,
        /// so "sockets not read" says on which host.
        /// </summary>
        protected string AboutHost(string message) => _manyHosts && _current != null ? _current.Label + ": " + message : message;

        /// <summary>The property every result carries: the host it was read from, as the user named it.</summary>
        public const string Daemon = "Daemon";

        /// <summary>The view variant of rows from several hosts (Type#Hosts: the type's table grouped by Daemon).</summary>
        internal const string ManyHostsView = "#Hosts";

        private static void AddNote(PSObject target, string name, object value)
        {
            if (target.Properties[name] == null) target.Properties.Add(new PSNoteProperty(name, value));
        }

        /// <summary>
        /// -Container style selection (<see cref="NamePatterns"/>): no names is every container; a wildcard that matches
        /// nothing is a verbose line; a plain name that does not exist is a non-terminating ContainerNotFound. With
        /// <paramref name="once"/>, a container an earlier pipeline record selected is left out.
        /// </summary>
        protected IReadOnlyList<ContainerInfo> SelectContainers(DockerHostModel model, IEnumerable<string>? patterns, bool once = true)
        {
            var containers = NamePatterns.Select(model.Containers, c => c.Name, patterns, name => ContainerLookup.Require(model, name), WriteError,
                pattern => WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.NoContainerMatches, pattern)));
            return once ? containers.Where(c => _selected.Add(c)).ToList() : containers;
        }

        /// <summary>
        /// -Container selection that also takes the names of network namespaces Docker did not make (host.namespaces): no
        /// names is every container and every namespace; a plain name that is a namespace's and no container's selects the
        /// namespace; a wildcard selects both (and says "no match" only when it matches neither).
        /// </summary>
        protected IReadOnlyList<ContainerInfo> SelectContainersAndNamespaces(DockerHostModel model, IEnumerable<string>? patterns, out IReadOnlyList<HostNamespace> namespaces)
        {
            var given = patterns?.Where(p => p != null).ToList();
            if (given == null || given.Count == 0)
            {
                namespaces = model.Host.Namespaces.Where(n => _selected.Add(n)).ToList();
                return SelectContainers(model, patterns);
            }
            var chosen = new List<HostNamespace>();
            var forContainers = new List<string>();
            foreach (var pattern in given)
            {
                if (WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                    var hits = model.Host.Namespaces.Where(n => wildcard.IsMatch(n.Name)).ToList();
                    chosen.AddRange(hits);
                    if (hits.Count == 0 || model.Containers.Any(c => wildcard.IsMatch(c.Name))) forContainers.Add(pattern);
                }
                else if (model.FindContainer(pattern) == null && model.Host.FindNamespace(pattern) is HostNamespace ns)
                {
                    chosen.Add(ns);
                }
                else
                {
                    forContainers.Add(pattern);
                }
            }
            namespaces = chosen.Distinct().Where(n => _selected.Add(n)).ToList();
            return forContainers.Count == 0 ? Array.Empty<ContainerInfo>() : SelectContainers(model, forContainers);
        }

        /// <summary>-Network style selection, as <see cref="SelectContainers"/> does it for containers (NetworkNotFound for a plain name).</summary>
        protected IReadOnlyList<NetworkInfo> SelectNetworks(DockerHostModel model, IEnumerable<string>? patterns, bool once = true)
        {
            var networks = NamePatterns.Select(model.Networks, n => n.Name, patterns, name => ContainerLookup.RequireNetwork(model, name), WriteError,
                pattern => WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.NoNetworkMatches, pattern)));
            return once ? networks.Where(n => _selected.Add(n)).ToList() : networks;
        }

        /// <summary>The result with <paramref name="typeName"/> first among its type names, so Out-Default picks that view (Type#Variant).</summary>
        protected static PSObject WithView(object result, string typeName)
        {
            var wrapped = PSObject.AsPSObject(result);
            if (!wrapped.TypeNames.Contains(typeName)) wrapped.TypeNames.Insert(0, typeName);
            return wrapped;
        }

        /// <summary>
        /// -Project: true when no patterns were given, else when <paramref name="project"/> (a Compose project, null for
        /// what Compose did not make) matches one of them (wildcards, case-insensitive like Compose's lower-case names).
        /// </summary>
        protected static bool InProject(string? project, IReadOnlyCollection<string>? patterns)
        {
            if (patterns == null || patterns.Count == 0) return true;
            if (project == null) return false;
            return patterns.Any(p => new WildcardPattern(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch(project));
        }

        /// <summary>
        /// Container names as typed, each wildcard replaced by the names it matches (a verbose line when none): for an
        /// analysis that looks a plain name up itself, so an unknown one is its error and an id stays as typed.
        /// </summary>
        protected IEnumerable<string> ExpandContainerWildcards(DockerHostModel model, IEnumerable<string> patterns)
        {
            foreach (var pattern in patterns)
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    yield return pattern;
                    continue;
                }
                var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                var matches = model.Containers.Where(c => wildcard.IsMatch(c.Name)).Select(c => c.Name).ToList();
                if (matches.Count == 0) WriteVerbose(string.Format(CultureInfo.CurrentCulture, Messages.NoContainerMatches, pattern));
                foreach (var match in matches) yield return match;
            }
        }

        /// <summary>
        /// Opens the -Probe session: the terminating ProbeRequiresLiveDaemon on a modelled host. It is disposed with the
        /// cmdlet, whether the command finishes, fails or is stopped.
        /// </summary>
        protected void OpenProbeSession()
        {
            // Piped rows of several hosts reach -Probe one record at a time: the session probes the first host only, so a
            // record of another host is refused rather than probed through the wrong daemon.
            var host = SingleHost();
            if (_probes != null && _probeHost != host)
                RefuseManyHosts(new[] { HostTarget.Of(_probeHost), HostTarget.Of(host) });
            _probeHost = host;
            _probes ??= ProbeSession.Open(this, host);
        }

        /// <summary>True once <see cref="OpenProbeSession"/> ran.</summary>
        protected bool Probing => _probes != null;

        /// <summary>
        /// Runs one probe with the session's prober for the model: a target the probe refuses or a probe that fails is a
        /// non-terminating error for that item (false), Ctrl+C stops the pipeline.
        /// </summary>
        protected async Task<bool> TryProbeAsync(DockerHostModel model, Func<IReachabilityProber, CancellationToken, Task> probe)
        {
            if (_probes == null) throw new InvalidOperationException("OpenProbeSession was not called.");
            try
            {
                await probe(_probes.ProberFor(model, Log), CancellationToken).ConfigureAwait(true);
                return true;
            }
            catch (DockerNetException exception)
            {
                WriteError(exception);
                return false;
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _probes?.Dispose();
                _probes = null;
            }
            base.Dispose(disposing);
        }

        /// <summary>Writes a non-terminating error for one failing item.</summary>
        protected void WriteError(DockerNetException exception) => WriteError(ErrorRecords.From(exception));

        /// <summary>
        /// Runs the work for one item (one name, one pipeline record); a core failure about that item becomes a
        /// non-terminating error and the cmdlet goes on with the next one. Returns false when the item failed.
        /// </summary>
        protected bool TryItem(Action work)
        {
            try
            {
                work();
                return true;
            }
            catch (DockerNetException exception)
            {
                WriteError(exception);
                return false;
            }
        }
    }
}
