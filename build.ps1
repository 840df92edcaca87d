#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, documents and packages DockerNetTools (for people who have pwsh).

.DESCRIPTION
    Tasks:
      Build    dotnet build of the whole solution (the module lands in out/DockerNetTools, dnt in src/DockerNetTools.Host/bin).
      Test     dotnet test, then the Pester 5 tests in tests/*.Tests.ps1 when Pester 5 is installed.
      Docs     with PlatyPS installed: refresh docs/commands/*.md from the built cmdlets and compile them, with the about_
               topics, into out/DockerNetTools/en-US (MAML help for Get-Help).
      Package  a clean, flattened module folder out/package/DockerNetTools/<version>/ ready for Publish-Module/Install-Module.

    None of this is required: `dotnet build` and `dotnet test` at the repository root do the Build and Test work on a
    machine with only the .NET SDK (see README.md).

.EXAMPLE
    ./build.ps1
    Builds and tests.

.EXAMPLE
    ./build.ps1 -Task Build, Docs, Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
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

# Runs a script block in a fresh pwsh, so importing the built module never locks its dlls in this session.
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $Command)
    $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    & $pwsh -NoLogo -NoProfile -NonInteractive -Command $Command
    if ($LASTEXITCODE -ne 0) { throw "pwsh -Command failed with exit code $LASTEXITCODE." }
}

function Invoke-BuildTask {
    Invoke-Dotnet -Arguments @('build', (Join-Path $root 'DockerNetTools.slnx'), '-c', $Configuration)
}

function Invoke-TestTask {
    Invoke-Dotnet -Arguments @('test', (Join-Path $root 'DockerNetTools.slnx'), '-c', $Configuration)

    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed (Install-Module Pester -MinimumVersion 5.0): tests/*.Tests.ps1 were not run.'
        return
    }
    $tests = Join-Path $root 'tests'
    Invoke-ChildPwsh -Command "Import-Module Pester -MinimumVersion 5.0; `$c = New-PesterConfiguration; `$c.Run.Path = '$tests'; `$c.Run.Exit = `$true; `$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
}

function Invoke-DocsTask {
    if (-not (Get-Module -ListAvailable -Name platyPS)) {
        Write-Warning 'PlatyPS is not installed (Install-Module platyPS): docs/commands was not refreshed and no MAML help was compiled.'
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
    if (-not (Test-Path -LiteralPath (Join-Path $moduleOutput 'DockerNetTools.dll'))) { Invoke-BuildTask }

    $target = Join-Path $root "out/package/DockerNetTools/$version"
    if (Test-Path -LiteralPath $target) { Remove-Item -LiteralPath $target -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $target

    # The module needs its dlls, its views and its help; not symbols or XML docs.
    Get-ChildItem -LiteralPath $moduleOutput -File |
        Where-Object { $_.Extension -eq '.dll' -or $_.Name -like '*.format.ps1xml' -or $_.Name -like '*.types.ps1xml' -or $_.Name -like '*-Help.xml' } |
        Copy-Item -Destination $target
    $help = Join-Path $moduleOutput 'en-US'
    if (Test-Path -LiteralPath $help) { Copy-Item -LiteralPath $help -Destination $target -Recurse }

    # The same flattening as the dnt build: paths relative to the manifest, ModuleVersion stamped.
    $text = Get-Content -LiteralPath $manifestPath -Raw
    $text = $text.Replace("'out/DockerNetTools/", "'")
    $text = [regex]::Replace($text, "ModuleVersion(\s*)=(\s*)'[^']*'", "ModuleVersion`$1=`$2'$version'")
    Set-Content -LiteralPath (Join-Path $target 'DockerNetTools.psd1') -Value $text -Encoding utf8NoBOM

    $checked = Test-ModuleManifest -Path (Join-Path $target 'DockerNetTools.psd1')
    Write-Host "Packaged $($checked.Name) $($checked.Version) in $target" -ForegroundColor Green
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
