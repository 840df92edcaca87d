$ErrorActionPreference = 'Stop'; Set-StrictMode -Version Latest

# The package that `./build.ps1 Package` makes (out/package/DockerNetTools/<version>/), imported the way a user would:
# the manifest loads, the full help (MAML and about_ topics) is found next to it, the views work. Each check runs in a
# child pwsh, since the other files of this run have loaded the repository's copy of DockerNetTools.dll, and a second
# copy of the same assembly cannot load into one process.
# Without a package the file is skipped (run `./build.ps1 Package` first); with CI=true a missing package fails it
# (.ci/run packages right after dotnet test).

BeforeDiscovery {
    $repositoryRoot = Split-Path -Parent $PSScriptRoot
    $props = [xml](Get-Content -LiteralPath (Join-Path $repositoryRoot 'Directory.Build.props') -Raw)
    $script:version = $props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ } | Select-Object -First 1
    $script:packageManifest = Join-Path $repositoryRoot "out/package/DockerNetTools/$script:version/DockerNetTools.psd1"
    $script:skipPackage = -not (Test-Path -LiteralPath $script:packageManifest) -and $env:CI -ne 'true'
    if ($script:skipPackage) { Write-Warning "Package Pester tests skipped: no $script:packageManifest (./build.ps1 Package)." }
}

Describe 'The package' -Tag 'Package' -Skip:$skipPackage {
    BeforeAll {
        if (-not (Test-Path -LiteralPath $packageManifest)) { throw "CI=true needs the package: no $packageManifest (./build.ps1 Package)." }

        # This pwsh again: its own executable, or `dotnet pwsh.dll` when it runs as the project's .NET tool.
        $pwsh = @([Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }

        # Runs $Script in a fresh pwsh with the package imported; returns its plain-text output, wide enough not to wrap.
        function Invoke-WithPackage([string] $Script) {
            $command = "`$ErrorActionPreference = 'Stop'; `$PSStyle.OutputRendering = 'PlainText'; Import-Module '$packageManifest'; $Script | Out-String -Width 250"
            $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', $command)
            $output = & $pwsh[0] @arguments 2>&1
            if ($LASTEXITCODE -ne 0) { throw "pwsh failed ($LASTEXITCODE): $output" }
            $output -join "`n"
        }
    }

    It 'is a valid manifest of the project''s version whose root module sits next to it' {
        $manifest = Test-ModuleManifest -Path $packageManifest
        $manifest.Version | Should -Be ([version]$version)
        $manifest.RootModule | Should -Be 'DockerNetTools.dll'
        Join-Path (Split-Path -Parent $packageManifest) 'DockerNetTools.dll' | Should -Exist
    }

    It 'shows the full help of Get-DockerNetInterface' {
        $help = Invoke-WithPackage 'Get-Help Get-DockerNetInterface -Full'
        $help | Should -Match 'Shows each container''s network interfaces'
        $help | Should -Match '(?m)^DESCRIPTION'
        $help | Should -Match 'Example 1: '
        # A parameter's own description, not just its syntax.
        $help | Should -Match 'Container names or ids'
    }

    It 'shows the about_DockerNetTools topic' {
        Invoke-WithPackage 'Get-Help about_DockerNetTools' | Should -Match 'about_DockerNetTools'
    }

    It 'lists every property of an interface row with Format-List *' {
        $list = Invoke-WithPackage 'Get-DockerNetInterface -Scenario SeedLab -Container ubuntuA | Format-List *'
        $list | Should -Match '(?m)^HostVeth\s+: veth12bac60$'
        $list | Should -Match '(?m)^Bridge\s+: docker0$'
    }

    It 'prints the interface table with the package''s view' {
        $table = Invoke-WithPackage 'Get-DockerNetInterface -Scenario SeedLab -Container ubuntuC'
        $table | Should -Match '(?m)^Container\s+Interface\s+IPAddress\s+HostVeth\s+Bridge\s+Network\s+Note'
        $table | Should -Match '(?m)^ubuntuC\s+eth0\s+10\.0\.0\.2\s+veth34e03c8\s+br-02616ba597b7\s+second-bridge'
    }
}
