import Foundation

/// A logical record cut out of an input by a framer: a joined console message, a CSV row.
struct FramedRecord {
    /// UTF-8 text to match; valid only during the callback.
    let text: UnsafeRawBufferPointer
    /// Line of the input where the record starts.
    let line: Int
    /// When the error the record reports first happened, when the record says so and it is
    /// not the record's own time (csexport's `first-occurred`).
    let startTime: Date?
    /// The command typed at the prompt above the record, in a transcript (`Set-Mailbox -Identity
    /// x -EmailAddresses @{Add='smtp:x@contoso.com'}`): where a message that leaves its address
    /// out is read for it (``ContextAddress``).
    let command: String?
    private let ownTime: RecordTime
    private let surroundingTime: RecordTime
    /// What the context time is (an entry header, the server's time stamp, the JSON object around).
    private let contextEvidence: TimeEvidence

    init(text: UnsafeRawBufferPointer, line: Int, recordTime: Date?, contextTime: Date?, contextEvidence: TimeEvidence = .lineAbove,
         startTime: Date? = nil, command: String? = nil) {
        self.init(text: text, line: line, ownTime: .known(recordTime), contextTime: .known(contextTime), contextEvidence: contextEvidence,
                  startTime: startTime, command: command)
    }

    init(text: UnsafeRawBufferPointer, line: Int, ownTime: RecordTime, contextTime: RecordTime = .known(nil),
         contextEvidence: TimeEvidence = .lineAbove, startTime: Date? = nil, command: String? = nil) {
        self.text = text
        self.line = line
        self.command = command
        self.ownTime = ownTime
        surroundingTime = contextTime
        self.contextEvidence = contextEvidence
        self.startTime = startTime
    }

    /// Tells `span` what the record's own time, else its context's, is read from, in a form that
    /// outlives the callback (a time column's bytes are copied); a record with nothing to read a
    /// time from (a blank row, an empty time cell) leaves the last one told. Called for every
    /// record of a framed input, so it copies as little as it can.
    func noteTime(in span: FramedSpan) {
        let time = Self.hasSource(ownTime) ? ownTime : surroundingTime
        guard Self.hasSource(time) else { return }
        if case let .inText(range, timestamps) = time {
            span.noteText(UnsafeRawBufferPointer(rebasing: text[range]), parser: timestamps)
        } else {
            span.noteTime(time)
        }
    }

    /// Whether a time can be read from `time` at all.
    private static func hasSource(_ time: RecordTime) -> Bool {
        switch time {
        case .known(nil): false
        case .known: true
        case let .inText(range, _): !range.isEmpty
        case let .values(values, _): !values.isEmpty
        }
    }

    /// The context time and what it is.
    var context: DatedTime? { contextTime.map { DatedTime(date: $0, evidence: contextEvidence) } }

    /// A time that belongs to the record and beats any time in its text (a CSV time column, a
    /// JSON or XML time field).
    var recordTime: Date? { ownTime.resolve(in: text) }
    /// A time to use when the text has none (the console entry header above it, the JSON object
    /// around it).
    var contextTime: Date? { surroundingTime.resolve(in: text) }
}

/// A time a framer found for a record, parsed only when asked: most records are never candidates,
/// and parsing every row's time was a quarter of a CSV or JSON scan.
enum RecordTime {
    case known(Date?)
    /// Bytes of the record's text (a CSV time column).
    case inText(Range<Int>, TimestampParser)
    /// Values of time fields, in order: the first that parses is the time.
    case values([String], TimestampParser)

    func resolve(in text: UnsafeRawBufferPointer) -> Date? {
        switch self {
        case let .known(date):
            return date
        case let .inText(range, timestamps):
            return timestamps.firstTimestamp(in: UnsafeRawBufferPointer(rebasing: text[range]))?.date
        case let .values(values, timestamps):
            for value in values {
                if let date = Array(value.utf8).withUnsafeBytes({ timestamps.firstTimestamp(in: $0)?.date }) { return date }
            }
            return nil
        }
    }
}

/// What a framer hands back: records, and problems it met on the way.
enum FramerEvent {
    case record(FramedRecord)
    case problem(line: Int, category: DiagnosticCategory, message: String)
}

/// Cuts the decoded text of one input into records. Framers see every line (these formats are
/// the small ones: transcripts and exports) and keep at most one record of bounded size.
protocol RecordFramer {
    /// Takes the next chunk of whole lines; `firstLine` is the line number of its first line.
    mutating func consume(_ chunk: UnsafeRawBufferPointer, firstLine: Int, emit: (FramerEvent) -> Void)
    /// The input ended: hands out whatever record is still open.
    mutating func finish(emit: (FramerEvent) -> Void)
}
