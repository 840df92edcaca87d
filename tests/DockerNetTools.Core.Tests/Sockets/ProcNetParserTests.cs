using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DockerNetTools.Kernel;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Sockets
{
    public class ProcNetParserTests
    {
        private static string Captured(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sockets", "TestData", file));

        private static ProcNetTable Table(string name)
        {
            Assert.True(ProcNetParser.TryGetProtocol(name, out var protocol));
            return ProcNetParser.Parse(Captured("proc-net-" + name + ".txt"), protocol);
        }

        [Theory]
        [InlineData("tcp", 11)]
        [InlineData("tcp6", 6)]
        [InlineData("udp", 3)]
        [InlineData("udp6", 2)]
        public void Parse_CapturedTable_ReadsEveryRowAndSkipsOnlyTheHeader(string name, int rows)
        {
            var table = Table(name);

            Assert.Equal(rows, table.Sockets.Count);
            Assert.Empty(table.Skipped);
        }

        // Expected rows, decoded by hand from the captured text and confirmed by ss-tuanpe.txt taken at the same instant.
        [Theory]
        [InlineData("tcp", 29891, "127.0.0.1", 18080, "0.0.0.0", 0, SocketState.Listen, 0, 0)]
        [InlineData("tcp", 25940, "0.0.0.0", 18001, "0.0.0.0", 0, SocketState.Listen, 0, 0)]
        [InlineData("tcp", 29893, "127.0.0.1", 18080, "127.0.0.1", 38938, SocketState.Established, 1234, 0)]
        [InlineData("tcp", 29892, "127.0.0.1", 38938, "127.0.0.1", 18080, SocketState.Established, 0, 0)]
        [InlineData("tcp", 29904, "127.0.0.1", 34662, "127.0.0.1", 18085, SocketState.CloseWait, 1, 0)]
        [InlineData("tcp6", 29894, "::", 18081, "::", 0, SocketState.Listen, 0, 0)]
        [InlineData("tcp6", 29897, "::1", 18083, "::", 0, SocketState.Listen, 0, 0)]
        [InlineData("tcp6", 29898, "::1", 38154, "::1", 18083, SocketState.Established, 0, 0)]
        [InlineData("tcp6", 29896, "::ffff:127.0.0.1", 18081, "::ffff:127.0.0.1", 49458, SocketState.Established, 0, 0)]
        [InlineData("udp", 29906, "127.0.0.1", 18082, "0.0.0.0", 0, SocketState.Unconnected, 832, 0)]
        [InlineData("udp", 29907, "127.0.0.1", 48590, "127.0.0.1", 18082, SocketState.Established, 0, 0)]
        [InlineData("udp6", 29908, "::1", 18086, "::", 0, SocketState.Unconnected, 0, 0)]
        [InlineData("udp6", 29909, "::", 18087, "::", 0, SocketState.Unconnected, 0, 0)]
        public void Parse_CapturedRow_DecodesAddressesPortsStateAndQueues(string table, long inode, string local, int localPort,
            string remote, int remotePort, SocketState state, long recvQ, long sendQ)
        {
            var row = Assert.Single(Table(table).Sockets, s => s.Inode == inode);

            Assert.Equal(local, row.LocalAddress.ToString());
            Assert.Equal(localPort, row.LocalPort);
            Assert.Equal(remote, row.RemoteAddress.ToString());
            Assert.Equal(remotePort, row.RemotePort);
            Assert.Equal(state, row.State);
            Assert.Equal(recvQ, row.RecvQ);
            Assert.Equal(sendQ, row.SendQ);
            Assert.Equal(0, row.Uid);
        }

        [Fact]
        public void Parse_TimeWaitAndFinWait2Rows_HaveInodeZeroAndFewerColumns()
        {
            var tcp = Table("tcp").Sockets;

            var timeWait = Assert.Single(tcp, s => s.State == SocketState.TimeWait);
            Assert.Equal(36012, timeWait.LocalPort);
            Assert.Equal(18084, timeWait.RemotePort);
            Assert.Equal(0, timeWait.Inode);
            var finWait2 = Assert.Single(tcp, s => s.State == SocketState.FinWait2);
            Assert.Equal(18085, finWait2.LocalPort);
        }

        [Fact]
        public void Parse_CapturedTables_AgreeWithSsTakenAtTheSameInstant()
        {
            var parsed = new[] { "tcp", "tcp6", "udp", "udp6" }.SelectMany(t => Table(t).Sockets).ToList();
            var ssRows = Captured("ss-tuanpe.txt").Split('\n').Skip(1).Where(l => l.Trim().Length > 0).Select(SsRow.Parse).ToList();

            Assert.Equal(ssRows.Count, parsed.Count);
            foreach (var ss in ssRows)
            {
                var match = parsed.Where(p => p.IsTcp == (ss.NetId == "tcp") && p.LocalPort == ss.LocalPort && p.RemotePort == ss.PeerPort
                                              && (ss.Inode == 0 || p.Inode == ss.Inode)).ToList();
                var row = Assert.Single(match);
                Assert.Equal(ss.State, row.State);
                Assert.Equal(ss.RecvQ, row.RecvQ);
                if (row.State != SocketState.Listen) Assert.Equal(ss.SendQ, row.SendQ);
                Assert.Equal(ss.Local, Render(row.LocalAddress, row.Protocol, ss.Local));
            }
        }

        // ss prints "*" for a dual-stack wildcard and "[::]" for a v6only one; both are :: in /proc.
        private static string Render(System.Net.IPAddress address, SocketProtocol protocol, string ssForm)
        {
            var v6 = protocol == SocketProtocol.Tcp6 || protocol == SocketProtocol.Udp6;
            if (v6 && address.Equals(System.Net.IPAddress.IPv6Any) && ssForm == "*") return "*";
            return v6 ? "[" + address + "]" : address.ToString();
        }

        private sealed class SsRow
        {
            public string NetId = "";
            public SocketState State;
            public long RecvQ, SendQ, Inode;
            public string Local = "";
            public int LocalPort, PeerPort;

            public static SsRow Parse(string line)
            {
                var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                var ino = Regex.Match(line, @"ino:(\d+)");
                var (local, localPort) = Split(f[4]);
                var (_, peerPort) = Split(f[5]);
                return new SsRow
                {
                    NetId = f[0],
                    State = f[1] switch
                    {
                        "ESTAB" => SocketState.Established,
                        "LISTEN" => SocketState.Listen,
                        "UNCONN" => SocketState.Unconnected,
                        "TIME-WAIT" => SocketState.TimeWait,
                        "FIN-WAIT-2" => SocketState.FinWait2,
                        "CLOSE-WAIT" => SocketState.CloseWait,
                        _ => SocketState.Unknown,
                    },
                    RecvQ = long.Parse(f[2], CultureInfo.InvariantCulture),
                    SendQ = long.Parse(f[3], CultureInfo.InvariantCulture),
                    Local = local,
                    LocalPort = localPort,
                    PeerPort = peerPort,
                    Inode = ino.Success ? long.Parse(ino.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                };
            }

            private static (string, int) Split(string endpoint)
            {
                var colon = endpoint.LastIndexOf(':');
                var port = endpoint.Substring(colon + 1);
                return (endpoint.Substring(0, colon), port == "*" ? 0 : int.Parse(port, CultureInfo.InvariantCulture));
            }
        }

        [Theory]
        [InlineData("   0: 0100007F:46A0 00000000:0000 0A", "at least 10 columns")]
        [InlineData("   0: 0100007G:46A0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 29891 1", "local address")]
        [InlineData("   0: 0100007F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 29891 1", "local address")]
        [InlineData("   0: 0100007F:46A0 00000000:0000 0F 00000000:00000000 00:00000000 00000000     0        0 29891 1", "state '0F'")]
        [InlineData("   0: 0100007F:46A0 00000000:0000 0A 00000000-00000000 00:00000000 00000000     0        0 29891 1", "queues")]
        [InlineData("   0: 0100007F:46A0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     x        0 29891 1", "uid")]
        [InlineData("   0: 0100007F:46A0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 -1 1", "inode")]
        [InlineData("   0: 00000000000000000000000001000000:46A3 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1", "IPv6 address in an IPv4 table")]
        [InlineData("garbage", "at least 10 columns")]
        public void TryParseLine_MalformedLine_FailsWithAReason(string line, string reason)
        {
            Assert.False(ProcNetParser.TryParseLine(line, SocketProtocol.Tcp, out var entry, out var error));
            Assert.Null(entry);
            Assert.Contains(reason, error);
        }

        [Fact]
        public void Parse_TableWithBadLines_KeepsTheGoodRowsAndReportsTheRestByLine()
        {
            var text = string.Join("\n", Captured("proc-net-tcp.txt").Split('\n').Take(3)) + "\n   9: truncated\n" +
                       "  10: 0100007F:46A0 00000000:0000 ZZ 00000000:00000000 00:00000000 00000000     0        0 29891 1\n";

            var table = ProcNetParser.Parse(text, SocketProtocol.Tcp);

            Assert.Equal(2, table.Sockets.Count);
            Assert.Equal(new[] { 4, 5 }, table.Skipped.Select(s => s.LineNumber));
            Assert.Contains("state 'ZZ'", table.Skipped[1].Reason);
        }

        [Fact]
        public void Parse_EmptyOrHeaderOnly_IsEmptyNotAnError()
        {
            Assert.Empty(ProcNetParser.Parse("", SocketProtocol.Udp).Sockets);
            var header = Captured("proc-net-udp.txt").Split('\n')[0];
            var table = ProcNetParser.Parse(header, SocketProtocol.Udp);
            Assert.Empty(table.Sockets);
            Assert.Empty(table.Skipped);
        }

        [Fact]
        public void TryParseLine_BigEndianKernel_ReadsWordsMostSignificantFirst()
        {
            const string line = "   0: 7F000001:0050 0A000002:C350 01 00000010:00000020 00:00000000 00000000  1000        0 42 1";

            Assert.True(ProcNetParser.TryParseLine(line, SocketProtocol.Tcp, out var entry, out _, bigEndianKernel: true));
            Assert.Equal("127.0.0.1", entry!.LocalAddress.ToString());
            Assert.Equal(80, entry.LocalPort);
            Assert.Equal("10.0.0.2", entry.RemoteAddress.ToString());
            Assert.Equal(50000, entry.RemotePort);
            Assert.Equal(16, entry.SendQ);
            Assert.Equal(32, entry.RecvQ);
            Assert.Equal(1000, entry.Uid);
        }

        [Theory]
        [InlineData(SocketProtocol.Tcp, 0x0A, SocketState.Listen)]
        [InlineData(SocketProtocol.Tcp, 0x01, SocketState.Established)]
        [InlineData(SocketProtocol.Tcp, 0x02, SocketState.SynSent)]
        [InlineData(SocketProtocol.Tcp, 0x03, SocketState.SynReceived)]
        [InlineData(SocketProtocol.Tcp, 0x04, SocketState.FinWait1)]
        [InlineData(SocketProtocol.Tcp, 0x06, SocketState.TimeWait)]
        [InlineData(SocketProtocol.Tcp6, 0x07, SocketState.Closed)]
        [InlineData(SocketProtocol.Tcp, 0x09, SocketState.LastAck)]
        [InlineData(SocketProtocol.Tcp, 0x0B, SocketState.Closing)]
        [InlineData(SocketProtocol.Udp, 0x07, SocketState.Unconnected)]
        [InlineData(SocketProtocol.Udp6, 0x01, SocketState.Established)]
        public void ToState_KernelCode_MapsToTheNamedState(SocketProtocol protocol, int code, SocketState state) =>
            Assert.Equal(state, ProcNetParser.ToState(protocol, code));
    }
}
