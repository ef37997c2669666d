import Foundation
import Testing
@testable import ProxyClashCore

/// The shipped SampleLogs/, scanned as a user would: every conflict once, with its count and times.
@Suite struct SampleLogsTests {
    struct Expected: Equatable, CustomStringConvertible {
        let kind: IncidentKind
        let key: String
        let occurrences: Int
        let firstSeen: String?
        let lastSeen: String?
        var description: String { "\(kind.rawValue) \(key) ×\(occurrences) \(firstSeen ?? "-")…\(lastSeen ?? "-")" }
    }

    static func scan(_ paths: [String]) -> ScanResult {
        let (inputs, problems) = InputEnumerator().enumerate(paths.map { repositoryRoot.appendingPathComponent($0).path })
        precondition(problems.isEmpty)
        return ParallelScanner(catalog: shippedCatalog, jobs: 1).scan(inputs)
    }

    static func summary(_ result: ScanResult) -> [Expected] {
        result.incidents.incidents.map {
            Expected(kind: $0.kind, key: $0.key, occurrences: $0.occurrences,
                     firstSeen: $0.firstSeen.map(ISO8601.format), lastSeen: $0.lastSeen.map(ISO8601.format))
        }.sorted { $0.description < $1.description }
    }

    static let provisioningLog: [Expected] = [
        Expected(kind: .proxyAddressInUse, key: "smtp:lee.chen@contoso.com", occurrences: 3, firstSeen: "2026-11-16T08:02:45.993Z", lastSeen: "2026-11-16T14:02:45.100Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:support@contoso.com", occurrences: 1, firstSeen: "2026-11-16T08:09:30.500Z", lastSeen: "2026-11-16T08:09:30.500Z"),
        Expected(kind: .aadObjectConflict, key: "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301", occurrences: 2, firstSeen: "2026-11-16T08:12:44.700Z", lastSeen: "2026-11-16T14:05:13Z"),
    ]

    static let transcript: [Expected] = [
        // The server's TimeStamp in the error's FullyQualifiedErrorId, not the entry header a second before.
        Expected(kind: .proxyAddressInUse, key: "smtp:kim.akers@contoso.com", occurrences: 1, firstSeen: "2026-11-17T09:40:13Z", lastSeen: "2026-11-17T09:40:13Z"),
        Expected(kind: .proxyAddressInUse, key: "x500:/o=exchangelabs/ou=exchange administrative group (fydibohf23spdlt)/cn=recipients/cn=3a5c9e1f0b7d4e2a8c6b1d0e9f8a7b6c-pat kim", occurrences: 1, firstSeen: "2026-11-17T09:42:30Z", lastSeen: "2026-11-17T09:42:30Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:lee.chen@contoso.com", occurrences: 1, firstSeen: "2026-11-17T10:05:00Z", lastSeen: "2026-11-17T10:05:00Z"),
    ]

    static let exportErrors: [Expected] = [
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:john@contoso.com", occurrences: 2, firstSeen: "2026-11-18T02:30:11Z", lastSeen: "2026-11-18T03:00:09Z"),
        Expected(kind: .syncDuplicateAttribute, key: "userprincipalname|kim.akers@contoso.com", occurrences: 1, firstSeen: "2026-11-18T02:30:11Z", lastSeen: "2026-11-18T02:30:11Z"),
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:sales@contoso.com", occurrences: 1, firstSeen: "2026-11-18T03:15:00Z", lastSeen: "2026-11-18T03:15:00Z"),
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:sales.emea@contoso.com", occurrences: 1, firstSeen: "2026-11-18T03:15:00Z", lastSeen: "2026-11-18T03:15:00Z"),
        Expected(kind: .syncDuplicateAttribute, key: "userprincipalname|ann.beck@contoso.com", occurrences: 1, firstSeen: "2026-11-18T03:15:00Z", lastSeen: "2026-11-18T03:15:00Z"),
        Expected(kind: .aadObjectConflict, key: "contact_ad517a45-0f5a-4aac-9db7-fb26f37633fe", occurrences: 1, firstSeen: "2026-11-18T04:10:27Z", lastSeen: "2026-11-18T04:10:27Z"),
    ]

