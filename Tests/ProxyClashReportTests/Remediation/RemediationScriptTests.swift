import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

@Suite struct RemediationScriptTests {
    private func incident(kind: IncidentKind, key: String, address: String? = nil, objectType: String? = nil, guid: String? = nil) -> Incident {
        Incident(kind: kind, key: key, occurrences: 2, firstSeen: nil, lastSeen: nil, address: address, owners: ["Evil $(Remove-Item C:\\)"],
                 forests: [], tenants: [], objectType: objectType, guid: guid, attribute: nil, value: nil, sources: [], sourceTotal: 2, patternIDs: [])
    }

    @Test func valuesFromLogsCannotRunCommands() {
        let script = RemediationScript.script(for: [incident(kind: .proxyAddressInUse, key: "smtp:o'neil$(whoami)@contoso.com", address: "SMTP:o'neil$(whoami)@contoso.com")],
                                              source: "ops.sqlite", generatedAt: Date(timeIntervalSince1970: 0))
        // Every use of the address is a single-quoted literal with the quote doubled.
        #expect(script.contains("-contains 'smtp:o''neil$(whoami)@contoso.com'"))
        #expect(script.contains("Confirm-Change ('Remove ' + 'smtp:o''neil$(whoami)@contoso.com' + ' from ' + $holder)"))
        #expect(!script.contains("\"smtp:o'neil"))
        // The owner only ever appears in a comment.
        let ownerLines = script.split(separator: "\n").filter { $0.contains("Remove-Item") }
        #expect(ownerLines.allSatisfy { $0.hasPrefix("#") })
    }

    @Test func changesWaitForYes() {
        let script = RemediationScript.script(for: [
            incident(kind: .proxyAddressInUse, key: "smtp:a@contoso.com", address: "SMTP:a@contoso.com"),
            incident(kind: .aadObjectConflict, key: "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301", objectType: "PublicFolder", guid: "3f2504e0-4f89-41d3-9a0c-0305e82c3301"),
        ], source: "ops.sqlite", generatedAt: Date(timeIntervalSince1970: 0))
        let lines = script.split(separator: "\n").map(String.init)
        for (index, line) in lines.enumerated() where line.contains("Set-Mailbox ") || line.contains("Remove-ADSyncToolsAadObject ") {
            #expect(!line.hasPrefix("#"))
            // Inside an `if (... Confirm-Change ...)` block opened above it.
            #expect(lines[..<index].last { $0.hasPrefix("if (") }?.contains("Confirm-Change") == true)
        }
        #expect(script.contains("Import-Module ADSyncTools"))
        #expect(script.contains("Get-ADSyncToolsAadObject -SyncObjectType PublicFolder"))
    }
}
