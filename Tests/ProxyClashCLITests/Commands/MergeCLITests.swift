import Foundation
import Testing

@Suite(.serialized) struct MergeCLITests {
    @Test func mergeCombinesShardReports() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let a = folder.appendingPathComponent("a.json").path
        let b = folder.appendingPathComponent("b.json").path
        let whole = folder.appendingPathComponent("whole.json").path
        _ = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "--format", "json", "-o", a])
        _ = try run(["scan", "SampleLogs/onboarding-transcript-utf16le.txt", "--format", "json", "-o", b])
        _ = try run(["scan", "SampleLogs/exo-provisioning-2026-11-16.log", "SampleLogs/onboarding-transcript-utf16le.txt", "--format", "json", "-o", whole])
        let merged = try run(["merge", a, b])
        #expect(merged.status == 1)
        #expect(merged.stdout == (try String(contentsOfFile: whole, encoding: .utf8)))
        // A report named twice (or through a link) is merged once: its counts do not double.
        let link = folder.appendingPathComponent("a-link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: a)
        let twice = try run(["merge", a, b, link, a])
        #expect(twice.stdout == merged.stdout)
        #expect(twice.stderr == "proxyclash: \(link): the same report as '\(a)': merged once\nproxyclash: \(a): the same report as '\(a)': merged once\n")
    }

    /// `scan - -`: standard input is one input, read once.
    @Test func standardInputNamedTwiceIsReadOnce() throws {
        let result = try run(["scan", "-", "-", "--format", "json"], stdin: conflictLine + "\n")
        let summary = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any]
        #expect(result.status == 1)
        #expect(summary?["files"] as? Int == 1)
    }

    @Test func unreadableReportIsSkippedWithExitTwo() throws {
        let bad = try temporaryFile("bad.json", "{ not json")
        let result = try run(["merge", bad.path, "--format", "text"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("proxyclash: \(bad.path): not a readable proxyclash JSON report"))
        #expect(result.stdout.hasPrefix("ProxyClash: 0 incidents"))
    }
}
