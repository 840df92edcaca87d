using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Docker.DotNet.Models;
using DockerNetTools.Model;
using SwarmService = DockerNetTools.Model.SwarmService;
using ApiService = Docker.DotNet.Models.SwarmService;

namespace DockerNetTools.Docker.Building
{
    /// <summary>The swarm part of the model from a manager's answers (a pure function, like <see cref="HostModelBuilder"/>).</summary>
    internal static class SwarmModelBuilder
    {
        public static SwarmInfo Build(SwarmSnapshot snapshot, IReadOnlyList<NetworkInfo> networks)
        {
            var swarm = new SwarmInfo { LocalNodeId = snapshot.LocalNodeId };
            string NetworkName(string? id) =>
                networks.FirstOrDefault(n => string.Equals(n.Id, id, StringComparison.Ordinal))?.Name ?? id ?? string.Empty;

            foreach (var node in snapshot.Nodes)
            {
                var info = new SwarmNode
                {
                    Id = node.ID ?? string.Empty,
                    Hostname = node.Description?.Hostname ?? string.Empty,
                    Role = string.Equals(node.Spec?.Role, "manager", StringComparison.OrdinalIgnoreCase) ? SwarmNodeRole.Manager : SwarmNodeRole.Worker,
                    Availability = Parse(node.Spec?.Availability, SwarmNodeAvailability.Active),
                    State = node.Status?.State ?? "unknown",
                };
                // Status.Addr is what the node advertises to the others; a manager's ManagerStatus.Addr has the port 2377 on it.
                if (IPAddress.TryParse(node.Status?.Addr, out var address)) info.Address = address;
                swarm.Nodes.Add(info);
            }
            foreach (var service in snapshot.Services)
            {
                var info = new SwarmService
                {
                    Id = service.ID ?? string.Empty,
                    Name = service.Spec?.Name ?? string.Empty,
                    Image = StripDigest(service.Spec?.TaskTemplate?.ContainerSpec?.Image),
                    EndpointMode = string.Equals(service.Spec?.EndpointSpec?.Mode, "dnsrr", StringComparison.OrdinalIgnoreCase) ? SwarmEndpointMode.Dnsrr : SwarmEndpointMode.Vip,
                    Replicas = service.Spec?.Mode?.Global != null ? null : (int?)(service.Spec?.Mode?.Replicated?.Replicas ?? 1),
                };
                foreach (var vip in service.Endpoint?.VirtualIPs ?? new List<EndpointVirtualIP>())
                {
                    var name = NetworkName(vip.NetworkID);
                    if (!info.Networks.Contains(name)) info.Networks.Add(name);
                    if (TryAddress(vip.Addr, out var addr)) info.VirtualIPs[name] = addr;
                }
                foreach (var attachment in service.Spec?.TaskTemplate?.Networks ?? new List<NetworkAttachmentConfig>())
                {
                    var name = NetworkName(attachment.Target);
                    if (!info.Networks.Contains(name)) info.Networks.Add(name);
                }
                foreach (var port in service.Endpoint?.Ports ?? new List<PortConfig>())
                    info.Ports.Add(new SwarmPort
                    {
                        Protocol = string.IsNullOrEmpty(port.Protocol) ? "tcp" : port.Protocol!.ToLowerInvariant(),
                        TargetPort = (int)(port.TargetPort ?? 0),
                        PublishedPort = (int)(port.PublishedPort ?? 0),
                        Mode = string.Equals(port.PublishMode, "host", StringComparison.OrdinalIgnoreCase) ? SwarmPublishMode.Host : SwarmPublishMode.Ingress,
                    });
                swarm.Services.Add(info);
            }
            foreach (var task in snapshot.Tasks)
            {
                var service = swarm.Services.FirstOrDefault(s => s.Id == task.ServiceID);
                var info = new SwarmTask
                {
                    Id = task.ID ?? string.Empty,
                    ServiceId = task.ServiceID ?? string.Empty,
                    ServiceName = service?.Name ?? task.ServiceID ?? string.Empty,
                    Slot = (int)(task.Slot ?? 0),
                    NodeId = task.NodeID ?? string.Empty,
                    ContainerId = task.Status?.ContainerStatus?.ContainerID,
                    State = task.Status?.State?.ToString().ToLowerInvariant() ?? "unknown",
                };
                // A task the orchestrator shut down keeps its old state; only one meant to run counts as running.
                if (task.DesiredState != TaskState.Running && info.Running) info.State = task.DesiredState?.ToString().ToLowerInvariant() ?? "shutdown";
                foreach (var attachment in task.NetworksAttachments ?? new List<NetworkAttachment>())
                {
                    var name = attachment.Network?.Spec?.Name ?? NetworkName(attachment.Network?.ID);
                    var first = attachment.Addresses?.FirstOrDefault(a => TryAddress(a, out _));
                    if (first != null && TryAddress(first, out var addr)) info.Addresses[name] = addr;
                }
                swarm.Tasks.Add(info);
            }
            return swarm;
        }

        /// <summary>An address in CIDR form (10.0.1.2/24) or plain.</summary>
        private static bool TryAddress(string? text, out IPAddress address)
        {
            address = IPAddress.None;
            if (string.IsNullOrEmpty(text)) return false;
            var slash = text!.IndexOf('/');
            return AddressText.TryParseIP(slash < 0 ? text : text.Substring(0, slash), out address);
        }

        private static string StripDigest(string? image)
        {
            if (string.IsNullOrEmpty(image)) return string.Empty;
            var at = image!.IndexOf('@');
            return at < 0 ? image : image.Substring(0, at);
        }

        private static T Parse<T>(string? text, T fallback) where T : struct =>
            Enum.TryParse<T>(text, true, out var value) ? value : fallback;
    }
}