    static let consoleWrapped: [Expected] = [
        // The server's TimeStamp in the wrapped FullyQualifiedErrorId, a second after the entry header.
        Expected(kind: .proxyAddressInUse, key: "smtp:nora.diaz@contoso.com", occurrences: 1, firstSeen: "2026-11-19T07:02:12Z", lastSeen: "2026-11-19T07:02:12Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:omar.haddad@contoso.com", occurrences: 1, firstSeen: "2026-11-19T07:05:40Z", lastSeen: "2026-11-19T07:05:40Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:lee.chen@contoso.com", occurrences: 1, firstSeen: "2026-11-19T07:09:02Z", lastSeen: "2026-11-19T07:09:02Z"),
    ]

    static let eventCSV: [Expected] = [
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:john@contoso.com", occurrences: 2, firstSeen: "2026-11-18T02:30:11Z", lastSeen: "2026-11-19T02:30:09Z"),
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:j.smith@contoso.com", occurrences: 1, firstSeen: "2026-11-19T02:30:09Z", lastSeen: "2026-11-19T02:30:09Z"),
        Expected(kind: .syncDuplicateAttribute, key: "userprincipalname|maria.garcia@contoso.com", occurrences: 1, firstSeen: "2026-11-19T02:30:10Z", lastSeen: "2026-11-19T02:30:10Z"),
    ]

    static let semicolonCSV: [Expected] = [
        Expected(kind: .proxyAddressInUse, key: "smtp:lina.park@contoso.com", occurrences: 1, firstSeen: "2026-11-20T09:12:44Z", lastSeen: "2026-11-20T09:12:44Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:lee.chen@contoso.com", occurrences: 1, firstSeen: "2026-11-20T09:13:02Z", lastSeen: "2026-11-20T09:13:02Z"),
        Expected(kind: .aadObjectConflict, key: "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301", occurrences: 1, firstSeen: "2026-11-20T09:15:51Z", lastSeen: "2026-11-20T09:15:51Z"),
    ]

    static let graphUsers: [Expected] = [
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:ivy.chen@contoso.com", occurrences: 1, firstSeen: "2026-11-18T05:12:40.447Z", lastSeen: "2026-11-18T05:12:40.447Z"),
        Expected(kind: .syncDuplicateAttribute, key: "userprincipalname|kim.akers@contoso.com", occurrences: 1, firstSeen: "2026-11-18T05:13:02Z", lastSeen: "2026-11-18T05:13:02Z"),
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:k.akers@contoso.com", occurrences: 1, firstSeen: "2026-11-18T05:13:02Z", lastSeen: "2026-11-18T05:13:02Z"),
    ]

    static let automationJSONLines: [Expected] = [
        Expected(kind: .proxyAddressInUse, key: "smtp:mia.wong@contoso.com", occurrences: 1, firstSeen: "2026-11-21T10:00:07Z", lastSeen: "2026-11-21T10:00:07Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:lee.chen@contoso.com", occurrences: 1, firstSeen: "2026-11-21T10:00:09Z", lastSeen: "2026-11-21T10:00:09Z"),
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:pat.kim@contoso.com", occurrences: 1, firstSeen: "2026-11-21T10:02:00Z", lastSeen: "2026-11-21T10:02:00Z"),
    ]

    static let weeklyZip: [Expected] = [
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:tom.baker@contoso.com", occurrences: 2, firstSeen: "2026-11-22T03:15:00Z", lastSeen: "2026-11-23T03:15:00Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:sara.lind@contoso.com", occurrences: 1, firstSeen: "2026-11-22T09:15:10Z", lastSeen: "2026-11-22T09:15:10Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:nora.diaz@contoso.com", occurrences: 1, firstSeen: "2026-11-22T09:16:42Z", lastSeen: "2026-11-22T09:16:42Z"),
        Expected(kind: .aadObjectConflict, key: "contact_ad517a45-0f5a-4aac-9db7-fb26f37633fe", occurrences: 1, firstSeen: "2026-11-22T11:02:09Z", lastSeen: "2026-11-22T11:02:09Z"),
    ]

