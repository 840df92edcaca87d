using System;
using System.IO;
using System.Linq;

namespace DockerNetTools.HelpBuilder
{
    /// <summary>
    /// helpbuilder &lt;commands folder&gt; &lt;docs folder&gt; &lt;output folder&gt; &lt;help file name&gt;:
    /// every commands/*.md into one MAML file, every docs/about_*.md into about_*.help.txt.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            if (args.Length != 4)
            {
                Console.Error.WriteLine("usage: helpbuilder <commands folder> <docs folder> <output folder> <help file name>");
                return 2;
            }
            var (commands, docs, output, helpFile) = (args[0], args[1], args[2], args[3]);
            Directory.CreateDirectory(output);

            var pages = Directory.GetFiles(commands, "*.md").OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => PageReader.Read(File.ReadAllText(p)))
                .ToList();
            MamlWriter.Write(pages).Save(Path.Combine(output, helpFile));

            foreach (var about in Directory.GetFiles(docs, "about_*.md"))
            {
                var topic = Path.GetFileNameWithoutExtension(about);
                File.WriteAllText(Path.Combine(output, topic + ".help.txt"), AboutTopicWriter.Write(File.ReadAllText(about)));
            }
            Console.WriteLine("helpbuilder: " + pages.Count + " command pages -> " + Path.Combine(output, helpFile));
            return 0;
        }
    }
}
