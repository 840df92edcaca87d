using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace DockerNetTools.HelpBuilder
{
    /// <summary>Reads the fixed PlatyPS layout (## SYNOPSIS, ## SYNTAX, …); anything else in a page is ignored.</summary>
    internal static class PageReader
    {
        private static readonly Regex Link = new Regex(@"^\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)$");

        public static CommandPage Read(string markdown)
        {
            var lines = markdown.Replace("\r", string.Empty).Split('\n').ToList();
            StripFrontMatter(lines);
            var page = new CommandPage
            {
                Name = lines.First(l => l.StartsWith("# ", StringComparison.Ordinal)).Substring(2).Trim(),
            };
            foreach (var (heading, body) in Sections(lines, "## "))
            {
                switch (heading)
                {
                    case "SYNOPSIS": page.Synopsis.AddRange(Paragraphs(body)); break;
                    case "DESCRIPTION": page.Description.AddRange(Paragraphs(body)); break;
                    case "SYNTAX": ReadSyntax(page, body); break;
                    case "EXAMPLES": page.Examples.AddRange(Sections(body, "### ").Select(s => ReadExample(s.Heading, s.Body))); break;
                    case "PARAMETERS":
                        page.Parameters.AddRange(Sections(body, "### ").Where(s => s.Heading.StartsWith('-'))
                            .Select(s => ReadParameter(s.Heading.Substring(1), s.Body)));
                        break;
                    case "INPUTS": page.Inputs.AddRange(ReadTypes(body)); break;
                    case "OUTPUTS": page.Outputs.AddRange(ReadTypes(body)); break;
                    case "NOTES": page.Notes.AddRange(Paragraphs(body)); break;
                    case "RELATED LINKS":
                        foreach (var line in body.Select(l => l.Trim()))
                        {
                            var match = Link.Match(line);
                            if (match.Success) page.Links.Add((match.Groups["text"].Value, match.Groups["uri"].Value));
                        }
                        break;
                }
            }
            return page;
        }

        private static void StripFrontMatter(List<string> lines)
        {
            if (lines.Count == 0 || lines[0].Trim() != "---") return;
            var end = lines.FindIndex(1, l => l.Trim() == "---");
            if (end > 0) lines.RemoveRange(0, end + 1);
        }

        // Splits at headings of one level, ignoring headings inside ``` fences.
        private static IEnumerable<(string Heading, List<string> Body)> Sections(IReadOnlyList<string> lines, string prefix)
        {
            string? heading = null;
            var body = new List<string>();
            var fenced = false;
            foreach (var line in lines)
            {
                if (line.StartsWith("```", StringComparison.Ordinal)) fenced = !fenced;
                if (!fenced && line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    if (heading != null) yield return (heading, body);
                    heading = line.Substring(prefix.Length).Trim();
                    body = new List<string>();
                    continue;
                }
                if (heading != null) body.Add(line);
            }
            if (heading != null) yield return (heading, body);
        }

        /// <summary>Blank-line separated paragraphs outside code fences, each joined into one line.</summary>
        public static List<string> Paragraphs(IEnumerable<string> lines)
        {
            var result = new List<string>();
            var current = new List<string>();
            var fenced = false;
            foreach (var line in lines)
            {
                if (line.StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; continue; }
                if (fenced) continue;
                if (line.Trim().Length == 0)
                {
                    Flush();
                    continue;
                }
                current.Add(line.Trim());
            }
            Flush();
            return result;

            void Flush()
            {
                if (current.Count > 0) result.Add(string.Join(" ", current));
                current.Clear();
            }
        }

        private static List<(string Language, string Text)> Fences(IEnumerable<string> lines)
        {
            var fences = new List<(string, string)>();
            string? language = null;
            var text = new List<string>();
            foreach (var line in lines)
            {
                if (!line.StartsWith("```", StringComparison.Ordinal))
                {
                    if (language != null) text.Add(line);
                    continue;
                }
                if (language == null)
                {
                    language = line.Substring(3).Trim();
                    text.Clear();
                }
                else
                {
                    fences.Add((language, string.Join("\n", text)));
                    language = null;
                }
            }
            return fences;
        }

        private static void ReadSyntax(CommandPage page, List<string> body)
        {
            var sets = Sections(body, "### ").ToList();
            if (sets.Count == 0)
            {
                foreach (var (_, text) in Fences(body)) page.Syntax.Add((null, text.Trim()));
                return;
            }
            foreach (var (heading, setBody) in sets)
            {
                var name = Regex.Replace(heading, @"\s*\(Default\)$", string.Empty);
                foreach (var (_, text) in Fences(setBody)) page.Syntax.Add((name, text.Trim()));
            }
        }

        private static ExampleSection ReadExample(string title, List<string> body)
        {
            var example = new ExampleSection { Title = title };
            var fences = Fences(body);
            example.Code = fences.FirstOrDefault(f => f.Language == "powershell").Text ?? string.Empty;
            example.Output = fences.FirstOrDefault(f => f.Language == "text").Text ?? string.Empty;
            example.Remarks.AddRange(Paragraphs(body));
            return example;
        }

        private static ParameterSection ReadParameter(string name, List<string> body)
        {
            var parameter = new ParameterSection { Name = name };
            parameter.Description.AddRange(Paragraphs(body));
            var yaml = Fences(body).FirstOrDefault(f => f.Language == "yaml").Text ?? string.Empty;
            foreach (var line in yaml.Split('\n'))
            {
                var colon = line.IndexOf(':');
                if (colon > 0) parameter.Metadata[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }
            return parameter;
        }

        private static IEnumerable<TypeSection> ReadTypes(List<string> body) =>
            Sections(body, "### ").Select(s =>
            {
                var type = new TypeSection { Type = s.Heading };
                type.Description.AddRange(Paragraphs(s.Body));
                return type;
            });
    }
}
