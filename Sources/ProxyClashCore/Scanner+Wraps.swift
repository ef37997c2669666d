/// Messages wrapped at a console width inside timestamped plain logs (a script's `Out-File` of an
/// error in a log): the fast path finds them from candidate lines and from continuation lines
/// (which do not start with a timestamp) and reads the wrapped lines as one record, with the
/// console framer's joining rules.
extension Scanner {
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
                                            after: Lines.content(previousStart..<(start - 1), chunk), timestamps) else { break }
            start = previousStart
            before += 1
        }
        var end = line.upperBound
        var after = 0
        while after < Self.wrapReach, end < chunk.count {
            let nextEnd = Lines.end(after: end + 1, in: chunk)
            guard nextEnd > end + 1, ConsoleFramer.mayContinue(Lines.content((end + 1)..<nextEnd, chunk),
                                                               after: Lines.content(Lines.start(before: end, in: chunk, floor: 0)..<end, chunk),
                                                               timestamps) else { break }
            end = nextEnd
            after += 1
        }
        return (start..<end, before)
    }

    /// The first bytes of the lines of a log whose lines start with timestamps, learnt from the
    /// input's head: at least 20 lines, 90% of them timestamped, at most 4 distinct first bytes
    /// (`2` for ISO times, `[` for bracketed ones). Nil for any other log.
    func recordStartBytes(in head: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let lastNewline = head.lastIndex(of: 0x0A) else { return nil }
        var firsts: Set<UInt8> = []
        var lines = 0
        var timestamped = 0
        Lines.forEach(in: UnsafeRawBufferPointer(rebasing: head[...lastNewline]), firstLine: 1) { line, _ in
            guard lines < 500, let first = line.first else { return }
            lines += 1
            // A time that starts the line fits in its first 64 bytes: the rest is not searched.
            if let found = timestamps.firstTimestamp(in: UnsafeRawBufferPointer(rebasing: line.prefix(64))), found.offset <= 1 {
                timestamped += 1
                firsts.insert(first)
            }
        }
        guard lines >= 20, timestamped * 10 >= lines * 9, firsts.count <= 4 else { return nil }
        return firsts.sorted()
    }

    /// Holds `lines` (a window of `chunk`) for the next chunk when it ends with the chunk's last
    /// line and that line is wide enough to be continued.
    /// - Returns: true when held.
    func deferIfOpenEnded(_ lines: Range<Int>, in chunk: UnsafeRawBufferPointer, firstLine: Int, state: inout FileState) -> Bool {
        guard lines.upperBound + 1 == chunk.count, chunk[lines.upperBound] == 0x0A else { return false }
        let lastStart = Lines.start(before: lines.upperBound, in: chunk, floor: lines.lowerBound)
        guard Lines.content(lastStart..<lines.upperBound, chunk).count >= 80 else { return false }
        let lineCount = Lines.countNewlines(UnsafeRawBufferPointer(rebasing: chunk[lines])) + 1
        state.deferredWrap = DeferredWrap(bytes: Array(chunk[lines]), firstLine: firstLine, lines: lineCount)
        return true
    }

    /// Matches the held message as it is (the input ended, or an over-long line came next).
    func flushDeferredWrap(state: inout FileState, result: inout ScanResult) {
        guard let deferred = state.deferredWrap else { return }
        state.deferredWrap = nil
        deferred.bytes.withUnsafeBytes { processWrapped($0, firstLine: deferred.firstLine, context: $0, state: &state, result: &result) }
    }

    /// Ends a held message with the lines at the start of `chunk` that continue it: matches it,
    /// or holds it on when it runs to the end of this chunk too.
    /// - Returns: the chunk offset where scanning goes on (past the end: all of it was taken).
    func resumeDeferredWrap(in chunk: UnsafeRawBufferPointer, state: inout FileState, result: inout ScanResult) -> Int {
        guard var deferred = state.deferredWrap else { return 0 }
        state.deferredWrap = nil
        var end = -1  // the newline after the last line taken from this chunk
        while deferred.lines < 2 * Self.wrapReach + 1, end + 1 < chunk.count {
            let nextEnd = Lines.end(after: end + 1, in: chunk)
            let last = deferred.bytes.withUnsafeBytes { bytes -> Bool in
                let lastStart = (bytes.lastIndex(of: 0x0A) ?? -1) + 1
                var lastEnd = bytes.count
                if lastEnd > lastStart, bytes[lastEnd - 1] == 0x0D { lastEnd -= 1 }
                return ConsoleFramer.mayContinue(Lines.content((end + 1)..<nextEnd, chunk),
                                                 after: UnsafeRawBufferPointer(rebasing: bytes[lastStart..<lastEnd]), timestamps)
            }
            guard nextEnd > end + 1, last else { break }
            deferred.bytes.append(0x0A)
            deferred.bytes.append(contentsOf: chunk[(end + 1)..<nextEnd])
            deferred.lines += 1
            end = nextEnd
        }
        if end >= 0, end + 1 == chunk.count, chunk[end] == 0x0A, deferred.lines < 2 * Self.wrapReach + 1 {
            state.deferredWrap = deferred
            return chunk.count + 1
        }
        state.deferredWrap = deferred
        flushDeferredWrap(state: &state, result: &result)
        return end + 1
    }
}

/// Wrapped lines held from the end of one chunk to the next (at most 17 lines, each cut at the
/// record limit by the line reader).
struct DeferredWrap {
    var bytes: [UInt8]
    let firstLine: Int
    var lines: Int
}
