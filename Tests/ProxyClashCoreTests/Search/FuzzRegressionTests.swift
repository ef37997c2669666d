import Foundation
import PCRE2
import Testing
@testable import ProxyClashCore

/// Inputs the fuzzers found crashing, kept as regression tests.
@Suite struct FuzzRegressionTests {
    /// FuzzDecoder: UTF-8 text turning into UTF-16 with a dangling high surrogate wrote a
    /// replacement character and the next scalar past the end of a small output buffer.
    @Test(arguments: [1, 7, 64])
    func loneSurrogateNearTheEndOfASmallBuffer(readSize: Int) throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: GzipTests.fixture("fuzz-decoder-lone-surrogate-overflow.bin"))))
        let reader = LineReader(source: DecodingByteSource(upstream: MemoryByteSource(bytes, readSize: readSize)),
                                readSize: 64, maxLineLength: 64, contextLength: 32)
        var total = 0
        while let chunk = try reader.nextChunk() { total += chunk.bytes.count }
        #expect(total > 0)
        // The same input through a whole scan.
        _ = Scanner(catalog: shippedCatalog).scan(source: MemoryByteSource(bytes, readSize: readSize), path: "fuzz.bin")
    }
}

extension FuzzRegressionTests {
    /// FuzzTimestamps: a "file name" holding NUL bytes trapped in NSString's lastPathComponent.
    @Test func fileNameWithNULBytes() throws {
        let input = try Array(Data(contentsOf: URL(fileURLWithPath: GzipTests.fixture("fuzz-timestamps-crash.bin"))))
        let parser = TimestampParser(context: MatchContext())
        parser.useFileName(String(decoding: input.prefix(40), as: UTF8.self))
        parser.useFileName("logs/trace-\u{0}.log")
        #expect(Array("[15:52:17.674] x".utf8).withUnsafeBytes { parser.firstTimestamp(in: $0) } == nil)
        parser.useFileName("logs/trace-20261116-155217.log")
        #expect(Array("[15:52:17.674] x".utf8).withUnsafeBytes { parser.firstTimestamp(in: $0) }.map { ISO8601.format($0.date) } == "2026-11-16T15:52:17.674Z")
    }
}

extension FuzzRegressionTests {
    /// FuzzZip: ZIPFoundation (the zip reader before libarchive) spun forever on this damaged
    /// member; it is reported as damaged, with the archive's other members.
    @Test(.timeLimit(.minutes(1)))
    func stalledZipMemberDoesNotHangTheScan() {
        let result = Scanner(catalog: shippedCatalog).scan(InputItem(path: GzipTests.fixture("fuzz-zip-stalled-deflate.zip")))
        #expect(result.inputs.count == 3)
        #expect(result.inputs.contains { $0.path.hasSuffix("mailbox-moves.txt") && $0.status != .scanned })
    }
}

extension FuzzRegressionTests {
    /// FuzzTimestamps: a `--since` bound whose zone held 140 digits overflowed the offset
    /// (read from bytes since the zone stopped being filtered as a string): more digits than
    /// `hhmm` are no zone offset.
    @Test func zoneWithManyDigits() throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: GzipTests.fixture("fuzz-timestamps-zone-overflow.bin"))), as: UTF8.self)
        _ = try? TimeWindow.parseBound(text, timeZone: .gmt)
        #expect(Array(("+" + String(repeating: "3", count: 140)).utf8).withUnsafeBytes { TimestampParser.offsetSeconds($0) } == 0)
        #expect(Array("-05:30".utf8).withUnsafeBytes { TimestampParser.offsetSeconds($0) } == -19_800)
        #expect(Array("Z".utf8).withUnsafeBytes { TimestampParser.offsetSeconds($0) } == 0)
    }
}
