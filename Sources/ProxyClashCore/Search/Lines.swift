internal import CStringSearch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding and counting lines in a chunk of text (no per-line work: `memchr`, `memrchr`, vector
/// counting), for the searcher and the framers.
enum Lines {
    /// The start of the line holding `position` (just after the newline before it), not before `floor`.
    static func start(before position: Int, in chunk: UnsafeRawBufferPointer, floor: Int) -> Int {
        guard position > floor, let found = memrchr(chunk.baseAddress! + floor, 0x0A, position - floor) else { return floor }
        return UnsafeRawPointer(found) - chunk.baseAddress! + 1
    }

    /// The offset of the newline ending the line holding `position` (the chunk's end without one).
    static func end(after position: Int, in chunk: UnsafeRawBufferPointer) -> Int {
        guard let found = memchr(chunk.baseAddress! + position, 0x0A, chunk.count - position) else { return chunk.count }
        return UnsafeRawPointer(found) - chunk.baseAddress!
    }

    /// Counts `\n` bytes (a vectorised C loop: this runs over every byte of every plain log).
    static func countNewlines(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        return pc_count_byte(base, bytes.count, 0x0A)
    }

    /// The bytes of a line without a final `\r`.
    static func content(_ line: Range<Int>, _ chunk: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var end = line.upperBound
        if end > line.lowerBound, chunk[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: chunk[line.lowerBound..<end])
    }

    /// Calls `body` with each line of `chunk` (without its `\n` or `\r\n`) and its line number.
    static func forEach(in chunk: UnsafeRawBufferPointer, firstLine: Int, _ body: (UnsafeRawBufferPointer, Int) -> Void) {
        var start = 0
        var line = firstLine
        while start < chunk.count {
            let end = end(after: start, in: chunk)
            body(content(start..<end, chunk), line)
            start = end + 1
            line += 1
        }
    }

    /// Up to `count` lines before `offset` (a line start) in `window`, nearest first, as text
    /// (each cut to 1 KiB: they are read for an address).
    static func above(_ offset: Int, in window: UnsafeRawBufferPointer, count: Int) -> [String] {
        var lines: [String] = []
        var end = offset
        while lines.count < count, end > 0 {
            let start = Lines.start(before: end - 1, in: window, floor: 0)
            lines.append(String(decoding: content(start..<(end - 1), window).prefix(1024), as: UTF8.self))
            end = start
        }
        return lines
    }

    /// The start of a record for a diagnostic, at most 120 bytes, on one line (line breaks of
    /// joined records shown as ` | `).
    static func excerpt(_ record: UnsafeRawBufferPointer) -> String {
        let head = UnsafeRawBufferPointer(rebasing: record.prefix(120))
        // No line break of any kind (none of \n \v \f \r, nor the lead bytes of U+0085, U+2028
        // and U+2029): the text as it is, without splitting it into characters.
        if !head.contains(where: { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }) {
            let text = String(decoding: head, as: UTF8.self)
            return record.count > 120 ? text + "…" : text
        }
        let text = String(decoding: head, as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " | ")
        return record.count > 120 ? text + "…" : text
    }

    /// True when `line` starts a JSON object or array (`{"`, `{}`, `[{`, `["`): a REST response or
    /// a structured event a script wrote on a line of its own, a record of its own in any log.
    static func startsJSON(_ line: UnsafeRawBufferPointer) -> Bool {
        guard line.count >= 2 else { return false }
        switch (line[0], line[1]) {
        case (UInt8(ascii: "{"), UInt8(ascii: "\"")), (UInt8(ascii: "{"), UInt8(ascii: "}")),
             (UInt8(ascii: "["), UInt8(ascii: "{")), (UInt8(ascii: "["), UInt8(ascii: "\"")):
            return true
        default:
            return false
        }
    }
}
