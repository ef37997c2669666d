internal import CStringSearch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding and counting lines in a chunk of text (no per-line work: `memchr`, `memrchr`, SWAR).
extension Scanner {
    static func lineStart(before position: Int, in chunk: UnsafeRawBufferPointer, floor: Int) -> Int {
        guard position > floor, let found = memrchr(chunk.baseAddress! + floor, 0x0A, position - floor) else { return floor }
        return UnsafeRawPointer(found) - chunk.baseAddress! + 1
    }

    static func lineEnd(after position: Int, in chunk: UnsafeRawBufferPointer) -> Int {
        guard let found = memchr(chunk.baseAddress! + position, 0x0A, chunk.count - position) else { return chunk.count }
        return UnsafeRawPointer(found) - chunk.baseAddress!
    }

    /// Counts `\n` bytes eight at a time (SWAR: a byte of `word ^ 0x0A..` is zero exactly where
    /// the newlines are), then the tail byte by byte. (Swift's SIMD types measured 6x slower here.)
    static func countNewlines(_ bytes: UnsafeRawBufferPointer) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var count = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ (ones &* 0x0A)
            // High bit set in each zero byte, exactly (no false positives from borrows).
            let zeroBytes = ~(((word & ~highs) &+ ~highs) | word) & highs
            count += zeroBytes.nonzeroBitCount
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] == 0x0A { count += 1 }
            offset += 1
        }
        return count
    }

    /// The start of a record for a diagnostic, at most 120 bytes, on one line (line breaks of
    /// joined records shown as ` | `).
    static func excerpt(_ record: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: record.prefix(120), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " | ")
        return record.count > 120 ? text + "…" : text
    }
}
