import Foundation

/// The span of times of an input read by a framer, whose lines do not start with a time (CSV
/// rows, XML events, transcript entries): every record is seen, but only the first records until
/// one is dated, and the last record of each chunk, have their time parsed (most records are never
/// candidates, and parsing every row's time was a quarter of a CSV scan).
final class FramedSpan {
    /// The first dated record's time.
    private(set) var first: Date?
    private var probed = 0
    /// What the last record's time is read from: the first bytes of its time column (copied to
    /// `lastText`, read with `parser`), or a time known or in values.
    private enum Last {
        case none
        case text(count: Int)
        case time(RecordTime)
    }
    private var last = Last.none
    private var parser: TimestampParser?
    private let lastText = UnsafeMutableRawBufferPointer.allocate(byteCount: 96, alignment: 1)

    /// Records tried for the first time before giving up (an export without a time column).
    static let probeLimit = 64

    deinit { lastText.deallocate() }

    func see(_ record: FramedRecord) {
        if first == nil, probed < Self.probeLimit {
            probed += 1
            first = record.recordTime ?? record.contextTime
        }
        record.noteTime(in: self)
    }

    /// The last record's time is in `bytes` (a time column: a time fits in its first bytes).
    func noteText(_ bytes: UnsafeRawBufferPointer, parser: TimestampParser) {
        let count = min(bytes.count, lastText.count)
        if count > 0 { lastText.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: count) }
        if self.parser !== parser { self.parser = parser }
        last = .text(count: count)
    }

    /// The last record's time is `time` (known, or in values that outlive the record).
    func noteTime(_ time: RecordTime) {
        last = .time(time)
    }

    /// The time of the last record seen since the last call, parsed now; nil when there was none
    /// or it has no time.
    func takeLast() -> Date? {
        defer { last = .none }
        switch last {
        case .none: return nil
        case let .text(count): return parser?.firstTimestamp(in: UnsafeRawBufferPointer(rebasing: lastText[..<count]))?.date
        case let .time(time): return time.resolve(in: UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }
}
