import ProxyClashCore

/// Why an incident happens and the commands that fix it, filled in with the incident's own values
/// (after the Microsoft articles on proxy address conflicts in Exchange Online and on duplicate
/// attributes in directory synchronization). Every value is quoted for PowerShell; the script
/// `proxyclash remediate` writes (``RemediationScript``) runs the same steps with checks and
/// confirmations around them.
public struct Remediation: Codable, Sendable, Equatable {
    public var cause: String
    /// What to do, in order, each step saying where it runs.
    public var steps: [String]
    /// PowerShell to run, one command per entry.
    public var commands: [String]

    public init(cause: String, steps: [String], commands: [String]) {
        self.cause = cause
        self.steps = steps
        self.commands = commands
    }

    /// The first command that only looks the holder up (a `Get-` pipeline that changes nothing),
    /// shown as "find" in the text report and the summaries. Shown alone, it must run alone: the
    /// variables it uses (`$cred`, `$address`) are set, and checked, before it on the same line.
    public var lookup: String? {
        guard let index = commands.firstIndex(where: { $0.hasPrefix("Get-") && !$0.contains("| Set-") && !$0.contains("Remove-") }) else { return nil }
        let lookup = commands[index]
        let used = commands[..<index].filter { $0.hasPrefix("$") }.map { String($0.prefix { $0 != " " }) }.filter(lookup.contains)
        let setup = commands[..<index].filter { line in
            used.contains { line.hasPrefix($0 + " =") || line.hasPrefix("if (" + $0 + " ") }
        }
        return (setup + [lookup]).joined(separator: "; ")
    }

    init(for incident: Incident) {
        switch incident.kind {
        case .proxyAddressInUse: self = Self.proxyAddressInUse(incident)
        case .aadObjectConflict where incident.objectType == "PublicFolder": self = Self.orphanedPublicFolder(incident)
        case .aadObjectConflict: self = Self.objectConflict(incident)
        case .syncDuplicateAttribute: self = Self.duplicateAttribute(incident)
        }
    }

    /// Solution 1 of the article: the holder is another Exchange recipient.
    private static func proxyAddressInUse(_ incident: Incident) -> Remediation {
        let address = incident.key  // type:address, lower-case: what -contains compares with
        return Remediation(
            cause: "Another Exchange recipient already holds \(incident.address ?? address).",
            steps: [
                "Exchange Online: find the recipient that holds the address (exact, case-insensitive comparison; -match would treat the address as a regex).",
                "Remove the address from that recipient with the Set- cmdlet of its RecipientType (Set-Mailbox, Set-MailUser, Set-MailContact, Set-DistributionGroup, Set-UnifiedGroup, Set-MailPublicFolder); for a recipient synced from on-premises (IsDirSynced), in the on-premises Exchange Management Shell, then sync.",
                "Exchange Online: retry the change that failed.",
            ],
            commands: [
                "Get-EXORecipient -ResultSize Unlimited | Where-Object { $_.EmailAddresses -contains \(PowerShell.quote(address)) } | Format-List Name, RecipientType, EmailAddresses",
                "Get-Recipient -Identity '<holder from the previous command>' | Format-List Name, RecipientType, RecipientTypeDetails, IsDirSynced",
            ])
    }

