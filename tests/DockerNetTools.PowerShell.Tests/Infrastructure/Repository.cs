using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace DockerNetTools.PowerShell.Tests.Infrastructure
{
    /// <summary>Where the repository and its build outputs are, found from the test assembly's folder.</summary>
    internal static class Repository
    {
        private static readonly Lazy<string> RootPath = new Lazy<string>(FindRoot);

        public static string Root => RootPath.Value;

        /// <summary>The manifest people import after `dotnet build`.</summary>
        public static string Manifest => Path.Combine(Root, "DockerNetTools.psd1");

        public static string ModuleOutput => Path.Combine(Root, "out", "DockerNetTools");

        /// <summary>The dnt built by this configuration (with its staged module next to it).</summary>
        public static string DntDll => typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "DntPath").Value!;

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DockerNetTools.slnx"))) return dir.FullName;
            }
            throw new InvalidOperationException("DockerNetTools.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