    static let errorReportMail: [Expected] = [
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:ann.beck@contoso.com", occurrences: 1, firstSeen: "2026-11-23T02:41:07Z", lastSeen: "2026-11-23T02:41:07Z"),
        Expected(kind: .syncDuplicateAttribute, key: "userprincipalname|raj.patel@contoso.com", occurrences: 1, firstSeen: "2026-11-23T02:41:07Z", lastSeen: "2026-11-23T02:41:07Z"),
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:sales@contoso.com", occurrences: 1, firstSeen: "2026-11-23T02:41:07Z", lastSeen: "2026-11-23T02:41:07Z"),
    ]

    static let wevtutilXML: [Expected] = [
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:olga.ivanova@contoso.com", occurrences: 1, firstSeen: "2026-11-24T02:30:11.543Z", lastSeen: "2026-11-24T02:30:11.543Z"),
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:john@contoso.com", occurrences: 1, firstSeen: "2026-11-24T02:30:12.001Z", lastSeen: "2026-11-24T02:30:12.001Z"),
    ]

    static let clixml: [Expected] = [
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:olga.ivanova@contoso.com", occurrences: 2, firstSeen: "2026-11-24T14:30:10.100Z", lastSeen: "2026-11-25T02:30:09.700Z"),
    ]

    static let mixedEncoding: [Expected] = [
        Expected(kind: .proxyAddressInUse, key: "smtp:rene.dupont@contoso.com", occurrences: 1, firstSeen: "2026-11-24T08:05:12Z", lastSeen: "2026-11-24T08:05:12Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:jos?.garcia@contoso.com", occurrences: 1, firstSeen: "2026-11-24T08:05:40Z", lastSeen: "2026-11-24T08:05:40Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:yuki.tanaka@contoso.com", occurrences: 1, firstSeen: "2026-11-24T08:10:02Z", lastSeen: "2026-11-24T08:10:02Z"),
    ]

    static let provisionTask: [Expected] = [
        Expected(kind: .proxyAddressInUse, key: "smtp:ivan.petrov@contoso.com", occurrences: 1, firstSeen: "2026-11-25T06:03:41Z", lastSeen: "2026-11-25T06:03:41Z"),
        Expected(kind: .aadObjectConflict, key: "publicfolder_9b2e4c6a-1d3f-4e5a-8b7c-6d5e4f3a2b1c", occurrences: 1, firstSeen: "2026-11-25T06:04:06Z", lastSeen: "2026-11-25T06:04:06Z"),
    ]

    static let ticketNotes: [Expected] = [
        Expected(kind: .proxyAddressInUse, key: "smtp:greg@northwind.example", occurrences: 1, firstSeen: nil, lastSeen: nil),
    ]

    static let supportBundle: [Expected] = [
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:hugo.stein@contoso.com", occurrences: 1, firstSeen: "2026-11-24T02:30:09Z", lastSeen: "2026-11-27T02:30:11Z"),
        Expected(kind: .syncDuplicateAttribute, key: "userprincipalname|nina.berg@contoso.com", occurrences: 1, firstSeen: "2026-11-27T02:30:12Z", lastSeen: "2026-11-27T02:30:12Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:oscar.lund@contoso.com", occurrences: 1, firstSeen: "2026-11-26T02:05:02.877Z", lastSeen: "2026-11-26T02:05:02.877Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:lee.chen@contoso.com", occurrences: 1, firstSeen: "2026-11-26T02:06:44.250Z", lastSeen: "2026-11-26T02:06:44.250Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:pia.holm@contoso.com", occurrences: 1, firstSeen: "2026-11-25T03:11:17.406Z", lastSeen: "2026-11-25T03:11:17.406Z"),
    ]

    static let graphListing: [Expected] = [
        Expected(kind: .syncDuplicateAttribute, key: "proxyaddresses|smtp:ivy.chen@contoso.com", occurrences: 1, firstSeen: "2026-11-26T02:10:00Z", lastSeen: "2026-11-26T02:10:00Z"),
        Expected(kind: .syncDuplicateAttribute, key: "userprincipalname|nina.berg@contoso.com", occurrences: 1, firstSeen: "2026-11-26T02:11:30Z", lastSeen: "2026-11-26T02:11:30Z"),
    ]

