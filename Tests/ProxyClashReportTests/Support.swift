import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

/// Shared by the report suites: the repository, the golden files, the sample report and summary.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

/// Scans the sample inputs in SampleLogs/ with paths relative to the repository, as
/// `proxyclash scan SampleLogs/` does, leaving out SampleLogs/README.md (its description of the
/// samples changes more often than the samples; it holds no conflict).
func sampleReport() throws -> Report {
    let catalog = try PatternCatalog.load(directories: [repositoryRoot.appendingPathComponent("Patterns").path])
    let result = try inRepositoryRoot {
        ParallelScanner(catalog: catalog, jobs: 2).scan(sampleInputs())
    }
    return Report(result: result, generatedAt: Date(timeIntervalSince1970: 1_795_000_000))
}

let currentDirectoryLock = NSLock()

/// Runs `body` with the repository root as the current directory (so paths read `SampleLogs/...`);
/// the lock keeps tests of different suites from changing it under each other.
func inRepositoryRoot<T>(_ body: () throws -> T) throws -> T {
    currentDirectoryLock.lock()
    defer { currentDirectoryLock.unlock() }
    let previous = FileManager.default.currentDirectoryPath
    guard FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: repositoryRoot.path])
    }
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    return try body()
}

/// The inputs of `proxyclash scan SampleLogs/` without SampleLogs/README.md.
func sampleInputs() -> [InputItem] {
    InputEnumerator().enumerate(["SampleLogs/"]).inputs.filter { !$0.displayPath.hasSuffix("/README.md") }
}

/// Compares `actual` with the golden file; `RECORD=1 swift test` rewrites it instead.
func assertGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = goldenFolder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "differs from Golden/\(name); re-record with RECORD=1 after checking the change", sourceLocation: sourceLocation)
}

/// The weekly summary of SampleLogs/ for 2026-W47, from a history store built for the test.
func sampleSummary() throws -> SummaryReport {
    let catalog = try PatternCatalog.load(directories: [repositoryRoot.appendingPathComponent("Patterns").path])
    var options = ScanOptions()
    options.collectOccurrences = true
    let store = try HistoryStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-golden-\(UUID().uuidString)/h.sqlite").path)
    let result = try inRepositoryRoot { ParallelScanner(catalog: catalog, options: options, jobs: 1).scan(sampleInputs()) }
    try store.record(result, startedAt: Date(timeIntervalSince1970: 1_795_000_000))
    let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
    return SummaryReport(try WeeklySummaryBuilder(store: store).summary(week: week, label: "2026-W47"), generatedAt: Date(timeIntervalSince1970: 1_795_000_000))
}
