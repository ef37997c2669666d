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

# ==== sd-5dcce2693c15eb72 sync-duplicate-attribute: SMTP:john@contoso.com
# Cause: Entra Connect could not export ProxyAddresses smtp:john@contoso.com: another object already has that value (Entra ID keeps ProxyAddresses and UserPrincipalName unique across objects).
# Seen 2 time(s), first 2026-11-18T02:30:11Z, last 2026-11-18T03:00:09Z.
& {
    # ---- Step 1 of 3, Entra Connect server: find every on-premises AD object holding the value (add -Server <GC>:3268 to search the whole forest)
    if ($RunIn -eq 'EntraConnect') {
        Import-Module ActiveDirectory
        $objects = @(Get-ADObject -LDAPFilter '(proxyAddresses=smtp:john@contoso.com)' -Properties userPrincipalName, proxyAddresses, mail)
        $objects | Format-List DistinguishedName, ObjectClass, userPrincipalName, proxyAddresses, mail
    }
    # ---- Step 2 of 3, Entra Connect server: keep the value on the object that should have it; answer YES only for the others
    if ($RunIn -eq 'EntraConnect') {
        foreach ($object in $objects) {
            $stored = @($object.'proxyAddresses' | Where-Object { $_ -ieq 'smtp:john@contoso.com' })
            if ($stored.Count -gt 0 -and (Confirm-Change ('Remove ' + ($stored -join ', ') + ' from ' + $object.DistinguishedName))) {
                Set-ADObject -Identity $object.DistinguishedName -Remove @{ 'proxyAddresses' = [string[]] $stored }
            }
        }
    }
    # ---- Step 3 of 3, Entra Connect server: sync and wait, then check only one object holds the value
    if ($RunIn -eq 'EntraConnect') {
        Import-Module ADSync
        if (-not (Get-ADSyncScheduler).SyncCycleInProgress) { Start-ADSyncSyncCycle -PolicyType Delta | Out-Null }
        Write-Host 'Waiting for the sync cycle to finish...'
        do { Start-Sleep -Seconds 15 } while ((Get-ADSyncScheduler).SyncCycleInProgress)
        $left = @(Get-ADObject -LDAPFilter '(proxyAddresses=smtp:john@contoso.com)' -Properties userPrincipalName, proxyAddresses, mail)
        if ($left.Count -le 1) {
            Write-Host 'At most one on-premises object holds the value now; the export error goes away with this sync.'
        } else {
            Write-Warning ([string] $left.Count + ' on-premises objects still hold the value.')
        }
    }
}

# ==== sd-940278a24f2bfb42 sync-duplicate-attribute: userprincipalname|kim.akers@contoso.com
# Cause: Entra Connect could not export UserPrincipalName kim.akers@contoso.com: another object already has that value (Entra ID keeps ProxyAddresses and UserPrincipalName unique across objects).
# Seen 1 time(s), first 2026-11-18T02:30:11Z, last 2026-11-18T02:30:11Z.
& {
    # ---- Step 1 of 3, Entra Connect server: find every on-premises AD object holding the value (add -Server <GC>:3268 to search the whole forest)
    if ($RunIn -eq 'EntraConnect') {
        Import-Module ActiveDirectory
        $objects = @(Get-ADObject -LDAPFilter '(userPrincipalName=kim.akers@contoso.com)' -Properties userPrincipalName, proxyAddresses, mail)
        $objects | Format-List DistinguishedName, ObjectClass, userPrincipalName, proxyAddresses, mail
    }
    # ---- Step 2 of 3, Entra Connect server: keep the value on the object that should have it; answer YES only for the others
    if ($RunIn -eq 'EntraConnect') {
        foreach ($object in $objects) {
            $newName = Read-Host ('New userPrincipalName for ' + $object.DistinguishedName + ' (empty: it keeps this one)')
            if ($newName -and (Confirm-Change ('Change the userPrincipalName of ' + $object.DistinguishedName + ' to ' + $newName))) {
                Set-ADUser -Identity $object.DistinguishedName -UserPrincipalName $newName
            }
        }
    }
    # ---- Step 3 of 3, Entra Connect server: sync and wait, then check only one object holds the value
    if ($RunIn -eq 'EntraConnect') {
        Import-Module ADSync
        if (-not (Get-ADSyncScheduler).SyncCycleInProgress) { Start-ADSyncSyncCycle -PolicyType Delta | Out-Null }
        Write-Host 'Waiting for the sync cycle to finish...'
        do { Start-Sleep -Seconds 15 } while ((Get-ADSyncScheduler).SyncCycleInProgress)
        $left = @(Get-ADObject -LDAPFilter '(userPrincipalName=kim.akers@contoso.com)' -Properties userPrincipalName, proxyAddresses, mail)
        if ($left.Count -le 1) {
            Write-Host 'At most one on-premises object holds the value now; the export error goes away with this sync.'
        } else {
            Write-Warning ([string] $left.Count + ' on-premises objects still hold the value.')
        }
    }
}
