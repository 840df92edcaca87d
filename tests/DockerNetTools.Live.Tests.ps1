$ErrorActionPreference = 'Stop'; Set-StrictMode -Version Latest

# Pester 5 tests of the built module's live backend in a real pwsh: a small lab of their own on the daemon at DOCKER_HOST
# (the project's test daemon: .ci/docker-test-daemon.sh), checked against the kernel and real traffic. The deep checks are
# in tests/DockerNetTools.Live.Tests (xunit); these make sure the live backend's dependencies (Docker.DotNet, System.Text.Json)
# load and answer inside pwsh itself, next to pwsh's own copies of those assemblies.
# Without a daemon the file is skipped; with CI=true a missing daemon fails it, as the xunit live tests do.

BeforeDiscovery {
    $script:daemonProblem = $null
    if (-not (Get-Command docker -CommandType Application -ErrorAction SilentlyContinue)) {
        $script:daemonProblem = 'the docker CLI is not installed'
    }
    else {
        $version = & docker version --format '{{.Server.APIVersion}}' 2>&1
        if ($LASTEXITCODE -ne 0) { $script:daemonProblem = "no daemon answers at $(if ($env:DOCKER_HOST) { $env:DOCKER_HOST } else { 'the default socket' }): $version" }
    }
    $script:skipLive = $null -ne $script:daemonProblem -and $env:CI -ne 'true'
    if ($script:skipLive) { Write-Warning "Live Pester tests skipped: $script:daemonProblem." }
}

Describe 'The live backend' -Tag 'Live' -Skip:$skipLive {
    BeforeAll {
        if ($daemonProblem) { throw "CI=true needs a Docker daemon for the live tests: $daemonProblem." }

        $repositoryRoot = Split-Path -Parent $PSScriptRoot
        Import-Module (Join-Path $repositoryRoot 'DockerNetTools.psd1') -Force

        function Invoke-Docker {
            $out = & docker @args 2>&1
            if ($LASTEXITCODE -ne 0) { throw "docker $($args -join ' ') failed: $out" }
            $out
        }

        # DNT_PESTER_PREFIX tells apart runs that share one daemon; the random part keeps two runs apart anyway.
        $prefix = $(if ($env:DNT_PESTER_PREFIX) { $env:DNT_PESTER_PREFIX } else { 'dnt-pester' }) + [guid]::NewGuid().ToString('N').Substring(0, 6) + '-'
        $image = 'dnt-busybox:latest'
        $network = "${prefix}net"
        $client = "${prefix}client"
        $server = "${prefix}server"
        $port = 8080

        $null = Invoke-Docker network create $network
        $null = Invoke-Docker run -d --name $client --network $network $image sleep 600
        $null = Invoke-Docker run -d --name $server --network $network $image httpd -f -p $port -h /www
        $serverAddress = (Invoke-Docker inspect -f "{{(index .NetworkSettings.Networks `"$network`").IPAddress}}" $server).Trim()
        $bridge = 'br-' + (Invoke-Docker network inspect -f '{{.Id}}' $network).Trim().Substring(0, 12)

        # The listener is up once the client's nc gets through (at most 5 s).
        for ($attempt = 0; $attempt -lt 50; $attempt++) {
            & docker exec $client nc -w 1 $serverAddress $port 2>&1 | Out-Null
            if ($LASTEXITCODE -eq 0) { break }
            Start-Sleep -Milliseconds 100
        }
    }

    AfterAll {
        if (Get-Variable -Name prefix -ErrorAction SilentlyContinue) {
            & docker rm -f $client $server 2>&1 | Out-Null
            & docker network rm $network 2>&1 | Out-Null
        }
        Remove-Module DockerNetTools -ErrorAction SilentlyContinue
    }

    It 'shows the server''s address, its veth and the network''s bridge as docker and the kernel know them' {
        $row = Get-DockerNetInterface -Container $server
        $row.Network | Should -Be $network
        $row.IPAddress.ToString() | Should -Be $serverAddress
        $row.Bridge | Should -Be $bridge
        $row.HostVeth | Should -Match '^veth'
        # The host end of the pair hangs on that bridge, according to /sys.
        (Get-Item -LiteralPath "/sys/class/net/$($row.HostVeth)/master").Target | Split-Path -Leaf | Should -Be $bridge
    }

    It 'predicts the client reaches the server''s port, and the client gets the page' {
        $result = Test-DockerNetReachability -Source $client -Destination $server -Port $port
        $result.Verdict | Should -Be 'Reachable'
        $result.NetworkUsed | Should -Be $network
        # busybox nc speaks the HTTP (the static busybox's wget crashes resolving even an address).
        $page = Invoke-Docker exec $client sh -c "printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 2 $serverAddress $port"
        $page | Should -Contain 'dnt test page'
    }

    It 'finds the server''s listener in its namespace' {
        $rows = @(Get-DockerNetSocket -Container $server -State Listen -Port $port)
        $rows | Should -HaveCount 1
        $rows[0].Container | Should -Be $server
    }

    It 'writes ContainerNotFound for a name the daemon does not have' {
        { Get-DockerNetInterface -Container "${prefix}nosuch" -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContainerNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand'
    }
}
