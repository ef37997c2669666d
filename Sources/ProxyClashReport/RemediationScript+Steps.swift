/// The steps of each kind of incident. `address` is the PowerShell expression of the proxy address
/// (a quoted literal, or `$address` when the operator typed it in).
extension RemediationScript {
    /// The orphaned mail-enabled public folder: the article's six steps, in order.
    static func orphanedPublicFolder(address: String) -> [String] {
        let lookup = "Get-ADSyncToolsAadObject -SyncObjectType PublicFolder -Credential $cred | Where-Object { $_.ProxyAddresses -icontains \(address) }"
        var steps = ScriptSteps(total: 6)
        steps.add(.onPremisesExchange, "remove the address from the mail-enabled public folder that holds it", [
            "$folders = @(Get-MailPublicFolder -ResultSize Unlimited | Where-Object { \(holds(address)) })",
            "if ($folders.Count -eq 0) { Write-Host ('No on-premises mail-enabled public folder holds ' + \(address) + ': nothing to remove here.') }",
            "foreach ($folder in $folders) {",
            "    $folder | Format-List Identity, PrimarySmtpAddress, EmailAddresses",
            "    # If it is the folder's primary address, give the folder another PrimarySmtpAddress first.",
            "    if (Confirm-Change ('Remove ' + \(address) + ' from the on-premises public folder ' + $folder.Identity)) {",
            "        Set-MailPublicFolder -Identity $folder.Identity -EmailAddresses @{Remove = \(address)}",
            "    }",
            "}",
        ])
        steps.add(.entraConnect, "sync the change to Entra ID and wait for the cycle to finish", deltaSyncAndWait)
        steps.add(.entraConnect, "find the public folder object in Entra ID that still holds the address (ADSyncTools)", [
            "Import-Module ADSyncTools",
            "$cred = Get-Credential -Message 'Entra ID account for ADSyncTools (Hybrid Identity Administrator)'",
            "$orphans = @(\(lookup))",
            "$orphans | Format-List SourceAnchor, ProxyAddresses",
            "if ($orphans.Count -eq 0) { Write-Host ('No public folder object in Entra ID holds ' + \(address) + '.') }",
        ])
        steps.add(.entraConnect, "remove it from Entra ID by its SourceAnchor", [
            "foreach ($orphan in $orphans) {",
            "    if (Confirm-Change ('Remove the public folder object with SourceAnchor ' + $orphan.SourceAnchor + ' from Entra ID')) {",
            "        Remove-ADSyncToolsAadObject -SourceAnchor $orphan.SourceAnchor -SyncObjectType PublicFolder -Credential $cred",
            "    }",
            "}",
        ])
        steps.add(.entraConnect, "look again: no public folder object may hold the address now", [
            "$left = @(\(lookup))",
            "if ($left.Count -eq 0) {",
            "    Write-Host ('No public folder object in Entra ID holds ' + \(address) + ' now: go on with step 6 in Exchange Online.')",
            "} else {",
            "    $left | Format-List SourceAnchor, ProxyAddresses",
            "    Write-Warning 'A public folder object in Entra ID still holds the address: step 6 would fail again.'",
            "}",
        ])
        steps.add(.exchangeOnline, "retry: add the address (or create the mailbox again)", retry(address))
        return steps.lines
    }

    /// Another recipient holds the address (the article's Solution 1): removed where the holder
    /// is mastered (on premises for a synced one), synced, then the change is retried.
    static func proxyAddressInUse(address: String) -> [String] {
        var steps = ScriptSteps(total: 3)
        steps.add(.onPremisesExchange, "remove the address from an on-premises recipient that holds it (a synced holder is changed here)", [
            "$holders = @(Get-Recipient -ResultSize Unlimited | Where-Object { \(holds(address)) })",
            "if ($holders.Count -eq 0) { Write-Host ('No on-premises recipient holds ' + \(address) + ': nothing to remove here.') }",
            "foreach ($holder in $holders) {",
            "    $holder | Format-List Name, RecipientType, RecipientTypeDetails, EmailAddresses",
            "    if (Confirm-Change ('Remove ' + \(address) + ' from the on-premises ' + $holder.RecipientTypeDetails + ' ' + $holder.Name)) {",
            "        Set-RecipientProxyAddress -Recipient $holder -Change Remove -Address \(address)",
            "    }",
            "}",
        ])
        steps.add(.entraConnect, "sync on-premises changes to Entra ID and wait for the cycle to finish", deltaSyncAndWait)
        steps.add(.exchangeOnline, "remove the address from a cloud recipient that still holds it, then retry", [
            "$holders = @(Get-Recipient -ResultSize Unlimited | Where-Object { \(holds(address)) })",
            "foreach ($holder in $holders) {",
            "    $holder | Format-List Name, RecipientType, RecipientTypeDetails, IsDirSynced, EmailAddresses",
            "    if ($holder.IsDirSynced) {",
            "        Write-Warning ($holder.Name + ' is synced from on-premises (IsDirSynced): remove the address there (step 1, -RunIn OnPremisesExchange), then sync (step 2).')",
            "    } elseif (Confirm-Change ('Remove ' + \(address) + ' from the ' + $holder.RecipientTypeDetails + ' ' + $holder.Name)) {",
            "        Set-RecipientProxyAddress -Recipient $holder -Change Remove -Address \(address)",
            "    }",
            "}",
        ] + retry(address))
        return steps.lines
    }

