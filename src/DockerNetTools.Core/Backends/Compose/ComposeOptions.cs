using System;
using System.Collections.Generic;

namespace DockerNetTools.Backends.Compose
{
    /// <summary>What `docker compose -f … -p … --profile …` is given, plus the environment it runs in.</summary>
    public sealed class ComposeOptions
    {
        /// <summary>Compose files (merged in order) or one folder to look in; empty: look in <see cref="WorkingDirectory"/>.</summary>
        public IReadOnlyList<string> Files { get; set; } = Array.Empty<string>();

        /// <summary>Where relative paths and file discovery start (the caller's current folder).</summary>
        public string WorkingDirectory { get; set; } = ".";

        /// <summary>-p: the project name, checked as Compose checks it; null: COMPOSE_PROJECT_NAME, name:, then the folder's name.</summary>
        public string? ProjectName { get; set; }

        /// <summary>--profile: the active profiles ("*" activates all); COMPOSE_PROFILES adds to them.</summary>
        public IReadOnlyList<string> Profiles { get; set; } = Array.Empty<string>();

        /// <summary>The process environment; the project's .env fills in what it does not set. Null: the current process's.</summary>
        public IReadOnlyDictionary<string, string>? Environment { get; set; }
    }
}
