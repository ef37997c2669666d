import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

/// `proxyclash remediate`'s scripts for each kind of incident and each way its address is found,
/// built as a user gets them: the sample logs scanned into a history store, the incident read
/// back from it. Golden files: `Golden/remediate-*.ps1` (reviewed against the articles; re-record
/// with RECORD=1).
@Suite(.serialized) struct GoldenScriptTests {
    /// The incidents with these ids, scanned from `paths` into a fresh store and read back.
    private func storedIncidents(_ ids: [String], scanning paths: [String]) throws -> [Incident] {
        let catalog = try PatternCatalog.load(directories: [repositoryRoot.appendingPathComponent("Patterns").path])
        var options = ScanOptions()
        options.collectOccurrences = true
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-remediate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try HistoryStore(path: folder.appendingPathComponent("h.sqlite").path)
        let result = try inRepositoryRoot { ParallelScanner(catalog: catalog, options: options, jobs: 1).scan(InputEnumerator().enumerate(paths).inputs) }
        try store.record(result, startedAt: Date(timeIntervalSince1970: 1_795_000_000))
        return try ids.map { id in try #require(try store.incident(id: id), "\(id) is not in the store") }
    }

    private func script(_ incidents: [Incident]) -> String {
        RemediationScript.script(for: incidents, source: "ops.sqlite", generatedAt: Date(timeIntervalSince1970: 1_795_000_000))
    }

    /// The golden files hold the script after its byte order mark (Foundation drops a BOM when it
    /// reads a file back).
    private func assertGoldenScript(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(text.hasPrefix(RemediationScript.byteOrderMark), sourceLocation: sourceLocation)
        try assertGolden(String(text.dropFirst()), name, sourceLocation: sourceLocation)
    }

    /// The transcript where the failed command sits above each dual-write error: the address is
    /// filled in everywhere, nothing is asked for.
    @Test func publicFolderWithTheAddressFromContext() throws {
        let incidents = try storedIncidents([Incident.id(kind: .aadObjectConflict, key: "publicfolder_5d7c9e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f"),
                                             Incident.id(kind: .aadObjectConflict, key: "publicfolder_c4b3a291-7e6d-4f5c-9b8a-0d1e2f3a4b5c")],
                                            scanning: ["SampleLogs/hr-mailbox-transcript-2026-11-18.txt"])
        #expect(incidents.map(\.addressSource) == [.context, .context])
        let text = script(incidents)
        #expect(!text.contains("<"), "no placeholder")
        #expect(!text.contains("Read-ProxyAddress"), "nothing to ask")
        // Every mention of the address is the quoted literal, save the comment saying where it came from.
        for address in ["hr@contoso.com", "facilities@contoso.com"] {
            #expect(text.components(separatedBy: address).count == text.components(separatedBy: "'smtp:\(address)'").count + 1)
            #expect(text.contains("# Address: smtp:\(address), from the log around the message"))
        }
        try assertGoldenScript(text, "remediate-public-folder-context.ps1")
    }

    /// The README shows this script whole: it must be what `remediate` writes (after its byte
    /// order mark).
    @Test func theReadmesScriptIsTheOneWritten() throws {
        let incidents = try storedIncidents([Incident.id(kind: .aadObjectConflict, key: "publicfolder_5d7c9e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f")],
                                            scanning: ["SampleLogs/hr-mailbox-transcript-2026-11-18.txt"])
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```powershell\n").dropFirst().first?.components(separatedBy: "```\n").first)
        #expect(RemediationScript.byteOrderMark + block == script(incidents))
    }

    /// A log with no command above the error: the script asks for the address and checks it.
    @Test func publicFolderWithoutAnAddress() throws {
        let incidents = try storedIncidents([Incident.id(kind: .aadObjectConflict, key: "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301")],
                                            scanning: ["SampleLogs/exo-provisioning-2026-11-16.log"])
        #expect(incidents.first?.address == nil)
        let text = script(incidents)
        #expect(text.contains("$address = Read-ProxyAddress"))
        #expect(text.contains(#"-cmatch '^(smtp|SMTP):\S+@\S+$'"#))
        #expect(!text.contains("<address"), "no placeholder to filter on")
        try assertGoldenScript(text, "remediate-public-folder-none.ps1")
    }

    /// No shipped pattern captures an address in a dual-write message, but a user's pattern may
    /// (its `address` group): such an incident is built here as a report or a store gives it.
    @Test func publicFolderWithTheAddressFromTheMessage() throws {
        let incident = Incident(kind: .aadObjectConflict, key: "publicfolder_9b2e4c6a-1d3f-4e5a-8b7c-6d5e4f3a2b1c", occurrences: 1,
                                firstSeen: Date(timeIntervalSince1970: 1_795_000_000), lastSeen: Date(timeIntervalSince1970: 1_795_000_000),
                                address: "SMTP:jo.kim@contoso.com", owners: [], forests: [], tenants: [], objectType: "PublicFolder",
                                guid: "9b2e4c6a-1d3f-4e5a-8b7c-6d5e4f3a2b1c", attribute: "ProxyAddresses", value: nil, sources: [],
                                sourceTotal: 1, patternIDs: ["my-dualwrite-with-address"], addressSource: .message)
        try assertGoldenScript(script([incident]), "remediate-public-folder-message.ps1")
    }

    /// Another kind of Entra ID object (a contact): looked up by its GUID, no address needed.
    @Test func contactConflict() throws {
        let incidents = try storedIncidents([Incident.id(kind: .aadObjectConflict, key: "contact_ad517a45-0f5a-4aac-9db7-fb26f37633fe")],
                                            scanning: ["SampleLogs/aadconnect-export-errors-2026-11-18.log.gz"])
        let text = script(incidents)
        #expect(text.contains("Get-MgContact -OrgContactId 'ad517a45-0f5a-4aac-9db7-fb26f37633fe'"))
        #expect(!text.contains("Read-ProxyAddress"))
        try assertGoldenScript(text, "remediate-contact.ps1")
    }

    @Test func addressInUse() throws {
        let incidents = try storedIncidents([Incident.id(kind: .proxyAddressInUse, key: "smtp:lee.chen@contoso.com")],
                                            scanning: ["SampleLogs/exo-provisioning-2026-11-16.log"])
        try assertGoldenScript(script(incidents), "remediate-address-in-use.ps1")
    }

    @Test func syncDuplicateAttributes() throws {
        let incidents = try storedIncidents([Incident.id(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:john@contoso.com"),
                                             Incident.id(kind: .syncDuplicateAttribute, key: "userprincipalname|kim.akers@contoso.com")],
                                            scanning: ["SampleLogs/aadconnect-export-errors-2026-11-18.log.gz"])
        let text = script(incidents)
        #expect(text.contains("Get-ADObject -LDAPFilter '(proxyAddresses=smtp:john@contoso.com)'"))
        #expect(text.contains("Set-ADObject -Identity $object.DistinguishedName -Remove @{ 'proxyAddresses' = [string[]] $stored }"))
        #expect(text.contains("Set-ADUser -Identity $object.DistinguishedName -UserPrincipalName $newName"))
        try assertGoldenScript(text, "remediate-sync-duplicate.ps1")
    }
}
