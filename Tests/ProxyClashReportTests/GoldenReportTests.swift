import Foundation
import ProxyClashCore
import ProxyClashHistory
import Testing
@testable import ProxyClashReport

private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

/// Scans the sample inputs in SampleLogs/ with paths relative to the repository, as
/// `proxyclash scan SampleLogs/` does, leaving out SampleLogs/README.md (its description of the
/// samples changes more often than the samples; it holds no conflict).
private func sampleReport() throws -> Report {
    let catalog = try PatternCatalog.load(directories: [repositoryRoot.appendingPathComponent("Patterns").path])
    let result = try inRepositoryRoot {
        ParallelScanner(catalog: catalog, jobs: 2).scan(sampleInputs())
    }
    return Report(result: result, generatedAt: Date(timeIntervalSince1970: 1_795_000_000))
}

private let currentDirectoryLock = NSLock()

/// Runs `body` with the repository root as the current directory (so paths read `SampleLogs/...`);
/// the lock keeps tests of different suites from changing it under each other.
private func inRepositoryRoot<T>(_ body: () throws -> T) throws -> T {
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
private func sampleInputs() -> [InputItem] {
    InputEnumerator().enumerate(["SampleLogs/"]).inputs.filter { !$0.displayPath.hasSuffix("/README.md") }
}

/// Compares `actual` with the golden file; `RECORD=1 swift test` rewrites it instead.
private func assertGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = goldenFolder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "differs from Golden/\(name); re-record with RECORD=1 after checking the change", sourceLocation: sourceLocation)
}

@Suite(.serialized) struct GoldenReportTests {
    @Test func jsonReportOfSampleLogs() throws {
        try assertGolden(try JSONReportRenderer().render(try sampleReport()), "samplelogs.json")
    }

    @Test func textReportOfSampleLogs() throws {
        try assertGolden(try TextReportRenderer(colour: false).render(try sampleReport()), "samplelogs.txt")
    }

    /// The renderer encodes incidents one at a time; the bytes must be JSONEncoder's for the
    /// whole document, with incidents and without.
    @Test func streamedJSONIsTheWholeDocumentEncodedAtOnce() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var report = try sampleReport()
        for incidents in [report.incidents, [], Array(report.incidents.prefix(1))] {
            report.incidents = incidents
            let whole = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
            #expect(try JSONReportRenderer().render(report) == whole, "\(incidents.count) incidents")
        }
    }

    /// Incidents encoded on several cores, in batches, are written in report order: the bytes
    /// are the single-threaded ones for every number of jobs, across batch boundaries.
    @Test func jsonFromSeveralCoresIsTheSameDocument() throws {
        var report = try sampleReport()
        let sample = report.incidents
        report.incidents = (0..<(2 * JSONReportRenderer.batchSize + 37)).map { index in
            var incident = sample[index % sample.count]
            incident.id += "-\(index)"
            incident.occurrences = index
            return incident
        }
        let single = try JSONReportRenderer(jobs: 1).render(report)
        for jobs in [2, 3, 8] {
            #expect(try JSONReportRenderer(jobs: jobs).render(report) == single, "\(jobs) jobs")
        }
        #expect(try JSONReportRenderer.decode(Data(single.utf8)) == report)
    }

    @Test func jsonRoundTrips() throws {
        let report = try sampleReport()
        let decoded = try JSONReportRenderer.decode(Data(try JSONReportRenderer().render(report).utf8))
        #expect(decoded == report)
    }
}

/// The weekly summary of SampleLogs/ for 2026-W47, from a history store built for the test.
private func sampleSummary() throws -> SummaryReport {
    let catalog = try PatternCatalog.load(directories: [repositoryRoot.appendingPathComponent("Patterns").path])
    var options = ScanOptions()
    options.collectOccurrences = true
    let store = try HistoryStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-golden-\(UUID().uuidString)/h.sqlite").path)
    let result = try inRepositoryRoot { ParallelScanner(catalog: catalog, options: options, jobs: 1).scan(sampleInputs()) }
    try store.record(result, startedAt: Date(timeIntervalSince1970: 1_795_000_000))
    let week = try TimeWindow.week("2026-W47", now: Date(), timeZone: .gmt)
    return SummaryReport(try WeeklySummaryBuilder(store: store).summary(week: week, label: "2026-W47"), generatedAt: Date(timeIntervalSince1970: 1_795_000_000))
}

