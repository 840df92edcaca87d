using System.Collections.Generic;
using DockerNetTools.Model;

namespace DockerNetTools.Backends.Scenario
{
    /// <summary>Socket state names as a scenario may spell them: the kernel's (TIME_WAIT), ss's (TIME-WAIT, UNCONN) or ours (TimeWait).</summary>
    internal static class SocketStates
    {
        private static readonly Dictionary<string, SocketState> Names = new Dictionary<string, SocketState>
        {
            ["established"] = SocketState.Established,
            ["estab"] = SocketState.Established,
            ["synsent"] = SocketState.SynSent,
            ["synrecv"] = SocketState.SynReceived,
            ["synreceived"] = SocketState.SynReceived,
            ["finwait1"] = SocketState.FinWait1,
            ["finwait2"] = SocketState.FinWait2,
            ["timewait"] = SocketState.TimeWait,
            ["close"] = SocketState.Closed,
            ["closed"] = SocketState.Closed,
            ["closewait"] = SocketState.CloseWait,
            ["lastack"] = SocketState.LastAck,
            ["listen"] = SocketState.Listen,
            ["closing"] = SocketState.Closing,
            ["newsynrecv"] = SocketState.NewSynReceived,
            ["unconn"] = SocketState.Unconnected,
            ["unconnected"] = SocketState.Unconnected,
            ["unknown"] = SocketState.Unknown,
        };

        /// <summary>The names a user may write, for the error message.</summary>
        public static string Known =>
            "listen, established, syn_sent, syn_recv, fin_wait1, fin_wait2, time_wait, close, close_wait, last_ack, closing, unconnected";

        public static bool TryParse(string text, out SocketState state) =>
            Names.TryGetValue(text.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant(), out state);

        /// <summary>The kernel's spelling (TIME_WAIT), which a reload accepts.</summary>
        public static string Format(SocketState state) => state switch
        {
            SocketState.Established => "established",
            SocketState.SynSent => "syn_sent",
            SocketState.SynReceived => "syn_recv",
            SocketState.FinWait1 => "fin_wait1",
            SocketState.FinWait2 => "fin_wait2",
            SocketState.TimeWait => "time_wait",
            SocketState.Closed => "close",
            SocketState.CloseWait => "close_wait",
            SocketState.LastAck => "last_ack",
            SocketState.Listen => "listen",
            SocketState.Closing => "closing",
            SocketState.NewSynReceived => "new_syn_recv",
            SocketState.Unconnected => "unconnected",
            _ => "unknown",
        };
    }
}
