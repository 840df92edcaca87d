using System.Linq;
using System.Net;
using System.Net.Sockets;
using DockerNetTools.Docker.Probing;
using Xunit;

namespace DockerNetTools.Docker.Tests.Probing
{
    /// <summary>The DNS question/answer codec, the ICMP echo codec, and the hosts-file, resolv.conf and nslookup readers.</summary>
    public class WireFormatTests
    {
        [Fact]
        public void Query_OneAQuestion_EncodedAsRfc1035()
        {
            var query = DnsWire.Query(0x1234, "db.appnet", DnsWire.TypeA);
            Assert.Equal(new byte[] { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 2, (byte)'d', (byte)'b', 6, (byte)'a', (byte)'p', (byte)'p', (byte)'n', (byte)'e', (byte)'t', 0, 0, 1, 0, 1 }, query);
        }

        [Fact]
        public void Parse_AnswerWithCompressedNamesAndCname_ReturnsTheAddresses()
        {
            var question = DnsWire.Query(7, "site", DnsWire.TypeA);
            var response = question.ToList();
            response[2] = 0x81; response[3] = 0x80; // response, RD, RA, NOERROR
            response[7] = 3;                         // three answers
            // site CNAME web (pointer to the question name at offset 12), then two A records for it.
            response.AddRange(new byte[] { 0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 5, 3, (byte)'w', (byte)'e', (byte)'b', 0 });
            response.AddRange(new byte[] { 0xC0, 12, 0, 1, 0, 1, 0, 0, 2, 88, 0, 4, 172, 19, 0, 3 });
            response.AddRange(new byte[] { 0xC0, 12, 0, 1, 0, 1, 0, 0, 2, 88, 0, 4, 172, 19, 0, 4 });
            var bytes = response.ToArray();

            var answer = DnsWire.Parse(bytes, bytes.Length, 7, DnsWire.TypeA);

            Assert.NotNull(answer);
            Assert.Equal("NOERROR", answer!.ResponseCodeName);
            Assert.Equal(new[] { "172.19.0.3", "172.19.0.4" }, answer.Addresses.Select(a => a.ToString()));
        }

        [Fact]
        public void Parse_NxDomain_NoAddresses()
        {
            var bytes = DnsWire.Query(9, "nosuch", DnsWire.TypeA);
            bytes[2] = 0x81; bytes[3] = 0x83;
            var answer = DnsWire.Parse(bytes, bytes.Length, 9, DnsWire.TypeA);
            Assert.Equal("NXDOMAIN", answer!.ResponseCodeName);
            Assert.Empty(answer.Addresses);
        }

        [Fact]
        public void Parse_OtherIdOrAQuery_Ignored()
        {
            var bytes = DnsWire.Query(9, "x", DnsWire.TypeA);
            Assert.Null(DnsWire.Parse(bytes, bytes.Length, 9, DnsWire.TypeA)); // not a response
            bytes[2] = 0x81;
            Assert.Null(DnsWire.Parse(bytes, bytes.Length, 10, DnsWire.TypeA));
        }

        [Theory]
        [InlineData(15)] // inside the question's name
        [InlineData(27)] // the question ends, the promised answer is missing
        public void Parse_TruncatedResponse_ReturnsNull(int length)
        {
            var bytes = DnsWire.Query(9, "db.appnet", DnsWire.TypeA);
            bytes[2] = 0x81; bytes[3] = 0x80;
            bytes[7] = 1; // one answer
            Assert.Null(DnsWire.Parse(bytes, length, 9, DnsWire.TypeA));
        }

        [Fact]
        public void EchoRequest_ChecksumVerifies()
        {
            var packet = IcmpEcho.Request(0xBEEF, 3);
            Assert.Equal(IcmpEcho.EchoRequest, packet[0]);
            Assert.Equal(0, IcmpEcho.Checksum(packet, 0, packet.Length));
        }

