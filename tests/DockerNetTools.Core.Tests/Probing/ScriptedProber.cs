using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Dns;
using DockerNetTools.Analysis.Probing;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Probing
{
    /// <summary>A prober that answers what a test tells it and records what it was asked.</summary>
    internal sealed class ScriptedProber : IReachabilityProber
    {
        private readonly Func<IPAddress, ProbeObservation> _connect;
        private readonly Func<string, ProbeObservation> _resolve;

        public ScriptedProber(Func<IPAddress, ProbeObservation>? connect = null, Func<string, ProbeObservation>? resolve = null)
        {
            _connect = connect ?? (a => ProbeObservation.NotRun("not scripted", a));
            _resolve = resolve ?? (_ => ProbeObservation.NotRun("not scripted"));
        }

        public List<string> Asked { get; } = new List<string>();

        public Task<ProbeObservation> ProbeConnectAsync(ContainerInfo source, IPAddress destination, int? port, ReachabilityProtocol protocol,
            TimeSpan timeout, CancellationToken cancellationToken)
        {
            Asked.Add(source.Name + " " + destination + " " + protocol + (port.HasValue ? "/" + port : string.Empty));
            return Task.FromResult(_connect(destination));
        }

        public Task<ProbeObservation> ProbeResolveAsync(ContainerInfo source, string name, RecordType type, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Asked.Add(source.Name + " resolve " + name);
            return Task.FromResult(_resolve(name));
        }

        public void Dispose()
        {
        }

        public static ProbeObservation Saw(ProbeOutcome outcome, string detail = "scripted") =>
            new ProbeObservation(outcome, ProbeMethods.SetnsSocket, detail);

        public static ProbeObservation Got(params string[] addresses) =>
            new ProbeObservation(ProbeOutcome.Resolved, ProbeMethods.SetnsDns, "scripted", addresses: Array.ConvertAll(addresses, IPAddress.Parse));
    }
}
