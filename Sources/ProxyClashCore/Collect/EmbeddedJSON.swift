import Foundation

/// JSON inside a text line: a script's log that writes a raw REST response
/// (`... failed (400): {"error":{"message":"The proxy address \"SMTP:x\" is already being used by
/// \"...\"..."}}`) escapes the quotes a pattern needs, as `\"` or, from .NET's System.Text.Json,
/// as `\u0022`. Such a record is also matched with its escapes decoded (two layers at most).
enum EmbeddedJSON {
    /// `record` with its JSON escapes decoded, one layer, then a second one when the first left
    /// escaped quotes (a REST body stored as a string in a logged JSON object: `\\\"`); empty
    /// when it holds no escaped quote or `\u` escape (nothing a pattern would see differently).
    static func unescapedLayers(_ record: UnsafeRawBufferPointer) -> [[UInt8]] {
        guard holdsEscapes(record) else { return [] }
        let first = JSONFramer.unescapeOnce(record)
        let deeper = first.withUnsafeBytes { holdsEscapes($0) }
        return deeper ? [first, JSONFramer.unescapeOnce(first)] : [first]
    }

    /// An escaped quote or a `\u` escape somewhere in `record`.
    private static func holdsEscapes(_ record: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 1 < record.count {
            if record[index] == UInt8(ascii: "\\"), record[index + 1] == UInt8(ascii: "\"") || record[index + 1] == UInt8(ascii: "u") {
                return true
            }
            index += 1
        }
        return false
    }

    /// The time of a JSON object on a line of its own (a structured event, a REST response):
    /// the value of its top-level member named most like a time (``TimeFieldNames/ordered``),
    /// never a nested one (`{"error":{"innerError":{"date":...}},"time":...}` is dated by `time`).
    /// Nil when the line is not an object or has no such member.
    static func ownTime(of record: UnsafeRawBufferPointer, timestamps: TimestampParser) -> Date? {
        guard record.first == UInt8(ascii: "{"), Lines.startsJSON(record) else { return nil }
        var best: (rank: Int, value: ArraySlice<UInt8>)?
        var depth = 0
        var index = 0
        var lastString: Range<Int>?
        var afterColon = false
        while index < record.count {
            switch record[index] {
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < record.count, record[index] != UInt8(ascii: "\"") { index += record[index] == UInt8(ascii: "\\") ? 2 : 1 }
                let string = start..<min(index, record.count)
                if depth == 1, afterColon, let name = lastString, let rank = TimeFieldNames.rank(of: String(decoding: record[name], as: UTF8.self)),
                   rank < (best?.rank ?? .max) {
                    best = (rank, ArraySlice(record[string]))
                }
                lastString = afterColon ? nil : string
                afterColon = false
            case UInt8(ascii: ":"): afterColon = depth == 1 && lastString != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; afterColon = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1; afterColon = false
            case UInt8(ascii: ","): lastString = nil; afterColon = false
            default: break
            }
            index += 1
        }
        guard let value = best?.value else { return nil }
        return Array(value).withUnsafeBytes { timestamps.firstTimestamp(in: $0)?.date }
    }
}