        [Fact]
        public void Classify_ReplyFromTarget_MatchesOnlyOurIdentifierAndSequence()
        {
            var target = IPAddress.Parse("172.19.0.3");
            var reply = Ipv4(target, Echo(IcmpEcho.EchoReply, 0xBEEF, 3));
            Assert.Equal(IcmpEcho.EchoReply, IcmpEcho.Classify(reply, reply.Length, target, 0xBEEF, 3));
            Assert.Null(IcmpEcho.Classify(reply, reply.Length, target, 0xBEEF, 4));
            Assert.Null(IcmpEcho.Classify(reply, reply.Length, IPAddress.Parse("172.19.0.4"), 0xBEEF, 3));
            var ourRequestSeenOnLoopback = Ipv4(target, Echo(IcmpEcho.EchoRequest, 0xBEEF, 3));
            Assert.Null(IcmpEcho.Classify(ourRequestSeenOnLoopback, ourRequestSeenOnLoopback.Length, target, 0xBEEF, 3));
        }

        [Fact]
        public void Classify_DestinationUnreachableQuotingOurEcho_Unreachable()
        {
            var target = IPAddress.Parse("10.0.0.9");
            var quoted = Ipv4(IPAddress.Parse("10.0.0.2"), Echo(IcmpEcho.EchoRequest, 0xBEEF, 3), destination: target);
            var error = new byte[] { IcmpEcho.DestinationUnreachable, 1, 0, 0, 0, 0, 0, 0 }.Concat(quoted).ToArray();
            var datagram = Ipv4(IPAddress.Parse("10.0.0.2"), error);
            Assert.Equal(IcmpEcho.DestinationUnreachable, IcmpEcho.Classify(datagram, datagram.Length, target, 0xBEEF, 3));
        }

        [Fact]
        public void HostsLookup_DockerHostsFile_FamilyAndCaseAware()
        {
            const string hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n172.17.0.2\tlinktest1 3f2a9c1b7d10  # --link\n172.17.0.3\t5a1e0c9d2b44\n";
            Assert.Equal(new[] { "172.17.0.2" }, HostsFileText.Lookup(hosts, "LinkTest1", AddressFamily.InterNetwork).Select(a => a.ToString()));
            Assert.Equal(new[] { "::1" }, HostsFileText.Lookup(hosts, "localhost", AddressFamily.InterNetworkV6).Select(a => a.ToString()));
            Assert.Empty(HostsFileText.Lookup(hosts, "link", AddressFamily.InterNetwork));
            Assert.Empty(HostsFileText.Lookup(hosts, "--link", AddressFamily.InterNetwork));
        }

        [Fact]
        public void Nameservers_ResolvConf()
        {
            Assert.Equal(new[] { "127.0.0.11" }, HostsFileText.Nameservers("search lan\nnameserver 127.0.0.11\noptions ndots:0\n"));
        }

        [Fact]
        public void NslookupAddresses_BusyboxOutput_SkipsTheServerLines()
        {
            const string output = "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tbee\nAddress: 172.19.0.3\nName:\tbee\nAddress: 172.19.0.5\n";
            Assert.Equal(new[] { "172.19.0.3", "172.19.0.5" }, ExecProbes.NslookupAddresses(output, AddressFamily.InterNetwork).Select(a => a.ToString()));
            Assert.Empty(ExecProbes.NslookupAddresses("Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find nosuch: NXDOMAIN\n", AddressFamily.InterNetwork));
        }

        private static byte[] Echo(byte type, ushort id, ushort sequence)
        {
            var packet = IcmpEcho.Request(id, sequence);
            packet[0] = type;
            return packet;
        }

        private static byte[] Ipv4(IPAddress source, byte[] payload, IPAddress? destination = null)
        {
            var header = new byte[20];
            header[0] = 0x45;
            header[9] = 1;
            source.GetAddressBytes().CopyTo(header, 12);
            (destination ?? IPAddress.Parse("172.19.0.2")).GetAddressBytes().CopyTo(header, 16);
            return header.Concat(payload).ToArray();
        }
    }
}
