$ErrorActionPreference = 'Stop'; Set-StrictMode -Version Latest

# The examples of docs/commands/*.md printed by pwsh itself: the format views (out/DockerNetTools/*.format.ps1xml) must lay
# out in a real pwsh exactly as the pages show. The pages' text blocks are dnt's output (CommandDocsTests replays them
# through dnt); `Out-String -Width 119` lays out as dnt does at its default 120 columns, and as pwsh does from a 120-column
# terminal with its output redirected. Only -Scenario examples (a live daemon prints other things) and only output objects:
# error, warning and verbose records are rendered by each host its own way (dnt adds the FullyQualifiedErrorId and says
# "Recommended action:", pwsh 7.6 says "Recommendation:"), so examples that show them are left to CommandDocsTests.
# pwsh's formatter wraps a cell at word boundaries only when the culture's language is English, French, German, Italian,
# Portuguese or Spanish, and cuts by character otherwise (the invariant culture of a C/POSIX locale); dnt's culture is
# English, so the examples are printed here in en-US whatever the machine's locale.

BeforeDiscovery {
    $pages = Join-Path (Split-Path -Parent $PSScriptRoot) 'docs/commands'
    $examples = foreach ($page in Get-ChildItem -LiteralPath $pages -Filter '*.md') {
        $text = (Get-Content -LiteralPath $page.FullName -Raw).Replace("`r", '')
        $number = 0
        foreach ($match in [regex]::Matches($text, '```powershell\n(.*?)\n```\n\n```text\n(.*?)```', 'Singleline')) {
            $number++
            $command = $match.Groups[1].Value
            $printed = $match.Groups[2].Value
            if ($command -notmatch '-Scenario') { continue }
            if ($printed -match '(?m)^([A-Z][a-z]+-[A-Za-z]+|WARNING|VERBOSE): ') { continue }
            @{ Page = $page.BaseName; Number = $number; Command = $command; Printed = $printed }
        }
    }
}

BeforeAll {
    $repositoryRoot = Split-Path -Parent $PSScriptRoot
    Import-Module (Join-Path $repositoryRoot 'DockerNetTools.psd1') -Force

    function Format-Printed([string] $Text) {
        (($Text.Replace("`r", '') -split "`n") | ForEach-Object { $_.TrimEnd() }) -join "`n" | ForEach-Object { $_.Trim("`n") }
    }
}

AfterAll {
    Remove-Module DockerNetTools -ErrorAction SilentlyContinue
}

Describe 'docs/commands examples in pwsh' {
    It '<Page> example <Number> prints what the page shows' -ForEach $examples {
        # Files the examples write under /tmp go to this test's own drive; relative paths (examples/contract/…) are the
        # repository's, as for dnt in CommandDocsTests.
        Push-Location $repositoryRoot
        $culture = [cultureinfo]::CurrentCulture
        [cultureinfo]::CurrentCulture = [cultureinfo]::GetCultureInfo('en-US')
        try {
            $output = Invoke-Expression $Command.Replace('/tmp/', "$TestDrive/") | Out-String -Width 119
        }
        finally {
            [cultureinfo]::CurrentCulture = $culture
            Pop-Location
            Disconnect-DockerNet
        }
        Format-Printed $output | Should -BeExactly (Format-Printed $Printed)
    }
}
