import Foundation
import Testing
@testable import ProxyClashCore

@Suite struct ZipTests {
    private func scan(_ name: String, options: ScanOptions = ScanOptions()) -> ScanResult {
        Scanner(catalog: shippedCatalog, options: options).scan(InputItem(path: GzipTests.fixture(name)))
    }

    @Test func membersAreScannedAsFilesWithArchivePaths() {
        let path = repositoryRoot.appendingPathComponent("SampleLogs/weekly-exports-2026-W47.zip").path
        let result = Scanner(catalog: shippedCatalog).scan(InputItem(path: path))
        #expect(result.inputs.map { $0.path.replacingOccurrences(of: path, with: "W47.zip") } == [
            "W47.zip!exports/hybrid/sync-errors.log.gz", "W47.zip!exports/transcripts/mailbox-moves.txt", "W47.zip!exports/csv/contacts.csv",
        ])
        #expect(result.inputs.map(\.format) == [.lines, .console, .csv])
        #expect(result.inputs.map(\.encoding) == [.utf8, .utf16LE, .utf8])
        #expect(result.inputs.map(\.compressed) == [true, false, false])
        #expect(result.incidents.count == 4)
        #expect(!result.diagnostics.hasErrors)
    }

    /// Members whose names are UTF-8 (general-purpose bit 11, as Python's zipfile, .NET's
    /// Compress-Archive and 7-Zip write non-ASCII names) keep their names, and the dates in them,
    /// though a program starts in the C locale. Made with Python's `zipfile.writestr`.
    @Test func utf8MemberNamesAreKept() {
        let result = scan("utf8-names.zip")
        let names = result.inputs.map { $0.path.components(separatedBy: "!").dropFirst().joined(separator: "!") }
        #expect(names == ["exo-batch-2026-11-28-Zürich.log", "東京/exo-batch-2026-11-27.log"])
        let firstSeen = result.incidents.incidents.sorted { $0.key < $1.key }.map { $0.firstSeen.map(ISO8601.format) }
        #expect(firstSeen == ["2026-11-27T09:00:00Z", "2026-11-28T08:15:09Z"])
    }

    @Test func pathTricksAreLabelsAndNestedArchivesAreRead() {
        let result = scan("tricks.zip")
        let names = result.inputs.map { $0.path.components(separatedBy: "!").dropFirst().joined(separator: "!") }
        #expect(names == ["../../escape.log", "/etc/absolute.log", "nested.zip!inner.log"])
        #expect(result.incidents.incidents.map(\.key).sorted() == ["smtp:abs.user@contoso.com", "smtp:zip.user@contoso.com"])
        #expect(result.incidents.incidents.first { $0.key == "smtp:zip.user@contoso.com" }?.occurrences == 2)
        #expect(result.diagnostics.entries.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: GzipTests.fixture("tricks.zip") + "/../../escape.log"))
    }

    @Test func memberOverTheDeclaredLimitIsNotScanned() {
        var options = ScanOptions()
        options.maxArchiveMemberBytes = 1 << 20
        let result = scan("bomb.zip", options: options)
        #expect(result.incidents.count == 0)
        #expect(result.inputs.first?.status == .skipped)
        #expect(result.diagnostics.entries.first?.message == "zip member declares 67108991 bytes, over the 1048576-byte member limit: not scanned")
    }

    @Test func totalLimitStopsTheArchive() {
        var options = ScanOptions()
        options.maxArchiveTotalBytes = 200
        let result = scan("tricks.zip", options: options)
        #expect(result.diagnostics.entries.contains { $0.message.contains("200-byte total limit") })
        #expect(result.inputs.count == 2)
    }

    @Test func corruptMemberKeepsWhatWasReadAndTheOtherMembers() {
        let result = scan("corrupt.zip")
        #expect(result.incidents.incidents.map(\.key).sorted() == ["smtp:fine.user@contoso.com", "smtp:zip.user@contoso.com"])
        let damaged = result.diagnostics.entries.filter { $0.category == .damagedInput }
        #expect(damaged.count == 1)
        #expect(damaged.first?.path.hasSuffix("corrupt.zip!a-damaged.log") == true)
        #expect(damaged.first?.message == "corrupt zip archive: ZIP decompression failed (-5); stopped reading at this line")
        #expect(result.inputs.map(\.status) == [.partial, .scanned], "the member after the damaged one is read")
    }

    /// Reading past a damaged member rereads every header before it; past a bound on those
    /// rereads (a million; none here) the archive ends there, said, instead of taking minutes.
    @Test func rereadingPastDamageIsBounded() throws {
        guard case let .archive(reader) = try InputOpener().open(InputItem(path: GzipTests.fixture("corrupt.zip"))) else {
            Issue.record("zip not opened as an archive")
            return
        }
        reader.maxHeadersReread = 0
        let result = Scanner(catalog: shippedCatalog).scanArchive(reader, displayPath: "corrupt.zip", onDiagnostic: nil, progress: nil)
        #expect(result.incidents.incidents.map(\.key) == ["smtp:zip.user@contoso.com"], "the member after the damaged one is not reached")
        let messages = result.diagnostics.entries.filter { $0.category == .damagedInput }.map(\.message)
        #expect(messages.contains { $0.hasPrefix("corrupt zip archive: a damaged member after 1 member: the rest of the archive was not read") })
    }

    /// Cut before its central directory: the local headers are read one after the other, and
    /// the place where the data ends is named.
    @Test func truncatedArchiveKeepsWhatItCanAndSaysWhere() {
        let result = scan("truncated.zip")
        #expect(result.inputs.map(\.status) == [.partial])
        #expect(result.diagnostics.entries.map(\.category) == [.damagedInput, .damagedInput])
        #expect(result.diagnostics.entries.contains { $0.message.hasPrefix("corrupt zip archive: Truncated input file") && $0.message.hasSuffix("after member ../../escape.log: 1 member was read, the rest of the archive could not be reached") })
    }

    /// Without seeking (standard input, a zip inside a tar) the local headers are read in order.
    @Test func zipOnStandardInputIsReadAsAStream() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: GzipTests.fixture("tricks.zip"))))
        guard case let .archive(reader) = try InputOpener().sniff(MemoryByteSource(bytes, readSize: 1)) else {
            Issue.record("zip magic not recognised")
            return
        }
        let result = Scanner(catalog: shippedCatalog).scanArchive(reader, displayPath: "-", onDiagnostic: nil, progress: nil)
        #expect(result.inputs.map(\.path) == ["-!../../escape.log", "-!/etc/absolute.log", "-!nested.zip!inner.log"])
        #expect(result.incidents.count == 2)
    }
}
