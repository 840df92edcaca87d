using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Tests.Diagnostics
{
    /// <summary>
    /// The error ids are a contract (scripts catch on them): one catalogue (<see cref="ErrorIds"/>), every throw site
    /// naming its constants, and the table in about_DockerNetTools listing exactly that set.
    /// </summary>
    public sealed class ErrorCatalogueTests
    {
        private static readonly string Root = FindRoot();

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DockerNetTools.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("DockerNetTools.slnx not found above " + AppContext.BaseDirectory);
        }

        private static IReadOnlyList<string> Catalogue() =>
            typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToList();

        private static IEnumerable<(string File, string Text)> SourceFiles() =>
            Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part == "obj" || part == "bin"))
                .Select(f => (Path.GetRelativePath(Root, f), File.ReadAllText(f)));

        /// <summary>The ids in the first column of the table under "### Errors" (one id per row).</summary>
        private static IReadOnlyList<string> DocumentedIds()
        {
            var text = File.ReadAllText(Path.Combine(Root, "docs", "about_DockerNetTools.md"));
            var section = text.Substring(text.IndexOf("### Errors", StringComparison.Ordinal));
            var next = section.IndexOf("\n### ", 1, StringComparison.Ordinal);
            if (next > 0) section = section.Substring(0, next);
            return section.Split('\n')
                .Where(line => line.StartsWith("| ", StringComparison.Ordinal))
                .Select(line => line.Split('|')[1].Trim())
                .Where(cell => cell != "Id" && !cell.StartsWith("---", StringComparison.Ordinal))
                .ToList();
        }

        [Fact]
        public void Catalogue_ConstantNameIsItsValue_NoDuplicates()
        {
            foreach (var field in typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static))
                Assert.Equal(field.Name, field.GetRawConstantValue());
            Assert.Equal(Catalogue().Count, Catalogue().Distinct().Count());
        }

        [Fact]
        public void DocumentedErrorTable_IsExactlyTheCatalogue()
        {
            var documented = DocumentedIds();
            Assert.Equal(documented.Count, documented.Distinct().Count());
            Assert.Empty(Catalogue().Except(documented));   // thrown but not documented
            Assert.Empty(documented.Except(Catalogue()));   // documented but not in the catalogue
        }

        [Fact]
        public void ThrowSites_NameACatalogueConstant_NeverALiteral()
        {
            // The first argument of every DockerNetException is ErrorIds.X, or the errorId parameter of a helper that builds one.
            var construction = new Regex(@"new DockerNetException\(\s*(?<id>[^,]+),");
            var offenders = SourceFiles()
                .SelectMany(f => construction.Matches(f.Text).Cast<Match>().Select(m => (f.File, Id: m.Groups["id"].Value.Trim())))
                .Where(site => !site.Id.StartsWith("ErrorIds.", StringComparison.Ordinal) && site.Id != "errorId")
                .Select(site => site.File + ": " + site.Id)
                .ToList();
            Assert.Empty(offenders);
        }

        [Fact]
        public void IdLiterals_AppearOnlyInTheCatalogue()
        {
            var ids = new HashSet<string>(Catalogue());
            var literal = new Regex("\"(?<text>[A-Za-z]+)\"");
            var offenders = SourceFiles()
                .Where(f => !f.File.EndsWith(Path.Combine("Diagnostics", "ErrorIds.cs"), StringComparison.Ordinal))
                .SelectMany(f => literal.Matches(f.Text).Cast<Match>().Where(m => ids.Contains(m.Groups["text"].Value)).Select(m => f.File + ": " + m.Value))
                .ToList();
            Assert.Empty(offenders);
        }

        [Fact]
        public void EveryCatalogueId_IsRaisedSomewhere()
        {
            var sources = string.Join("\n", SourceFiles().Select(f => f.Text));
            var unused = Catalogue().Where(id => !sources.Contains("ErrorIds." + id, StringComparison.Ordinal)).ToList();
            Assert.Empty(unused);
        }

        /// <summary>The core's and the live backend's error messages are resources (ErrorMessages.resx), not literals.</summary>
        [Fact]
        public void CoreAndDaemonErrors_TakeTheirMessagesFromResources()
        {
            var literalMessage = new Regex(@"new DockerNetException\(\s*[^,]+,\s*[^,]+,\s*""|RecommendedAction\s*=\s*""");
            var offenders = SourceFiles()
                .Where(f => f.File.StartsWith(Path.Combine("src", "DockerNetTools.Core"), StringComparison.Ordinal)
                            || f.File.StartsWith(Path.Combine("src", "DockerNetTools.Docker"), StringComparison.Ordinal))
                .SelectMany(f => literalMessage.Matches(f.Text).Cast<Match>().Select(m => f.File + ": " + m.Value))
                .ToList();
            Assert.Empty(offenders);
        }

        [Fact]
        public void EveryErrorMessageResource_IsUsed()
        {
            var resx = System.Xml.Linq.XDocument.Load(Path.Combine(Root, "src", "DockerNetTools.Core", "Resources", "ErrorMessages.resx"));
            var keys = resx.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();
            var sources = string.Join("\n", SourceFiles().Select(f => f.Text));
            Assert.NotEmpty(keys);
            var unused = keys.Where(k => !Regex.IsMatch(sources, @"\bErrorMessages\." + k + @"\b")).ToList();
            Assert.Empty(unused);
        }
    }
}
