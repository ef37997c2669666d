import Foundation
import Testing
@testable import ProxyClashCore

/// Runs of NUL bytes in text logs and binary data after text (README, "The binary rule").
@Suite struct NULBlockTests {
    /// Binary data after a text head: the lines before it are scanned, the rest is not (exit 2).
    @Test func binaryDataAfterTextKeepsWhatCameBefore() {
        let garbage = String(decoding: (0..<4096).map { UInt8(($0 &* 37 &+ 11) % 128) }, as: Unicode.ASCII.self)
        // A text head of more than 64 KiB, so the head is judged text.
        let head = String(repeating: ScannerTests.log, count: 64 * 1024 / ScannerTests.log.utf8.count + 1)
        let result = scanText(head + "tail\u{0}" + garbage + "\n" + ScannerTests.log)
        #expect(result.incidents.count == 2)
        #expect(result.inputs.first?.status == .partial)
        #expect(result.diagnostics.entries.map(\.category) == [.skippedInput])
        #expect(result.diagnostics.entries.first?.line == head.utf8.count(where: { $0 == 0x0A }) + 1)
        #expect(result.diagnostics.entries.first?.message == "binary data from byte \(head.utf8.count + 4) of the text (a NUL byte followed by control bytes that text does not use): rest of file skipped")
    }

