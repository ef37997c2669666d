import Foundation
import ProxyClashCore

/// A commented PowerShell script that fixes incidents, following the incident's remediation.
/// Every value is a single-quoted literal (quotes doubled), and every command that removes or
/// changes something runs only after the operator types YES.
public enum RemediationScript {
    /// The script for `incidents`, in order.
    public static func script(for incidents: [Incident], source: String, generatedAt: Date) -> String {
        var lines = [
            "# ProxyClash remediation script, generated \(ISO8601.format(generatedAt)) from \(comment(source)).",
            "# Review it before running. Lookups run as they are; every change asks for YES first.",
            "#Requires -Version 5.1",
            "$ErrorActionPreference = 'Stop'",
            "",
            "function Confirm-Change([string] $What) {",
            "    (Read-Host \"$What`nType YES to go ahead\") -ceq 'YES'",
            "}",
        ]
        for incident in incidents {
            lines.append("")
            lines += block(for: incident)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func block(for incident: Incident) -> [String] {
        let remediation = Remediation(for: incident)
        var lines = [
            "# ==== \(incident.id) \(incident.kind.rawValue): \(comment(incident.address ?? incident.key))",
            "# Cause: \(comment(remediation.cause))",
        ]
        if !incident.owners.isEmpty { lines.append("# Reported holder(s): " + comment(incident.owners.joined(separator: "; "))) }
        lines.append("# Seen \(incident.occurrences) time(s)" + (incident.firstSeen.map { ", first \(ISO8601.format($0))" } ?? "")
                     + (incident.lastSeen.map { ", last \(ISO8601.format($0))" } ?? "") + ".")
        for (index, step) in remediation.steps.enumerated() { lines.append("# \(index + 1). \(comment(step))") }
        switch incident.kind {
        case .proxyAddressInUse:
            let address = PowerShell.quote(incident.key)
            lines += [
                remediation.commands[0],
                "$holder = Read-Host 'Identity of the recipient that should lose the address (empty: skip)'",
                "if ($holder -and (Confirm-Change ('Remove ' + \(address) + ' from ' + $holder))) {",
                "    $recipient = Get-EXORecipient -Identity $holder",
                "    switch ($recipient.RecipientTypeDetails) {",
                "        'MailUser' { Set-MailUser -Identity $holder -EmailAddresses @{Remove = \(address)} }",
                "        'MailContact' { Set-MailContact -Identity $holder -EmailAddresses @{Remove = \(address)} }",
                "        'MailUniversalDistributionGroup' { Set-DistributionGroup -Identity $holder -EmailAddresses @{Remove = \(address)} }",
                "        'PublicFolder' { Set-MailPublicFolder -Identity $holder -EmailAddresses @{Remove = \(address)} }",
                "        default { Set-Mailbox -Identity $holder -EmailAddresses @{Remove = \(address)} }",
                "    }",
                "}",
            ]
        case .aadObjectConflict where incident.objectType == "PublicFolder":
            lines += remediation.commands.filter { !$0.hasPrefix("Remove-") }
            lines += [
                "$anchor = Read-Host 'SourceAnchor of the orphaned public folder (from the list above; empty: skip)'",
                "if ($anchor -and (Confirm-Change ('Remove the public folder object with SourceAnchor ' + $anchor + ' from Entra ID'))) {",
                "    Remove-ADSyncToolsAadObject -SourceAnchor $anchor -SyncObjectType PublicFolder -Credential $cred",
                "}",
            ]
        default:
            lines += remediation.commands
        }
        return lines
    }

    /// Text safe inside a `#` comment: one line, no control characters.
    private static func comment(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < UInt8(ascii: " ") || $0.value == 0x7F ? " " : Character($0) })
    }
}
