#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, documents and packages DockerNetTools (for people who have pwsh).

.DESCRIPTION
    Tasks:
      Build    dotnet build of the whole solution (the module lands in out/DockerNetTools, dnt in src/DockerNetTools.Host/bin).
      Test     dotnet test, Package, then the Pester tests in tests/*.Tests.ps1 with build/Invoke-PesterTests.ps1 (as CI
               does: the Pester that build/Pester.csproj pins, restored from NuGet into out/tools; nothing to install).
      Docs     with PlatyPS installed: refresh docs/commands/*.md from the built cmdlets and compile them, with the about_
               topics, into out/DockerNetTools/en-US (MAML help for Get-Help).
      Package  an incremental build (unless Build ran already, or -NoBuild), then a clean, flattened module folder
               out/package/DockerNetTools/<version>/ with the compiled help and LICENSE, and the Gallery package
               out/package/DockerNetTools.<version>.nupkg made from it (Compress-PSResource), ready for
               Publish-PSResource -NupkgPath or Install-PSResource from a repository that holds it.

    None of this is required: `dotnet build` and `dotnet test` at the repository root do the Build and Test work on a
    machine with only the .NET SDK (see README.md).

.EXAMPLE
    ./build.ps1
    Builds and tests.

.EXAMPLE
    ./build.ps1 -Task Build, Docs, Package -Configuration Release

.EXAMPLE
    dotnet pwsh build.ps1 -Task Package -NoBuild
    Packages what `dotnet test` just built (as CI does, before tests/DockerNetTools.Package.Tests.ps1 imports the package).
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Package: take out/DockerNetTools as it is (just built by dotnet build or dotnet test) instead of building first.
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$moduleOutput = Join-Path $root 'out/DockerNetTools'
$manifestPath = Join-Path $root 'DockerNetTools.psd1'

function Invoke-Dotnet {
    param([Parameter(Mandatory)] [string[]] $Arguments)
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

# The one version number, from Directory.Build.props (the manifest must agree; a test checks).
function Get-ProjectVersion {
    $props = [xml](Get-Content -LiteralPath (Join-Path $root 'Directory.Build.props') -Raw)
    $version = $props.Project.PropertyGroup | ForEach-Object { $_.Version } | Where-Object { $_ } | Select-Object -First 1
    if (-not $version) { throw 'No <Version> in Directory.Build.props.' }
    $version
}

# This pwsh, to start again: its own executable, or `dotnet <PSHOME>/pwsh.dll` when it runs as the project's .NET tool
# (`dotnet pwsh`, .config/dotnet-tools.json), whose process is the dotnet muxer.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([System.IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return @($process, (Join-Path $PSHOME 'pwsh.dll')) }
    , @($process)
}

# Runs a command or a script file in a fresh pwsh, so importing the built module never locks its dlls in this session.
function Invoke-ChildPwsh {
    param(
        [Parameter(Mandatory, ParameterSetName = 'Command')] [string] $Command,
        [Parameter(Mandatory, ParameterSetName = 'File')] [string] $File
    )
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoLogo', '-NoProfile', '-NonInteractive')
    $arguments += if ($PSCmdlet.ParameterSetName -eq 'File') { @('-File', $File) } else { @('-Command', $Command) }
    & $pwsh[0] @arguments
    if ($LASTEXITCODE -ne 0) { throw "pwsh $($PSCmdlet.ParameterSetName) failed with exit code $LASTEXITCODE." }
}

$script:built = $false

function Invoke-BuildTask {
    Invoke-Dotnet -Arguments @('build', (Join-Path $root 'DockerNetTools.slnx'), '-c', $Configuration)
    $script:built = $true
}

function Invoke-TestTask {
    Invoke-Dotnet -Arguments @('test', (Join-Path $root 'DockerNetTools.slnx'), '-c', $Configuration)
    $script:built = $true

    # As CI: package what dotnet test built (tests/DockerNetTools.Package.Tests.ps1 imports the package), then run the
    # script CI runs: restores the pinned Pester if needed, closes with 'N passed, N failed', fails on a failure.
    Invoke-PackageTask
    Invoke-ChildPwsh -File (Join-Path $root 'build/Invoke-PesterTests.ps1')
}

function Invoke-DocsTask {
    if (-not (Get-Module -ListAvailable -Name platyPS)) {
        Write-Warning 'PlatyPS is not installed (Install-Module platyPS): docs/commands was not refreshed from the cmdlets. The help in out/DockerNetTools/en-US is the one dotnet build compiled from docs/ (src/DockerNetTools.HelpBuilder).'
        return
    }
    $commands = Join-Path $root 'docs/commands'
    $helpOutput = Join-Path $moduleOutput 'en-US'
    # Update the pages of existing cmdlets, create pages for new ones, then compile cmdlet pages and about_ topics to MAML.
    Invoke-ChildPwsh -Command @"
Import-Module platyPS
Import-Module '$manifestPath' -Force
`$null = Update-MarkdownHelp -Path '$commands' -AlphabeticParamsOrder -UpdateInputOutput
`$existing = Get-ChildItem '$commands' -Filter '*.md' | ForEach-Object BaseName
Get-Command -Module DockerNetTools | Where-Object Name -notin `$existing | ForEach-Object {
    `$null = New-MarkdownHelp -Command `$_.Name -OutputFolder '$commands' -AlphabeticParamsOrder
}
`$null = New-ExternalHelp -Path '$commands' -OutputPath '$helpOutput' -Force
Get-ChildItem '$(Join-Path $root 'docs')' -Filter 'about_*.md' | ForEach-Object {
    `$null = New-ExternalHelp -Path `$_.FullName -OutputPath '$helpOutput' -Force
}
"@
}

function Invoke-PackageTask {
    $version = Get-ProjectVersion
    # Package what the sources say: an incremental build first (it also compiles docs/ into the MAML help), unless
    # Build already ran in this invocation.
    if (-not $script:built -and -not $NoBuild) { Invoke-BuildTask }
    if (-not (Test-Path -LiteralPath (Join-Path $moduleOutput 'DockerNetTools.dll'))) { throw "Nothing built in ${moduleOutput}: run dotnet build first." }

    $target = Join-Path $root "out/package/DockerNetTools/$version"
    if (Test-Path -LiteralPath $target) { Remove-Item -LiteralPath $target -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $target

    # The module needs its dlls, its views and its help; not symbols or XML docs.
    Get-ChildItem -LiteralPath $moduleOutput -File |
        Where-Object { $_.Extension -eq '.dll' -or $_.Name -like '*.format.ps1xml' -or $_.Name -like '*.types.ps1xml' -or $_.Name -like '*-Help.xml' } |
        Copy-Item -Destination $target
    $help = Join-Path $moduleOutput 'en-US'
    if (-not (Test-Path -LiteralPath (Join-Path $help 'DockerNetTools.dll-Help.xml'))) { throw "No compiled help in ${help}: the build should have made it." }
    Copy-Item -LiteralPath $help -Destination $target -Recurse

    # The same flattening as the dnt build: paths relative to the manifest, ModuleVersion stamped.
    $text = Get-Content -LiteralPath $manifestPath -Raw
    $text = $text.Replace("'out/DockerNetTools/", "'")
    $text = [regex]::Replace($text, "ModuleVersion(\s*)=(\s*)'[^']*'", "ModuleVersion`$1=`$2'$version'")
    Set-Content -LiteralPath (Join-Path $target 'DockerNetTools.psd1') -Value $text -Encoding utf8NoBOM

    Copy-Item -LiteralPath (Join-Path $root 'LICENSE') -Destination $target

    $checked = Test-ModuleManifest -Path (Join-Path $target 'DockerNetTools.psd1')
    Write-Host "Packaged $($checked.Name) $($checked.Version) in $target" -ForegroundColor Green

    # The Gallery package: PSResourceGet (in pwsh 7.4+) writes the .nupkg that Publish-PSResource would upload, its
    # nuspec taken from the manifest (Description, Author, Copyright, Tags, ProjectUri, LicenseUri, ReleaseNotes).
    $nupkg = Join-Path $root "out/package/DockerNetTools.$version.nupkg"
    if (Test-Path -LiteralPath $nupkg) { Remove-Item -LiteralPath $nupkg -Force }
    Import-Module Microsoft.PowerShell.PSResourceGet
    Compress-PSResource -Path $target -DestinationPath (Split-Path -Parent $nupkg)
    if (-not (Test-Path -LiteralPath $nupkg)) { throw "Compress-PSResource wrote no $nupkg." }
    Write-Host "Gallery package $nupkg" -ForegroundColor Green
}

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Yellow
    switch ($name) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Docs' { Invoke-DocsTask }
        'Package' { Invoke-PackageTask }
    }
}
