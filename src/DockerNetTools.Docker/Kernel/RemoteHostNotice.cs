using System.Collections.Generic;
using DockerNetTools.Backends;

namespace DockerNetTools.Docker.Kernel
{
    /// <summary>
    /// The one warning a command gets when this machine's kernel is not the Docker host's (<see cref="DaemonLocality"/>):
    /// what is not read there, what was read instead and how, and what the operator can do about it. Written once per
    /// model read rather than once per container or per part of the model.
    /// </summary>
    internal sealed class RemoteHostNotice
    {
        private readonly string _endpoint;
        private readonly string _because;
        private readonly ModelParts _parts;
        private readonly string _engineVersion;

        public RemoteHostNotice(string endpoint, string because, ModelParts parts, string engineVersion)
        {
            _endpoint = endpoint;
            _because = because;
            _parts = parts;
            _engineVersion = engineVersion;
        }

        /// <summary>What the exec fallback or the helper containers did, when they ran.</summary>
        public ExecReadOutcome? Containers { get; set; }

        /// <summary>The -ProbeImage in use, if any.</summary>
        public string? ProbeImage { get; set; }

        public string Text()
        {
            var unknown = new List<string> { "host veth names" };
            if ((_parts & ModelParts.Sockets) != 0) unknown.Add("socket owners, and the host's own sockets (those of host-mode containers too)");
            if ((_parts & ModelParts.Edge) != 0)
                unknown.Add("the host's routes, forwarding, resolv.conf and dockerd's --dns (an address outside the host is taken to leave by the default route with forwarding on)");
            if ((_parts & ModelParts.Firewall) != 0)
                unknown.Add("its packet filter (the answers assume Docker's own rules for Engine " + _engineVersion + " and no others: no DOCKER-USER, ufw or firewalld rules)");
            var text = "The kernel of the Docker host " + _endpoint + " is not read because " + _because + ". Unknown therefore: " + string.Join("; ", unknown) + ".";
            if (Containers != null) text += " " + Capitalized(Containers.Summary()) + ".";
            if (ProbeImage == null)
                text += " To read containers whose image has no shell, and to probe from them, add -ProbeImage with an image that has sh, cat, nc and nslookup"
                        + " (such as busybox: a short-lived container in the container's network namespace, removed afterwards); or run dnt on the Docker host.";
            else if (Containers?.AnyFailed == true)
                text += " Check that " + ProbeImage + " is on the Docker host and has sh, cat, nc and nslookup; or run dnt on the Docker host.";
            else
                text += " For the rest, run dnt on the Docker host.";
            return text;
        }

        private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
