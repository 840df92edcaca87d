using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Diagnostics;
using DockerNetTools.Resources;

namespace DockerNetTools.Model
{
    /// <summary>
    /// Docker's -p syntax: <c>[hostIP:][hostPort[-hostPortEnd]:]containerPort[-containerPortEnd][/tcp|udp|sctp]</c>,
    /// IPv6 host addresses in brackets (<c>[::1]:8080:80</c>). Errors use the docker CLI's own words (Engine 20.10).
    /// </summary>
    public static class PublishSpec
    {
        /// <summary>Parses one spec into its bindings (a range expands pairwise, one binding per port).</summary>
        /// <remarks>
        /// A missing host port gives HostPort 0 (Docker picks an ephemeral port). A host range with a single container
        /// port ("8000-8010:80") is Docker's "allocate one port from this range": one binding with HostPort 8000 and
        /// HostPortEnd 8010 (the port allocator hands out a free one). Ranges of equal length on both sides map one
        /// to one ("8001-8002:80-81" is 8001->80 and 8002->81), each a single host port.
        /// </remarks>
        public static bool TryParse(string? text, out IReadOnlyList<PortBinding> bindings, out string error)
        {
            bindings = Array.Empty<PortBinding>();
            error = string.Empty;
            var raw = text?.Trim() ?? string.Empty;

            SplitParts(raw, out var hostIp, out var hostPort, out var containerPort);
            var proto = "tcp";
            var slash = containerPort.IndexOf('/');
            if (slash >= 0)
            {
                proto = containerPort.Substring(slash + 1);
                containerPort = containerPort.Substring(0, slash);
                if (proto.Length == 0) proto = "tcp";
            }
            if (containerPort.Length == 0)
            {
                error = "No port specified: " + raw + "<empty>";
                return false;
            }

            if (hostIp.Length > 0 && hostIp[0] == '[')
            {
                if (hostIp[hostIp.Length - 1] != ']' || hostIp.IndexOf(']') != hostIp.Length - 1)
                {
                    error = "Invalid ip address " + hostIp + ": missing ']' in address";
                    return false;
                }
                hostIp = hostIp.Substring(1, hostIp.Length - 2);
            }
            if (hostIp.Length > 0 && !IsIPAddress(hostIp))
            {
                error = "Invalid ip address: " + hostIp;
                return false;
            }

            if (!TryParseRange(containerPort, out var start, out var end) || start == 0)
            {
                error = "Invalid containerPort: " + containerPort;
                return false;
            }

            int hostStart = 0, hostEnd = 0;
            if (hostPort.Length > 0)
            {
                if (!TryParseRange(hostPort, out hostStart, out hostEnd))
                {
                    error = "Invalid hostPort: " + hostPort;
                    return false;
                }
                if (end - start != hostEnd - hostStart && end != start)
                {
                    error = "Invalid ranges specified for container and host Ports: " + containerPort + " and " + hostPort;
                    return false;
                }
            }

            if (!TryParseProtocol(proto, out var protocol))
            {
                error = "Invalid proto: " + proto;
                return false;
            }

            var normalizedIp = hostIp.Length == 0 ? string.Empty : IPAddress.Parse(hostIp).ToString();
            var list = new List<PortBinding>(end - start + 1);
            for (var i = 0; i <= end - start; i++)
            {
                var host = hostPort.Length == 0 ? 0 : hostStart + i;
                var hostLast = hostPort.Length > 0 && end == start ? hostEnd : host;
                list.Add(new PortBinding(start + i, protocol, normalizedIp, host, hostLast));
            }
            bindings = list;
            return true;
        }

        /// <summary>Like <see cref="TryParse"/>, but throws PublishSpecInvalid (InvalidArgument) naming the spec, with docker's message and the syntax to use.</summary>
        public static IReadOnlyList<PortBinding> Parse(string text)
        {
            if (TryParse(text, out var bindings, out var error)) return bindings;
            throw new DockerNetException(ErrorIds.PublishSpecInvalid, ErrorKind.InvalidArgument,
                ErrorText.Format(ErrorMessages.PublishSpecInvalid, text, error), text)
            {
                RecommendedAction = ErrorMessages.PublishSpecInvalidAction,
            };
        }

        /// <summary>Docker's spelling of a protocol (tcp, udp, sctp), case-insensitive.</summary>
        public static bool TryParseProtocol(string? text, out TransportProtocol protocol)
        {
            switch ((text ?? string.Empty).ToLowerInvariant())
            {
                case "tcp":
                    protocol = TransportProtocol.Tcp;
                    return true;
                case "udp":
                    protocol = TransportProtocol.Udp;
                    return true;
                case "sctp":
                    protocol = TransportProtocol.Sctp;
                    return true;
                default:
                    protocol = TransportProtocol.Tcp;
                    return false;
            }
        }

        /// <summary>The spec that reproduces one binding ("127.0.0.1:8080:80/udp", "[::1]:9000:9000").</summary>
        public static string Format(PortBinding binding)
        {
            var ip = binding.HostIp.IndexOf(':') >= 0 ? "[" + binding.HostIp + "]" : binding.HostIp;
            var port = binding.HostPort == 0 ? string.Empty : binding.HostPort.ToString(CultureInfo.InvariantCulture);
            // "ip::80" keeps an ephemeral host port on a given address; "80" alone is ephemeral on all addresses.
            var head = ip.Length > 0 ? ip + ":" + port + ":" : port.Length > 0 ? port + ":" : string.Empty;
            var proto = binding.Protocol == TransportProtocol.Tcp ? string.Empty : "/" + binding.Protocol.ToString().ToLowerInvariant();
            return head + binding.ContainerPort.ToString(CultureInfo.InvariantCulture) + proto;
        }

        // Same split as docker: the last part is the container port, the one before it the host port, the rest the IP.
        private static void SplitParts(string raw, out string hostIp, out string hostPort, out string containerPort)
        {
            var parts = raw.Split(':');
            switch (parts.Length)
            {
                case 1:
                    hostIp = string.Empty;
                    hostPort = string.Empty;
                    containerPort = parts[0];
                    return;
                case 2:
                    hostIp = string.Empty;
                    hostPort = parts[0];
                    containerPort = parts[1];
                    return;
                default:
                    var n = parts.Length;
                    hostIp = string.Join(":", parts, 0, n - 2);
                    hostPort = parts[n - 2];
                    containerPort = parts[n - 1];
                    return;
            }
        }

        private static bool TryParseRange(string text, out int start, out int end)
        {
            start = end = 0;
            var dash = text.IndexOf('-');
            if (dash < 0)
            {
                if (!TryParsePort(text, out start)) return false;
                end = start;
                return true;
            }
            if (!TryParsePort(text.Substring(0, dash), out start) || !TryParsePort(text.Substring(dash + 1), out end)) return false;
            return end >= start;
        }

        private static bool TryParsePort(string text, out int port) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535 && text.Length > 0;

        private static bool IsIPAddress(string text) =>
            text.IndexOf('%') < 0
            && IPAddress.TryParse(text, out var address)
            && (address.AddressFamily == AddressFamily.InterNetworkV6 ? text.IndexOf(':') >= 0 : text.Split('.').Length == 4);
    }
}
