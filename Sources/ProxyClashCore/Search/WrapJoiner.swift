import Foundation

/// Messages wrapped at a console width inside timestamped plain logs (a script's `Out-File` of an
/// error in a log): the fast path finds them from candidate lines and from continuation lines
/// (which do not start with a timestamp) and reads the wrapped lines as one record, with the
/// console framer's joining rules.
extension InputScan {
    /// How far a wrapped message may reach from its candidate line, each way.
    static let wrapReach = 8

    /// The lines to read as one record with the candidate line `line` (a range of `chunk` without
    /// its newline): the line alone, or the run of wrapped lines it belongs to (at most
    /// ``wrapReach`` lines each way, not before `floor` nor past the chunk).
    /// - Returns: the byte range of those lines (without the last newline) and how many lines
    ///   of it come before the candidate line.
    func wrapWindow(around line: Range<Int>, in chunk: UnsafeRawBufferPointer, floor: Int) -> (lines: Range<Int>, linesBefore: Int) {
        var start = line.lowerBound
        var before = 0
        while before < Self.wrapReach, start > floor {
            let previousStart = Lines.start(before: start - 1, in: chunk, floor: floor)
            guard ConsoleFramer.mayContinue(Lines.content(start..<Lines.end(after: start, in: chunk), chunk),
                                            after: Lines.content(previousStart..<(start - 1), chunk), dating.timestamps) else { break }
            start = previousStart
            before += 1
        }
        var end = line.upperBound
        var after = 0
        while after < Self.wrapReach, end < chunk.count {
            let nextEnd = Lines.end(after: end + 1, in: chunk)
            guard nextEnd > end + 1, ConsoleFramer.mayContinue(Lines.content((end + 1)..<nextEnd, chunk),
                                                               after: Lines.content(Lines.start(before: end, in: chunk, floor: 0)..<end, chunk),
                                                               message: UnsafeRawBufferPointer(rebasing: chunk[start..<end]),
                                                               dating.timestamps) else { break }
            end = nextEnd
            after += 1
        }
        return (start..<end, before)
    }

    /// Holds `lines` (a window of `chunk`) for the next chunk when it ends with the chunk's last
    /// line and that line is wide enough to be continued.
    /// - Returns: true when held.
    mutating func deferIfOpenEnded(_ lines: Range<Int>, in chunk: UnsafeRawBufferPointer, firstLine: Int) -> Bool {
        guard lines.upperBound + 1 == chunk.count, chunk[lines.upperBound] == UInt8(ascii: "\n") else { return false }
        let lastStart = Lines.start(before: lines.upperBound, in: chunk, floor: lines.lowerBound)
        // Wide enough to be wrapped, or stopped short of its holder (the holder may be in the next read).
        guard Lines.content(lastStart..<lines.upperBound, chunk).count >= 80
                || ConsoleFramer.openHolder(UnsafeRawBufferPointer(rebasing: chunk[lines])) != nil else { return false }
        let lineCount = Lines.countNewlines(UnsafeRawBufferPointer(rebasing: chunk[lines])) + 1
        // The lines above stay behind in this chunk: their time is taken now.
        let above = dating.timeAbove(UnsafeRawBufferPointer(rebasing: chunk[lines]), in: chunk)
        deferredWrap = DeferredWrap(bytes: Array(chunk[lines]), firstLine: firstLine, lines: lineCount, timeAbove: above,
                                    linesAbove: Lines.above(lines.lowerBound, in: chunk, count: Self.addressLookback))
        return true
    }

    /// Matches the held message as it is (the input ended, or an over-long line came next).
    mutating func flushDeferredWrap() {
        guard let deferred = deferredWrap else { return }
        deferredWrap = nil
        deferred.bytes.withUnsafeBytes {
            processWrapped($0, firstLine: deferred.firstLine, context: $0, timeAbove: deferred.timeAbove, linesAbove: deferred.linesAbove)
        }
    }

