$ErrorActionPreference = 'Stop'; Set-StrictMode -Version Latest

# Pester 5 tests of the built module in a real pwsh, run by CI after `dotnet test`: `dotnet build`, then
# `dotnet tool restore; dotnet pwsh -File build/Invoke-PesterTests.ps1` (or `./build.ps1 Test`). The same behaviour is
# tested more deeply by tests/DockerNetTools.PowerShell.Tests (xunit hosting the PowerShell engine).

BeforeAll {
    $repositoryRoot = Split-Path -Parent $PSScriptRoot
    $manifestPath = Join-Path $repositoryRoot 'DockerNetTools.psd1'
    Import-Module $manifestPath -Force
}

AfterAll {
    Remove-Module DockerNetTools -ErrorAction SilentlyContinue
}

Describe 'DockerNetTools module' {
    It 'exports exactly the cmdlets its manifest lists' {
        $listed = (Import-PowerShellDataFile -Path $manifestPath).CmdletsToExport | Sort-Object
        $exported = Get-Command -Module DockerNetTools | ForEach-Object Name | Sort-Object
        $exported | Should -Be $listed
    }

    It 'has the ModuleVersion of Directory.Build.props' {
        $props = [xml](Get-Content -LiteralPath (Join-Path $repositoryRoot 'Directory.Build.props') -Raw)
        $version = $props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ } | Select-Object -First 1
        (Get-Module DockerNetTools).Version | Should -Be ([version]$version)
    }
}

Describe 'Connect-DockerNet' {
    AfterEach {
        Disconnect-DockerNet
    }

    It 'makes SeedLab the session default' {
        Connect-DockerNet -Scenario SeedLab
        $row = Get-DockerNetInterface -Container ubuntuC
        $row.IPAddress.ToString() | Should -Be '10.0.0.2'
    }

    It 'returns the connection with -PassThru' {
        $connection = Connect-DockerNet -Scenario SeedLab -PassThru
        $connection.Backend | Should -Be 'Scenario'
        $connection.Target | Should -Be 'SeedLab'
    }

    It 'fails at connect time for a missing scenario file' {
        { Connect-DockerNet -Scenario (Join-Path $TestDrive 'missing.yaml') } |
            Should -Throw -ErrorId 'ScenarioNotFound,DockerNetTools.PowerShell.Commands.ConnectDockerNetCommand'
    }

    It 'resolves a relative path against the current location' {
        Set-Content -LiteralPath (Join-Path $TestDrive 'lab.yaml') -Value "containers:`n  - name: only`n"
        Push-Location $TestDrive
        try {
            $connection = Connect-DockerNet -Scenario ./lab.yaml -PassThru
        }
        finally {
            Pop-Location
        }
        $connection.Target | Should -Be (Join-Path (Resolve-Path $TestDrive).ProviderPath 'lab.yaml')
        (Get-DockerNetInterface).Container | Should -Be 'only'
    }
}

Describe 'Tab completion of -Scenario' {
    # PowerShell does not fall back to path completion for a parameter with an argument completer, so the completer
    # offers folders and scenario files itself (and leaves other files out), after the built-in names.
    BeforeAll {
        $folder = Join-Path $TestDrive 'scenarios'
        New-Item -ItemType Directory -Path (Join-Path $folder 'labs') -Force | Out-Null
        Set-Content -LiteralPath (Join-Path $folder 'lab.yaml') -Value 'name: lab'
        Set-Content -LiteralPath (Join-Path $folder 'lab2.yml') -Value 'name: lab2'
        Set-Content -LiteralPath (Join-Path $folder 'notes.txt') -Value 'not a scenario'
    }

    It 'offers folders and *.yaml/*.yml files' {
        $line = 'Get-DockerNetTopology -Scenario ' + (Join-Path $folder 'l')
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches |
            ForEach-Object { Split-Path -Leaf $_.ListItemText }
        $offered | Sort-Object | Should -Be @('lab.yaml', 'lab2.yml', 'labs')
    }

    It 'offers the built-in names first' {
        $line = 'Connect-DockerNet -Scenario see'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('SeedLab')
    }
}

