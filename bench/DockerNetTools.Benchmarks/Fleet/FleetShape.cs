using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DockerNetTools.Benchmarks.Fleet
{
    /// <summary>
    /// The benchmark's containers and networks: fixed names under one prefix so runs reuse what an earlier run left
    /// (--keep) and never touch anybody else's objects on the shared test daemon.
    /// </summary>
    internal static class FleetShape
    {
        public const string Prefix = "dntbench-";
        public const string Label = "dntbench";
        public const string Image = "dnt-busybox:latest";
        public const int ContainerCount = 100;
        public const int NetworkCount = 10;
        public const int FirstPort = 7000;

        /// <summary>An address outside the host (198.18.0.0/15, the range for test networks) for the edge question; nothing is sent to it.</summary>
        public const string OutsideAddress = "198.18.61.10";

        /// <summary>10.197.N.0/24: fixed subnets so the daemon's default pools (shared with the other tests) are not used up.</summary>
        public static string SubnetOf(int network) => "10.197." + network.ToString(CultureInfo.InvariantCulture) + ".0/24";

        public static string NetworkName(int network) => Prefix + "net" + network.ToString("00", CultureInfo.InvariantCulture);

        public static string ContainerName(int index) => Prefix + "c" + index.ToString("000", CultureInfo.InvariantCulture);

        /// <summary>Ten neighbours per network: c000..c009 on net00, c010..c019 on net01, ...</summary>
        public static int NetworkOf(int index) => index / (ContainerCount / NetworkCount);

        /// <summary>Each container listens on its own TCP port, so every one has a socket and every pair a distinct service.</summary>
        public static int PortOf(int index) => FirstPort + index;

        public static IReadOnlyList<string> ContainerNames { get; } = Enumerable.Range(0, ContainerCount).Select(ContainerName).ToList();

        public static IReadOnlyList<string> NetworkNames { get; } = Enumerable.Range(0, NetworkCount).Select(NetworkName).ToList();

        /// <summary>busybox nc has no -k: -ll with -e keeps listening after each connection.</summary>
        public static IList<string> CommandOf(int index) =>
            new List<string> { "nc", "-ll", "-p", PortOf(index).ToString(CultureInfo.InvariantCulture), "-e", "/bin/cat" };
    }
}
