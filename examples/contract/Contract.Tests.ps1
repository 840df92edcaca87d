<#
.SYNOPSIS
    A Docker host's network contract as Pester 5 tests: one It per expectation of the contract file.

.DESCRIPTION
    Copy this file next to your contract (.psd1 or .yaml) and run it with Invoke-Pester. Test-DockerNetContract checks
    the contract once, while Pester discovers the tests; each expectation then passes or fails on its own, and a failure
    says what the analysis found and why.

        $container = New-PesterContainer -Path ./Contract.Tests.ps1 -Data @{ Path = './my.contract.psd1' }
        Invoke-Pester -Container $container -Output Detailed

    Without -Scenario or -DockerHost the contract is checked where every DockerNetTools cmdlet looks: the session
    default of Connect-DockerNet, DOCKER_HOST, then the local daemon.

.PARAMETER Path
    The contract file (default: the SeedLab's contract beside this file).

.PARAMETER Scenario
    A scenario (SeedLab, or a scenario YAML file) to check instead of a live host.

.PARAMETER DockerHost
    The Docker daemon to check (unix://, tcp://, npipe://).
#>
param(
    [string] $Path = (Join-Path $PSScriptRoot 'SeedLab.contract.psd1'),
    [string] $Scenario,
    [string] $DockerHost
)

BeforeDiscovery {
    if (-not (Get-Module DockerNetTools)) { Import-Module DockerNetTools }
    $on = @{}
    if ($Scenario) { $on.Scenario = $Scenario }
    if ($DockerHost) { $on.DockerHost = $DockerHost }
    # A contract that cannot be read stops the run here, with the file:line of each mistake.
    $results = @(Test-DockerNetContract -Path $Path @on -ErrorAction Stop)
}

Describe "The network contract $(Split-Path -Leaf $Path)" {
    It '<_.Expectation>' -ForEach $results {
        $_.Passed | Should -BeTrue -Because "$($_.Location): expected $($_.Expected), found $($_.Actual). $($_.Reason)"
    }
}