Describe 'Disconnect-DockerNet' {
    It 'clears the session default' {
        Connect-DockerNet -Scenario SeedLab
        $messages = Disconnect-DockerNet -Verbose 4>&1
        $messages.Message | Should -BeLike 'Disconnected from SeedLab*'
        $again = Disconnect-DockerNet -Verbose 4>&1
        $again.Message | Should -Be 'There was no session default to clear.'
    }
}

Describe 'Get-DockerNetTopology' {
    It 'shows second-bridge with its subnet, gateway and br- bridge' {
        $network = Get-DockerNetTopology -Scenario SeedLab -Network second-bridge
        $network.Subnet | Should -Be '10.0.0.0/24'
        $network.Gateway.ToString() | Should -Be '10.0.0.1'
        $network.Bridge | Should -Match '^br-[0-9a-f]{12}$'
        ($network.Containers | Where-Object Name -EQ 'ubuntuC').IPv4 | Should -Be '10.0.0.2/24'
    }

    It 'selects networks by wildcard' {
        (Get-DockerNetTopology -Scenario SeedLab -Network '*-bridge').Name | Sort-Object | Should -Be @('new-bridge', 'second-bridge')
    }

    It 'writes NetworkNotFound for an unknown network' {
        { Get-DockerNetTopology -Scenario SeedLab -Network second-bridg -ErrorAction Stop } |
            Should -Throw -ErrorId 'NetworkNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand'
    }
}

Describe 'Get-DockerNetInterface' {
    It 'shows <Container> on <Network> with <Address> behind <Bridge>' -TestCases @(
        @{ Container = 'ubuntuA'; Network = 'bridge'; Address = '172.17.0.2'; Bridge = '^docker0$' }
        @{ Container = 'ubuntuC'; Network = 'second-bridge'; Address = '10.0.0.2'; Bridge = '^br-[0-9a-f]{12}$' }
    ) {
        $row = Get-DockerNetInterface -Scenario SeedLab -Container $Container
        $row.Network | Should -Be $Network
        $row.IPAddress.ToString() | Should -Be $Address
        $row.Bridge | Should -Match $Bridge
        $row.HostVeth | Should -Match '^veth[0-9a-f]{7}$'
    }

    It 'reports sourcecontainer''s interface for targetcontainer' {
        $source = Get-DockerNetInterface -Scenario SeedLab -Container sourcecontainer
        $target = Get-DockerNetInterface -Scenario SeedLab -Container targetcontainer
        $target.SharedWith | Should -Be 'sourcecontainer'
        $target.IPAddress | Should -Be $source.IPAddress
        $target.HostVeth | Should -Be $source.HostVeth
    }

    It 'takes networks from Get-DockerNetTopology' {
        $rows = Get-DockerNetTopology -Scenario SeedLab -Network new-bridge | Get-DockerNetInterface -Scenario SeedLab
        $rows.Container | Should -Be @('webserver1', 'webserver4')
        $rows.Network | Sort-Object -Unique | Should -Be 'new-bridge'
    }

    It 'shows only lo for nonetest' {
        (Get-DockerNetInterface -Scenario SeedLab -Container nonetest).Interface | Should -Be 'lo'
    }

    It 'says hostnettest shares the host' {
        $row = Get-DockerNetInterface -Scenario SeedLab -Container hostnettest
        $row.NetworkMode | Should -Be 'host'
        $row.Note | Should -BeLike '*host*'
    }

    It 'writes a non-terminating ContainerNotFound with suggestions' {
        $rows = Get-DockerNetInterface -Scenario SeedLab -Container ubuntuX, ubuntuA -ErrorVariable failures -ErrorAction SilentlyContinue
        $rows.Container | Should -Be 'ubuntuA'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ContainerNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -BeLike '*Did you mean: ubuntuA, ubuntuB, ubuntuC?*'
    }

    It 'is silent for a wildcard that matches nothing' {
        Get-DockerNetInterface -Scenario SeedLab -Container 'zz*' -ErrorVariable failures | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }

    It 'takes container names from the pipeline by property name' {
        $rows = [pscustomobject]@{ Name = 'ubuntuC' }, [pscustomobject]@{ Source = 'ubuntuA' } | Get-DockerNetInterface -Scenario SeedLab
        $rows.Container | Should -Be @('ubuntuC', 'ubuntuA')
    }

    It 'stops with ScenarioFileInvalid naming file:line:column for a broken scenario' {
        $path = Join-Path $TestDrive 'bad.yaml'
        Set-Content -LiteralPath $path -Value "containers:`n  - name: a`n    network: nosuch`n"
        $thrown = { Get-DockerNetInterface -Scenario $path } | Should -Throw -ErrorId 'ScenarioFileInvalid,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand' -PassThru
        $thrown.Exception.Message | Should -Match ([regex]::Escape($path) + ':3:\d+: network nosuch not found')
    }
}

