using System.Collections.Generic;
using System.Linq;
using System.Net;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Model;

namespace DockerNetTools.Analysis.Dns
{
    /// <summary>
    /// A name that no container, alias or hosts entry answers: which servers it goes to (<see cref="UpstreamResolvers"/>),
    /// whether the way to them is open (Test-DockerNetReachability's analysis, udp/53), and that the answer itself comes
    /// from outside the host. An open way is a warning (the model cannot speak for those servers); no open way is
    /// <see cref="NameResolutionFailure.UpstreamUnreachable"/>.
    /// </summary>
    internal static class UpstreamExplainer
    {
        private static string Lower(string text) => text.Length > 0 && char.IsUpper(text[0]) && (text.Length == 1 || !char.IsUpper(text[1])) ? char.ToLowerInvariant(text[0]) + text.Substring(1) : text;

        public static NameResolution Explain(DockerHostModel model, ContainerInfo owner, Lookup q)
        {
            var embedded = NameResolver.HasEmbeddedDns(model, owner);
            var hostMode = owner.NetworkMode.Kind == NetworkModeKind.Host;
            var upstream = UpstreamResolvers.For(model, owner, embedded);
            var intro = "No container, network alias or /etc/hosts entry on the modelled host is named '" + q.Query + "'; ";
            var asker = q.From.Name;
            var how = hostMode
                ? asker + " uses the host's network and resolv.conf, so the question goes from the host to "
                : embedded
                    ? "the embedded DNS (" + NameResolver.EmbeddedDnsServer + ") forwards it to "
                    : asker + " is only on the default bridge (no embedded DNS), so its resolv.conf sends it to ";
            var unknown = upstream.Unknown != null ? " Not in the model, so assumed: " + upstream.Unknown + "." : string.Empty;
            if (upstream.Servers.Count == 0)
                return q.Fail(NameResolutionFailure.OutsideModel,
                    intro + how + "the host's resolvers, which the model does not hold, so it cannot say where the question goes or what they answer." + unknown, null);

            var servers = string.Join(", ", upstream.Servers.Select(s => s.Address)) + " (" + upstream.Source + ")";
            var lines = new List<string>();
            var open = false;
            var allClosed = true;
            string? remedy = null;
            foreach (var (server, path) in upstream.Paths(model, q.From))
            {
                if (path == null)
                {
                    lines.Add(server.Address + " is on the host's loopback (such as systemd-resolved's stub) and is asked from the host's own namespace ("
                              + (hostMode ? "host network" : "by dockerd for the embedded DNS") + "): no FORWARD or NAT on the way");
                    open = true;
                    allClosed = false;
                    continue;
                }
                if (path.VerdictValue == ReachabilityVerdict.Reachable)
                {
                    var last = path.Path.Count > 0 ? path.Path[path.Path.Count - 1] : null;
                    lines.Add("the way to " + server.Address + " is open (" + (last != null ? "out of " + last.Device + (last.Address != null ? " with source " + last.Address : string.Empty) : path.NetworkUsed) + ")");
                    open = true;
                    allClosed = false;
                    continue;
                }
                var loopbackOverride = IPAddress.IsLoopback(server.Address) && !server.FromHostNamespace;
                var why = loopbackOverride
                    ? server.Address + " is " + (hostMode ? "the host's" : asker + "'s own") + " loopback (a --dns address is used as given, and the " + (embedded ? "embedded DNS asks it from inside the container" : "container's resolver asks it") + "), "
                      + (path.VerdictValue == ReachabilityVerdict.Undetermined ? "where no DNS server listens unless " + (hostMode ? "the host" : "the container") + " runs one" : "and " + Lower(path.Reason).TrimEnd('.'))
                    : "udp/53 to " + server.Address + ": " + path.Verdict + ", " + path.Reason.TrimEnd('.');
                lines.Add(why);
                if (path.VerdictValue == ReachabilityVerdict.Undetermined && !loopbackOverride) allClosed = false;
                remedy ??= loopbackOverride
                    ? "Give " + (owner.Dns.Count > 0 ? asker : "dockerd") + " a DNS server it can reach: " + (owner.Dns.Count > 0 ? "docker run --dns <a LAN or public resolver>" : "--dns / \"dns\" in daemon.json set to a LAN or public resolver (or remove it to use the host's)")
                    : path.Remedy;
            }

            var text = intro + how + servers + ": " + string.Join("; ", lines) + ".";
            if (open || !allClosed)
                return q.Fail(NameResolutionFailure.OutsideModel,
                    text + " The answer itself comes from outside the host: the model cannot say what " + (upstream.Servers.Count == 1 ? "that server answers" : "those servers answer") + " for '" + q.Query + "'." + unknown, null);
            return q.Fail(NameResolutionFailure.UpstreamUnreachable,
                text + " So no server can answer, and '" + q.Query + "' does not resolve." + unknown, remedy);
        }
    }
}