    static let restSyncXZ: [Expected] = [
        Expected(kind: .proxyAddressInUse, key: "smtp:rita.voss@contoso.com", occurrences: 1, firstSeen: "2026-11-27T04:01:11.250Z", lastSeen: "2026-11-27T04:01:11.250Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:sven.berg@contoso.com", occurrences: 1, firstSeen: "2026-11-27T04:02:00Z", lastSeen: "2026-11-27T04:02:00Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:tara.quinn@contoso.com", occurrences: 1, firstSeen: "2026-11-27T04:03:05.118Z", lastSeen: "2026-11-27T04:03:05.118Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:oscar.lund@contoso.com", occurrences: 1, firstSeen: "2026-11-27T04:03:40.500Z", lastSeen: "2026-11-27T04:03:40.500Z"),
    ]

    static let mailboxMovesBZ2: [Expected] = [
        Expected(kind: .proxyAddressInUse, key: "smtp:ulla.kern@contoso.com", occurrences: 1, firstSeen: "2026-11-28T07:16:21Z", lastSeen: "2026-11-28T07:16:21Z"),
        Expected(kind: .proxyAddressInUse, key: "smtp:lee.chen@contoso.com", occurrences: 1, firstSeen: "2026-11-28T07:18:02Z", lastSeen: "2026-11-28T07:18:02Z"),
    ]

    static let hrMailboxTranscript: [Expected] = [
        // Dated by the server's TimeStamp in each error's wrapped FullyQualifiedErrorId.
        Expected(kind: .aadObjectConflict, key: "publicfolder_5d7c9e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f", occurrences: 1, firstSeen: "2026-11-18T10:31:40Z", lastSeen: "2026-11-18T10:31:40Z"),
        Expected(kind: .aadObjectConflict, key: "publicfolder_c4b3a291-7e6d-4f5c-9b8a-0d1e2f3a4b5c", occurrences: 1, firstSeen: "2026-11-18T10:32:57Z", lastSeen: "2026-11-18T10:32:57Z"),
    ]

    @Test(arguments: [
        ("SampleLogs/hr-mailbox-transcript-2026-11-18.txt", hrMailboxTranscript),
        ("SampleLogs/aadc-support-bundle-2026-11-27.tar.gz", supportBundle),
        ("SampleLogs/graph-provisioning-errors-list-2026-11-26.txt", graphListing),
        ("SampleLogs/rest-sync-2026-11-27.log.xz", restSyncXZ),
        ("SampleLogs/mailbox-moves-2026-11-28.log.bz2", mailboxMovesBZ2),
        ("SampleLogs/exo-provisioning-2026-11-16.log", provisioningLog),
        ("SampleLogs/onboarding-transcript-utf16le.txt", transcript),
        ("SampleLogs/aadconnect-export-errors-2026-11-18.log.gz", exportErrors),
        ("SampleLogs/ticket-INC0042-notes.md", ticketNotes),
        ("SampleLogs/alias-sync-console-wrapped.txt", consoleWrapped),
        ("SampleLogs/adsync-events-2026-11-19.csv", eventCSV),
        ("SampleLogs/mailuser-results-de-DE.csv", semicolonCSV),
        ("SampleLogs/graph-users-provisioning-errors.json", graphUsers),
        ("SampleLogs/automation-results-2026-11-21.jsonl", automationJSONLines),
        ("SampleLogs/weekly-exports-2026-W47.zip", weeklyZip),
        ("SampleLogs/identity-sync-error-report-2026-11-23.eml.gz", errorReportMail),
        ("SampleLogs/adsync-events-wevtutil-2026-11-24.xml", wevtutilXML),
        ("SampleLogs/adsync-events-export.clixml", clixml),
        ("SampleLogs/run-history-mixed-encoding.log", mixedEncoding),
        ("SampleLogs/provision-task-2026-11-25.log", provisionTask),
    ])
    func eachSampleFileGivesItsIncidents(path: String, expected: [Expected]) {
        let result = Self.scan([path])
        #expect(Self.summary(result) == expected.sorted { $0.description < $1.description })
        #expect(!result.diagnostics.hasErrors)
    }

