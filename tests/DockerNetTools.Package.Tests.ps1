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

# The Gallery package (out/package/DockerNetTools.<version>.nupkg, written by `./build.ps1 Package`) the way a user gets
# it: published to a repository that is a plain folder, installed from there with Install-PSResource into an empty module
# path, imported by name in a fresh pwsh, and uninstalled without a trace. Every step runs in a child pwsh whose HOME
# and XDG_DATA_HOME are a new empty folder: PSResourceGet keeps its repository list under the data home and installs
# into ~/.local/share/powershell/Modules (from HOME), pwsh reads its current-user module path from the data home, so
# nothing of this machine's own PowerShell setup is read or changed.
Describe 'The Gallery package' -Tag 'Package' -Skip:$skipPackage {
    BeforeAll {
        $nupkg = Join-Path (Split-Path -Parent (Split-Path -Parent (Split-Path -Parent $packageManifest))) "DockerNetTools.$version.nupkg"
        if (-not (Test-Path -LiteralPath $nupkg)) { throw "No $nupkg (./build.ps1 Package)." }

        $pwsh = @([Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }

        $sandbox = Join-Path ([System.IO.Path]::GetTempPath()) ("dnt-package-" + [guid]::NewGuid().ToString('N'))
        $userHome = Join-Path $sandbox 'home'
        $dataHome = Join-Path $userHome '.local/share'
        $repository = Join-Path $sandbox 'repository'
        $modules = Join-Path $dataHome 'powershell/Modules'
        $null = New-Item -ItemType Directory -Path $dataHome, $repository

        # Runs $Script in a fresh pwsh whose home and data home are the sandbox's, with no inherited PSModulePath.
        function Invoke-Isolated([string] $Script) {
            $command = "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'; `$PSStyle.OutputRendering = 'PlainText'; & { $Script } | Out-String -Width 250"
            $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoLogo', '-NoProfile', '-NonInteractive', '-Command', $command)
            $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; PSModulePath = $env:PSModulePath; Directory = [Environment]::CurrentDirectory }
            try {
                # The child starts in the sandbox too: PSResourceGet's NuGet code may write a NuGet/NuGet.Config relative to it.
                [Environment]::CurrentDirectory = $sandbox
                $env:HOME = $userHome
                $env:XDG_DATA_HOME = $dataHome
                $env:PSModulePath = $null
                $output = & $pwsh[0] @arguments 2>&1
            }
            finally {
                [Environment]::CurrentDirectory = $saved.Directory
                $env:HOME = $saved.HOME
                $env:XDG_DATA_HOME = $saved.XDG_DATA_HOME
                $env:PSModulePath = $saved.PSModulePath
            }
            if ($LASTEXITCODE -ne 0) { throw "pwsh failed ($LASTEXITCODE): $($output -join "`n")" }
            $output -join "`n"
        }
    }

    AfterAll {
        if ($sandbox -and (Test-Path -LiteralPath $sandbox)) { Remove-Item -LiteralPath $sandbox -Recurse -Force }
    }

    It 'carries the Gallery metadata of the manifest and the licence' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
        try {
            $names = $zip.Entries | ForEach-Object FullName
            $reader = [System.IO.StreamReader]::new($zip.GetEntry('DockerNetTools.nuspec').Open())
            try { $nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }

        $names | Should -Contain 'DockerNetTools.psd1'
        $names | Should -Contain 'DockerNetTools.dll'
        $names | Should -Contain 'LICENSE'
        $names | Should -Contain 'en-US/DockerNetTools.dll-Help.xml'
        $names | Should -Not -Contain 'System.Management.Automation.dll'
        $meta = $nuspec.package.metadata
        $meta.id | Should -Be 'DockerNetTools'
        $meta.version | Should -Be $version
        $meta.authors | Should -Be 'DockerNetTools team'
        $meta.description | Should -Match 'Docker host''s network'
        $meta.copyright | Should -Match 'MIT'
        $meta.projectUrl | Should -Be 'https://github.com/DockerNetTools/DockerNetTools'
        $meta.licenseUrl | Should -Be 'https://github.com/DockerNetTools/DockerNetTools/blob/main/LICENSE'
        $meta.releaseNotes | Should -Not -BeNullOrEmpty
        -split $meta.tags | Should -Contain 'PSModule'
        -split $meta.tags | Should -Contain 'PSEdition_Core'
        -split $meta.tags | Should -Contain 'PSEdition_Desktop'
        -split $meta.tags | Should -Contain 'Docker'

        $manifest = Import-PowerShellDataFile -LiteralPath $packageManifest
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CompanyName | Should -Not -BeNullOrEmpty
    }

    It 'is published to a folder repository and installed from it with Install-PSResource' {
        $installed = Invoke-Isolated @"
Register-PSResourceRepository -Name DntLocal -Uri '$repository' -Trusted
Publish-PSResource -NupkgPath '$nupkg' -Repository DntLocal
(Find-PSResource -Name DockerNetTools -Repository DntLocal).Version.ToString()
Install-PSResource -Name DockerNetTools -Repository DntLocal -Scope CurrentUser -TrustRepository
Get-InstalledPSResource -Name DockerNetTools | ForEach-Object { 'installed ' + `$_.Version + ' ' + `$_.InstalledLocation }
"@
        $installed | Should -Match "(?m)^$([regex]::Escape($version))$"
        $installed | Should -Match "(?m)^installed $([regex]::Escape($version)) $([regex]::Escape($modules))"
        Join-Path $repository "DockerNetTools.$version.nupkg" | Should -Exist
        Join-Path $modules "DockerNetTools/$version/DockerNetTools.psd1" | Should -Exist
        Join-Path $modules "DockerNetTools/$version/LICENSE" | Should -Exist
    }

    It 'imports by name in a fresh pwsh, with its full help and the SeedLab answer' {
        $smoke = Invoke-Isolated @'
Import-Module DockerNetTools
$module = Get-Module DockerNetTools
'base ' + $module.ModuleBase
'commands ' + @(Get-Command -Module DockerNetTools).Count
Get-Help Get-DockerNetInterface -Full
Get-Help about_DockerNetTools | Select-Object -First 3
Get-DockerNetInterface -Scenario SeedLab -Container ubuntuA | Out-String -Width 250
'@
        $smoke | Should -Match "(?m)^base $([regex]::Escape((Join-Path $modules "DockerNetTools/$version")))$"
        $smoke | Should -Match '(?m)^commands ([1-9][0-9]+)$'
        $smoke | Should -Match 'Shows each container''s network interfaces'
        $smoke | Should -Match 'Container names or ids'
        $smoke | Should -Match 'Example 1: '
        $smoke | Should -Match 'about_DockerNetTools'
        $smoke | Should -Match '(?m)^ubuntuA\s+eth0\s+172\.17\.0\.2\s+veth12bac60\s+docker0\s+bridge'
    }

    It 'leaves nothing behind when uninstalled' {
        $gone = Invoke-Isolated @'
Uninstall-PSResource -Name DockerNetTools -Scope CurrentUser
'left ' + @(Get-InstalledPSResource -Name DockerNetTools -ErrorAction SilentlyContinue).Count
'@
        $gone | Should -Match '(?m)^left 0$'
        @(Get-ChildItem -LiteralPath $modules -Recurse -Force -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }
}
