import Foundation
import Testing

/// Which days a run's logs cover decides what a weekly summary may call resolved: these check
/// the coverage a scan records in the store, and the store's own files met by a scan.
@Suite(.serialized) struct HistoryCoverageTests {
    private func conflict(_ time: String, _ address: String) -> String {
        #"\#(time) ERROR The proxy address "SMTP:\#(address)" is already being used by "corp.example/Users/X". Choose another proxy address."#
    }

    private func summaryJSON(_ store: String, week: String) throws -> [String: Any] {
        let summary = try run(["summary", "--week", week, "--history", store, "--format", "json"])
        return try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any] ?? [:]
    }

    /// A scan with a window leaves out what is dated outside it, so its logs cover only the
    /// window's days: a conflict still logged in the next week is not "resolved" there.
    @Test func aWindowedScanCoversOnlyItsWindow() throws {
        let folder = try temporaryFolder()
        let store = folder.appendingPathComponent("ops.sqlite").path
        let log = folder.appendingPathComponent("span.log")
        try Data([conflict("2026-12-15T10:00:00Z", "x@contoso.com"), conflict("2026-12-22T10:00:00Z", "x@contoso.com"),
                  "2026-12-23T10:00:00Z INFO end", ""].joined(separator: "\n").utf8).write(to: log)
        let scan = try run(["scan", log.path, "--week", "2026-W51", "--history", store, "--format", "json"])
        #expect(scan.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any]
        let input = (report?["inputs"] as? [[String: Any]])?.first
        #expect(input?["firstRecord"] as? String == "2026-12-15T10:00:00Z")
        #expect(input?["lastRecord"] as? String == "2026-12-20T23:59:59.999Z")

        // However the week is typed, it is named the ISO way.
        #expect(try summaryJSON(store, week: "2026-w51")["week"] as? String == "2026-W51")
        #expect(try summaryJSON(store, week: "2027-W1")["week"] as? String == "2027-W01")
        let next = try summaryJSON(store, week: "2026-W52")
        #expect(next["counts"] as? [String: Int] == ["new": 0, "ongoing": 0, "recurring": 0, "resolved": 0, "unconfirmed": 1, "undated": 0])
        #expect(next["coveredDays"] as? [Bool] == Array(repeating: false, count: 7))
        // A window the log's times all miss covers nothing.
        let outside = try run(["scan", log.path, "--since", "2027-01-01", "--format", "json"])
        let outsideInput = ((try JSONSerialization.jsonObject(with: Data(outside.stdout.utf8)) as? [String: Any])?["inputs"] as? [[String: Any]])?.first
        #expect(outsideInput?["firstRecord"] == nil && outsideInput?["lastRecord"] == nil)
    }

    /// An event-log export whose rows hold no conflict still covers the days of its rows, so what
    /// it no longer shows is resolved (its lines do not start with times: the rows' TimeCreated
    /// column dates it).
    @Test func aQuietCSVExportCoversItsRowsDays() throws {
        let folder = try temporaryFolder()
        let store = folder.appendingPathComponent("ops.sqlite").path
        let header = "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\n\"Id\",\"TimeCreated\",\"LevelDisplayName\",\"ProviderName\",\"Message\",\"MachineName\"\n"
        let week1 = folder.appendingPathComponent("week1.csv")
        try Data((header + #""6941","1/5/2027 2:30:11 AM","Error","ADSync","The proxy address ""SMTP:amy@contoso.com"" is already being used by ""corp.example/Users/Amy"". Choose another proxy address.","AADC01""# + "\n"
                  + #""6100","1/8/2027 3:00:00 AM","Information","ADSync","Run completed.","AADC01""# + "\n").utf8).write(to: week1)
        let week2 = folder.appendingPathComponent("week2.csv")
        try Data((header + #""6100","1/12/2027 3:00:00 AM","Information","ADSync","Run completed.","AADC01""# + "\n"
                  + #""6100","1/14/2027 3:00:00 AM","Information","ADSync","Run completed.","AADC01""# + "\n"
                  // A row without a time and a blank line last: the span ends at the last dated row.
                  + #""6100","","Information","ADSync","Summary row.","AADC01""# + "\n\n").utf8).write(to: week2)
        _ = try run(["scan", week1.path, "--history", store, "-q", "--format", "json", "-o", "/dev/null"])
        let quiet = try run(["scan", week2.path, "--history", store, "-q", "--format", "json"])
        let input = ((try JSONSerialization.jsonObject(with: Data(quiet.stdout.utf8)) as? [String: Any])?["inputs"] as? [[String: Any]])?.first
        #expect(input?["firstRecord"] as? String == "2027-01-12T03:00:00Z")
        #expect(input?["lastRecord"] as? String == "2027-01-14T03:00:00Z")

        let first = try summaryJSON(store, week: "2027-W01")
        #expect(first["counts"] as? [String: Int] == ["new": 1, "ongoing": 0, "recurring": 0, "resolved": 0, "unconfirmed": 0, "undated": 0])
        let second = try summaryJSON(store, week: "2027-W02")
        #expect(second["counts"] as? [String: Int] == ["new": 0, "ongoing": 0, "recurring": 0, "resolved": 1, "unconfirmed": 0, "undated": 0])
    }

    /// `cd logs; proxyclash scan . --history ops.sqlite`: the store and its companions are the
    /// tool's own files, skipped with a note, not binary inputs that fail every run.
    @Test func theStoreInsideAScannedFolderIsNotAnInput() throws {
        let folder = try temporaryFolder()
        try Data((conflict("2026-11-16T08:00:00Z", "lee@contoso.com") + "\n").utf8).write(to: folder.appendingPathComponent("a.log"))
        let store = folder.appendingPathComponent("ops.sqlite").path
        let first = try run(["scan", folder.path, "--history", store, "--format", "json", "-o", "/dev/null"])
        #expect(first.status == 1)
        let again = try run(["scan", folder.path, "--history", store, "--format", "json"])
        #expect(again.status == 1, "no input error: \(again.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        let paths = (report?["inputs"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
        #expect(paths == [folder.appendingPathComponent("a.log").path])
        let notes = (report?["diagnostics"] as? [[String: Any]])?.compactMap { $0["message"] as? String } ?? []
        #expect(notes.contains("the history store, not a log: skipped"))
    }
}
