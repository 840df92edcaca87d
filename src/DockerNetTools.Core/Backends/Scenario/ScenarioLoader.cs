using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Backends.Scenario.Yaml;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.Resources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>Reads a scenario (built-in name or YAML path) into a fully derived <see cref="DockerHostModel"/>.</summary>
    public static class ScenarioLoader
    {
        private const string ResourcePrefix = "DockerNetTools.Backends.Scenario.BuiltIn.";

        // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the position is reported our way.
        private static readonly Regex YamlMarkPrefix = new Regex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant);

        /// <summary>
        /// A built-in scenario by name (case-insensitive, e.g. "SeedLab"), otherwise a YAML file path.
        /// Throws ScenarioNotFound (NotFound) or ScenarioFileInvalid (InvalidData, every error as file:line:column: reason).
        /// </summary>
        public static DockerHostModel Load(string nameOrPath)
        {
            if (string.IsNullOrWhiteSpace(nameOrPath))
                throw new DockerNetException(ErrorIds.ScenarioNotFound, ErrorKind.NotFound, ErrorText.Format(ErrorMessages.ScenarioNotGiven, string.Join(", ", ScenarioCatalog.BuiltInNames)), nameOrPath);

            var builtIn = ScenarioCatalog.BuiltInNames.FirstOrDefault(n => string.Equals(n, nameOrPath.Trim(), StringComparison.OrdinalIgnoreCase));
            if (builtIn != null) return Parse(ReadBuiltIn(builtIn), builtIn + ".yaml", "scenario " + builtIn);

            if (Directory.Exists(nameOrPath))
                throw new DockerNetException(ErrorIds.ScenarioFileUnreadable, ErrorKind.InvalidArgument, ErrorText.Format(ErrorMessages.ScenarioFileIsDirectory, nameOrPath), nameOrPath)
                {
                    RecommendedAction = ErrorText.Format(ErrorMessages.ScenarioFileIsDirectoryAction,
                        Directory.EnumerateFiles(nameOrPath, "*.yaml").OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault() ?? Path.Combine(nameOrPath, "lab.yaml")),
                };

            string text;
            try
            {
                text = File.ReadAllText(nameOrPath);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw new DockerNetException(
                    ErrorIds.ScenarioNotFound,
                    ErrorKind.NotFound,
                    ErrorText.Format(ErrorMessages.ScenarioNotFound, nameOrPath, string.Join(", ", ScenarioCatalog.BuiltInNames),
                        NameSuggester.DidYouMean(Path.GetFileNameWithoutExtension(nameOrPath.TrimEnd('/', '\\')), ScenarioCatalog.BuiltInNames)),
                    nameOrPath,
                    ex) { RecommendedAction = ErrorMessages.ScenarioNotFoundAction };
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new DockerNetException(ErrorIds.ScenarioFileUnreadable, ErrorKind.PermissionDenied, ErrorText.Format(ErrorMessages.ScenarioFileUnreadable, nameOrPath, ex.Message), nameOrPath, ex);
            }
            return Parse(text, nameOrPath, "scenario " + nameOrPath);
        }

        /// <summary>Parses scenario YAML; <paramref name="sourceName"/> names it in errors ("lab.yaml:12:7: …").</summary>
        public static DockerHostModel Parse(string yaml, string sourceName) => Parse(yaml, sourceName, "scenario " + sourceName);

        /// <summary>The YAML text of a built-in scenario.</summary>
        public static string ReadBuiltIn(string name)
        {
            var builtIn = ScenarioCatalog.BuiltInNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                          ?? throw new DockerNetException(ErrorIds.ScenarioNotFound, ErrorKind.NotFound,
                              ErrorText.Format(ErrorMessages.ScenarioBuiltInNotFound, name, string.Join(", ", ScenarioCatalog.BuiltInNames)), name);
            using (var stream = typeof(ScenarioLoader).GetTypeInfo().Assembly.GetManifestResourceStream(ResourcePrefix + builtIn + ".yaml")
                                ?? throw new InvalidOperationException("The built-in scenario " + builtIn + " is missing from the assembly."))
            using (var reader = new StreamReader(stream))
            {
                return reader.ReadToEnd();
            }
        }

        private static DockerHostModel Parse(string yaml, string sourceName, string modelSource)
        {
            var errors = new ScenarioErrors(sourceName);
            var stream = new YamlStream();
            var parser = new PositionTrackingParser(new Parser(new StringReader(yaml ?? string.Empty)));
            try
            {
                stream.Load(parser);
            }
            catch (YamlException ex)
            {
                errors.Add(SourcePos.Of(ex.Start), "YAML syntax error: " + YamlMarkPrefix.Replace(ex.Message, string.Empty));
                throw Invalid(errors, ex);
            }
            catch (InvalidOperationException ex)
            {
                // YamlDotNet's scanner gives up on some unbalanced flow collections without a YamlException.
                errors.Add(SourcePos.Of(parser.LastStart), "YAML syntax error: an unclosed flow sequence or mapping ('[' or '{' without its ']' or '}') at or after this point");
                throw Invalid(errors, ex);
            }

            if (stream.Documents.Count != 1)
            {
                errors.Add(new SourcePos(1, 1), stream.Documents.Count == 0 ? "the scenario is empty" : "a scenario file holds one YAML document, not " + stream.Documents.Count);
                throw Invalid(errors, null);
            }

            var spec = ScenarioReader.Read(stream.Documents[0].RootNode, errors, yaml ?? string.Empty);
            var model = ScenarioBuilder.Build(spec, errors, modelSource);
            if (errors.Count > 0) throw Invalid(errors, null);
            return model;
        }

        private static DockerNetException Invalid(ScenarioErrors errors, Exception? inner)
        {
            var lines = errors.Lines();
            var message = (lines.Count == 1
                              ? ErrorText.Format(ErrorMessages.ScenarioFileInvalidOne, errors.SourceName)
                              : ErrorText.Format(ErrorMessages.ScenarioFileInvalidMany, errors.SourceName, lines.Count))
                          + Environment.NewLine + string.Join(Environment.NewLine, lines);
            return new DockerNetException(ErrorIds.ScenarioFileInvalid, ErrorKind.InvalidData, message, errors.SourceName, inner)
            {
                RecommendedAction = ErrorMessages.ScenarioFileInvalidAction,
            };
        }

        /// <summary>The errors of an invalid scenario, one "file:line:column: reason" per line.</summary>
        public static IReadOnlyList<string> ErrorLines(DockerNetException exception) =>
            exception.ErrorId == ErrorIds.ScenarioFileInvalid
                ? exception.Message.Split(new[] { Environment.NewLine }, StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList()
                : Array.Empty<string>();
    }
}
