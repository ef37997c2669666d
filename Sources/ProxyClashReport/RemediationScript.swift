import Foundation
import ProxyClashCore

/// A commented PowerShell script that fixes incidents, step by step, following the incident's
/// remediation. The steps run in different shells (on-premises Exchange, the Entra Connect
/// server, Exchange Online): the script takes `-RunIn` and runs the steps marked for that place,
/// so the operator runs it once in each, in order. Every value is a single-quoted literal
/// (quotes doubled) or a variable, and every command that removes or changes something runs only
/// after the operator types YES.
///
/// The script starts with a byte order mark: Windows PowerShell 5.1 reads a script without one in
/// the ANSI code page, where the UTF-8 bytes of a letter such as `Ñ` (C3 91) read as `Ã‘`, and `‘`
/// ends a single-quoted literal; with the mark, every literal reads as it was written.
public enum RemediationScript {
    /// The UTF-8 byte order mark the script starts with.
    public static let byteOrderMark = "\u{FEFF}"

    /// The script for `incidents`, in order.
    public static func script(for incidents: [Incident], source: String, generatedAt: Date) -> String {
        var lines = [
            "# ProxyClash remediation script, generated \(ISO8601.format(generatedAt)) from \(comment(source)).",
            "# Review it before running. Lookups run as they are; every change asks for YES first.",
            "# Its steps run in different places. Run it once in each, in this order, saying where:",
        ]
        lines += ScriptPlace.allCases.map { "#   .\\fix.ps1 -RunIn \($0.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0))\($0.title): \($0.requirement)" }
        lines += [
            "# Each run does only the steps marked for its place.",
            "#Requires -Version 5.1",
            "param(",
            "    [Parameter(Mandatory = $true)]",
            "    [ValidateSet(\(ScriptPlace.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")))]",
            "    [string] $RunIn",
            ")",
            "$ErrorActionPreference = 'Stop'",
            "",
        ]
        lines += ScriptFunctions.confirmChange
        if incidents.contains(where: { isOrphanedPublicFolder($0) && RemediationAddress($0) == .asked }) {
            lines += [""] + ScriptFunctions.readProxyAddress
        }
        if incidents.contains(where: { $0.kind == .proxyAddressInUse || isOrphanedPublicFolder($0) }) {
            lines += [""] + ScriptFunctions.setRecipientProxyAddress
        }
        for incident in incidents {
            lines.append("")
            lines += block(for: incident)
        }
        return byteOrderMark + lines.joined(separator: "\n") + "\n"
    }

    /// One incident: what the log says, then its steps inside `& { ... }` (so `return` skips the
    /// rest of this incident only).
    private static func block(for incident: Incident) -> [String] {
        let remediation = Remediation(for: incident)
        var lines = [
            "# ==== \(incident.id) \(incident.kind.rawValue): \(comment(title(of: incident)))",
            "# Cause: \(comment(remediation.cause))",
        ]
        if !incident.owners.isEmpty { lines.append("# Reported holder(s): " + comment(incident.owners.joined(separator: "; "))) }
        lines.append("# Seen \(incident.occurrences) time(s)" + (incident.firstSeen.map { ", first \(ISO8601.format($0))" } ?? "")
                     + (incident.lastSeen.map { ", last \(ISO8601.format($0))" } ?? "") + ".")
        var body: [String]
        switch incident.kind {
        case .proxyAddressInUse:
            body = proxyAddressInUse(address: PowerShell.quote(incident.key))
        case .aadObjectConflict where isOrphanedPublicFolder(incident):
            let address = RemediationAddress(incident)
            lines.append("# Address: " + comment(address.origin))
            body = address == .asked ? askForAddress(incident) : []
            body += orphanedPublicFolder(address: address.expression)
        case .aadObjectConflict:
            var steps = ScriptSteps(total: 1)
            steps.add(.exchangeOnline, "look up the conflicting object in Entra ID (Microsoft Graph PowerShell); fix it where it is mastered",
                      remediation.commands)
            body = steps.lines
        case .syncDuplicateAttribute:
            body = duplicateAttribute(attribute: incident.attribute ?? "ProxyAddresses", value: incident.value ?? "")
        }
        return lines + ["& {"] + body.map { $0.isEmpty ? "" : "    " + $0 } + ["}"]
    }

    /// Asks for the address the log left out; an empty answer skips the incident.
    private static func askForAddress(_ incident: Incident) -> [String] {
        [
            "$address = Read-ProxyAddress \(PowerShell.quote(comment(title(of: incident)) + ": the log does not say which address was being added."))",
            "if (-not $address) { Write-Warning 'No address given: this incident is skipped.'; return }",
        ]
    }

    /// The one kind whose address may have to be asked for: its message does not name it.
    private static func isOrphanedPublicFolder(_ incident: Incident) -> Bool {
        incident.kind == .aadObjectConflict && incident.objectType == "PublicFolder"
    }

    /// What the incident is about: the conflicting object, else the address or the key.
    private static func title(of incident: Incident) -> String {
        if incident.kind == .aadObjectConflict, let type = incident.objectType, let guid = incident.guid { return type + "_" + guid }
        return incident.address ?? incident.key
    }

    /// Text safe inside a `#` comment: one line, no control characters.
    private static func comment(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < UInt8(ascii: " ") || $0.value == 0x7F ? " " : Character($0) })
    }
}
