using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Analysis.Sockets;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.Diagnostics;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>What a name parameter stands for, which decides the property a piped result gives it.</summary>
    public enum PipedRole
    {
        /// <summary>Networks to select (Get-DockerNetTopology -Network).</summary>
        Network,

        /// <summary>Containers a result is about (-Container of Get-DockerNetInterface, -PortBinding, -Socket).</summary>
        Container,

        /// <summary>The container traffic or a lookup starts in (Test-DockerNetReachability -Source, Resolve-DockerNetName -From).</summary>
        Source,

        /// <summary>What is reached or looked up, by the name an application would use (-Destination, Resolve-DockerNetName -Name).</summary>
        Target,

        /// <summary>docker -p specs (Test-DockerNetPortConflict -Publish).</summary>
        Publish,
    }

    /// <summary>
    /// Turns a DockerNetTools result that reaches a name parameter (piped, or passed as an argument) into the names it
    /// stands for in that parameter's <see cref="PipedRole"/>, before PowerShell would turn it into text with ToString.
    /// Strings and other objects pass unchanged (they bind by value or by property name as usual). A result that names
    /// nothing in the role is refused: the PipelineInputNotSupported exception says which type arrived and what to pipe.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class PipedNameAttribute : ArgumentTransformationAttribute
    {
        public PipedNameAttribute(PipedRole role) => Role = role;

        public PipedRole Role { get; }

        /// <summary>A result type another parameter of the same cmdlet takes by value; it is left alone here.</summary>
        public Type? LeaveFor { get; set; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = Unwrap(inputData);
            if (value == null || value is string) return inputData;
            if (LeaveFor != null && LeaveFor.IsInstanceOfType(value)) return inputData;
            if (value is IEnumerable items)
            {
                var list = items.Cast<object?>().Select(Unwrap).ToList();
                if (!list.Any(IsResult)) return inputData;
                return list.SelectMany(i => i is string s ? new[] { s } : IsResult(i) ? NamesOf(i!) : new[] { Convert.ToString(i, CultureInfo.InvariantCulture) ?? string.Empty })
                    .ToArray();
            }
            return IsResult(value) ? NamesOf(value) : inputData;
        }

        /// <summary>The names a result stands for in <see cref="Role"/>; throws PipelineInputNotSupported when it names none.</summary>
        public string[] NamesOf(object result)
        {
            if (Role == PipedRole.Publish) throw Refused(Messages.PipedNotAPublishSpec, result.GetType().Name);
            switch (result)
            {
                case NetworkTopology network when Role == PipedRole.Network:
                    return new[] { network.Name };
                case ContainerInterface row when Role == PipedRole.Network:
                    return new[] { row.Network ?? throw Refused(Messages.PipedInterfaceWithoutNetwork, row.Container) };
                case NameAnswer answer when Role == PipedRole.Network:
                    return new[] { answer.Network ?? throw Refused(Messages.PipedAnswerWithoutNetwork, answer.Name) };
                // A ReachabilityResult is refused too: its NetworkUsed describes the path ("frontend -> backend", "loopback"), it is no name.
                case object _ when Role == PipedRole.Network:
                    throw Refused(Messages.PipedNotANetwork, result.GetType().Name);

                case ContainerInterface row:
                    return new[] { row.Container };
                case PortBindingReport binding:
                    return new[] { binding.Container };
                case SocketRow socket:
                    return new[] { socket.Container == SocketQuery.HostName ? throw Refused(Messages.PipedHostSocket) : socket.Container };
                case AttachedContainer attached:
                    return new[] { attached.Name };
                case NameAnswer answer:
                    return Role switch
                    {
                        PipedRole.Source => new[] { answer.From },
                        PipedRole.Target => new[] { answer.Name },
                        _ => new[] { answer.Container ?? throw Refused(Messages.PipedAnswerWithoutContainer, answer.Name, answer.IPAddress.ToString()) },
                    };
                case ReachabilityResult reach:
                    return Role switch
                    {
                        PipedRole.Source => new[] { reach.Source },
                        PipedRole.Target => new[] { reach.Destination },
                        // Both ends: the container the packet left and the one it was meant for.
                        _ => new[] { reach.Source, reach.DestinationContainer }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray(),
                    };
                default:
                    throw Refused(Messages.PipedNotAContainer, result.GetType().Name);
            }
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>An object of the module's own types (the core's results, or the cmdlet layer's).</summary>
        private static bool IsResult(object? value) =>
            value != null && (value.GetType().Assembly == typeof(NetworkTopology).Assembly || value.GetType().Assembly == typeof(PipedNameAttribute).Assembly);

        private static DockerNetException Refused(string template, params string[] arguments) =>
            new DockerNetException(ErrorIds.PipelineInputNotSupported, ErrorKind.InvalidArgument,
                string.Format(CultureInfo.CurrentCulture, template, arguments.Cast<object>().ToArray()), arguments.FirstOrDefault());
    }
}
