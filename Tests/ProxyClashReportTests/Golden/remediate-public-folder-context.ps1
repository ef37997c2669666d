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

# ==== ao-867ba9c0c816b2e5 aad-object-conflict: PublicFolder_5d7c9e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f
# Cause: An orphaned mail-enabled public folder (PublicFolder_5d7c9e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f) that exists only in Entra ID holds the address.
# Seen 1 time(s), first 2026-11-18T10:31:40Z, last 2026-11-18T10:31:40Z.
# Address: smtp:hr@contoso.com, from the log around the message (the command that failed, or a proxy-address field of the record).
& {
    # ---- Step 1 of 6, on-premises Exchange Management Shell: remove the address from the mail-enabled public folder that holds it
    if ($RunIn -eq 'OnPremisesExchange') {
        $folders = @(Get-MailPublicFolder -ResultSize Unlimited | Where-Object { @($_.EmailAddresses | ForEach-Object { $_.ToString() }) -contains 'smtp:hr@contoso.com' })
        if ($folders.Count -eq 0) { Write-Host ('No on-premises mail-enabled public folder holds ' + 'smtp:hr@contoso.com' + ': nothing to remove here.') }
        foreach ($folder in $folders) {
            $folder | Format-List Identity, PrimarySmtpAddress, EmailAddresses
            # If it is the folder's primary address, give the folder another PrimarySmtpAddress first.
            if (Confirm-Change ('Remove ' + 'smtp:hr@contoso.com' + ' from the on-premises public folder ' + $folder.Identity)) {
                Set-MailPublicFolder -Identity $folder.Identity -EmailAddresses @{Remove = 'smtp:hr@contoso.com'}
            }
        }
    }
    # ---- Step 2 of 6, Entra Connect server: sync the change to Entra ID and wait for the cycle to finish
    if ($RunIn -eq 'EntraConnect') {
        Import-Module ADSync
        if (-not (Get-ADSyncScheduler).SyncCycleInProgress) { Start-ADSyncSyncCycle -PolicyType Delta | Out-Null }
        Write-Host 'Waiting for the sync cycle to finish...'
        do { Start-Sleep -Seconds 15 } while ((Get-ADSyncScheduler).SyncCycleInProgress)
    }
    # ---- Step 3 of 6, Entra Connect server: find the public folder object in Entra ID that still holds the address (ADSyncTools)
    if ($RunIn -eq 'EntraConnect') {
        Import-Module ADSyncTools
        $cred = Get-Credential -Message 'Entra ID account for ADSyncTools (Hybrid Identity Administrator)'
        $orphans = @(Get-ADSyncToolsAadObject -SyncObjectType PublicFolder -Credential $cred | Where-Object { $_.ProxyAddresses -icontains 'smtp:hr@contoso.com' })
        $orphans | Format-List SourceAnchor, ProxyAddresses
        if ($orphans.Count -eq 0) { Write-Host ('No public folder object in Entra ID holds ' + 'smtp:hr@contoso.com' + '.') }
    }
    # ---- Step 4 of 6, Entra Connect server: remove it from Entra ID by its SourceAnchor
    if ($RunIn -eq 'EntraConnect') {
        foreach ($orphan in $orphans) {
            if (Confirm-Change ('Remove the public folder object with SourceAnchor ' + $orphan.SourceAnchor + ' from Entra ID')) {
                Remove-ADSyncToolsAadObject -SourceAnchor $orphan.SourceAnchor -SyncObjectType PublicFolder -Credential $cred
            }
        }
    }
    # ---- Step 5 of 6, Entra Connect server: look again: no public folder object may hold the address now
    if ($RunIn -eq 'EntraConnect') {
        $left = @(Get-ADSyncToolsAadObject -SyncObjectType PublicFolder -Credential $cred | Where-Object { $_.ProxyAddresses -icontains 'smtp:hr@contoso.com' })
        if ($left.Count -eq 0) {
            Write-Host ('No public folder object in Entra ID holds ' + 'smtp:hr@contoso.com' + ' now: go on with step 6 in Exchange Online.')
        } else {
            $left | Format-List SourceAnchor, ProxyAddresses
            Write-Warning 'A public folder object in Entra ID still holds the address: step 6 would fail again.'
        }
    }
    # ---- Step 6 of 6, Exchange Online PowerShell: retry: add the address (or create the mailbox again)
    if ($RunIn -eq 'ExchangeOnline') {
        $target = Read-Host ('Recipient that should get ' + 'smtp:hr@contoso.com' + ' (empty: skip; to create the mailbox instead, run New-Mailbox now)')
        if ($target) {
            $recipient = Get-Recipient -Identity $target
            if ($recipient.IsDirSynced) {
                Write-Warning ($target + ' is synced from on-premises (IsDirSynced): add the address there, in the on-premises Exchange Management Shell.')
            } elseif (Confirm-Change ('Add ' + 'smtp:hr@contoso.com' + ' to ' + $target)) {
                Set-RecipientProxyAddress -Recipient $recipient -Change Add -Address 'smtp:hr@contoso.com'
            }
        }
    }
}