    /// The zero-filled block a crash leaves, then more lines: the block is skipped with one
    /// warning naming its bytes, and the message after it is found on its own line number.
    @Test(arguments: [7, 4096, 1 << 20])
    func messageAfterABlockOfNULBytesIsFound(readSize: Int) {
        let before = "2026-11-16T08:00:00Z INFO start\npartial li"
        let after = #"2026-11-16T09:00:00Z ERROR The proxy address "SMTP:after@contoso.com" is already being used by "corp.example/Users/After". Choose another proxy address."# + "\n"
        let text = Array(before.utf8) + [UInt8](repeating: 0, count: 64 * 1024) + Array("\n".utf8) + Array(after.utf8)
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(text, readSize: readSize), path: "test.log")
        #expect(result.incidents.incidents.map(\.key) == ["smtp:after@contoso.com"])
        #expect(result.incidents.incidents.first?.sources.first?.line == 3)
        #expect(result.inputs.first?.status == .scanned)
        #expect(result.inputs.first?.bytes == text.count)
        #expect(result.diagnostics.entries.map(\.category) == [.nulBytes])
        let start = before.utf8.count
        #expect(result.diagnostics.entries.first?.message.hasPrefix("bytes \(start) to \(start + 65_535) of the text are NUL (65536 bytes") == true)
        #expect(!result.diagnostics.hasErrors)
    }

    /// NUL bytes inside a line stand for one space: the words on either side are never joined
    /// into an address the log never held.
    @Test func nulBytesInsideALineNeverJoinWords() {
        let text = Array(#"2026-11-16T08:02:45Z ERROR The proxy address "SMTP:three"#.utf8) + [0, 0, 0]
            + Array(#"nul@contoso.com" is already being used by "corp.example/Users/Lee". Choose another proxy address."#.utf8) + [0x0A]
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(text), path: "test.log")
        #expect(result.incidents.incidents.isEmpty)
        #expect(result.diagnostics.entries.map(\.category).contains(.nulBytes))
        #expect(result.inputs.first?.bytes == text.count)
    }

    /// After a lone FF (Windows-1252 "ÿ") the decoder stops looking at the bytes that follow, so
    /// the NUL filter still finds a later NUL block and cuts it out.
    @Test(arguments: [7, 4096])
    func nulBlockAfterLegacyTextIsStillSkipped(readSize: Int) {
        let text = Array("Zo".utf8) + [0xFF] + Array("e was here\n".utf8) + Array(ScannerTests.log.utf8) + Array("tail".utf8)
            + [UInt8](repeating: 0, count: 100) + Array("more\n".utf8) + Array(ScannerTests.log.utf8)
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(text, readSize: readSize), path: "test.log")
        #expect(result.incidents.count == 2)
        #expect(result.incidents.incidents.map(\.occurrences).reduce(0, +) == 6)
        #expect(result.inputs.first?.status == .scanned)
        #expect(result.diagnostics.entries.filter { $0.category == .nulBytes }.count == 1)
    }

    /// UTF-16 text with a NUL block of an odd number of bytes: the text after it is read in
    /// step again, and the conflict in it is found.
    @Test(arguments: [(true, 65_537), (false, 333), (true, 64), (false, 8)])
    func utf16TextAfterAnOddNULBlockIsReadInStep(littleEndian: Bool, zeros: Int) {
        let encode = { (text: String) -> [UInt8] in
            text.utf16.flatMap { littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        }
        let conflict = #"2026-11-16T09:00:00Z ERROR The proxy address "SMTP:after@contoso.com" is already being used by "corp.example/Users/After". Choose another proxy address."#
        let text = (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) + encode("2026-11-16T08:00:00Z INFO start\n")
            + [UInt8](repeating: 0, count: zeros) + encode(conflict + "\n")
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(text, readSize: 4096), path: "transcript.txt")
        #expect(result.incidents.incidents.map(\.key) == ["smtp:after@contoso.com"])
        let realigned = result.diagnostics.entries.contains { $0.message.hasPrefix("UTF-16 text was one byte out of step") }
        #expect(realigned == !zeros.isMultiple(of: 2))
    }

    /// A character such as U+4E00 (`00 4E` in UTF-16LE) after NUL code units is text in step,
    /// not a shift: nothing is realigned and the conflict after it is found.
    @Test func utf16TextInStepAfterNULsIsNotShifted() {
        let conflict = #"2026-11-16T09:00:00Z ERROR The proxy address "SMTP:after@contoso.com" is already being used by "corp.example/Users/After". Choose another proxy address."#
        let text = "2026-11-16T08:00:00Z INFO start " + String(repeating: "\u{0}", count: 10) + "\u{4E00}\n" + conflict + "\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(bytes), path: "transcript.txt")
        #expect(result.incidents.incidents.map(\.key) == ["smtp:after@contoso.com"])
        #expect(!result.diagnostics.entries.contains { $0.message.hasPrefix("UTF-16 text was one byte out of step") })
    }

    /// Reads `filter` to its end with reads of `size` bytes.
    private func drain(_ filter: NULRunFilter, size: Int) throws -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var bytes: [UInt8] = []
        while case let count = try filter.read(into: buffer), count > 0 { bytes += buffer[..<count] }
        return bytes
    }

    /// A run of NUL bytes longer than the limit ends the input (a stream of zeros after text
    /// would otherwise be read forever); the text before it is kept.
    @Test func aRunPastTheLimitEndsTheInput() throws {
        let text = Array("2026-11-16T08:00:00Z INFO start\n".utf8) + [UInt8](repeating: 0, count: 10_000) + Array("after\n".utf8)
        let filter = NULRunFilter(upstream: DecodingByteSource(upstream: MemoryByteSource(text, readSize: 4096)), longestRun: 5_000)
        #expect(try drain(filter, size: 4096) == Array("2026-11-16T08:00:00Z INFO start\n".utf8))
        #expect(filter.binaryVerdict == "more than 5000 NUL bytes in a row")
        #expect(filter.binaryOffset == 32)
    }

    /// Control bytes right after a run but cut by the end of a read (fewer than 512 bytes to
    /// judge) do not make the input binary: the run is padding and reading goes on.
    @Test func aShortWindowAfterARunIsNotCalledBinary() throws {
        // Exactly the head the filter judges first, all text.
        let line = Array("2026-11-16T08:00:00Z INFO some text for the head\n".utf8)
        let head = Array((0..<NULRunFilter.headSize).map { line[$0 % line.count] })
        let second = Array("tail".utf8) + [UInt8](repeating: 0, count: 100) + Array("a\u{8}b".utf8)
        let text = head + second + Array("\nmore text\n".utf8)
        let filter = NULRunFilter(upstream: DecodingByteSource(upstream: MemoryByteSource(text)))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: head.count, alignment: 16)
        defer { buffer.deallocate() }
        #expect(try filter.read(into: buffer) == head.count)
        let rest = try drain(filter, size: second.count)  // the read ends 3 bytes after the run
        #expect(filter.binaryVerdict == nil)
        #expect(rest == Array("tail a\u{8}b\nmore text\n".utf8))
    }

    /// A part of a split file has no head of its own to judge: one that starts inside a NUL
    /// block is read as the rest of the text it is, not skipped as a binary file.
    @Test func aPartStartingInsideANULBlockIsReadAsText() {
        let conflict = #"2026-11-16T09:00:00Z ERROR The proxy address "SMTP:part@contoso.com" is already being used by "corp.example/Users/Part". Choose another proxy address."#
        let part = [UInt8](repeating: 0, count: 4096) + Array((conflict + "\n").utf8)
        let result = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(part), path: "big.log", format: .lines, offset: 1 << 20)
        #expect(result.inputs.first?.status == .scanned)
        #expect(result.incidents.incidents.map(\.key) == ["smtp:part@contoso.com"])
        #expect(result.diagnostics.entries.first?.message.hasPrefix("bytes \(1 << 20) to ") == true)
    }
}
