using System.Collections.Generic;
using System.Linq;

namespace DockerNetTools.Model
{
    /// <summary>
    /// Socket state names as people write them: ours as the views show them (TimeWait), the kernel's (TIME_WAIT) and ss's
    /// (TIME-WAIT, ESTAB, UNCONN), in any case. One parser for scenario files and for Get-DockerNetSocket -State.
    /// </summary>
    public static class SocketStates
    {
        // Keys are lower case without '_' and '-', so time_wait, TIME-WAIT and TimeWait meet at "timewait".
        private static readonly Dictionary<string, SocketState> Spellings = new Dictionary<string, SocketState>
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
            ["newsynreceived"] = SocketState.NewSynReceived,
            ["unconn"] = SocketState.Unconnected,
            ["unconnected"] = SocketState.Unconnected,
            ["unknown"] = SocketState.Unknown,
        };

        /// <summary>The states as the views show them, most asked for first: what tab completion offers and an error lists.</summary>
        public static IReadOnlyList<string> DisplayNames { get; } = new[]
        {
            SocketState.Listen, SocketState.Established, SocketState.TimeWait, SocketState.CloseWait, SocketState.Unconnected,
            SocketState.SynSent, SocketState.SynReceived, SocketState.FinWait1, SocketState.FinWait2, SocketState.LastAck,
            SocketState.Closing, SocketState.Closed, SocketState.NewSynReceived, SocketState.Unknown,
        }.Select(s => s.ToString()).ToArray();

        /// <summary>The kernel's spellings a scenario file may use, for its error message.</summary>
        public static string Known =>
            "listen, established, syn_sent, syn_recv, fin_wait1, fin_wait2, time_wait, close, close_wait, last_ack, closing, unconnected";

        /// <summary>Reads any of the spellings above, case-insensitively.</summary>
        public static bool TryParse(string? text, out SocketState state)
        {
            state = SocketState.Unknown;
            return text != null && Spellings.TryGetValue(text.Trim().Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant(), out state);
        }

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
