# The Microsoft.PowerShell.Utility module for dnt, as pwsh ships it in $PSHOME/Modules: the NuGet package
# Microsoft.PowerShell.Commands.Utility holds only the assembly, whose cmdlets (Format-*, Select-/Sort-/Group-/Measure-Object,
# ConvertTo-/ConvertFrom-Json, Export-Csv, Out-String, Out-File, Write-Warning, ...) this manifest names as the module
# pwsh users know, so `Microsoft.PowerShell.Utility\Select-Object` works and Get-Command shows the usual Source.
# The assembly is found by name (it is in dnt's dependencies), wherever the build put it.
@{
    GUID                 = '1DA87E53-152B-403E-98DC-74D7B4D63D59'
    Author               = 'PowerShell'
    CompanyName          = 'Microsoft Corporation'
    Copyright            = 'Copyright (c) Microsoft Corporation.'
    ModuleVersion        = '7.0.0.0'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '3.0'
    NestedModules        = 'Microsoft.PowerShell.Commands.Utility.dll'
    # Every cmdlet of the assembly: the Windows build has a few more (Out-GridView, Out-Printer, Show-Command) than the Unix one.
    CmdletsToExport      = '*'
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
