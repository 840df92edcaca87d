using System;
using System.Net;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>ICMPv4 echo request and reply packets (RFC 792), for a raw socket: replies arrive with their IPv4 header.</summary>
    internal static class IcmpEcho
    {
        public const byte EchoReply = 0;
        public const byte DestinationUnreachable = 3;
        public const byte EchoRequest = 8;

        public static byte[] Request(ushort identifier, ushort sequence)
        {
            var payload = System.Text.Encoding.ASCII.GetBytes("DockerNetTools probe");
            var packet = new byte[8 + payload.Length];
            packet[0] = EchoRequest;
            packet[4] = (byte)(identifier >> 8);
            packet[5] = (byte)identifier;
            packet[6] = (byte)(sequence >> 8);
            packet[7] = (byte)sequence;
            Buffer.BlockCopy(payload, 0, packet, 8, payload.Length);
            var checksum = Checksum(packet, 0, packet.Length);
            packet[2] = (byte)(checksum >> 8);
            packet[3] = (byte)checksum;
            return packet;
        }

        /// <summary>What a received datagram (IPv4 header + ICMP) says about our echo to <paramref name="target"/>; null when it is not about it.</summary>
        public static byte? Classify(byte[] datagram, int length, IPAddress target, ushort identifier, ushort sequence)
        {
            if (length < 20) return null;
            var headerLength = (datagram[0] & 0x0F) * 4;
            if (length < headerLength + 8) return null;
            var source = new IPAddress(new[] { datagram[12], datagram[13], datagram[14], datagram[15] });
            var type = datagram[headerLength];
            if (type == EchoReply)
                return source.Equals(target) && Matches(datagram, headerLength + 4, identifier, sequence) ? EchoReply : (byte?)null;
            if (type != DestinationUnreachable) return null;
            // The error quotes our packet: its IPv4 header (destination at 16..19) and the first 8 bytes of our echo.
            var quoted = headerLength + 8;
            if (length < quoted + 20) return null;
            var quotedHeader = (datagram[quoted] & 0x0F) * 4;
            if (length < quoted + quotedHeader + 8) return null;
            var quotedDestination = new IPAddress(new[] { datagram[quoted + 16], datagram[quoted + 17], datagram[quoted + 18], datagram[quoted + 19] });
            return quotedDestination.Equals(target) && datagram[quoted + quotedHeader] == EchoRequest
                   && Matches(datagram, quoted + quotedHeader + 4, identifier, sequence)
                ? DestinationUnreachable
                : (byte?)null;
        }

        private static bool Matches(byte[] data, int offset, ushort identifier, ushort sequence) =>
            ((data[offset] << 8) | data[offset + 1]) == identifier && ((data[offset + 2] << 8) | data[offset + 3]) == sequence;

        public static ushort Checksum(byte[] data, int offset, int length)
        {
            uint sum = 0;
            for (var i = 0; i + 1 < length; i += 2) sum += (uint)((data[offset + i] << 8) | data[offset + i + 1]);
            if ((length & 1) == 1) sum += (uint)(data[offset + length - 1] << 8);
            while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
            return (ushort)~sum;
        }
    }
}
