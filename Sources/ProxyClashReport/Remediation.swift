import ProxyClashCore

/// Why an incident happens and the commands that fix it, filled in with the incident's own values
/// (after the Microsoft article "Proxy address conflict when adding an email address in Exchange
/// Online"). Every value is quoted for PowerShell.
public struct Remediation: Codable, Sendable, Equatable {
    public var cause: String
    /// What to do, in order.
    public var steps: [String]
    /// PowerShell to run, one command per entry.
    public var commands: [String]

    public init(cause: String, steps: [String], commands: [String]) {
        self.cause = cause
        self.steps = steps
        self.commands = commands
    }

    init(for incident: Incident) {
        switch incident.kind {
        case .proxyAddressInUse: self = Self.proxyAddressInUse(incident)
        case .aadObjectConflict: self = Self.objectConflict(incident)
        case .syncDuplicateAttribute: self = Self.duplicateAttribute(incident)
        }
    }

    private static func proxyAddressInUse(_ incident: Incident) -> Remediation {
        let address = incident.key  // type:address, lower-case: what -contains compares with
        return Remediation(
            cause: "Another Exchange recipient already holds \(incident.address ?? address).",
            steps: [
                "Find the recipient that holds the address (exact, case-insensitive comparison; -match would treat the address as a regex).",
                "Remove the address from that recipient, or change it, if it should not have it (on-premises for a synced object).",
                "Retry the change that failed.",
            ],
            commands: [
                "Get-EXORecipient -ResultSize Unlimited | Where-Object { $_.EmailAddresses -contains \(PowerShell.quote(address)) } | Format-List Name, RecipientType, EmailAddresses",
                "Set-Mailbox -Identity '<holder from the previous command>' -EmailAddresses @{Remove=\(PowerShell.quote(address))}  # or Set-MailUser, Set-MailContact, Set-DistributionGroup, Set-MailPublicFolder by RecipientType",
            ])
    }

    private static func objectConflict(_ incident: Incident) -> Remediation {
        let type = incident.objectType ?? "object"
        let guid = incident.guid ?? ""
        let anchor = type + "_" + guid
        let addressFilter = incident.address.map { PowerShell.quote($0.lowercased()) } ?? "'smtp:<address you tried to add>'"
        guard type == "PublicFolder" else {
            let lookup = switch type {
            case "Contact": "Get-MgContact -OrgContactId \(PowerShell.quote(guid)) | Format-List DisplayName, Mail, ProxyAddresses, OnPremisesSyncEnabled"
            case "Group": "Get-MgGroup -GroupId \(PowerShell.quote(guid)) -Property DisplayName,Mail,ProxyAddresses,OnPremisesSyncEnabled | Format-List DisplayName, Mail, ProxyAddresses, OnPremisesSyncEnabled"
            default: "Get-MgDirectoryObject -DirectoryObjectId \(PowerShell.quote(guid)) | Format-List Id, AdditionalProperties"
            }
            return Remediation(
                cause: "The Entra ID \(type.lowercased()) \(anchor) already holds the address, so Exchange Online could not write it.",
                steps: [
                    "Look up the conflicting \(type.lowercased()) in Entra ID.",
                    "Remove the address from it where it is mastered (on-premises AD if OnPremisesSyncEnabled is true, else in the cloud), or delete the object if it is stale.",
                    "Retry the change that failed.",
                ],
                commands: [lookup])
        }
        return Remediation(
            cause: "An orphaned mail-enabled public folder (\(anchor)) that exists only in Entra ID holds the address.",
            steps: [
                "On the Entra Connect server, import the ADSyncTools module.",
                "List the public folders synced to Entra ID and find the one holding the address; note its SourceAnchor.",
                "Remove that orphaned public folder object from Entra ID by its SourceAnchor (you are asked to confirm).",
                "Check it is gone, then retry the change that failed.",
            ],
            commands: [
                "Import-Module ADSyncTools",
                "$cred = Get-Credential",
                "Get-ADSyncToolsAadObject -SyncObjectType PublicFolder -Credential $cred | Where-Object { $_.ProxyAddresses -icontains \(addressFilter) } | Format-List SourceAnchor, ProxyAddresses",
                "Remove-ADSyncToolsAadObject -SourceAnchor '<SourceAnchor from the previous command>' -SyncObjectType PublicFolder -Credential $cred -Confirm",
            ])
    }

    private static func duplicateAttribute(_ incident: Incident) -> Remediation {
        let attribute = incident.attribute ?? "ProxyAddresses"
        let value = incident.value ?? ""
        let ldapAttribute = attribute == "ProxyAddresses" ? "proxyAddresses" : attribute.prefix(1).lowercased() + attribute.dropFirst()
        return Remediation(
            cause: "Entra Connect could not export \(attribute) \(value): another object already has that value (Entra ID keeps ProxyAddresses and UserPrincipalName unique across objects).",
            steps: [
                "Find every on-premises object holding the value.",
                "Keep it on the object that should have it; remove or change it on the others in on-premises AD.",
                "Run a delta sync (or wait for the next cycle) and check the export error is gone.",
            ],
            commands: [
                "Get-ADObject -LDAPFilter \(PowerShell.quote("(\(ldapAttribute)=\(PowerShell.ldapValue(value)))")) -Properties proxyAddresses, userPrincipalName, mail | Format-List DistinguishedName, ObjectClass, userPrincipalName, proxyAddresses",
                "Start-ADSyncSyncCycle -PolicyType Delta",
            ])
    }
}
