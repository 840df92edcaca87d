#
# Module manifest for DockerNetTools.
# This copy loads the build output in out/DockerNetTools/ (run `dotnet build` first). The bundled host (dnt) and
# `./build.ps1 Package` ship a flattened copy whose paths point next to the manifest and whose ModuleVersion is
# stamped from Directory.Build.props; keep ModuleVersion here equal to that <Version> (a test checks).
# Adding a cmdlet: one line in CmdletsToExport; adding an area's views: one line in FormatsToProcess.
#
@{
    RootModule           = 'out/DockerNetTools/DockerNetTools.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '75699e67-3c1b-4a18-a507-8e4338052b83'
    Author               = 'DockerNetTools team'
    CompanyName          = 'DockerNetTools'
    Copyright            = '(c) 2026 DockerNetTools team. MIT License.'
    Description          = 'Explains a Docker host''s network: which veth and bridge each container hangs on, whether two containers can reach each other and why not, which published ports collide, what the embedded DNS answers, and which sockets are open in each container. Works on a live daemon or on a modelled host (scenario), such as the built-in SeedLab.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'

    FormatsToProcess     = @(
        'out/DockerNetTools/Connection.format.ps1xml'
        'out/DockerNetTools/Topology.format.ps1xml'
        'out/DockerNetTools/Reachability.format.ps1xml'
        'out/DockerNetTools/Dns.format.ps1xml'
        'out/DockerNetTools/Ports.format.ps1xml'
        'out/DockerNetTools/Sockets.format.ps1xml'
        'out/DockerNetTools/Contract.format.ps1xml'
    )

    CmdletsToExport      = @(
        'Connect-DockerNet'
        'Disconnect-DockerNet'
        'Get-DockerNetInterface'
        'Get-DockerNetTopology'
        'Test-DockerNetReachability'
        'Resolve-DockerNetName'
        'Test-DockerNetPortConflict'
        'Get-DockerNetPortBinding'
        'Get-DockerNetSocket'
        'Export-DockerNetScenario'
        'Test-DockerNetContract'
        'ConvertTo-DockerNetDiagram'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('Docker', 'Network', 'Networking', 'Troubleshooting', 'Bridge', 'veth', 'iptables', 'DNS', 'Linux', 'PSEdition_Core', 'PSEdition_Desktop')
            ProjectUri   = 'https://github.com/DockerNetTools/DockerNetTools'
            LicenseUri   = 'https://github.com/DockerNetTools/DockerNetTools/blob/main/LICENSE'
            ReleaseNotes = 'First release: the scenario backend with the SeedLab, the live daemon backend, Compose files before `docker compose up`, the topology, reachability, port, name-resolution and socket cmdlets, scenario export, and the dnt host.'
        }
    }
}