    /// The orphaned mail-enabled public folder, in the article's six steps.
    private static func orphanedPublicFolder(_ incident: Incident) -> Remediation {
        let anchor = "PublicFolder_" + (incident.guid ?? "")
        let address = RemediationAddress(incident)
        let value = address.expression
        let asking = address == .asked ? RemediationAddress.askCommands : []
        return Remediation(
            cause: "An orphaned mail-enabled public folder (\(anchor)) that exists only in Entra ID holds the address.",
            steps: [
                "On-premises Exchange Management Shell: remove the address from the mail-enabled public folder that holds it (Get-MailPublicFolder, Set-MailPublicFolder -EmailAddresses @{Remove=...}).",
                "Entra Connect server: start a delta sync (Start-ADSyncSyncCycle -PolicyType Delta) and wait for it to finish.",
                "Entra Connect server: find the public folder object in Entra ID that still holds the address (ADSyncTools Get-ADSyncToolsAadObject -SyncObjectType PublicFolder, -icontains with the smtp: prefix); note its SourceAnchor.",
                "Entra Connect server: remove that object by its SourceAnchor (Remove-ADSyncToolsAadObject; you are asked to confirm).",
                "Entra Connect server: run the lookup again; it must now find nothing.",
                "Exchange Online: retry: add the address, or create the mailbox again.",
            ],
            commands: asking + [
                "Get-MailPublicFolder -ResultSize Unlimited | Where-Object { @($_.EmailAddresses | ForEach-Object { $_.ToString() }) -contains \(value) } | Set-MailPublicFolder -EmailAddresses @{Remove = \(value)} -Confirm",
                "Start-ADSyncSyncCycle -PolicyType Delta",
                "Import-Module ADSyncTools",
                "$cred = Get-Credential",
                "Get-ADSyncToolsAadObject -SyncObjectType PublicFolder -Credential $cred | Where-Object { $_.ProxyAddresses -icontains \(value) } | Format-List SourceAnchor, ProxyAddresses",
                "Get-ADSyncToolsAadObject -SyncObjectType PublicFolder -Credential $cred | Where-Object { $_.ProxyAddresses -icontains \(value) } | ForEach-Object { Remove-ADSyncToolsAadObject -SourceAnchor $_.SourceAnchor -SyncObjectType PublicFolder -Credential $cred -Confirm }",
            ])
    }

    /// Another kind of Entra ID object (a contact, a group, a user) holds the address.
    private static func objectConflict(_ incident: Incident) -> Remediation {
        let type = incident.objectType ?? "object"
        let guid = incident.guid ?? ""
        let lookup = switch type {
        case "Contact": "Get-MgContact -OrgContactId \(PowerShell.quote(guid)) | Format-List DisplayName, Mail, ProxyAddresses, OnPremisesSyncEnabled"
        case "Group": "Get-MgGroup -GroupId \(PowerShell.quote(guid)) -Property DisplayName,Mail,ProxyAddresses,OnPremisesSyncEnabled | Format-List DisplayName, Mail, ProxyAddresses, OnPremisesSyncEnabled"
        default: "Get-MgDirectoryObject -DirectoryObjectId \(PowerShell.quote(guid)) | Format-List Id, AdditionalProperties"
        }
        return Remediation(
            cause: "The Entra ID \(type.lowercased()) \(type)_\(guid) already holds the address, so Exchange Online could not write it.",
            steps: [
                "Microsoft Graph PowerShell: look up the conflicting \(type.lowercased()) in Entra ID.",
                "Remove the address from it where it is mastered (on-premises AD if OnPremisesSyncEnabled is true, else in the cloud), or delete the object if it is stale.",
                "Exchange Online: retry the change that failed.",
            ],
            commands: [lookup])
    }

    /// Entra Connect cannot export a value another object has: fixed in on-premises AD.
    private static func duplicateAttribute(_ incident: Incident) -> Remediation {
        let attribute = incident.attribute ?? "ProxyAddresses"
        let value = incident.value ?? ""
        return Remediation(
            cause: "Entra Connect could not export \(attribute) \(value): another object already has that value (Entra ID keeps ProxyAddresses and UserPrincipalName unique across objects).",
            steps: [
                "On-premises AD (ActiveDirectory module, e.g. on the Entra Connect server): find every object holding the value.",
                "Keep it on the object that should have it; remove or change it on the others (you are asked to confirm each).",
                "Entra Connect server: run a delta sync, wait for it, and check the export error is gone.",
            ],
            commands: [
                "Get-ADObject -LDAPFilter \(PowerShell.quote(ldapFilter(attribute: attribute, value: value))) -Properties proxyAddresses, userPrincipalName, mail | Format-List DistinguishedName, ObjectClass, userPrincipalName, proxyAddresses",
                "Start-ADSyncSyncCycle -PolicyType Delta",
            ])
    }

    /// The on-premises AD attribute behind an Entra ID attribute name (`proxyAddresses`,
    /// `userPrincipalName`, ...).
    static func ldapAttribute(_ attribute: String) -> String {
        attribute == "ProxyAddresses" ? "proxyAddresses" : attribute.prefix(1).lowercased() + attribute.dropFirst()
    }

    /// `(attribute=value)` with the value escaped per RFC 4515.
    static func ldapFilter(attribute: String, value: String) -> String {
        "(\(ldapAttribute(attribute))=\(PowerShell.ldapValue(value)))"
    }
}