Describe 'Resolve-DockerNetName' {
    It 'resolves the sqll alias from nodectn through the embedded DNS' {
        $answer = Resolve-DockerNetName -Scenario SeedLab -Name sqll -From nodectn
        $answer.IPAddress.ToString() | Should -Be '172.18.0.3'
        $answer.Server | Should -Be '127.0.0.11'
    }

    It 'resolves linktest1 from linktest2 through /etc/hosts' {
        (Resolve-DockerNetName -Scenario SeedLab linktest1 -From linktest2).Source | Should -Be 'HostsFile'
    }

    It 'writes NameNotResolved for ubuntuB from ubuntuA on the default bridge' {
        { Resolve-DockerNetName -Scenario SeedLab ubuntuB -From ubuntuA -ErrorAction Stop } |
            Should -Throw -ErrorId 'NameNotResolved,DockerNetTools.PowerShell.Commands.ResolveDockerNetNameCommand'
    }
}

Describe 'Test-DockerNetReachability' {
    It '<Source> -> <Destination> <Port> is <Verdict> (by address <AddressVerdict>)' -TestCases @(
        @{ Source = 'ubuntuB'; Destination = 'ubuntuA'; Port = $null; Verdict = 'NameNotResolved'; AddressVerdict = 'Reachable' }
        @{ Source = 'ubuntuB'; Destination = '172.17.0.2'; Port = $null; Verdict = 'Reachable'; AddressVerdict = 'Reachable' }
        @{ Source = 'ubuntuB'; Destination = 'ubuntuC'; Port = $null; Verdict = 'NameNotResolved'; AddressVerdict = 'Blocked' }
        @{ Source = 'nodectn'; Destination = 'sqll'; Port = 3306; Verdict = 'Reachable'; AddressVerdict = 'Reachable' }
        @{ Source = 'targetcontainer'; Destination = 'localhost'; Port = 3306; Verdict = 'Reachable'; AddressVerdict = 'Reachable' }
        @{ Source = 'nonetest'; Destination = 'ubuntuA'; Port = $null; Verdict = 'NameNotResolved'; AddressVerdict = 'NoNetwork' }
        @{ Source = 'hostnettest'; Destination = 'localhost'; Port = 8001; Verdict = 'Reachable'; AddressVerdict = 'Reachable' }
    ) {
        $arguments = @{ Scenario = 'SeedLab'; Source = $Source; Destination = $Destination }
        if ($Port) { $arguments.Port = $Port }
        $result = Test-DockerNetReachability @arguments
        $result.Verdict | Should -Be $Verdict
        $result.AddressVerdict | Should -Be $AddressVerdict
    }

    It 'says False with -Quiet when the name does not resolve, though the address answers' {
        Test-DockerNetReachability -Scenario SeedLab -Source ubuntuA -Destination ubuntuB, 172.17.0.5 -Quiet | Should -Be @($false, $true)
    }

    It 'gives greenColorApp''s NoListener the Remedy Get-DockerNetPortBinding gives' {
        $reach = Test-DockerNetReachability -Scenario SeedLab -Source ubuntuA -Destination 172.17.0.1 -Port 8004
        $reach.Verdict | Should -Be 'NoListener'
        $reach.Remedy | Should -Be (Get-DockerNetPortBinding -Scenario SeedLab -Container greenColorApp).Remedy
    }

    It 'names the isolation rule and the published-port alternative across bridges' {
        $result = Test-DockerNetReachability -Scenario SeedLab -Source ubuntuB -Destination webserver4 -Port 80
        $result.PathText | Should -BeLike '*DOCKER-ISOLATION-STAGE-2*'
        $result.Alternatives.Port | Should -Contain 8082
    }

    It 'stays on the scenario of the command before it in the pipeline' {
        $results = Get-DockerNetInterface -Scenario SeedLab -Container ubuntuB | Test-DockerNetReachability -Destination 172.17.0.2 -Quiet
        $results | Should -Be $true
    }

    It 'tests from the container that asked when a name answer is piped in (not from its text)' {
        $result = Resolve-DockerNetName -Scenario SeedLab -Name sqll -From nodectn | Test-DockerNetReachability -Destination ubuntuA
        $result.Source | Should -Be 'nodectn'
        $result.Destination | Should -Be 'ubuntuA'
    }

    It 'refuses a piped network with PipelineInputNotSupported naming what to pipe instead' {
        Get-DockerNetTopology -Scenario SeedLab -Network bridge | Test-DockerNetReachability -Destination ubuntuA -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $failures[0].Exception.InnerException.ErrorId | Should -Be 'PipelineInputNotSupported'
        $failures[0].Exception.InnerException.Message | Should -BeLike '*Get-DockerNetInterface -Network*'
    }

    It 'writes ReachabilityDestinationInvalid for 300.1.1.1 and goes on' {
        $results = Test-DockerNetReachability -Scenario SeedLab ubuntuB 300.1.1.1, ubuntuA -ErrorVariable failures -ErrorAction SilentlyContinue
        $results.Destination | Should -Be 'ubuntuA'
        $failures[0].FullyQualifiedErrorId | Should -Be 'ReachabilityDestinationInvalid,DockerNetTools.PowerShell.Commands.TestDockerNetReachabilityCommand'
    }
}

