using System;
using System.Linq;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Compose
{
    /// <summary>Builds the model of a compose project, alone or on top of a host model.</summary>
    public static class ComposeLoader
    {
        /// <summary>
        /// The host after `docker compose up`: the project loaded from <paramref name="options"/> and added to
        /// <paramref name="baseHost"/> (null: an empty Docker host, Engine defaults as in a scenario).
        /// Throws ComposeFileNotFound, ComposeProjectNameInvalid, or ComposeFileInvalid with every error as file:line:column: reason.
        /// </summary>
        public static DockerHostModel Build(ComposeOptions options, DockerHostModel? baseHost)
        {
            var files = ComposeFiles.Resolve(options);
            var errors = new ScenarioErrors(baseHost == null ? files[0] : "the host model of " + baseHost.Source);
            var spec = baseHost == null ? new ScenarioSpec() : BaseSpec(baseHost, errors);
            if (errors.Count > 0) throw Invalid(errors, files[0]);
            var project = ComposeProjectLoader.Load(new ComposeOptions
            {
                Files = files,
                WorkingDirectory = options.WorkingDirectory,
                ProjectName = options.ProjectName,
                Profiles = options.Profiles,
                Environment = options.Environment,
            }, errors);
            if (errors.Count == 0) ComposeModelBuilder.AddTo(spec, project, errors);
            DockerHostModel? model = null;
            if (errors.Count == 0) model = ScenarioBuilder.Build(spec, errors, "compose project " + project.Name + (baseHost == null ? string.Empty : " on " + baseHost.Source));
            if (errors.Count > 0 || model == null) throw Invalid(errors, files[0]);
            return model;
        }

        /// <summary>The project's name as Compose picks it (for messages and tests).</summary>
        public static string ProjectName(ComposeOptions options)
        {
            var errors = new ScenarioErrors("compose");
            var project = ComposeProjectLoader.Load(options, errors);
            if (errors.Count > 0) throw Invalid(errors, project.Files[0]);
            return project.Name;
        }

        // The base host as a scenario spec, through the same writer that exports snapshots: reloading it gives the same host.
        private static ScenarioSpec BaseSpec(DockerHostModel baseHost, ScenarioErrors errors)
        {
            var yaml = ScenarioWriter.ToYaml(baseHost);
            var spec = ScenarioLoader.ReadSpec(yaml, errors);
            // The base host's packet filter as read predates the stack: it has no rules for the networks `up` will create.
            // Without it the analyses derive Docker's rules from the engine's version and options, new networks included.
            spec.Host.Firewall = null;
            spec.Host.Firewall6 = null;
            return spec;
        }

        private static DockerNetException Invalid(ScenarioErrors errors, string file)
        {
            var lines = errors.Lines();
            var message = (lines.Count == 1 ? ErrorText.Format(ErrorMessages.ComposeFileInvalidOne, file) : ErrorText.Format(ErrorMessages.ComposeFileInvalidMany, file, lines.Count))
                          + Environment.NewLine + string.Join(Environment.NewLine, lines);
            return new DockerNetException(ErrorIds.ComposeFileInvalid, ErrorKind.InvalidData, message, file)
            {
                RecommendedAction = ErrorMessages.ComposeFileInvalidAction,
            };
        }
    }
}
