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

function Set-RecipientProxyAddress($Recipient, [ValidateSet('Add', 'Remove')] [string] $Change, [string] $Address) {
    $edit = @{ $Change = $Address }
    $id = $Recipient.Guid.ToString()
    if ([string] $Recipient.RecipientTypeDetails -like 'Remote*Mailbox') { Set-RemoteMailbox -Identity $id -EmailAddresses $edit; return }
    if ([string] $Recipient.RecipientTypeDetails -eq 'GroupMailbox') { Set-UnifiedGroup -Identity $id -EmailAddresses $edit; return }
    switch ([string] $Recipient.RecipientType) {
        'UserMailbox' { Set-Mailbox -Identity $id -EmailAddresses $edit }
        'MailUser' { Set-MailUser -Identity $id -EmailAddresses $edit }
        'MailContact' { Set-MailContact -Identity $id -EmailAddresses $edit }
        'MailUniversalDistributionGroup' { Set-DistributionGroup -Identity $id -EmailAddresses $edit }
        'MailUniversalSecurityGroup' { Set-DistributionGroup -Identity $id -EmailAddresses $edit }
        'MailNonUniversalGroup' { Set-DistributionGroup -Identity $id -EmailAddresses $edit }
        'PublicFolder' { Set-MailPublicFolder -Identity $id -EmailAddresses $edit }
        default { throw ('No Set- cmdlet known for RecipientType ' + $_ + ': change ' + $Recipient.Name + ' by hand.') }
    }
}

# ==== pa-71475e9c1a0ff3ba proxy-address-in-use: SMTP:lee.chen@contoso.com
# Cause: Another Exchange recipient already holds SMTP:lee.chen@contoso.com.
# Reported holder(s): NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/Lee Chen (old)
# Seen 3 time(s), first 2026-11-16T08:02:45.993Z, last 2026-11-16T14:02:45.100Z.
& {
    # ---- Step 1 of 3, on-premises Exchange Management Shell: remove the address from an on-premises recipient that holds it (a synced holder is changed here)
    if ($RunIn -eq 'OnPremisesExchange') {
        $holders = @(Get-Recipient -ResultSize Unlimited | Where-Object { @($_.EmailAddresses | ForEach-Object { $_.ToString() }) -contains 'smtp:lee.chen@contoso.com' })
        if ($holders.Count -eq 0) { Write-Host ('No on-premises recipient holds ' + 'smtp:lee.chen@contoso.com' + ': nothing to remove here.') }
        foreach ($holder in $holders) {
            $holder | Format-List Name, RecipientType, RecipientTypeDetails, EmailAddresses
            if (Confirm-Change ('Remove ' + 'smtp:lee.chen@contoso.com' + ' from the on-premises ' + $holder.RecipientTypeDetails + ' ' + $holder.Name)) {
                Set-RecipientProxyAddress -Recipient $holder -Change Remove -Address 'smtp:lee.chen@contoso.com'
            }
        }
    }
    # ---- Step 2 of 3, Entra Connect server: sync on-premises changes to Entra ID and wait for the cycle to finish
    if ($RunIn -eq 'EntraConnect') {
        Import-Module ADSync
        if (-not (Get-ADSyncScheduler).SyncCycleInProgress) { Start-ADSyncSyncCycle -PolicyType Delta | Out-Null }
        Write-Host 'Waiting for the sync cycle to finish...'
        do { Start-Sleep -Seconds 15 } while ((Get-ADSyncScheduler).SyncCycleInProgress)
    }
    # ---- Step 3 of 3, Exchange Online PowerShell: remove the address from a cloud recipient that still holds it, then retry
    if ($RunIn -eq 'ExchangeOnline') {
        $holders = @(Get-Recipient -ResultSize Unlimited | Where-Object { @($_.EmailAddresses | ForEach-Object { $_.ToString() }) -contains 'smtp:lee.chen@contoso.com' })
        foreach ($holder in $holders) {
            $holder | Format-List Name, RecipientType, RecipientTypeDetails, IsDirSynced, EmailAddresses
            if ($holder.IsDirSynced) {
                Write-Warning ($holder.Name + ' is synced from on-premises (IsDirSynced): remove the address there (step 1, -RunIn OnPremisesExchange), then sync (step 2).')
            } elseif (Confirm-Change ('Remove ' + 'smtp:lee.chen@contoso.com' + ' from the ' + $holder.RecipientTypeDetails + ' ' + $holder.Name)) {
                Set-RecipientProxyAddress -Recipient $holder -Change Remove -Address 'smtp:lee.chen@contoso.com'
            }
        }
        $target = Read-Host ('Recipient that should get ' + 'smtp:lee.chen@contoso.com' + ' (empty: skip; to create the mailbox instead, run New-Mailbox now)')
        if ($target) {
            $recipient = Get-Recipient -Identity $target
            if ($recipient.IsDirSynced) {
                Write-Warning ($target + ' is synced from on-premises (IsDirSynced): add the address there, in the on-premises Exchange Management Shell.')
            } elseif (Confirm-Change ('Add ' + 'smtp:lee.chen@contoso.com' + ' to ' + $target)) {
                Set-RecipientProxyAddress -Recipient $recipient -Change Add -Address 'smtp:lee.chen@contoso.com'
            }
        }
    }
}
