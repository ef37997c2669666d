import Foundation
import ProxyClashCore
import Testing
@testable import ProxyClashReport

@Suite struct ReportMergerTests {
    private static let root = repositoryRoot

    private func report(_ names: [String]) throws -> Report {
        let catalog = try PatternCatalog.load(directories: [Self.root.appendingPathComponent("Patterns").path])
        let items = names.map { InputItem(path: Self.root.appendingPathComponent("SampleLogs/" + $0).path) }
        return Report(result: ParallelScanner(catalog: catalog, jobs: 1).scan(items), generatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func shardsMergeToTheSingleScan() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("SampleLogs").path)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let whole = try report(names)
        // Three shards, as three machines would scan them, each written and read back as JSON.
        let shards = try stride(from: 0, to: names.count, by: 5).map { start in
            let json = try JSONReportRenderer().render(try report(Array(names[start..<min(start + 5, names.count)])))
            return try JSONReportRenderer.decode(Data(json.utf8))
        }
        let merged = try ReportMerger.merge(shards, generatedAt: Date(timeIntervalSince1970: 0))
        #expect(merged.incidents == whole.incidents)
        #expect(merged.summary == whole.summary)
        #expect(merged.inputs == whole.inputs)
        #expect(merged.diagnostics == whole.diagnostics)
        // Merging is order-independent for incidents.
        #expect(try ReportMerger.merge(shards.reversed()).incidents == whole.incidents)
    }

    /// Past the incident limit, incidents are counted in a warning, never dropped silently.
    @Test func incidentsPastTheLimitAreCountedInAWarning() throws {
        let shard = try report(["exo-provisioning-2026-11-16.log"])
        var merger = ReportMerger(incidentLimit: 1)
        try merger.add(shard)
        let merged = merger.report(generatedAt: Date(timeIntervalSince1970: 0))
        #expect(shard.incidents.count == 3)
        #expect(merged.incidents.count == 1)
        let dropped = shard.incidents.dropFirst().map(\.occurrences).reduce(0, +)
        #expect(merged.diagnostics.filter { $0.category == "incident-limit" }.map(\.message)
                == ["more than 1 distinct incidents: \(dropped) finding(s) of further incidents were counted, not kept"])
        #expect(merged.summary.diagnostics["incident-limit"] == 1)
    }

    @Test func otherSchemasAreRefused() throws {
        var report = try report(["ticket-INC0042-notes.md"])
        report.schema = "something/v9"
        #expect(throws: ReportMerger.Failure.self) { try ReportMerger.merge([report]) }
    }
}