    /// Ends a held message with the lines at the start of `chunk` that continue it: matches it,
    /// or holds it on when it runs to the end of this chunk too.
    /// - Returns: the chunk offset where scanning goes on (past the end: all of it was taken).
    mutating func resumeDeferredWrap(in chunk: UnsafeRawBufferPointer) -> Int {
        guard var deferred = deferredWrap else { return 0 }
        deferredWrap = nil
        var end = -1  // the newline after the last line taken from this chunk
        while deferred.lines < 2 * Self.wrapReach + 1, end + 1 < chunk.count {
            let nextEnd = Lines.end(after: end + 1, in: chunk)
            let last = deferred.bytes.withUnsafeBytes { bytes -> Bool in
                let lastStart = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
                var lastEnd = bytes.count
                if lastEnd > lastStart, bytes[lastEnd - 1] == UInt8(ascii: "\r") { lastEnd -= 1 }
                return ConsoleFramer.mayContinue(Lines.content((end + 1)..<nextEnd, chunk),
                                                 after: UnsafeRawBufferPointer(rebasing: bytes[lastStart..<lastEnd]), message: bytes, dating.timestamps)
            }
            guard nextEnd > end + 1, last else { break }
            deferred.bytes.append(UInt8(ascii: "\n"))
            deferred.bytes.append(contentsOf: chunk[(end + 1)..<nextEnd])
            deferred.lines += 1
            end = nextEnd
        }
        if end >= 0, end + 1 == chunk.count, chunk[end] == UInt8(ascii: "\n"), deferred.lines < 2 * Self.wrapReach + 1 {
            deferredWrap = deferred
            return chunk.count + 1
        }
        deferredWrap = deferred
        flushDeferredWrap()
        return end + 1
    }

    /// Joins wrapped `lines` with the console framer's rules and matches the records that hold a
    /// literal; a record without a time of its own is dated by the console framer's context or a
    /// timestamped line above the lines in `context`, else `timeAbove` (lines held from a chunk
    /// before: the time above them, taken when they were held); `linesAbove`, the lines above held
    /// lines (nearest first), are read after those of `context` for an address.
    mutating func processWrapped(_ lines: UnsafeRawBufferPointer, firstLine: Int, context: UnsafeRawBufferPointer, timeAbove: Date? = nil,
                                 linesAbove heldAbove: [String] = []) {
        var framer = ConsoleFramer(timestamps: dating.timestamps, maxRecordLength: settings.options.maxRecordLength)
        let dating = self.dating
        // The lines above a record: those above the wrapped lines in the context, and those of
        // the wrapped lines before the record's first line.
        func linesAbove(_ record: FramedRecord) -> [String] {
            guard let linesBase = lines.baseAddress, let contextBase = context.baseAddress,
                  linesBase >= contextBase, linesBase <= contextBase + context.count else { return [] }
            var start = linesBase - contextBase
            for _ in 0..<max(0, record.line - firstLine) {
                start = Lines.end(after: start, in: context) + 1
            }
            return Array((Lines.above(min(start, context.count), in: context, count: Self.addressLookback) + heldAbove).prefix(Self.addressLookback))
        }
        func take(_ event: FramerEvent) {
            guard case let .record(framed) = event, candidates.containsAny(in: framed.text) else { return }
            sink.take(framed.text, line: framed.line, linesAbove: { linesAbove(framed) }) { () -> DatedTime? in
                if let context = framed.context { return context }
                guard let above = dating.timeAbove(lines, in: context) ?? timeAbove else { return nil }
                return DatedTime(date: above, evidence: TimeEvidence.lineAbove)
            }
        }
        framer.consume(lines, firstLine: firstLine, emit: take)
        framer.finish(emit: take)
    }
}

/// Wrapped lines held from the end of one chunk to the next (at most 17 lines, each cut at the
/// record limit by the line reader).
struct DeferredWrap {
    var bytes: [UInt8]
    let firstLine: Int
    var lines: Int
    /// The time of a timestamped line above the held lines, if any.
    let timeAbove: Date?
    /// The lines above the held lines, nearest first (read for an address the message leaves out).
    let linesAbove: [String]
}
