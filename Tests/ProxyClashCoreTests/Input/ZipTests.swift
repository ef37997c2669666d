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
            "W47.zip!exports/csv/contacts.csv", "W47.zip!exports/hybrid/sync-errors.log.gz", "W47.zip!exports/transcripts/mailbox-moves.txt",
        ])
        #expect(result.inputs.map(\.format) == [.csv, .lines, .console])
        #expect(result.inputs.map(\.encoding) == [.utf8, .utf8, .utf16LE])
        #expect(result.inputs.map(\.compressed) == [false, true, false])
        #expect(result.incidents.count == 4)
        #expect(!result.diagnostics.hasErrors)
    }

    @Test func pathTricksAreLabelsAndNestedArchivesAreSkipped() {
        let result = scan("tricks.zip")
        let names = result.inputs.map { $0.path.components(separatedBy: "!").last ?? "" }
        #expect(names == ["../../escape.log", "/etc/absolute.log", "nested.zip"])
        #expect(result.incidents.incidents.map(\.key).sorted() == ["smtp:abs.user@contoso.com", "smtp:zip.user@contoso.com"])
        #expect(result.diagnostics.entries.map(\.message) == ["zip archive inside a zip archive: not scanned (extract it first)"])
        #expect(!FileManager.default.fileExists(atPath: GzipTests.fixture("tricks.zip") + "/../../escape.log"))
    }

    @Test func memberOverTheDeclaredLimitIsNotScanned() {
        var options = ScanOptions()
        options.maxArchiveMemberBytes = 1 << 20
        let result = scan("bomb.zip", options: options)
        #expect(result.incidents.count == 0)
        #expect(result.inputs.first?.status == .skipped)
        #expect(result.diagnostics.entries.first?.message.contains("over the 1048576-byte member limit") == true)
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
        #expect(damaged.first?.message.hasPrefix("corrupt zip archive:") == true)
    }

    @Test func truncatedArchiveIsUnreadable() {
        let result = scan("truncated.zip")
        #expect(result.inputs.first?.status == .unreadable)
        #expect(result.diagnostics.entries.first?.message.hasPrefix("corrupt zip archive: not a readable zip archive") == true)
    }

    @Test func zipOnStandardInputIsExplained() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: GzipTests.fixture("tricks.zip"))))
        guard case .zipArchive = try InputOpener().sniff(MemoryByteSource(bytes, readSize: 1)) else {
            Issue.record("zip magic not recognised")
            return
        }
    }
}
