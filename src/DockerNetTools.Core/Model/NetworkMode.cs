using System;

namespace DockerNetTools.Model
{
    public enum NetworkModeKind
    {
        /// <summary>"default"/"bridge": the default bridge network.</summary>
        Bridge,
        /// <summary>A user-defined network by name.</summary>
        Network,
        Host,
        None,
        /// <summary>container:&lt;name|id&gt;: shares another container's network namespace.</summary>
        Container,
    }

    /// <summary>HostConfig.NetworkMode, parsed.</summary>
    public sealed class NetworkMode : IEquatable<NetworkMode>
    {
        public static readonly NetworkMode Default = new NetworkMode(NetworkModeKind.Bridge, null);

        public NetworkMode(NetworkModeKind kind, string? target)
        {
            Kind = kind;
            Target = target;
        }

        public NetworkModeKind Kind { get; }

        /// <summary>The network name (Network) or the container name/id (Container).</summary>
        public string? Target { get; }

        /// <summary>Parses docker's spelling: default, bridge, host, none, container:&lt;x&gt;, or a network name.</summary>
        public static NetworkMode Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return Default;
            var value = text!.Trim();
            switch (value)
            {
                case "default":
                case "bridge":
                    return Default;
                case "host":
                    return new NetworkMode(NetworkModeKind.Host, null);
                case "none":
                    return new NetworkMode(NetworkModeKind.None, null);
            }
            if (value.StartsWith("container:", StringComparison.Ordinal))
                return new NetworkMode(NetworkModeKind.Container, value.Substring("container:".Length));
            return new NetworkMode(NetworkModeKind.Network, value);
        }

        public override string ToString() => Kind switch
        {
            NetworkModeKind.Bridge => "bridge",
            NetworkModeKind.Host => "host",
            NetworkModeKind.None => "none",
            NetworkModeKind.Container => "container:" + Target,
            _ => Target ?? string.Empty,
        };

        public bool Equals(NetworkMode? other) => other != null && other.Kind == Kind && string.Equals(other.Target, Target, StringComparison.Ordinal);
        public override bool Equals(object? obj) => Equals(obj as NetworkMode);
        public override int GetHashCode() => ((int)Kind * 397) ^ (Target?.GetHashCode() ?? 0);
    }
}
