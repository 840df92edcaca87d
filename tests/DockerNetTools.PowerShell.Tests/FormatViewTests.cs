using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>The module's .format.ps1xml views as dnt prints them (Out-Default through dnt's PSHost, 120 columns).</summary>
    public sealed class FormatViewTests
    {
        [Fact]
        public void InterfaceView_SeedNotesPictureInARow()
        {
            var result = DntRunner.InProcess("Get-DockerNetInterface -Scenario SeedLab -Container ubuntuA, ubuntuC, targetcontainer, nonetest");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Matches(@"(?m)^Container\s+Interface\s+IPAddress\s+HostVeth\s+Bridge\s+Network\s+Note\s*$", result.Output);
            Assert.Matches(@"(?m)^ubuntuA\s+eth0\s+172\.17\.0\.2\s+veth[0-9a-f]{7}\s+docker0\s+bridge\s*$", result.Output);
            Assert.Matches(@"(?m)^ubuntuC\s+eth0\s+10\.0\.0\.2\s+veth[0-9a-f]{7}\s+br-[0-9a-f]{12}\s+second-bridge\s*$", result.Output);
            Assert.Matches(@"(?m)^targetcontainer\s+eth0\s+172\.18\.\d+\.\d+\s+veth[0-9a-f]{7}\s+br-[0-9a-f]{12}\s+bridgetest\s+shares sourcecontainer's\s*\n\s+namespace\s*$", result.Output);
            Assert.Matches(@"(?m)^nonetest\s+lo\s+127\.0\.0\.1\s+none\s+loopback only", result.Output);
        }

        [Fact]
        public void TopologyView_OneRowPerNetworkWithContainerNames()
        {
            var result = DntRunner.InProcess("Get-DockerNetTopology -Scenario SeedLab -Network bridge, second-bridge");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Matches(@"(?m)^Name\s+Driver\s+Bridge\s+Subnet\s+Gateway\s+Icc\s+Internal\s+Containers\s*$", result.Output);
            Assert.Matches(@"(?m)^second-bridge\s+bridge\s+br-[0-9a-f]{12}\s+10\.0\.0\.0/24\s+10\.0\.0\.1\s+True\s+False\s+.*ubuntuC", result.Output);
            Assert.Matches(@"(?m)^bridge\s+bridge\s+docker0\s+172\.17\.0\.0/16\s+172\.17\.0\.1\s+True\s+False\s+.*ubuntuA", result.Output);
        }

        [Fact]
        public void AttachedContainerView_ShowsAddressWithPrefix()
        {
            var result = DntRunner.InProcess("(Get-DockerNetTopology -Scenario SeedLab -Network second-bridge).Containers");

            Assert.Matches(@"(?m)^Name\s+IPv4\s+IPv6Address\s+MacAddress\s+HostVeth\s+Aliases\s*$", result.Output);
            Assert.Matches(@"(?m)^ubuntuC\s+10\.0\.0\.2/24\s+02:42:0a:00:00:02\s+veth[0-9a-f]{7}", result.Output);
        }

        private const string DualStackLab =
            "networks:\n  - { name: v6net, subnet: 172.30.0.0/24 }\n"
            + "containers:\n  - { name: dual, network: v6net, ipv6: 'fd00:abcd::2', networks: [ { name: bridge, ipv6: '2001:db8:1::242:ac11:2' } ] }\n"
            + "  - { name: v4only, network: v6net }\n";

        [Fact]
        public void InterfaceView_IPv6Address_UnderTheIPv4AddressInTheSameColumn()
        {
            using var temp = new TempFolder();
            var path = System.IO.Path.Combine(temp.Path, "v6.yaml");
            System.IO.File.WriteAllText(path, DualStackLab);

            var result = DntRunner.InProcess("Get-DockerNetInterface -Scenario '" + path + "'");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Matches(@"(?m)^Container\s+Interface\s+IPAddress\s+HostVeth\s+Bridge\s+Network\s+Note\s*$", result.Output);
            // The second line of dual's eth0 row holds its IPv6 address, in the IPAddress column (26 columns in).
            Assert.Matches(@"(?m)^dual\s+eth0\s+172\.30\.0\.2\s+veth[0-9a-f]{7}\s+br-[0-9a-f]{12}\s+v6net\s*\n {26}fd00:abcd::2\s*$", result.Output);
            // The column fits an IPv6 address as Docker hands them out, whole, and the row stays within 120 columns.
            Assert.Matches(@"(?m)^dual\s+eth1\s+172\.17\.0\.2\s+veth[0-9a-f]{7}\s+docker0\s+bridge\s*\n {26}2001:db8:1::242:ac11:2\s*$", result.Output);
            Assert.Matches(@"(?m)^v4only\s+eth0\s+172\.30\.0\.3\s+veth[0-9a-f]{7}\s+br-[0-9a-f]{12}\s+v6net *$", result.Output);
            Assert.All(result.Output.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 120, line));
        }

        [Fact]
        public void AttachedContainerView_IPv6ColumnFilledWhenTheEndpointHasOne()
        {
            using var temp = new TempFolder();
            var path = System.IO.Path.Combine(temp.Path, "v6.yaml");
            System.IO.File.WriteAllText(path, DualStackLab);

            var result = DntRunner.InProcess("(Get-DockerNetTopology -Scenario '" + path + "' -Network v6net).Containers");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Matches(@"(?m)^dual\s+172\.30\.0\.2/24\s+fd00:abcd::2\s+02:42:ac:1e:00:02\s+veth[0-9a-f]{7}\s*$", result.Output);
            Assert.Matches(@"(?m)^v4only\s+172\.30\.0\.3/24\s+02:42:ac:1e:00:03\s+veth[0-9a-f]{7}\s*$", result.Output);
        }

        // Compose-style names and IPv6 sockets: the columns that hold the answer wrap inside the column, never cut with "…"
        // (only the topology's container list is cut on purpose: (Get-DockerNetTopology X).Containers lists them all).
        private const string ComposeLab =
            "host: { addresses: [192.168.100.200] }\n"
            + "networks:\n  - { name: myproject_backend, subnet: 10.210.0.0/24 }\n"
            + "containers:\n"
            + "  - name: myproject_postgres_primary_1\n    network: myproject_backend\n    ipv6: 'fd00:dead:beef:cafe::15'\n"
            + "    aliases: [database.internal.example.com]\n    publish: ['192.168.100.200:15432:5432']\n"
            + "    sockets: [ { protocol: tcp, local: '0.0.0.0:5432', state: listen, process: postgres } ]\n"
            + "  - name: myproject_api_gateway_1\n    network: myproject_backend\n"
            + "    sockets: [ { protocol: tcp6, local: '[fd00:dead:beef:cafe::16]:41235', remote: '[fd00:dead:beef:cafe::15]:5432', state: established, process: node } ]\n";

        private static DntResult OnComposeLab(string command, bool cutAllowed = false)
        {
            using var temp = new TempFolder();
            var path = System.IO.Path.Combine(temp.Path, "compose.yaml");
            System.IO.File.WriteAllText(path, ComposeLab);
            var result = DntRunner.InProcess(command.Replace("LAB", "'" + path + "'"));
            Assert.True(result.ExitCode == 0, result.ToString());
            if (!cutAllowed) Assert.DoesNotContain("\u2026", result.Output);
            Assert.All(result.Output.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 120, line));
            return result;
        }

        [Fact]
        public void NameAnswerView_LongNamesWrapInsideTheirColumns()
        {
            var result = OnComposeLab("Resolve-DockerNetName -Scenario LAB -Name database.internal.example.com -From myproject_api_gateway_1");

            Assert.Matches(@"(?m)^From\s+Name\s+IPAddress\s+Container\s+Network\s+RecordKind\s+Server\s+RoundRobin\s*$", result.Output);
            Assert.Matches(@"(?m)^myproject_api_g database\.internal\.exa 10\.210\.0\.2\s+myproject_postg myproject_bac Alias\s+127\.0\.0\.11\s+False\s*\n"
                           + @"ateway_1\s+mple\.com\s+res_primary_1\s+kend\s*$", result.Output);
        }

        [Fact]
        public void SocketView_IPv6AddressKeepsItsPort()
        {
            var result = OnComposeLab("Get-DockerNetSocket -Scenario LAB -Container myproject_api_gateway_1");

            Assert.Matches(@"(?m)^tcp6\s+Established\s+0\s+0 \[fd00:dead:beef:cafe::16\]:41235\s+\[fd00:dead:beef:cafe::15\]:5432\s+node\s*$", result.Output);
        }

        [Fact]
        public void SocketView_HostModeHeadingDoesNotListTheHostAsAnotherSharer()
        {
            var result = DntRunner.InProcess("Get-DockerNetSocket -Scenario SeedLab -Container hostnettest -IncludeHost -State Listen");

            Assert.Contains("   Container: hostnettest (the host's namespace), shared with ubuntu-host\n", result.Output.Replace("\r", string.Empty));
            Assert.Contains("   Container: (host), shared with hostnettest, ubuntu-host\n", result.Output.Replace("\r", string.Empty));
        }

        [Fact]
        public void PortBindingView_HostAddressAndPortInOneColumn()
        {
            var result = OnComposeLab("Get-DockerNetPortBinding -Scenario LAB");

            Assert.Matches(@"(?m)^myproject_postgr 192\.168\.100\.200:15432 5432/tcp\s+Ok\s+postgres listens on 0\.0\.0\.0:5432\.\s*\nes_primary_1\s*$", result.Output);
        }

        [Fact]
        public void TopologyView_NetworkNameOfTwentyCharactersFits()
        {
            var result = OnComposeLab("Get-DockerNetTopology -Scenario LAB -Network myproject_backend", cutAllowed: true);

            Assert.Matches(@"(?m)^myproject_backend\s+bridge\s+br-[0-9a-f]{12}\s+10\.210\.0\.0/24\s+10\.210\.0\.1\s+True\s+False\s+\(2\) myproject_postgres", result.Output);
        }

        [Fact]
        public void UnknownContainer_PrintedWithErrorIdAndExitOne()
        {
            var result = DntRunner.InProcess("Get-DockerNetInterface -Scenario SeedLab -Container ubuntuX");

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(string.Empty, result.Output.Trim());
            Assert.StartsWith("Get-DockerNetInterface: No container named 'ubuntuX' on scenario SeedLab. Did you mean: ubuntuA, ubuntuB, ubuntuC? " +
                              "(ContainerNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand)", result.Error);
        }
    }
}
