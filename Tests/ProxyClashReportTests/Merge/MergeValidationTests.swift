import Foundation
import ProxyClashCore
import Testing
@testable import ProxyClashReport

/// A small valid report: one incident seen `occurrences` times, one input, one diagnostic.
private func shard(occurrences: Int = 2, bytes: Int = 100) -> Report {
    let incident = Incident(kind: .proxyAddressInUse, key: "smtp:lee@contoso.com", occurrences: occurrences,
                            firstSeen: Date(timeIntervalSince1970: 1_795_000_000), lastSeen: Date(timeIntervalSince1970: 1_795_000_060),
                            address: "SMTP:lee@contoso.com", owners: ["Lee"], forests: [], tenants: [], objectType: nil, guid: nil,
                            attribute: nil, value: nil, sources: [SourceRef(path: "a.log", line: 3)], sourceTotal: occurrences,
                            patternIDs: ["exo-proxy-in-use"], datedBy: [.lineAbove: occurrences])
    return Report(schema: Report.schemaIdentifier, generatedAt: "2026-11-16T09:00:00Z", window: nil,
                  summary: Report.Summary(files: 1, bytes: bytes, records: 10, messages: occurrences, incidents: 1, skipped: 0,
                                          outsideWindow: 0, undated: 0, diagnostics: ["decoding": 1]),
                  inputs: [Report.InputEntry(path: "a.log", format: "lines", encoding: "utf-8", compressed: false, compression: nil,
                                             status: "scanned", bytes: bytes, records: 10)],
                  incidents: IncidentEntry.entries([incident]),
                  diagnostics: [Report.DiagnosticEntry(path: "a.log", line: 4, category: "decoding", severity: "warning", message: "replaced")])
}

/// The failure `report` is refused with, as text (nil when it is accepted).
private func refusal(_ report: Report) -> String? {
    var merger = ReportMerger()
    do {
        try merger.add(report)
        return nil
    } catch {
        return error.description
    }
}

@Suite struct MergeValidationTests {
    /// Each count field of the contract, and how to set it.
    static let countFields: [(String, @Sendable (inout Report, Int) -> Void)] = [
        ("summary.files", { $0.summary.files = $1 }),
        ("summary.bytes", { $0.summary.bytes = $1 }),
        ("summary.records", { $0.summary.records = $1 }),
        ("summary.messages", { $0.summary.messages = $1 }),
        ("summary.incidents", { $0.summary.incidents = $1 }),
        ("summary.skipped", { $0.summary.skipped = $1 }),
        ("summary.outsideWindow", { $0.summary.outsideWindow = $1 }),
        ("summary.undated", { $0.summary.undated = $1 }),
        ("summary.diagnostics.decoding", { $0.summary.diagnostics["decoding"] = $1 }),
        ("inputs[0].bytes", { $0.inputs[0].bytes = $1 }),
        ("inputs[0].records", { $0.inputs[0].records = $1 }),
        ("incidents[0].occurrences", { $0.incidents[0].occurrences = $1 }),
        ("incidents[0].sources.total", { $0.incidents[0].sources.total = $1 }),
        ("incidents[0].sources.sample[0].line", { $0.incidents[0].sources.sample[0].line = $1 }),
        ("incidents[0].dating.line-above", { $0.incidents[0].dating["line-above"] = $1 }),
        ("diagnostics[0].line", { $0.diagnostics[0].line = $1 }),
    ]

    @Test(arguments: countFields)
    func negativeCountRefusesTheReportNamingTheField(field: String, set: @Sendable (inout Report, Int) -> Void) {
        var report = shard()
        set(&report, -1)
        let reason = refusal(report)
        #expect(reason?.hasPrefix(field + ": ") == true, "\(reason ?? "accepted")")
        #expect(reason?.contains("negative") == true)
    }

    @Test(arguments: countFields)
    func sumsStopAtIntMax(field: String, set: @Sendable (inout Report, Int) -> Void) throws {
        var huge = shard()
        set(&huge, Int.max)
        var merger = ReportMerger()
        try merger.add(huge)
        try merger.add(huge)
        try merger.add(shard())
        let merged = merger.report()
        let summary = merged.summary
        #expect(summary.files >= 3 && summary.bytes >= 300 && summary.records >= 30)
        switch field {
        case "summary.files": #expect(summary.files == Int.max)
        case "summary.bytes": #expect(summary.bytes == Int.max)
        case "summary.records": #expect(summary.records == Int.max)
        case "summary.messages": #expect(summary.messages == Int.max)
        case "summary.skipped": #expect(summary.skipped == Int.max)
        case "summary.outsideWindow": #expect(summary.outsideWindow == Int.max)
        case "summary.undated": #expect(summary.undated == Int.max)
        case "summary.diagnostics.decoding": #expect(summary.diagnostics["decoding"] == Int.max)
        case "incidents[0].occurrences": #expect(merged.incidents.first?.occurrences == Int.max)
        case "incidents[0].sources.total": #expect(merged.incidents.first?.sources.total == Int.max)
        case "incidents[0].dating.line-above": #expect(merged.incidents.first?.dating["line-above"] == Int.max)
        default: #expect(merged.incidents.count == 1)
        }
    }

