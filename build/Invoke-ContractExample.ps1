#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the example network contract in Pester (examples/contract/Contract.Tests.ps1), as a user would, on the SeedLab
    or on a small live lab of its own.

.DESCRIPTION
    -Lab SeedLab: the SeedLab contract, in both of its forms (.psd1 and .yaml), against the built-in scenario.
    -Lab Live: builds the issue's host on the Docker daemon at DOCKER_HOST (web, db, api, cache on one network, admin on
    another; web publishes one port on 127.0.0.1 and one on every address), writes its contract, checks it through
    -DockerHost, and removes the lab again. Without a daemon the live run is skipped, with CI=true it fails.
    Both import the built module (./DockerNetTools.psd1: `dotnet build` first) and run Pester through
    build/Invoke-PesterTests.ps1; the exit code is 1 when an expectation failed.

.PARAMETER Lab
    SeedLab or Live.
#>
[CmdletBinding()]
param(
    [ValidateSet('SeedLab', 'Live')]
    [string] $Lab = 'SeedLab'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = Split-Path -Parent $PSScriptRoot
$example = Join-Path $root 'examples/contract/Contract.Tests.ps1'
$runner = Join-Path $PSScriptRoot 'Invoke-PesterTests.ps1'
Import-Module (Join-Path $root 'DockerNetTools.psd1') -Force

function Invoke-Example([hashtable] $Data) {
    & $runner -Path $example -Data $Data
    if ($LASTEXITCODE -ne 0) { throw "The contract example failed on $Lab ($($Data.Path))." }
}

if ($Lab -eq 'SeedLab') {
    foreach ($contract in 'SeedLab.contract.psd1', 'SeedLab.contract.yaml') {
        Invoke-Example @{ Path = (Join-Path $root "examples/contract/$contract"); Scenario = 'SeedLab' }
    }
    exit 0
}

$version = & docker version --format '{{.Server.APIVersion}}' 2>&1
if ($LASTEXITCODE -ne 0) {
    if ($env:CI -eq 'true') { throw "CI=true needs a Docker daemon for the live contract example: $version" }
    Write-Warning "Live contract example skipped: no daemon answers ($version)."
    exit 0
}

function Invoke-Docker {
    $out = & docker @args 2>&1
    if ($LASTEXITCODE -ne 0) { throw "docker $($args -join ' ') failed: $out" }
    $out
}

# DNT_PESTER_PREFIX tells apart runs that share one daemon, as in tests/DockerNetTools.Live.Tests.ps1.
$prefix = $(if ($env:DNT_PESTER_PREFIX) { $env:DNT_PESTER_PREFIX } else { 'dnt-pester' }) + [guid]::NewGuid().ToString('N').Substring(0, 6) + '-'
$image = 'dnt-busybox:latest'
$app = "${prefix}app"
$ops = "${prefix}ops"
$names = 'web', 'db', 'api', 'cache', 'admin' | ForEach-Object { "$prefix$_" }
$web, $db, $api, $cache, $admin = $names
# Two host ports of their own: one published on 127.0.0.1 only, one on every address (the one exposed outside the host).
$localPort = Get-Random -Minimum 20000 -Maximum 40000
$publicPort = $localPort + 1
$contract = Join-Path ([IO.Path]::GetTempPath()) "${prefix}contract.psd1"
try {
    $null = Invoke-Docker network create --subnet 10.68.10.0/24 $app
    $null = Invoke-Docker network create --subnet 10.68.11.0/24 $ops
    $null = Invoke-Docker run -d --name $web --network $app -p "127.0.0.1:${localPort}:80" -p "${publicPort}:80" $image httpd -f -p 80 -h /www
    $null = Invoke-Docker run -d --name $db --network $app $image httpd -f -p 5432 -h /www
    $null = Invoke-Docker run -d --name $api --network $app $image sleep 600
    $null = Invoke-Docker run -d --name $cache --network $app --network-alias "${prefix}redis" $image sleep 600
    $null = Invoke-Docker run -d --name $admin --network $ops $image httpd -f -p 80 -h /www
    # The listeners are up once web's nc reaches db (at most 5 s).
    for ($attempt = 0; $attempt -lt 50; $attempt++) {
        & docker exec $web nc -w 1 -z $db 5432 2>&1 | Out-Null
        if ($LASTEXITCODE -eq 0) { break }
        Start-Sleep -Milliseconds 100
    }

    Set-Content -LiteralPath $contract -Value @"
@{
    Expectations = @(
        @{ From = '$web'; Reaches = '$db'; Port = 5432 }
        @{ From = '$web'; NotReaches = '$admin'; Port = 80 }
        @{ From = '$api'; Resolves = '$cache' }
        @{ From = '$api'; Resolves = '${prefix}redis' }
        @{ Published = $localPort; OnlyOn = '127.0.0.1' }
        @{ ExposedOnly = $publicPort }
    )
}
"@
    $dockerHost = if ($env:DOCKER_HOST) { $env:DOCKER_HOST } else { 'unix:///var/run/docker.sock' }
    Invoke-Example @{ Path = $contract; DockerHost = $dockerHost }
}
finally {
    & docker rm -f @names 2>&1 | Out-Null
    & docker network rm $app $ops 2>&1 | Out-Null
    Remove-Item -LiteralPath $contract -ErrorAction SilentlyContinue
}
