using System;
using System.Collections.Generic;
using System.Net;
using System.Text;

namespace DockerNetTools.Docker.Probing
{
    /// <summary>
    /// The little of the DNS wire format (RFC 1035) a probe needs: one A or AAAA question, and the addresses in the answer.
    /// Written here rather than taken from a DNS library because the socket must be created inside the container's
    /// namespace, and libraries open (and may pool) their own sockets.
    /// </summary>
    internal static class DnsWire
    {
        public const ushort TypeA = 1;
        public const ushort TypeAaaa = 28;

        public static byte[] Query(ushort id, string name, ushort type)
        {
            var bytes = new List<byte>
            {
                (byte)(id >> 8), (byte)id,
                0x01, 0x00, // standard query, recursion desired (as a stub resolver asks)
                0, 1, 0, 0, 0, 0, 0, 0, // one question
            };
            foreach (var label in name.TrimEnd('.').Split('.'))
            {
                var text = Encoding.ASCII.GetBytes(label);
                if (text.Length == 0 || text.Length > 63) throw new ArgumentException("Not a DNS name: '" + name + "'.", nameof(name));
                bytes.Add((byte)text.Length);
                bytes.AddRange(text);
            }
            bytes.Add(0);
            bytes.Add((byte)(type >> 8));
            bytes.Add((byte)type);
            bytes.Add(0);
            bytes.Add(1); // class IN
            return bytes.ToArray();
        }

        public sealed class Answer
        {
            public Answer(int responseCode, bool truncated, IReadOnlyList<IPAddress> addresses)
            {
                ResponseCode = responseCode;
                Truncated = truncated;
                Addresses = addresses;
            }

            /// <summary>0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED.</summary>
            public int ResponseCode { get; }
            public bool Truncated { get; }
            public IReadOnlyList<IPAddress> Addresses { get; }

            public string ResponseCodeName => ResponseCode switch
            {
                0 => "NOERROR",
                1 => "FORMERR",
                2 => "SERVFAIL",
                3 => "NXDOMAIN",
                4 => "NOTIMP",
                5 => "REFUSED",
                _ => "RCODE " + ResponseCode,
            };
        }

        /// <summary>Reads a response to the query with <paramref name="id"/>; null when it is not one (wrong id, not a response, malformed).</summary>
        public static Answer? Parse(byte[] message, int length, ushort id, ushort type)
        {
            try
            {
                if (length < 12 || ((message[0] << 8) | message[1]) != id || (message[2] & 0x80) == 0) return null;
                var truncated = (message[2] & 0x02) != 0;
                var rcode = message[3] & 0x0F;
                var questions = (message[4] << 8) | message[5];
                var answers = (message[6] << 8) | message[7];
                var offset = 12;
                for (var i = 0; i < questions; i++)
                {
                    offset = SkipName(message, length, offset);
                    if (offset < 0) return null;
                    offset += 4;
                }
                var addresses = new List<IPAddress>();
                for (var i = 0; i < answers; i++)
                {
                    offset = SkipName(message, length, offset);
                    if (offset < 0 || offset + 10 > length) return null;
                    var recordType = (ushort)((message[offset] << 8) | message[offset + 1]);
                    var dataLength = (message[offset + 8] << 8) | message[offset + 9];
                    offset += 10;
                    if (offset + dataLength > length) return null;
                    // CNAME records come before the addresses they lead to; only the addresses matter here.
                    if (recordType == type && ((type == TypeA && dataLength == 4) || (type == TypeAaaa && dataLength == 16)))
                    {
                        var address = new byte[dataLength];
                        Buffer.BlockCopy(message, offset, address, 0, dataLength);
                        addresses.Add(new IPAddress(address));
                    }
                    offset += dataLength;
                }
                return new Answer(rcode, truncated, addresses);
            }
            catch (IndexOutOfRangeException)
            {
                return null;
            }
        }

        private static int SkipName(byte[] message, int length, int offset)
        {
            while (offset < length)
            {
                var size = message[offset];
                if (size == 0) return offset + 1;
                if ((size & 0xC0) == 0xC0) return offset + 2; // a compression pointer ends the name
                offset += size + 1;
            }
            return -1; // the name runs past the end of the message
        }
    }
}