    /// The dual-write errors leave the address out; the command typed at the prompt above each
    /// one names it (`@{Add='smtp:...'}`, `-PrimarySmtpAddress`).
    @Test func aTranscriptsCommandLineGivesTheAddressTheMessageLeavesOut() throws {
        let incidents = Self.scan(["SampleLogs/hr-mailbox-transcript-2026-11-18.txt"]).incidents.incidents.sorted { $0.key < $1.key }
        #expect(incidents.map(\.address) == ["SMTP:hr@contoso.com", "SMTP:facilities@contoso.com"])
        #expect(incidents.map(\.addressSource) == [.context, .context])
        // A script's plain log: the line above the (wrapped) error says which address was being added.
        let task = try #require(Self.scan(["SampleLogs/provision-task-2026-11-25.log"]).incidents.incidents.first { $0.kind == .aadObjectConflict })
        #expect(task.address == "SMTP:jo.kim@contoso.com")
        #expect(task.addressSource == .context)
        // The same public folder in a log with nothing about it above keeps no address.
        let provisioning = try #require(Self.scan(["SampleLogs/exo-provisioning-2026-11-16.log"]).incidents.incidents.first { $0.kind == .aadObjectConflict })
        #expect(provisioning.address == nil)
        #expect(provisioning.addressSource == nil)
    }

    @Test func mixedEncodingsAreReported() {
        let result = Self.scan(["SampleLogs/run-history-mixed-encoding.log"])
        #expect(result.diagnostics.counts == [.decoding: 3])
        #expect(result.incidents.incidents.first { $0.key == "smtp:rene.dupont@contoso.com" }?.owners == ["corp.contoso.com/Partners/René Dupont"])
        #expect(result.incidents.incidents.first { $0.key == "smtp:yuki.tanaka@contoso.com" }?.owners.first?.hasSuffix("/田中 ゆき") == true)
    }