    /// Entra Connect cannot export a value another on-premises object has: found with an LDAP
    /// filter (the value escaped per RFC 4515), removed or changed on the objects that should not
    /// have it, then synced.
    static func duplicateAttribute(attribute: String, value: String) -> [String] {
        let ldapAttribute = PowerShell.quote(Remediation.ldapAttribute(attribute))
        let filter = PowerShell.quote(Remediation.ldapFilter(attribute: attribute, value: value))
        let shown = ["userPrincipalName", "proxyAddresses", "mail"]
        let properties = (shown.contains(Remediation.ldapAttribute(attribute)) ? shown : [ldapAttribute] + shown).joined(separator: ", ")
        let search = "Get-ADObject -LDAPFilter \(filter) -Properties \(properties)"
        let fix: [String] = if attribute == "UserPrincipalName" {
            [
                "foreach ($object in $objects) {",
                "    $newName = Read-Host ('New userPrincipalName for ' + $object.DistinguishedName + ' (empty: it keeps this one)')",
                "    if ($newName -and (Confirm-Change ('Change the userPrincipalName of ' + $object.DistinguishedName + ' to ' + $newName))) {",
                "        Set-ADUser -Identity $object.DistinguishedName -UserPrincipalName $newName",
                "    }",
                "}",
            ]
        } else {
            [
                "foreach ($object in $objects) {",
                "    $stored = @($object.\(ldapAttribute) | Where-Object { $_ -ieq \(PowerShell.quote(value)) })",
                "    if ($stored.Count -gt 0 -and (Confirm-Change ('Remove ' + ($stored -join ', ') + ' from ' + $object.DistinguishedName))) {",
                "        Set-ADObject -Identity $object.DistinguishedName -Remove @{ \(ldapAttribute) = [string[]] $stored }",
                "    }",
                "}",
            ]
        }
        var steps = ScriptSteps(total: 3)
        steps.add(.entraConnect, "find every on-premises AD object holding the value (add -Server <GC>:3268 to search the whole forest)", [
            "Import-Module ActiveDirectory",
            "$objects = @(\(search))",
            "$objects | Format-List DistinguishedName, ObjectClass, userPrincipalName, proxyAddresses, mail",
        ])
        steps.add(.entraConnect, "keep the value on the object that should have it; answer YES only for the others", fix)
        steps.add(.entraConnect, "sync and wait, then check only one object holds the value", deltaSyncAndWait + [
            "$left = @(\(search))",
            "if ($left.Count -le 1) {",
            "    Write-Host 'At most one on-premises object holds the value now; the export error goes away with this sync.'",
            "} else {",
            "    Write-Warning ([string] $left.Count + ' on-premises objects still hold the value.')",
            "}",
        ])
        return steps.lines
    }

    /// `-contains` over the addresses as text: exact and case-insensitive, the same on premises
    /// (ProxyAddress objects) and in Exchange Online (strings); `-match` would read a regex.
    private static func holds(_ address: String) -> String {
        "@($_.EmailAddresses | ForEach-Object { $_.ToString() }) -contains \(address)"
    }

    /// Starts a delta sync unless a cycle is running, then waits until none is.
    private static let deltaSyncAndWait = [
        "Import-Module ADSync",
        "if (-not (Get-ADSyncScheduler).SyncCycleInProgress) { Start-ADSyncSyncCycle -PolicyType Delta | Out-Null }",
        "Write-Host 'Waiting for the sync cycle to finish...'",
        "do { Start-Sleep -Seconds 15 } while ((Get-ADSyncScheduler).SyncCycleInProgress)",
    ]

    /// Gives the address to the recipient that should have it (asked for), with its type's cmdlet.
    private static func retry(_ address: String) -> [String] {
        [
            "$target = Read-Host ('Recipient that should get ' + \(address) + ' (empty: skip; to create the mailbox instead, run New-Mailbox now)')",
            "if ($target) {",
            "    $recipient = Get-Recipient -Identity $target",
            "    if ($recipient.IsDirSynced) {",
            "        Write-Warning ($target + ' is synced from on-premises (IsDirSynced): add the address there, in the on-premises Exchange Management Shell.')",
            "    } elseif (Confirm-Change ('Add ' + \(address) + ' to ' + $target)) {",
            "        Set-RecipientProxyAddress -Recipient $recipient -Change Add -Address \(address)",
            "    }",
            "}",
        ]
    }
}
