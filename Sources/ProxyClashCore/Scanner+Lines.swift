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

    /// Counts `\n` bytes (a vectorised C loop: this runs over every byte of every plain log).
    static func countNewlines(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        return pc_count_byte(base, bytes.count, 0x0A)
    }

    /// The start of a record for a diagnostic, at most 120 bytes, on one line (line breaks of
    /// joined records shown as ` | `).
    static func excerpt(_ record: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: record.prefix(120), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " | ")
        return record.count > 120 ? text + "…" : text
    }
}
