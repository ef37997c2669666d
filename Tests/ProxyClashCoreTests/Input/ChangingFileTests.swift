import Foundation
import Testing
@testable import ProxyClashCore

/// Files that change under the reader: truncated (or rotated by copy-and-truncate) is reported,
/// never passed off as a short file; rotated by rename is read to the end of what was opened.
@Suite struct ChangingFileTests {
    static func conflict(_ user: String) -> String {
        #"2026-11-16T08:02:00Z ERROR The proxy address "SMTP:\#(user)@contoso.com" is already being used by "NAMPR05A001.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/\#(user)". Choose another proxy address."#
    }

    /// A log of about 200 kB: one conflict first, noise, one conflict last.
    static let log = ([conflict("first")] + Array(repeating: "2026-11-16T08:03:00Z INFO object updated, nothing to see", count: 4_000)
                      + [conflict("last")]).joined(separator: "\n") + "\n"

    /// Runs `change` on the file after the first read, as another process would.
    final class ChangingSource: ByteSource {
        let upstream: FileByteSource
        var change: (() -> Void)?

        init(path: String, change: @escaping () -> Void) throws {
            upstream = try FileByteSource(path: path)
            self.change = change
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
            let count = try upstream.read(into: buffer)
            change?()
            change = nil
            return count
        }
    }

    static func temporaryLog() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("proxyclash-changing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("sync.log").path
        try Data(log.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func scan(_ source: ByteSource, path: String) -> ScanResult {
        var options = ScanOptions()
        options.readSize = 16 * 1024
        return Scanner(catalog: shippedCatalog, options: options).scan(source: source, path: path)
    }

    @Test func truncatedWhileReadIsReportedAndWhatWasReadIsKept() throws {
        let path = try Self.temporaryLog()
        let source = try ChangingSource(path: path) { _ = truncate(path, 0) }
        let result = Self.scan(source, path: path)
        #expect(result.incidents.incidents.map(\.key) == ["smtp:first@contoso.com"])
        #expect(result.inputs.first?.status == .partial)
        let damage = try #require(result.diagnostics.entries.first { $0.category == .damagedInput })
        #expect(damage.path == path)
        #expect(damage.message.contains("file shrank while being read"))
        #expect(damage.message.contains("had \(Self.log.utf8.count) bytes when opened"))
    }

    @Test func rotatedByRenameIsReadToTheEndOfTheOpenedFile() throws {
        let path = try Self.temporaryLog()
        let source = try ChangingSource(path: path) {
            _ = rename(path, path + ".1")
            _ = FileManager.default.createFile(atPath: path, contents: Data((Self.conflict("newfile") + "\n").utf8))
        }
        let result = Self.scan(source, path: path)
        #expect(result.incidents.incidents.map(\.key).sorted() == ["smtp:first@contoso.com", "smtp:last@contoso.com"])
        #expect(result.inputs.first?.status == .scanned)
        #expect(result.diagnostics.entries.isEmpty)
    }

    @Test func grownWhileReadIsReadToTheNewEnd() throws {
        let path = try Self.temporaryLog()
        let source = try ChangingSource(path: path) {
            let handle = FileHandle(forUpdatingAtPath: path)!
            handle.seekToEndOfFile()
            handle.write(Data((Self.conflict("appended") + "\n").utf8))
            try? handle.close()
        }
        let result = Self.scan(source, path: path)
        #expect(result.incidents.incidents.map(\.key).sorted() == ["smtp:appended@contoso.com", "smtp:first@contoso.com", "smtp:last@contoso.com"])
        #expect(result.diagnostics.entries.isEmpty)
    }

    /// The message gives the file's size when it was opened, not the end of the range being read.
    @Test func rangeOfAFileTruncatedSinceItWasSplitIsAnError() throws {
        let path = try Self.temporaryLog()
        #expect(truncate(path, 200_000) == 0)
        let source = try FileRangeByteSource(path: FileSystemPath(path), range: 1_000..<100_000)
        _ = truncate(path, 50_000)
        #expect(throws: InputError.shrank(expected: 200_000, read: 50_000)) { _ = try drain(source) }
    }
}
