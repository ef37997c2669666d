import Foundation

/// The span of times of an input read by a framer, whose lines do not start with a time (CSV
/// rows, XML events, transcript entries): every record is seen, but only the first records until
/// one is dated, and the last record of each chunk, have their time parsed (most records are never
/// candidates, and parsing every row's time was a quarter of a CSV scan).
struct FramedSpan {
    /// The first dated record's time.
    private(set) var first: Date?
    private var probed = 0
    private var last: RecordTime?
    /// The bytes `last` is resolved in (a copy of its time column).
    private var lastText: [UInt8] = []

    /// Records tried for the first time before giving up (an export without a time column).
    static let probeLimit = 64

    mutating func see(_ record: FramedRecord) {
        if first == nil, probed < Self.probeLimit {
            probed += 1
            first = record.recordTime ?? record.contextTime
        }
        last = record.detachedTime(copyingInto: &lastText)
    }

    /// The time of the last record seen since the last call, parsed now; nil when there was none
    /// or it has no time.
    mutating func takeLast() -> Date? {
        guard let time = last else { return nil }
        last = nil
        return lastText.withUnsafeBytes { time.resolve(in: $0) }
    }
}
