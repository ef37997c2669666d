/// The fast path: plain logs read line by line, with only the lines around a prefilter hit looked
/// at. In a log whose lines start with timestamps, a line that does not, after one 80 characters
/// or wider, continues it (a message wrapped at a console width, an entry on several lines): a
/// candidate line is read together with such lines, and continuation lines are also looked at
/// for a literal cut in two by the wrap (by its halves, ``LiteralPrefilter/halves()``). Other
/// logs are read line by line: without timestamps to tell entries apart, wide lines in a row are
/// no sign of a wrap.
extension InputScan {
    /// What handling one event of the search did.
    private enum Step {
        /// Nothing to read here: search on.
        case skip
        /// Lines were read: search on from this chunk offset.
        case resume(at: Int)
        /// The lines run to the end of the chunk and are held for the next one.
        case held
    }

    /// Searches one chunk of whole lines (or one over-long line, cut).
    mutating func searchLines(_ text: TextChunk) {
        guard !text.isTruncatedLine else { return searchOverlongLine(text) }
        let chunk = text.bytes
        var counted = 0  // chunk offset of the line numbered lineNumber
        var offset = resumeDeferredWrap(in: chunk)  // chunk offset up to which lines are done
        // The whole chunk continued the held message, which is held on.
        guard offset <= chunk.count else { return advance(over: chunk) }
        let window = Self.window(text)
        while true {
            // Lines already read with a candidate are counted plainly; the search goes on after them.
            let from = min(max(offset, counted), chunk.count)  // past the end after an unterminated last line
            lineNumber += Lines.countNewlines(UnsafeRawBufferPointer(rebasing: chunk[counted..<from]))
            // One pass finds the next literal or continuation line and counts the lines up to it.
            let event = candidates.nextEvent(in: chunk, from: from, lineStarts: recordStartBytes)
            lineNumber += event.newlines
            let step: Step
            if event.isOddLine {
                counted = event.position
                step = takeContinuation(at: event.position, in: chunk, from: from, done: offset, window: window)
            } else if event.position < chunk.count {
                let line = Lines.start(before: event.position, in: chunk, floor: from)..<Lines.end(after: event.position, in: chunk)
                counted = line.lowerBound
                step = takeCandidate(line, in: chunk, done: offset, window: window)
            } else {
                counted = chunk.count
                break
            }
            if case let .resume(at: next) = step { offset = next }
            if case .held = step {
                offset = chunk.count
                break
            }
        }
        candidates.retuneIfMisled(by: chunk)
        lineNumber += Lines.countNewlines(UnsafeRawBufferPointer(rebasing: chunk[counted...]))
        holdLastLineIfWrapped(chunk, done: offset)
        // A final line without a newline (end of input) is still a line.
        lastLineUnterminated = chunk.last != UInt8(ascii: "\n")
        if lastLineUnterminated { lineNumber += 1 }
    }

    /// A continuation line at `continuation`: does a wrapped message start on the line above?
    /// A literal cut at this break leaves a half on one of the two lines: that is looked at first
    /// (cheap), so continuation lines without one (stack traces) cost no more.
    private mutating func takeContinuation(at continuation: Int, in chunk: UnsafeRawBufferPointer, from: Int, done: Int,
                                           window: UnsafeRawBufferPointer) -> Step {
        let anchor = Lines.start(before: continuation - 1, in: chunk, floor: from)..<(continuation - 1)
        let pair = UnsafeRawBufferPointer(rebasing: chunk[anchor.lowerBound..<Lines.end(after: continuation, in: chunk)])
        guard candidates.containsHalf(in: pair) else { return .skip }
        let (lines, before) = wrapWindow(around: anchor, in: chunk, floor: done)
        guard lines != anchor else { return .skip }
        let firstLine = lineNumber - 1 - before
        if deferIfOpenEnded(lines, in: chunk, firstLine: firstLine) { return .held }
        processWrapped(UnsafeRawBufferPointer(rebasing: chunk[lines]), firstLine: firstLine, context: window)
        return .resume(at: lines.upperBound + 1)
    }

    /// A line holding a literal (numbered ``lineNumber``): read alone, or with the lines of the
    /// wrapped message it belongs to in a timestamped log.
    private mutating func takeCandidate(_ line: Range<Int>, in chunk: UnsafeRawBufferPointer, done: Int,
                                        window: UnsafeRawBufferPointer) -> Step {
        let timestamped = recordStartBytes != nil
        let (lines, before) = timestamped ? wrapWindow(around: line, in: chunk, floor: done) : (line, 0)
        if timestamped, deferIfOpenEnded(lines, in: chunk, firstLine: lineNumber - before) { return .held }
        if lines == line {
            let record = Lines.content(line, chunk)
            if candidates.containsAny(in: record) {
                let dating = self.dating
                let start = record.baseAddress! - window.baseAddress!
                sink.take(record, line: lineNumber, linesAbove: { Lines.above(start, in: window, count: Self.addressLookback) }) {
                    dating.timeAbove(record, in: window).map { DatedTime(date: $0, evidence: .lineAbove) }
                }
            }
        } else {
            processWrapped(UnsafeRawBufferPointer(rebasing: chunk[lines]), firstLine: lineNumber - before, context: window)
        }
        return .resume(at: lines.upperBound + 1)
    }

    /// A wide last line may go on in the next chunk and hold a literal cut by the wrap: it is held.
    private mutating func holdLastLineIfWrapped(_ chunk: UnsafeRawBufferPointer, done: Int) {
        guard recordStartBytes != nil, done < chunk.count, chunk.last == UInt8(ascii: "\n") else { return }
        let last = Lines.start(before: chunk.count - 1, in: chunk, floor: done)..<(chunk.count - 1)
        let (lines, before) = wrapWindow(around: last, in: chunk, floor: done)
        _ = deferIfOpenEnded(lines, in: chunk, firstLine: lineNumber - 1 - before)
    }

    /// A line longer than the record limit, cut to it: it ends any wrapped message held from the
    /// chunk before, and is matched alone.
    private mutating func searchOverlongLine(_ text: TextChunk) {
        flushDeferredWrap()
        if candidates.containsAny(in: text.bytes) {
            let dating = self.dating
            let window = Self.window(text)
            sink.take(text.bytes, line: lineNumber) { dating.timeAbove(text.bytes, in: window).map { DatedTime(date: $0, evidence: .lineAbove) } }
        }
        lineNumber += 1
    }

    /// How many lines above a record are read for the address its message leaves out.
    static let addressLookback = 3

    /// The chunk together with the context lines before it (they are contiguous in memory).
    private static func window(_ chunk: TextChunk) -> UnsafeRawBufferPointer {
        guard let start = chunk.context.baseAddress ?? chunk.bytes.baseAddress else { return chunk.bytes }
        return UnsafeRawBufferPointer(start: start, count: chunk.context.count + chunk.bytes.count)
    }
}