Describe 'Test-DockerNetPortConflict' {
    It 'reports 8003 as taken by blueColorApp in Docker''s words' {
        $result = Test-DockerNetPortConflict -Scenario SeedLab -Publish '8003:3000'
        $result.ConflictsWith | Should -Be 'blueColorApp'
        $result.Reason | Should -Be 'Bind for 0.0.0.0:8003 failed: port is already allocated'
    }

    It 'takes the first free port of a host range, as Docker''s allocator does' {
        $result = Test-DockerNetPortConflict -Scenario SeedLab -Publish '8001-8005:80'
        $result.Conflict | Should -BeFalse
        $result.HostPort | Should -Be 8005
    }
}

Describe 'Get-DockerNetPortBinding' {
    It 'reports greenColorApp 8004->3030 as NoListener' {
        (Get-DockerNetPortBinding -Scenario SeedLab -Container greenColorApp).Status | Should -Be 'NoListener'
    }
}

Describe 'Get-DockerNetSocket' {
    It 'shows targetcontainer the sockets of sourcecontainer' {
        $rows = Get-DockerNetSocket -Scenario SeedLab -Container targetcontainer -State Listen -Port 3306
        $rows.Process | Should -Be 'mysqld'
        $rows.Namespace | Should -Be 'sourcecontainer'
    }
}

