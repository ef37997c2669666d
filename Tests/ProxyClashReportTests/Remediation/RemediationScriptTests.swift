import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite struct RemediationScriptTests {
    private func incident(kind: IncidentKind, key: String, address: String? = nil, addressSource: AddressSource? = nil, objectType: String? = nil,
                          guid: String? = nil, attribute: String? = nil, value: String? = nil) -> Incident {
        Incident(kind: kind, key: key, occurrences: 2, firstSeen: nil, lastSeen: nil, address: address, owners: ["Evil $(Remove-Item C:\\)"],
                 forests: [], tenants: [], objectType: objectType, guid: guid, attribute: attribute, value: value, sources: [], sourceTotal: 2,
                 patternIDs: [], addressSource: addressSource)
    }

    private func script(_ incidents: [Incident]) -> String {
        RemediationScript.script(for: incidents, source: "ops.sqlite", generatedAt: Date(timeIntervalSince1970: 0))
    }

    /// A line with its single-quoted literals taken out (`'it''s'` is one literal), PowerShell's
    /// way: ' ‘ ’ ‚ ‛ all open, close and double as single quotes.
    private func outsideLiterals(_ line: String) -> String {
        var result = ""
        var inside = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if "'‘’‚‛".contains(character) {
                if inside, let next = characters.first, "'‘’‚‛".contains(next) { characters.removeFirst() } else { inside.toggle() }
            } else if !inside {
                result.append(character)
            }
        }
        return result
    }

    private static let guid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"

    @Test func valuesFromLogsCannotRunCommands() {
        let text = script([
            incident(kind: .proxyAddressInUse, key: "smtp:o'neil$(whoami)@contoso.com", address: "SMTP:o'neil$(whoami)@contoso.com"),
            incident(kind: .aadObjectConflict, key: "publicfolder_" + Self.guid, address: "SMTP:o’neil$(whoami)@contoso.com",
                     addressSource: .context, objectType: "PublicFolder", guid: Self.guid),
            incident(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:o'neil$(whoami)*@contoso.com", address: "SMTP:o'neil$(whoami)*@contoso.com",
                     attribute: "ProxyAddresses", value: "smtp:o'neil$(whoami)*@contoso.com"),
        ])
        // Every use of the address is a single-quoted literal with its quotes doubled.
        #expect(text.contains("-contains 'smtp:o''neil$(whoami)@contoso.com'"))
        #expect(text.contains("-icontains 'smtp:o’’neil$(whoami)@contoso.com'"))
        #expect(text.contains("-LDAPFilter '(proxyAddresses=smtp:o''neil$\\28whoami\\29\\2a@contoso.com)'"))
        let code = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        #expect(code.allSatisfy { !outsideLiterals($0).contains("whoami") })
        // The owner only ever appears in a comment.
        #expect(text.split(separator: "\n").filter { $0.contains("Remove-Item") }.allSatisfy { $0.hasPrefix("#") })
    }

    /// Windows PowerShell 5.1 reads a script without a byte order mark as ANSI: `Ñ` (C3 91)
    /// would read as `Ã‘`, and `‘` ends a single-quoted literal. The script starts with the mark.
    @Test func theScriptStartsWithAByteOrderMark() {
        let text = script([incident(kind: .proxyAddressInUse, key: "smtp:Ñ'; Remove-Item C:\\@contoso.com", address: "SMTP:Ñ'; Remove-Item C:\\@contoso.com")])
        #expect(Array(text.utf8.prefix(4)) == [0xEF, 0xBB, 0xBF, UInt8(ascii: "#")])
        #expect(text.unicodeScalars.filter { $0 == "\u{FEFF}" }.count == 1)
        #expect(text.contains("-contains 'smtp:Ñ''; Remove-Item C:\\@contoso.com'"))
    }

    @Test func changesWaitForYes() {
        let text = script([
            incident(kind: .proxyAddressInUse, key: "smtp:a@contoso.com", address: "SMTP:a@contoso.com"),
            incident(kind: .aadObjectConflict, key: "publicfolder_" + Self.guid, objectType: "PublicFolder", guid: Self.guid),
            incident(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:b@contoso.com", address: "SMTP:b@contoso.com", attribute: "ProxyAddresses", value: "smtp:b@contoso.com"),
            incident(kind: .syncDuplicateAttribute, key: "userprincipalname|c@contoso.com", attribute: "UserPrincipalName", value: "c@contoso.com"),
        ])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let body = lines[(lines.firstIndex { $0.hasPrefix("# ====") })!...]  // after the functions
        let changes = ["Set-RecipientProxyAddress ", "Set-MailPublicFolder ", "Remove-ADSyncToolsAadObject ", "Set-ADObject ", "Set-ADUser "]
        var checked = 0
        for (index, line) in zip(body.indices, body) where changes.contains(where: line.contains) && !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            let indent = line.prefix { $0 == " " }.count
            // The `if` that holds it: the nearest line above it that is less indented.
            let guardLine = lines[..<index].last { $0.prefix { $0 == " " }.count < indent && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            #expect(guardLine?.contains("Confirm-Change") == true, "\(line)")
            checked += 1
        }
        #expect(checked == 8)
    }

    /// The article's six steps, in order, each saying where it runs and running only there.
    @Test func publicFolderStepsFollowTheArticle() {
        let text = script([incident(kind: .aadObjectConflict, key: "publicfolder_" + Self.guid, address: "SMTP:hr@contoso.com",
                                    addressSource: .context, objectType: "PublicFolder", guid: Self.guid)])
        let lines = text.split(separator: "\n").map(String.init)
        let headings = lines.filter { $0.contains("# ---- Step ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(headings.map { String($0.prefix { $0 != ":" }) } == [
            "# ---- Step 1 of 6, on-premises Exchange Management Shell",
            "# ---- Step 2 of 6, Entra Connect server",
            "# ---- Step 3 of 6, Entra Connect server",
            "# ---- Step 4 of 6, Entra Connect server",
            "# ---- Step 5 of 6, Entra Connect server",
            "# ---- Step 6 of 6, Exchange Online PowerShell",
        ])
        let firstUse = ["Set-MailPublicFolder -Identity", "Start-ADSyncSyncCycle -PolicyType Delta", "SyncCycleInProgress)",
                        "Get-ADSyncToolsAadObject -SyncObjectType PublicFolder", "Remove-ADSyncToolsAadObject", "$left = @(Get-ADSyncToolsAadObject",
                        "Set-RecipientProxyAddress -Recipient $recipient -Change Add"].map { command in lines.firstIndex { $0.contains(command) && !$0.contains("function") } ?? -1 }
        #expect(firstUse == firstUse.sorted() && !firstUse.contains(-1), "\(firstUse)")
        #expect(lines.contains { $0.contains("$_.ProxyAddresses -icontains 'smtp:hr@contoso.com'") })
        #expect(text.contains("# Address: smtp:hr@contoso.com, from the log around the message"))
        #expect(text.contains("[ValidateSet('OnPremisesExchange', 'EntraConnect', 'ExchangeOnline')]"))
    }

    /// Without an address, the script asks and checks it instead of filtering on a placeholder.
    @Test func aMissingAddressIsAskedForAndChecked() {
        let text = script([incident(kind: .aadObjectConflict, key: "publicfolder_" + Self.guid, objectType: "PublicFolder", guid: Self.guid)])
        #expect(text.contains("function Read-ProxyAddress"))
        #expect(text.contains(#"if ($typed -cmatch '^(smtp|SMTP):\S+@\S+$') { return $typed }"#))
        #expect(text.contains("$address = Read-ProxyAddress 'PublicFolder_\(Self.guid): the log does not say which address was being added.'"))
        #expect(text.contains("if (-not $address) { Write-Warning 'No address given: this incident is skipped.'; return }"))
        #expect(text.contains("Where-Object { $_.ProxyAddresses -icontains $address }"))
        #expect(!text.contains("<address"))
    }

    /// The holder is changed with the cmdlet of its RecipientType, on premises when it is synced.
    @Test func theHoldersTypePicksTheCmdlet() {
        let text = script([incident(kind: .proxyAddressInUse, key: "smtp:a@contoso.com", address: "SMTP:a@contoso.com")])
        for cmdlet in ["Set-Mailbox", "Set-MailUser", "Set-MailContact", "Set-DistributionGroup", "Set-UnifiedGroup", "Set-MailPublicFolder", "Set-RemoteMailbox"] {
            #expect(text.contains("{ \(cmdlet) -Identity $id -EmailAddresses $edit"), "\(cmdlet)")
        }
        #expect(text.contains("if ($holder.IsDirSynced) {"))
        #expect(text.contains("# ---- Step 1 of 3, on-premises Exchange Management Shell"))
    }
}
