# ProxyClash remediation script, generated 2026-11-18T11:06:40Z from ops.sqlite.
# Review it before running. Lookups run as they are; every change asks for YES first.
# Its steps run in different places. Run it once in each, in this order, saying where:
#   .\fix.ps1 -RunIn OnPremisesExchange  on-premises Exchange Management Shell: Exchange Management Shell on an on-premises Exchange server
#   .\fix.ps1 -RunIn EntraConnect        Entra Connect server: the ADSync, ADSyncTools and ActiveDirectory modules (RSAT-AD-PowerShell)
#   .\fix.ps1 -RunIn ExchangeOnline      Exchange Online PowerShell: Connect-ExchangeOnline first (Connect-MgGraph too for Entra ID lookups)
# Each run does only the steps marked for its place.
#Requires -Version 5.1
param(
    [Parameter(Mandatory = $true)]
    [ValidateSet('OnPremisesExchange', 'EntraConnect', 'ExchangeOnline')]
    [string] $RunIn
)
$ErrorActionPreference = 'Stop'

function Confirm-Change([string] $What) {
    (Read-Host "$What`nType YES to go ahead") -ceq 'YES'
}

# ==== ao-62ed3cfa18348525 aad-object-conflict: Contact_ad517a45-0f5a-4aac-9db7-fb26f37633fe
# Cause: The Entra ID contact Contact_ad517a45-0f5a-4aac-9db7-fb26f37633fe already holds the address, so Exchange Online could not write it.
# Seen 1 time(s), first 2026-11-18T04:10:27Z, last 2026-11-18T04:10:27Z.
& {
    # ---- Step 1 of 1, Exchange Online PowerShell: look up the conflicting object in Entra ID (Microsoft Graph PowerShell); fix it where it is mastered
    if ($RunIn -eq 'ExchangeOnline') {
        Get-MgContact -OrgContactId 'ad517a45-0f5a-4aac-9db7-fb26f37633fe' | Format-List DisplayName, Mail, ProxyAddresses, OnPremisesSyncEnabled
    }
}
