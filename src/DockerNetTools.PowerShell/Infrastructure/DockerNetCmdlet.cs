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
        private IOperationLog? _log;
        private DockerHostModel? _model;
        private string? _modelScenarioArgument;
        private string? _modelScenario;
        private string? _modelDockerHost;
        private string? _modelContext;
        private ComposeOptions? _modelCompose;
        private string? _modelComposeKey;
        private bool _scenarioTyped;
        private bool _dockerHostTyped;
        private bool _contextTyped;
        private ProbeSession? _probes;
        // What earlier pipeline records already selected (model objects, compared by reference): a container or network piped
        // again, as one row per interface pipes it, is answered once.
        private readonly HashSet<object> _selected = new HashSet<object>();

        #region Parameters

        /// <summary>
        /// A built-in scenario name (SeedLab) or the path of a scenario YAML file: work on a modelled host, no daemon needed.
        /// Binds from the Scenario property that results of a -Scenario command carry, so a pipeline stays on one host.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ScenarioNameCompleter))]
        public string? Scenario { get; set; }

        /// <summary>
        /// The Docker daemon endpoint (unix://, npipe://, tcp://, ssh://). Defaults to the session, DOCKER_HOST, the docker context, then the platform socket.
        /// Binds from the DockerHost property that results of a -DockerHost command carry.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? DockerHost { get; set; }

        /// <summary>
        /// A docker context (`docker context ls`): read the daemon of its docker endpoint, with its TLS material, as
        /// `docker --context` does. "default" is DOCKER_HOST or the platform socket. Binds from the Context property that
        /// results of a -Context command carry.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        public string? Context { get; set; }

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
                    string.Format(CultureInfo.CurrentCulture, Messages.ScenarioAndDockerHost, Scenario, DockerHost), Scenario) { RecommendedAction = Messages.ScenarioAndDockerHostAction }));
            if (_scenarioTyped && _contextTyped)
                ThrowTerminatingError(ErrorRecords.From(new DockerNetException(ErrorIds.ScenarioAndDockerHost, ErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, Messages.ScenarioAndContext, Scenario, Context), Scenario) { RecommendedAction = Messages.ScenarioAndContextAction }));
            if (_dockerHostTyped && _contextTyped)
                ThrowTerminatingError(ErrorRecords.From(new DockerNetException(ErrorIds.ContextAndDockerHost, ErrorKind.InvalidArgument,
                    string.Format(CultureInfo.CurrentCulture, Messages.ContextAndDockerHost, Context, DockerHost), Context) { RecommendedAction = Messages.ContextAndDockerHostAction }));
        }

        /// <summary>
        /// The host model, built once per cmdlet invocation (not per pipeline record).
        /// A failure to build it is terminating: nothing else can be answered without it.
        /// </summary>
        protected async Task<DockerHostModel> GetModelAsync()
        {
            // -Scenario/-DockerHost/-Context may arrive with each pipeline record; the model is read again only when they change.
            // A typed one wins over the others bound from the previous command's results.
            var anyTyped = _scenarioTyped || _dockerHostTyped || _contextTyped;
            var scenarioArgument = anyTyped && !_scenarioTyped ? null : Scenario;
            var dockerHost = anyTyped && !_dockerHostTyped ? null : DockerHost;
            var context = anyTyped && !_contextTyped ? null : Context;
            // -ComposeFile/-ProjectName/-Profile may arrive with each record too (a -ComposeFile command's results carry them).
            var composeKey = ComposeFile == null ? null
                : string.Join("\n", ComposeFile) + "\n-p " + ProjectName + "\n--profile " + (Profile == null ? string.Empty : string.Join(",", Profile));
            if (_model != null && scenarioArgument == _modelScenarioArgument && dockerHost == _modelDockerHost && context == _modelContext
                && composeKey == _modelComposeKey) return _model;
            try
            {
                var scenario = scenarioArgument == null ? null : ModelReader.ResolveScenario(this, scenarioArgument);
                var compose = ComposeOptions();
                _model = await ModelReader.ReadAsync(this, scenario, dockerHost, context, RequiredParts, Log, CancellationToken, compose).ConfigureAwait(true);
                _modelCompose = compose;
                _modelComposeKey = composeKey;
                _modelScenarioArgument = scenarioArgument;
                _modelScenario = scenario;
                _modelDockerHost = dockerHost;
                _modelContext = context;
                return _model;
            }
            catch (DockerNetException exception)
            {
                ThrowTerminatingError(ErrorRecords.From(exception));
                throw; // unreachable: ThrowTerminatingError always throws
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

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
        /// Writes one result. When the model came from an explicit -Scenario or -DockerHost, the result carries it as a
        /// Scenario or DockerHost property, which the next DockerNet cmdlet in the pipeline binds, so
        /// `Get-DockerNetInterface -Scenario lab.yaml | Test-DockerNetReachability -Destination db` stays on lab.yaml.
        /// </summary>
        protected void WriteResult(object result)
        {
            if (_modelScenario == null && _modelDockerHost == null && _modelContext == null && _modelCompose == null)
            {
                WriteObject(result);
                return;
            }
            var wrapped = PSObject.AsPSObject(result);
            if (_modelScenario != null) AddNote(wrapped, nameof(Scenario), _modelScenario);
            else if (_modelContext != null) AddNote(wrapped, nameof(Context), _modelContext);
            else if (_modelDockerHost != null) AddNote(wrapped, nameof(DockerHost), _modelDockerHost);
            if (_modelCompose != null)
            {
                // The compose files as resolved paths, so the next cmdlet reads the same stack wherever its location is.
                AddNote(wrapped, nameof(ComposeFile), _modelCompose.Files.ToArray());
                if (_modelCompose.ProjectName != null) AddNote(wrapped, nameof(ProjectName), _modelCompose.ProjectName);
                if (_modelCompose.Profiles.Count > 0) AddNote(wrapped, nameof(Profile), _modelCompose.Profiles.ToArray());
            }
            WriteObject(wrapped);
        }

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
        protected void OpenProbeSession() => _probes ??= ProbeSession.Open(this);

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