    @Test func theWholeFolderCountsEachConflictOnce() throws {
        let result = Self.scan(["SampleLogs"])
        let incidents = result.incidents.incidents
        #expect(incidents.count == 41)
        #expect(incidents.first { $0.key == "proxyaddresses|smtp:sales@contoso.com" }?.occurrences == 2)
        let lee = try #require(incidents.first { $0.key == "smtp:lee.chen@contoso.com" })
        #expect(lee.occurrences == 9)
        #expect(lee.firstSeen.map(ISO8601.format) == "2026-11-16T08:02:45.993Z")
        #expect(lee.lastSeen.map(ISO8601.format) == "2026-11-28T07:18:02Z")
        #expect(lee.sources.map(\.line) == [5, 27, 3, 5, 9])
        #expect(lee.sourceTotal == 9)
        // The same conflict in three shapes: csexport XML in a tar.gz, a Format-List listing, Graph JSON.
        #expect(incidents.first { $0.key == "userprincipalname|nina.berg@contoso.com" }?.occurrences == 2)
        #expect(incidents.first { $0.key == "proxyaddresses|smtp:ivy.chen@contoso.com" }?.occurrences == 2)
        #expect(incidents.first { $0.key == "smtp:oscar.lund@contoso.com" }?.occurrences == 2)
        #expect(incidents.first { $0.key == "userprincipalname|kim.akers@contoso.com" }?.occurrences == 2)
        #expect(incidents.first { $0.key == "smtp:nora.diaz@contoso.com" }?.occurrences == 2)
        #expect(incidents.first { $0.key == "contact_ad517a45-0f5a-4aac-9db7-fb26f37633fe" }?.occurrences == 2)
        #expect(incidents.first { $0.key == "proxyaddresses|smtp:john@contoso.com" }?.occurrences == 5)
        #expect(incidents.first { $0.key == "proxyaddresses|smtp:olga.ivanova@contoso.com" }?.occurrences == 3)
        #expect(incidents.first { $0.key == "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301" }?.occurrences == 3)
        // README.md is scanned too: it quotes placeholders only.
        let inputs = result.inputs.map { input -> String in
            let name = input.path.replacingOccurrences(of: repositoryRoot.appendingPathComponent("SampleLogs").path + "/", with: "")
            return "\(name) \(input.format?.rawValue ?? "-") \(input.encoding?.rawValue ?? "-")\(input.compression.map { " " + $0 } ?? "")"
        }
        #expect(inputs == [
            "README.md lines utf-8",
            "aadc-support-bundle-2026-11-27.tar.gz!AADC01/csexport-errors-20261127.xml xml utf-16le",
            "aadc-support-bundle-2026-11-27.tar.gz!EXO/exo-batch-2026-11-26.log lines utf-8",
            "aadc-support-bundle-2026-11-27.tar.gz!EXO/older/exo-batch-2026-11-25.log.zst lines utf-8 zstd",
            "aadconnect-export-errors-2026-11-18.log.gz lines utf-8 gzip",
            "adsync-events-2026-11-19.csv csv utf-8",
            "adsync-events-export.clixml xml utf-16le",
            "adsync-events-wevtutil-2026-11-24.xml xml utf-8",
            "alias-sync-console-wrapped.txt console utf-8-bom",
            "automation-results-2026-11-21.jsonl json utf-8",
            "exo-provisioning-2026-11-16.log lines utf-8",
            "graph-provisioning-errors-list-2026-11-26.txt console utf-16le",
            "graph-users-provisioning-errors.json json utf-8",
            "hr-mailbox-transcript-2026-11-18.txt console utf-8-bom",
            "identity-sync-error-report-2026-11-23.eml.gz email utf-8 gzip",
            "mailbox-moves-2026-11-28.log.bz2 lines utf-8 bzip2",
            "mailuser-results-de-DE.csv csv utf-8",
            "onboarding-transcript-utf16le.txt console utf-16le",
            "provision-task-2026-11-25.log lines utf-8",
            "rest-sync-2026-11-27.log.xz lines utf-8 xz",
            "run-history-mixed-encoding.log lines utf-8",
            "ticket-INC0042-notes.md lines utf-8",
            "weekly-exports-2026-W47.zip!exports/hybrid/sync-errors.log.gz lines utf-8 gzip",
            "weekly-exports-2026-W47.zip!exports/transcripts/mailbox-moves.txt console utf-16le",
            "weekly-exports-2026-W47.zip!exports/csv/contacts.csv csv utf-8",
        ])
        #expect(result.statistics.files == 25)
    }

    @Test func twoJobsGiveTheSameReportAsOne() {
        let (inputs, _) = InputEnumerator().enumerate([repositoryRoot.appendingPathComponent("SampleLogs").path])
        let one = ParallelScanner(catalog: shippedCatalog, jobs: 1).scan(inputs)
        let two = ParallelScanner(catalog: shippedCatalog, jobs: 2).scan(inputs)
        let four = ParallelScanner(catalog: shippedCatalog, jobs: 4).scan(inputs)
        for other in [two, four] {
            #expect(other.incidents.incidents == one.incidents.incidents)
            #expect(other.inputs == one.inputs)
            #expect(other.statistics == one.statistics)
            #expect(other.diagnostics.entries == one.diagnostics.entries)
            #expect(other.diagnostics.counts == one.diagnostics.counts)
        }
    }

    @Test func everyInputReadsTheSameWithTinyBuffers() {
        var options = ScanOptions()
        options.readSize = 7
        for name in ["exo-provisioning-2026-11-16.log", "onboarding-transcript-utf16le.txt", "aadconnect-export-errors-2026-11-18.log.gz",
                     "alias-sync-console-wrapped.txt", "adsync-events-2026-11-19.csv", "mailuser-results-de-DE.csv",
                     "graph-users-provisioning-errors.json", "automation-results-2026-11-21.jsonl",
                     "identity-sync-error-report-2026-11-23.eml.gz", "adsync-events-wevtutil-2026-11-24.xml",
                     "adsync-events-export.clixml", "run-history-mixed-encoding.log"] {
            let path = repositoryRoot.appendingPathComponent("SampleLogs/" + name).path
            let small = Scanner(catalog: shippedCatalog, options: options).scan(InputItem(path: path))
            let large = Scanner(catalog: shippedCatalog).scan(InputItem(path: path))
            #expect(small.incidents.incidents == large.incidents.incidents, "\(name)")
        }
    }
}
