using System;
using System.Collections.Generic;
using System.Linq;
using DockerNetTools.Analysis.Common;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Topology
{
    /// <summary>
    /// A row's published ports: the bindings (the diagram draws them) and their text as docker port prints them
    /// ("0.0.0.0:8001->80/tcp"), which the row shows: text, like every result property, for ConvertTo-Json.
    /// </summary>
    internal sealed class PublishedPortList
    {
        public static readonly PublishedPortList None = new PublishedPortList(Array.Empty<PortBinding>());

        public PublishedPortList(IReadOnlyList<PortBinding> bindings)
        {
            Bindings = bindings;
            Text = new TextList<string>(bindings.Select(b => b.ToString()).ToList(), ", ");
        }

        public IReadOnlyList<PortBinding> Bindings { get; }

        public IReadOnlyList<string> Text { get; }
    }
}
