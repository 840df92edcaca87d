namespace DockerNetTools.Docker.Kernel
{
    /// <summary>One network interface as sysfs shows it in some namespace: name, ifindex, iflink (the veth peer's index), MAC, master.</summary>
    internal sealed class InterfaceRecord
    {
        public InterfaceRecord(string name, int ifIndex, int ifLink, string? macAddress, string? master)
        {
            Name = name;
            IfIndex = ifIndex;
            IfLink = ifLink;
            MacAddress = macAddress;
            Master = master;
        }

        public string Name { get; }
        public int IfIndex { get; }

        /// <summary>For a veth: the peer's ifindex (in the peer's namespace). Equal to IfIndex for devices without a peer.</summary>
        public int IfLink { get; }

        public string? MacAddress { get; }

        /// <summary>The bridge this interface is enslaved to, if any.</summary>
        public string? Master { get; }
    }
}