Describe 'Export-DockerNetScenario' {
    It 'writes a snapshot that answers like the original' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ("dnt-pester-" + [guid]::NewGuid() + '.yaml')
        try {
            Export-DockerNetScenario -Scenario SeedLab -Path $file
            (Get-DockerNetInterface -Scenario $file -Container ubuntuC).HostVeth | Should -Be (Get-DockerNetInterface -Scenario SeedLab -Container ubuntuC).HostVeth
        }
        finally { Remove-Item $file -ErrorAction SilentlyContinue }
    }

    It 'recommends New-Item for a missing folder, since pwsh has it (dnt, which has not, gets mkdir -p)' {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ("dnt-pester-missing-" + [guid]::NewGuid())
        $failure = $null
        try { Export-DockerNetScenario -Scenario SeedLab -Path (Join-Path $folder 'lab.yaml') } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -Be 'ScenarioDirectoryNotFound,DockerNetTools.PowerShell.Commands.ExportDockerNetScenarioCommand'
        $failure.ErrorDetails.RecommendedAction | Should -Be "Create the folder first (New-Item -ItemType Directory -Path '$folder'), or give a -Path in an existing folder."
    }
}

Describe 'ConvertTo-DockerNetDiagram' {
    BeforeDiscovery {
        # Rendering needs Graphviz's dot: CI installs it (.ci/run), so there a missing dot fails the pictures' tests.
        $noGraphviz = -not (Get-Command dot -CommandType Application -ErrorAction SilentlyContinue) -and -not $env:CI
    }

    BeforeAll {
        $blockedPair = @{ Scenario = 'SeedLab'; Source = 'ubuntuB'; Destination = '172.19.0.3'; Port = 80 }
        # The SeedLab's names a picture must show: every container, host veth and bridge Get-DockerNetInterface lists.
        $seedLabNames = Get-DockerNetInterface -Scenario SeedLab | ForEach-Object { $_.Container; $_.HostVeth; $_.Bridge } |
            Where-Object { $_ } | Sort-Object -Unique
        function Get-SvgText([string] $Path) {
            $svg = [xml](Get-Content -LiteralPath $Path -Raw)
            $svg.DocumentElement.LocalName | Should -Be 'svg'
            @($svg.SelectNodes("//*[local-name()='text']") | ForEach-Object InnerText)
        }
    }

    It 'writes DOT text of the SeedLab that names every container, veth and bridge' {
        $dot = & { Get-DockerNetTopology -Scenario SeedLab; Get-DockerNetInterface -Scenario SeedLab } | ConvertTo-DockerNetDiagram
        $dot | Should -BeLike 'digraph DockerNet {*'
        foreach ($name in $seedLabNames) { $dot | Should -BeLike "*$name*" }
    }

    It 'renders the SeedLab to an SVG that names every container, veth and bridge' -Skip:$noGraphviz {
        $file = Join-Path $TestDrive 'seedlab.svg'
        & { Get-DockerNetTopology -Scenario SeedLab; Get-DockerNetInterface -Scenario SeedLab } | ConvertTo-DockerNetDiagram -Path $file
        $text = Get-SvgText $file
        $seedLabNames.Count | Should -BeGreaterThan 40
        foreach ($name in $seedLabNames) { $text | Where-Object { $_ -eq $name -or $_ -like "$name *" -or $_ -like "* $name" } | Should -Not -BeNullOrEmpty -Because "$name is on the SeedLab" }
    }

    It 'shows in README.md a picture that still names every container, veth and bridge of the SeedLab' {
        (Get-Content -LiteralPath (Join-Path $repositoryRoot 'README.md') -Raw) | Should -BeLike '*](docs/images/seedlab.svg)*'
        $text = Get-SvgText (Join-Path $repositoryRoot 'docs/images/seedlab.svg')
        foreach ($name in $seedLabNames) { $text | Where-Object { $_ -eq $name -or $_ -like "$name *" -or $_ -like "* $name" } | Should -Not -BeNullOrEmpty -Because "$name is on the SeedLab" }
    }

    It 'renders a blocked path to an SVG with the dropping hop and its rule' -Skip:$noGraphviz {
        $file = Join-Path $TestDrive 'blocked.svg'
        Test-DockerNetReachability @blockedPair | ConvertTo-DockerNetDiagram -Path $file
        $text = Get-SvgText $file
        $text | Should -Contain 'DROPPED HERE: FORWARD'
        ($text -join ' ') | Should -BeLike '*DOCKER-ISOLATION-STAGE-2 drops docker0 -> br-5e7595bd77fc*'
    }

    It 'renders <Name> to a PNG a person can open' -Skip:$noGraphviz -ForEach @(
        @{ Name = 'the SeedLab'; Draw = { Get-DockerNetTopology -Scenario SeedLab } }
        @{ Name = 'a blocked path'; Draw = { Test-DockerNetReachability @blockedPair } }
    ) {
        $file = Join-Path $TestDrive 'picture.png'
        & $Draw | ConvertTo-DockerNetDiagram -Path $file
        $bytes = [System.IO.File]::ReadAllBytes($file)
        $bytes.Length | Should -BeGreaterThan 1000
        # The PNG signature, then the IHDR chunk with a width and height above zero.
        $bytes[0..7] | Should -Be @(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        [System.Text.Encoding]::ASCII.GetString($bytes, 12, 4) | Should -Be 'IHDR'
        $width = ($bytes[16] -shl 24) -bor ($bytes[17] -shl 16) -bor ($bytes[18] -shl 8) -bor $bytes[19]
        $height = ($bytes[20] -shl 24) -bor ($bytes[21] -shl 16) -bor ($bytes[22] -shl 8) -bor $bytes[23]
        $width | Should -BeGreaterThan 100
        $height | Should -BeGreaterThan 50
    }

    It 'reports a missing dot as GraphvizNotFound' {
        $savedPath = $env:PATH
        try {
            $env:PATH = $TestDrive
            $failure = $null
            try { Get-DockerNetTopology -Scenario SeedLab | ConvertTo-DockerNetDiagram -Path (Join-Path $TestDrive 'none.png') } catch { $failure = $_ }
        }
        finally { $env:PATH = $savedPath }
        $failure.FullyQualifiedErrorId | Should -Be 'GraphvizNotFound,DockerNetTools.PowerShell.Commands.ConvertToDockerNetDiagramCommand'
        Join-Path $TestDrive 'none.png' | Should -Not -Exist
    }
}

Describe 'Test-DockerNetContract' {
    It 'checks the example contract on SeedLab, one passed result per expectation, in both file formats' -ForEach @(
        @{ File = 'SeedLab.contract.psd1' }
        @{ File = 'SeedLab.contract.yaml' }
    ) {
        $results = @(Test-DockerNetContract -Scenario SeedLab -Path (Join-Path $repositoryRoot "examples/contract/$File"))
        $results | Should -HaveCount 7
        $results.Passed | Should -Not -Contain $false
        $results[0].Expectation | Should -Be 'nodectn reaches gifted_hodgkin on tcp/3306'
    }

    It 'reports a broken .psd1 as ContractFileInvalid with the line of the mistake' {
        $file = Join-Path $TestDrive 'bad.psd1'
        Set-Content -LiteralPath $file -Value "@{`n    Expectations = @(`n        @{ From = 'web'; Reaches = 'db'; Port = 0 }`n    )`n}"
        $failure = $null
        try { Test-DockerNetContract -Scenario SeedLab -Path $file -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -Be 'ContractFileInvalid,DockerNetTools.PowerShell.Commands.TestDockerNetContractCommand'
        $failure.Exception.Message | Should -BeLike "*bad.psd1:3:49: 'port' must be a port number from 1 to 65535, not '0'*"
    }
}
