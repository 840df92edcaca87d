using System;
using System.Collections.Generic;
using System.IO;
using DockerNetTools.Backends.Compose;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Compose
{
    /// <summary>A project folder of its own per test (deleted afterwards), and the compose loader run on it with a fixed environment.</summary>
    internal sealed class ComposeKit : IDisposable
    {
        public ComposeKit(string folderName = "proj")
        {
            Folder = Path.Combine(Path.GetTempPath(), "dnt-compose-core-" + Guid.NewGuid().ToString("N").Substring(0, 8), folderName);
            Directory.CreateDirectory(Folder);
        }

        public string Folder { get; }

        public Dictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public string Write(string name, string text)
        {
            var path = Path.Combine(Folder, name);
            File.WriteAllText(path, text.Replace("\r\n", "\n"));
            return path;
        }

        public ComposeOptions Options(string[]? files = null, string? project = null, string[]? profiles = null) => new ComposeOptions
        {
            Files = files ?? Array.Empty<string>(),
            WorkingDirectory = Folder,
            ProjectName = project,
            Profiles = profiles ?? Array.Empty<string>(),
            Environment = Environment,
        };

        public DockerHostModel Build(string[]? files = null, string? project = null, string[]? profiles = null, DockerHostModel? baseHost = null) =>
            ComposeLoader.Build(Options(files, project, profiles), baseHost);

        /// <summary>The error lines of a project the loader refuses (ComposeFileInvalid).</summary>
        public IReadOnlyList<string> Errors(string[]? files = null, DockerHostModel? baseHost = null)
        {
            var exception = Assert.Throws<DockerNetException>(() => Build(files, baseHost: baseHost));
            Assert.Equal("ComposeFileInvalid", exception.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, exception.Kind);
            return exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        }

        public void Dispose()
        {
            try { Directory.Delete(Path.GetDirectoryName(Folder)!, true); } catch (IOException) { }
        }
    }
}