@Suite(.serialized) struct GoldenSummaryTests {
    @Test(arguments: [(SummaryFormat.text, "txt"), (.markdown, "md"), (.json, "json"), (.csv, "csv"), (.html, "html")])
    func weeklySummaryOfSampleLogs(format: SummaryFormat, suffix: String) throws {
        try assertGolden(try format.render(try sampleSummary()), "summary-2026-W47.\(suffix)")
    }
}

@Suite struct TextRendererTests {
    private func report(address: String, owner: String) -> Report {
        var result = ScanResult()
        var finding = Finding(kind: .proxyAddressInUse, key: address.lowercased(), patternID: "p")
        finding.address = address
        finding.owner = owner
        result.incidents.add(finding, source: SourceRef(path: "x.log", line: 1))
        return Report(result: result, generatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func linesFitEightyColumns() throws {
        let text = try TextReportRenderer().render(report(address: "SMTP:" + String(repeating: "long", count: 40) + "@contoso.com",
                                                         owner: String(repeating: "Segment/", count: 30)))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func controlSequencesFromLogsAreNeutralised() throws {
        let text = try TextReportRenderer(colour: true).render(report(address: "SMTP:a@b.com", owner: "Evil\u{1B}]8;;http://x\u{7}link\u{1B}[2J \u{202E}txt.exe"))
        #expect(text.contains("Evil\\u{1B}]8;;http://x\\u{7}link\\u{1B}[2J \\u{202E}txt.exe"))
        // The only escapes left are the renderer's own colour codes.
        let escapes = text.components(separatedBy: "\u{1B}[").count - 1
        let colourCodes = text.components(separatedBy: "\u{1B}[0m").count - 1
        #expect(escapes == 2 * colourCodes)
        #expect(!text.contains("\u{202E}"))
    }

    @Test func noColourMeansNoEscapes() throws {
        let text = try TextReportRenderer(colour: false).render(report(address: "SMTP:a@b.com", owner: "x"))
        #expect(!text.contains("\u{1B}"))
    }
}

@Suite struct RemediationTests {
    @Test func valuesAreQuotedForPowerShell() {
        #expect(PowerShell.quote("o'brien@contoso.com") == "'o''brien@contoso.com'")
        #expect(PowerShell.quote("a’b") == "'a’’b'")
        #expect(PowerShell.quote("$(Remove-Item C:\\ -Recurse)") == "'$(Remove-Item C:\\ -Recurse)'")
        #expect(PowerShell.ldapValue("a*(b)\\c") == "a\\2a\\28b\\29\\5cc")
    }

    @Test func proxyAddressFixUsesAnExactComparison() throws {
        var result = ScanResult()
        var finding = Finding(kind: .proxyAddressInUse, key: "smtp:o'neil@contoso.com", patternID: "p")
        finding.address = "SMTP:o'neil@contoso.com"
        result.incidents.add(finding, source: SourceRef(path: "x.log", line: 1))
        let remediation = try #require(Report(result: result).incidents.first?.remediation)
        #expect(remediation.commands.first == "Get-EXORecipient -ResultSize Unlimited | Where-Object { $_.EmailAddresses -contains 'smtp:o''neil@contoso.com' } | Format-List Name, RecipientType, EmailAddresses")
    }

    @Test func publicFolderConflictGetsTheADSyncToolsSteps() throws {
        var result = ScanResult()
        var finding = Finding(kind: .aadObjectConflict, key: "publicfolder_3f2504e0-4f89-41d3-9a0c-0305e82c3301", patternID: "p")
        finding.objectType = "PublicFolder"
        finding.guid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
        result.incidents.add(finding, source: SourceRef(path: "x.log", line: 1))
        let commands = try #require(Report(result: result).incidents.first?.remediation.commands)
        #expect(commands.contains("Import-Module ADSyncTools"))
        #expect(commands.contains { $0.hasPrefix("Get-ADSyncToolsAadObject -SyncObjectType PublicFolder") })
        #expect(commands.contains { $0.hasPrefix("Remove-ADSyncToolsAadObject") && $0.hasSuffix("-Confirm") })
    }
}
