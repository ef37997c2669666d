import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct FileSplitTests {
    /// A log of timestamped entries; some errors carry no time and take the entry header's.
    static func log(entries: Int, nulAt: Int? = nil, oddLinesAt: Int? = nil) -> String {
        var lines: [String] = []
        for index in 0..<entries {
            let time = String(format: "2026-11-16T%02d:%02d:%02dZ", index / 3600 % 24, index / 60 % 60, index % 60)
            lines.append("\(time) INFO entry \(index) for user\(index % 97)@contoso.com, proxy address list unchanged")
            if index % 7 == 3 {
                lines.append(#"    The proxy address "SMTP:user\#(index % 13)@contoso.com" is already being used by "corp.example/Users/U\#(index % 13)". Choose another proxy address."#)
            }
            if index == oddLinesAt {
                // A note and a warning late in the file: their line numbers must be whole-file ones.
                lines.append("The alias \"sales\" is already being used by another recipient.")
                lines.append("The proxy address \"SMTP:ren\u{E9}@contoso.com\" is already being used by \"corp.example/Ren\u{E9}\". Choose another proxy address.")
            }
            if index == nulAt {
                // Binary data (a NUL, then bytes full of control codes) after text.
                lines.append("binary \u{0}" + String(decoding: (0..<4096).map { UInt8(($0 &* 37 &+ 11) % 128) }, as: Unicode.ASCII.self))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func scan(_ text: String, jobs: Int, window: TimeWindow? = nil) throws -> ScanResult {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-split-\(UUID().uuidString).log")
        // Latin-1 bytes for é, as legacy single-byte text.
        try Data(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var options = ScanOptions()
        options.splitMinimumBytes = 8 * 1024
        options.maxRecordLength = 2048
        options.readSize = 4096
        options.window = window
        let result = ParallelScanner(catalog: shippedCatalog, options: options, jobs: jobs).scan([InputItem(path: url.path)])
        // Paths differ per run: compare them as one name.
        return result
    }

    private func normalized(_ result: ScanResult) -> ([String], [String], ScanStatistics, [InputSummary.Status]) {
        let incidents = result.incidents.incidents.map { incident in
            "\(incident.key) \(incident.occurrences) \(incident.firstSeen.map(ISO8601.format) ?? "-") \(incident.lastSeen.map(ISO8601.format) ?? "-") \(incident.sources.map(\.line)) \(incident.sourceTotal)"
        }
        let diagnostics = result.diagnostics.entries.map { "\($0.line ?? 0) \($0.category.rawValue) \($0.message)" }
        return (incidents, diagnostics, result.statistics, result.inputs.map(\.status))
    }

    /// A window's clip of the input's span is made on the whole file, not on each range: the
    /// span is the same for any number of workers, also with a window in a gap between ranges.
    @Test func aWindowClipsTheWholeFilesSpanWhateverTheWorkers() throws {
        // Two bursts of entries a day apart: the window falls in the gap between them.
        let first = Self.log(entries: 400)
        let second = first.replacingOccurrences(of: "2026-11-16T", with: "2026-11-18T")
        let gap = TimeWindow(since: ISO8601.parse("2026-11-17T00:00:00Z"), until: ISO8601.parse("2026-11-17T12:00:00Z"))
        let edge = TimeWindow(since: ISO8601.parse("2026-11-16T00:05:00Z"), until: nil)
        for window in [gap, edge] {
            let one = try scan(first + second, jobs: 1, window: window).inputs.map { [$0.firstRecord, $0.lastRecord] }
            for jobs in [2, 3] {
                #expect(try scan(first + second, jobs: jobs, window: window).inputs.map { [$0.firstRecord, $0.lastRecord] } == one)
            }
        }
        let whole = try scan(first + second, jobs: 3, window: gap).inputs.first
        #expect(whole?.firstRecord == gap.since && whole?.lastRecord == gap.until?.addingTimeInterval(-0.001))
    }

    @Test func splittingGivesTheSameReportAsOneWorker() throws {
        let text = Self.log(entries: 3000, oddLinesAt: 2500)
        let one = normalized(try scan(text, jobs: 1))
        for jobs in [2, 3] {
            let many = normalized(try scan(text, jobs: jobs))
            #expect(many.0 == one.0)
            #expect(many.1 == one.1)
            #expect(many.2 == one.2)
            #expect(many.3 == one.3)
        }
        #expect(one.0.count == 14)
        #expect(one.1.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["2860 decoding", "2858 unmatched-candidate"], "the alias line continues the wide entry line above it (a timestamped log: indented lines do not count against it)")
    }

    @Test func theFileIsReallySplit() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-split-\(UUID().uuidString).log")
        try Data(Self.log(entries: 3000).utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let ranges = try #require(FileSplitter(minimumPartSize: 8 * 1024).ranges(of: InputItem(path: url.path), parts: 4, options: ScanOptions()))
        #expect(ranges.count == 4)
        #expect(ranges.first?.lowerBound == 0)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        // Every cut is at the start of a timestamped line.
        let bytes = try Array(Data(contentsOf: url))
        for range in ranges.dropFirst() {
            #expect(bytes[range.lowerBound - 1] == 0x0A)
            #expect(String(decoding: bytes[range.lowerBound..<range.lowerBound + 4], as: UTF8.self) == "2026")
        }
    }

    @Test func binaryDataStopsTheFileLikeOneWorkerDoes() throws {
        let text = Self.log(entries: 3000, nulAt: 900)
        let one = normalized(try scan(text, jobs: 1))
        let two = normalized(try scan(text, jobs: 2))
        #expect(two.0 == one.0)
        #expect(two.1 == one.1)
        // Bytes read may include read-ahead past the NUL; lines and messages may not.
        #expect(two.2.lines == one.2.lines)
        #expect(two.2.messages == one.2.messages)
        #expect(two.3 == [.partial])
    }

    @Test func compressedAndSmallFilesAreNotSplit() throws {
        let splitter = FileSplitter(minimumPartSize: 8 * 1024)
        #expect(splitter.ranges(of: InputItem(path: GzipTests.fixture("two-members.log.gz")), parts: 4, options: ScanOptions()) == nil)
        #expect(splitter.ranges(of: .standardInput, parts: 4, options: ScanOptions()) == nil)
    }

    /// A plain tar of logs is an archive (its members are read one by one), never cut as text,
    /// though its headers are mostly NUL padding the binary rule lets through.
    @Test func aBigPlainTarIsNotSplit() {
        let splitter = FileSplitter(minimumPartSize: 8 * 1024)
        #expect(splitter.ranges(of: InputItem(path: ArchiveTests.fixture("damaged-header.tar")), parts: 2, options: ScanOptions()) == nil)
    }
}
