using System.Collections.Generic;

namespace DockerNetTools.HelpBuilder
{
    /// <summary>One PlatyPS command page, as read from docs/commands/&lt;Verb-Noun&gt;.md.</summary>
    internal sealed class CommandPage
    {
        public string Name { get; set; } = string.Empty;
        public List<string> Synopsis { get; } = new List<string>();
        public List<string> Description { get; } = new List<string>();

        /// <summary>Parameter set name (null when the page has one unnamed set) and its syntax line.</summary>
        public List<(string? Set, string Line)> Syntax { get; } = new List<(string?, string)>();

        public List<ExampleSection> Examples { get; } = new List<ExampleSection>();
        public List<ParameterSection> Parameters { get; } = new List<ParameterSection>();
        public List<TypeSection> Inputs { get; } = new List<TypeSection>();
        public List<TypeSection> Outputs { get; } = new List<TypeSection>();
        public List<string> Notes { get; } = new List<string>();
        public List<(string Text, string Uri)> Links { get; } = new List<(string, string)>();
    }

    internal sealed class ExampleSection
    {
        public string Title { get; set; } = string.Empty;
        public string Code { get; set; } = string.Empty;
        public string Output { get; set; } = string.Empty;
        public List<string> Remarks { get; } = new List<string>();
    }

    internal sealed class ParameterSection
    {
        public string Name { get; set; } = string.Empty;
        public List<string> Description { get; } = new List<string>();

        /// <summary>The page's yaml block: Type, Parameter Sets, Aliases, Required, Position, Default value, Accept … .</summary>
        public Dictionary<string, string> Metadata { get; } = new Dictionary<string, string>();

        public string Value(string key) => Metadata.TryGetValue(key, out var value) ? value : string.Empty;
    }

    internal sealed class TypeSection
    {
        public string Type { get; set; } = string.Empty;
        public List<string> Description { get; } = new List<string>();
    }
}
