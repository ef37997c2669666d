/// Inputs read record by record: a framer cuts the text into records (a joined console message,
/// a CSV row, a JSON object, an e-mail line, an XML event) and each record holding a literal is
/// handed to the sink with the times the framer found.
extension InputScan {
    /// Gives one chunk of whole lines to the framer.
    mutating func searchFramed(_ chunk: TextChunk, with framer: inout any RecordFramer) {
        framer.consume(chunk.bytes, firstLine: lineNumber) { take($0) }
        if chunk.isTruncatedLine {
            lineNumber += 1
        } else {
            advance(over: chunk.bytes)
        }
    }

    /// The input ended: the framer hands out what it still holds.
    mutating func finishFramed(_ framer: inout any RecordFramer) {
        framer.finish { take($0) }
    }

    /// A record or a problem from the framer.
    mutating func take(_ event: FramerEvent) {
        switch event {
        case let .record(framed):
            framedSpan.see(framed)
            guard candidates.containsAny(in: framed.text) else { return }
            sink.take(framed.text, line: framed.line, recordTime: framed.recordTime, startTime: framed.startTime, command: framed.command) {
                framed.context
            }
        case let .problem(line, category, message):
            sink.diagnose(line: line, category, message)
        }
    }
}
