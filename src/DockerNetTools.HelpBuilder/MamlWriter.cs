using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace DockerNetTools.HelpBuilder
{
    /// <summary>Writes command pages as MAML, the XML help format Get-Help reads for binary cmdlets (&lt;Assembly&gt;.dll-Help.xml).</summary>
    internal static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static XDocument Write(IEnumerable<CommandPage> pages) =>
            new XDocument(
                new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems",
                    new XAttribute("schema", "maml"),
                    new XAttribute(XNamespace.Xmlns + "maml", Maml),
                    new XAttribute(XNamespace.Xmlns + "command", Command),
                    new XAttribute(XNamespace.Xmlns + "dev", Dev),
                    pages.Select(CommandElement)));

        private static XElement CommandElement(CommandPage page)
        {
            var dash = page.Name.IndexOf('-');
            return new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", page.Name),
                    new XElement(Command + "verb", dash > 0 ? page.Name.Substring(0, dash) : page.Name),
                    new XElement(Command + "noun", dash > 0 ? page.Name.Substring(dash + 1) : string.Empty),
                    Description(page.Synopsis)),
                Description(page.Description),
                new XElement(Command + "syntax", page.Syntax.Select(s => SyntaxItem(page, s.Set))),
                new XElement(Command + "parameters", page.Parameters.Select(p => Parameter(p, p.Value("Required")))),
                new XElement(Command + "inputTypes", page.Inputs.Select(t => TypeElement("inputType", t))),
                new XElement(Command + "returnValues", page.Outputs.Select(t => TypeElement("returnValue", t))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", page.Notes.Select(Para))),
                new XElement(Command + "examples", page.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", page.Links.Select(l =>
                    new XElement(Maml + "navigationLink",
                        new XElement(Maml + "linkText", l.Text),
                        new XElement(Maml + "uri", l.Uri.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? l.Uri : string.Empty)))));
        }

        private static XElement SyntaxItem(CommandPage page, string? set)
        {
            var inSet = page.Parameters
                .Where(p => set == null || p.Value("Parameter Sets") == "(All)" ||
                            p.Value("Parameter Sets").Split(',').Any(s => string.Equals(s.Trim(), set, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(p => int.TryParse(p.Value("Position"), out var position) ? position : int.MaxValue);
            return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", page.Name),
                inSet.Select(p => Parameter(p, p.Value("Required"))));
        }

        private static XElement Parameter(ParameterSection parameter, string required)
        {
            var type = parameter.Value("Type");
            var isSwitch = type == "SwitchParameter";
            var aliases = parameter.Value("Aliases");
            var position = parameter.Value("Position");
            return new XElement(Command + "parameter",
                new XAttribute("required", Bool(required)),
                new XAttribute("variableLength", type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
                new XAttribute("globbing", Bool(parameter.Value("Accept wildcard characters"))),
                new XAttribute("pipelineInput", string.IsNullOrEmpty(parameter.Value("Accept pipeline input")) ? "False" : parameter.Value("Accept pipeline input")),
                new XAttribute("position", string.IsNullOrEmpty(position) || position == "Named" ? "named" : position),
                new XAttribute("aliases", string.IsNullOrEmpty(aliases) ? "none" : aliases),
                new XElement(Maml + "name", parameter.Name),
                Description(parameter.Description),
                isSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), type),
                new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", string.IsNullOrEmpty(parameter.Value("Default value")) ? "None" : parameter.Value("Default value")));
        }

        private static XElement TypeElement(string element, TypeSection type) =>
            new XElement(Command + element,
                new XElement(Dev + "type", new XElement(Maml + "name", type.Type), new XElement(Maml + "uri"), new XElement(Maml + "description")),
                Description(type.Description));

        private static XElement Example(ExampleSection example) =>
            new XElement(Command + "example",
                new XElement(Maml + "title", "-------------------------- " + example.Title + " --------------------------"),
                new XElement(Dev + "code", example.Code),
                new XElement(Dev + "remarks",
                    string.IsNullOrEmpty(example.Output) ? null : Para(example.Output),
                    example.Remarks.Select(Para)));

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", paragraphs.Select(Para));

        private static XElement Para(string text) => new XElement(Maml + "para", text);

        private static string Bool(string value) => string.Equals(value, "True", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
    }
}