    @Test(arguments: ["firstSeen", "lastSeen"])
    func invalidTimeRefusesTheReportNamingTheField(field: String) {
        var report = shard()
        if field == "firstSeen" { report.incidents[0].firstSeen = "yesterday" } else { report.incidents[0].lastSeen = "2026-13-45T99:00:00Z" }
        let reason = refusal(report)
        #expect(reason?.hasPrefix("incidents[0].\(field): not an ISO 8601 time") == true, "\(reason ?? "accepted")")
    }

    /// How messages were dated adds up across shards; a kind of evidence no version wrote refuses
    /// the shard, naming it.
    @Test func datingCountsAddUpAndUnknownKindsAreRefused() throws {
        var merger = ReportMerger()
        try merger.add(shard(occurrences: 2))
        var other = shard(occurrences: 3)
        other.incidents[0].dating = ["line-above": 1, "server-timestamp": 2]
        try merger.add(other)
        #expect(merger.report().incidents.first?.dating == ["line-above": 3, "server-timestamp": 2])
        var odd = shard()
        odd.incidents[0].dating = ["sundial": 1]
        #expect(refusal(odd) == "incidents[0].dating: unknown kind of time evidence 'sundial'")
    }

    @Test func firstSeenAfterLastSeenRefusesTheReport() {
        var report = shard()
        report.incidents[0].firstSeen = "2026-11-20T00:00:00Z"
        report.incidents[0].lastSeen = "2026-11-19T00:00:00Z"
        #expect(refusal(report) == "incidents[0]: firstSeen is later than lastSeen")
    }

    @Test func invalidWindowTimeRefusesTheReport() {
        var report = shard()
        report.window = Report.TimeWindow(since: "last week", until: nil)
        #expect(refusal(report)?.hasPrefix("window.since: not an ISO 8601 time") == true)
    }

    @Test func quotedValuesAreShortAndVisible() {
        var report = shard()
        report.incidents[0].firstSeen = "\u{1B}[31m" + String(repeating: "x", count: 10_000)
        let reason = refusal(report) ?? ""
        #expect(!reason.contains("\u{1B}"))
        #expect(reason.contains(TerminalText.safe("\u{1B}[31m")))
        #expect(reason.count < 200)
    }

    @Test func refusedReportLeavesNoTrace() throws {
        var bad = shard(occurrences: 7)
        bad.incidents[0].lastSeen = "never"
        var merger = ReportMerger()
        try merger.add(shard())
        #expect(throws: ReportMerger.Failure.self) { try merger.add(bad) }
        #expect(merger.report(generatedAt: Date(timeIntervalSince1970: 0)) == (try ReportMerger.merge([shard()], generatedAt: Date(timeIntervalSince1970: 0))))
    }

    @Test func skippedReportIsAnUnreadableInputDiagnostic() throws {
        var merger = ReportMerger()
        try merger.add(shard())
        merger.skip("b.json", reason: "no such file or directory")
        let merged = merger.report()
        #expect(merged.summary.skipped == 1)
        #expect(merged.summary.diagnostics["unreadable-input"] == 1)
        #expect(merged.diagnostics.contains(Report.DiagnosticEntry(path: "b.json", line: nil, category: "unreadable-input",
                                                                   severity: "error", message: "no such file or directory")))
        #expect(merged.incidents.count == 1)
    }

    @Test func everyReportSkippedGivesAnEmptyReport() {
        var merger = ReportMerger()
        merger.skip("a.json", reason: "no such file or directory")
        merger.skip("b.json", reason: "not a proxyclash.report/v1 report (schema 'x')")
        let merged = merger.report()
        #expect(merged.incidents.isEmpty && merged.inputs.isEmpty && merged.window == nil)
        #expect(merged.summary.skipped == 2 && merged.summary.files == 0)
        #expect(merged.diagnostics.map(\.path) == ["a.json", "b.json"])
    }

    @Test func decodeTellsOtherSchemasFromBrokenJSON() throws {
        let json = try JSONReportRenderer().render(shard())
        #expect(throws: Never.self) { try ReportMerger.decode(Data(json.utf8)) }
        let summary = #"{"schema": "proxyclash.summary/v1", "week": "2026-W47"}"#
        #expect(failure { try ReportMerger.decode(Data(summary.utf8)) }?.hasPrefix("not a proxyclash.report/v1 report (schema 'proxyclash.summary/v1')") == true)
        #expect(failure { try ReportMerger.decode(Data("{ not json".utf8)) }?.hasPrefix("not a readable proxyclash JSON report (") == true)
        let tooBig = json.replacingOccurrences(of: #""occurrences" : 2"#, with: #""occurrences" : 9223372036854775808"#)
        #expect(tooBig != json)
        #expect(failure { try ReportMerger.decode(Data(tooBig.utf8)) } == "not a readable proxyclash JSON report (incidents[0].occurrences: 9223372036854775808 is not a 64-bit integer)")
    }

    private func failure(_ body: () throws -> Report) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? ReportMerger.Failure)?.description
        }
    }
}
