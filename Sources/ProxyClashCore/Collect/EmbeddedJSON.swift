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
        guard let base = record.baseAddress else { return false }
        var index = 0
        // Backslashes are rare in most records: memchr jumps from one to the next.
        while index + 1 < record.count, let found = memchr(base + index, Int32(UInt8(ascii: "\\")), record.count - index - 1) {
            index = UnsafeRawPointer(found) - base
            if record[index + 1] == UInt8(ascii: "\"") || record[index + 1] == UInt8(ascii: "u") { return true }
            index += 1
        }
        return false
    }

    /// The time of a JSON object on a line of its own (a structured event, a REST response), or
    /// of the first object of an array on one: the value of its top-level member named most like
    /// a time (``TimeFieldNames/ordered``), else of one whose name says time or date (`@timestamp`,
    /// `event_ts`, `ts`), never a nested one (`{"error":{"innerError":{"date":...}},"time":...}` is
    /// dated by `time`). Nil when there is none.
    static func ownTime(of record: UnsafeRawBufferPointer, timestamps: TimestampParser) -> Date? {
        guard Lines.startsJSON(record) else { return nil }
        let memberDepth = record.first == UInt8(ascii: "[") ? 2 : 1
        var candidates: [(rank: Int, value: Range<Int>)] = []
        var depth = 0
        var index = 0
        var name: Range<Int>?
        var afterColon = false
        while index < record.count {
            switch record[index] {
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < record.count, record[index] != UInt8(ascii: "\"") { index += record[index] == UInt8(ascii: "\\") ? 2 : 1 }
                let string = start..<min(index, record.count)
                if depth == memberDepth, afterColon, let key = name, candidates.count < 8,
                   let rank = timeRank(String(decoding: record[key], as: UTF8.self)) {
                    candidates.append((rank, string))
                }
                name = afterColon ? nil : string
                afterColon = false
            case UInt8(ascii: ":"): afterColon = depth == memberDepth && name != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; afterColon = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                afterColon = false
                if depth < memberDepth, memberDepth == 2 { index = record.count }  // the first object ends
            case UInt8(ascii: ","): name = nil; afterColon = false
            default: break
            }
            index += 1
        }
        // The best-named member whose value is a time (`"updated": true` says nothing).
        for candidate in candidates.sorted(by: { $0.rank < $1.rank }) {
            if let date = timestamps.firstTimestamp(in: UnsafeRawBufferPointer(rebasing: record[candidate.value]))?.date { return date }
        }
        return nil
    }

    /// How well a member name says "time": a ``TimeFieldNames`` name by its rank, then any other
    /// name holding `time` or `date`, or `ts` / `..._ts`; nil for other names.
    private static func timeRank(_ name: String) -> Int? {
        if let rank = TimeFieldNames.rank(of: name) { return rank }
        var lower = FieldNormalizer.lowercased(name)
        // The bytes first (most names say neither), then as characters (`timé` with a combining
        // accent does not say time).
        let mayHold = lower.withUTF8 { bytes in
            FieldNormalizer.byteRange(of: "time", in: bytes) != nil || FieldNormalizer.byteRange(of: "date", in: bytes) != nil
                || bytes.reversed().starts(with: "st_".utf8)
        }
        guard mayHold || lower == "ts" else { return nil }
        return lower.contains("time") || lower.contains("date") || lower == "ts" || lower.hasSuffix("_ts") ? TimeFieldNames.ordered.count : nil
    }
}