# ==== ao-bc6bf2ad7638afbb aad-object-conflict: PublicFolder_c4b3a291-7e6d-4f5c-9b8a-0d1e2f3a4b5c
# Cause: An orphaned mail-enabled public folder (PublicFolder_c4b3a291-7e6d-4f5c-9b8a-0d1e2f3a4b5c) that exists only in Entra ID holds the address.
# Seen 1 time(s), first 2026-11-18T10:32:57Z, last 2026-11-18T10:32:57Z.
# Address: smtp:facilities@contoso.com, from the log around the message (the command that failed, or a proxy-address field of the record).
& {
    # ---- Step 1 of 6, on-premises Exchange Management Shell: remove the address from the mail-enabled public folder that holds it
    if ($RunIn -eq 'OnPremisesExchange') {
        $folders = @(Get-MailPublicFolder -ResultSize Unlimited | Where-Object { @($_.EmailAddresses | ForEach-Object { $_.ToString() }) -contains 'smtp:facilities@contoso.com' })
        if ($folders.Count -eq 0) { Write-Host ('No on-premises mail-enabled public folder holds ' + 'smtp:facilities@contoso.com' + ': nothing to remove here.') }
        foreach ($folder in $folders) {
            $folder | Format-List Identity, PrimarySmtpAddress, EmailAddresses
            # If it is the folder's primary address, give the folder another PrimarySmtpAddress first.
            if (Confirm-Change ('Remove ' + 'smtp:facilities@contoso.com' + ' from the on-premises public folder ' + $folder.Identity)) {
                Set-MailPublicFolder -Identity $folder.Identity -EmailAddresses @{Remove = 'smtp:facilities@contoso.com'}
            }
        }
    }
    # ---- Step 2 of 6, Entra Connect server: sync the change to Entra ID and wait for the cycle to finish
    if ($RunIn -eq 'EntraConnect') {
        Import-Module ADSync
        if (-not (Get-ADSyncScheduler).SyncCycleInProgress) { Start-ADSyncSyncCycle -PolicyType Delta | Out-Null }
        Write-Host 'Waiting for the sync cycle to finish...'
        do { Start-Sleep -Seconds 15 } while ((Get-ADSyncScheduler).SyncCycleInProgress)
    }
    # ---- Step 3 of 6, Entra Connect server: find the public folder object in Entra ID that still holds the address (ADSyncTools)
    if ($RunIn -eq 'EntraConnect') {
        Import-Module ADSyncTools
        $cred = Get-Credential -Message 'Entra ID account for ADSyncTools (Hybrid Identity Administrator)'
        $orphans = @(Get-ADSyncToolsAadObject -SyncObjectType PublicFolder -Credential $cred | Where-Object { $_.ProxyAddresses -icontains 'smtp:facilities@contoso.com' })
        $orphans | Format-List SourceAnchor, ProxyAddresses
        if ($orphans.Count -eq 0) { Write-Host ('No public folder object in Entra ID holds ' + 'smtp:facilities@contoso.com' + '.') }
    }
    # ---- Step 4 of 6, Entra Connect server: remove it from Entra ID by its SourceAnchor
    if ($RunIn -eq 'EntraConnect') {
        foreach ($orphan in $orphans) {
            if (Confirm-Change ('Remove the public folder object with SourceAnchor ' + $orphan.SourceAnchor + ' from Entra ID')) {
                Remove-ADSyncToolsAadObject -SourceAnchor $orphan.SourceAnchor -SyncObjectType PublicFolder -Credential $cred
            }
        }
    }
    # ---- Step 5 of 6, Entra Connect server: look again: no public folder object may hold the address now
    if ($RunIn -eq 'EntraConnect') {
        $left = @(Get-ADSyncToolsAadObject -SyncObjectType PublicFolder -Credential $cred | Where-Object { $_.ProxyAddresses -icontains 'smtp:facilities@contoso.com' })
        if ($left.Count -eq 0) {
            Write-Host ('No public folder object in Entra ID holds ' + 'smtp:facilities@contoso.com' + ' now: go on with step 6 in Exchange Online.')
        } else {
            $left | Format-List SourceAnchor, ProxyAddresses
            Write-Warning 'A public folder object in Entra ID still holds the address: step 6 would fail again.'
        }
    }
    # ---- Step 6 of 6, Exchange Online PowerShell: retry: add the address (or create the mailbox again)
    if ($RunIn -eq 'ExchangeOnline') {
        $target = Read-Host ('Recipient that should get ' + 'smtp:facilities@contoso.com' + ' (empty: skip; to create the mailbox instead, run New-Mailbox now)')
        if ($target) {
            $recipient = Get-Recipient -Identity $target
            if ($recipient.IsDirSynced) {
                Write-Warning ($target + ' is synced from on-premises (IsDirSynced): add the address there, in the on-premises Exchange Management Shell.')
            } elseif (Confirm-Change ('Add ' + 'smtp:facilities@contoso.com' + ' to ' + $target)) {
                Set-RecipientProxyAddress -Recipient $recipient -Change Add -Address 'smtp:facilities@contoso.com'
            }
        }
    }
}
