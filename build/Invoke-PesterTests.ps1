#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester tests (tests/*.Tests.ps1) against the built module, with the Pester that build/Pester.csproj pins.

.DESCRIPTION
    Restores Pester from NuGet into out/tools (dotnet restore build/Pester.csproj; nothing is installed into a PowerShell
    module path), imports exactly that version, runs the tests and closes with one line 'N passed, N failed, N skipped'.
    Exits 1 when a test, a block or a whole file failed, or when no test ran at all; 0 otherwise.

    The tests import ./DockerNetTools.psd1, which loads out/DockerNetTools: build first (`dotnet build` or `dotnet test`).
    CI (.ci/run) and `./build.ps1 Test` both run this script; with the project's own pwsh:

        dotnet tool restore
        dotnet pwsh -NoProfile -File build/Invoke-PesterTests.ps1

.PARAMETER Path
    Test files or folders (default: the repository's tests folder).

.PARAMETER Output
    Pester's output verbosity (default Detailed: one line per test).

.PARAMETER Data
    Parameters for the test files (a Pester container's -Data), for a file with a param block such as
    examples/contract/Contract.Tests.ps1.
#>
[CmdletBinding()]
param(
    [string[]] $Path = @((Join-Path (Split-Path -Parent $PSScriptRoot) 'tests')),

    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Output = 'Detailed',

    [hashtable] $Data
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = Split-Path -Parent $PSScriptRoot
$project = Join-Path $PSScriptRoot 'Pester.csproj'

# The one Pester version, from build/Pester.csproj.
$version = ([xml](Get-Content -LiteralPath $project -Raw)).Project.PropertyGroup |
    ForEach-Object { $_.PesterVersion } | Where-Object { $_ } | Select-Object -First 1
if (-not $version) { throw "No <PesterVersion> in $project." }

$pesterManifest = Join-Path $root "out/tools/pester/$version/tools/Pester.psd1"
if (-not (Test-Path -LiteralPath $pesterManifest)) {
    & dotnet restore $project --nologo -v quiet
    if ($LASTEXITCODE -ne 0) { throw "dotnet restore $project failed with exit code $LASTEXITCODE." }
    if (-not (Test-Path -LiteralPath $pesterManifest)) { throw "Pester $version was restored, but $pesterManifest is not there." }
}

# A Pester of another version already loaded (or found first on PSModulePath) must not be the one that runs.
Get-Module Pester | Remove-Module -Force
Import-Module $pesterManifest -Force
$loaded = (Get-Module Pester).Version
if ($loaded -ne [version]$version) { throw "Imported Pester $loaded, expected $version." }
Write-Host "Pester $loaded on PowerShell $($PSVersionTable.PSVersion) ($($PSVersionTable.OS))"

$configuration = New-PesterConfiguration
if ($Data) { $configuration.Run.Container = New-PesterContainer -Path $Path -Data $Data }
else { $configuration.Run.Path = $Path }
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = $Output
# A CI log (stdout redirected) gets plain text, not ANSI colour codes.
if ([Console]::IsOutputRedirected) { $configuration.Output.RenderMode = 'Plaintext' }

$result = Invoke-Pester -Configuration $configuration

# Pester counts the tests under a failed BeforeAll as failed, but a file that failed with no failed test in it (it
# threw during discovery, or an AfterAll failed after every test passed) would go uncounted: it counts as one.
$failed = $result.FailedCount + @($result.Containers | Where-Object { $_.Result -eq 'Failed' -and $_.FailedCount -eq 0 }).Count
Write-Host "$($result.PassedCount) passed, $failed failed, $($result.SkippedCount) skipped"

if ($failed -gt 0 -or $result.Result -ne 'Passed') { exit 1 }
if ($result.PassedCount -eq 0) {
    Write-Host 'No Pester test ran.'
    exit 1
}
exit 0
