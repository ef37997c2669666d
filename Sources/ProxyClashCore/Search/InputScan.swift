import Foundation

/// The search of one input: opens its text (decoder, NUL filter, line reader), detects its
/// format, and reads it line by line (``searchLines(_:)``, the fast path) or record by record (a
/// framer, ``searchFramed(_:with:)``). Candidate records go to the ``FindingSink``; the input's
/// position and wrapped-message state live here, so nothing is threaded through the search.
struct InputScan {
    let settings: SearchSettings
    var candidates: CandidateFinder
    var sink: FindingSink
    /// The first bytes of this log's lines when they start with timestamps (nil otherwise).
    let recordStartBytes: [UInt8]?
    /// The line number of the first line not yet counted.
    var lineNumber = 1
    /// The last chunk ended without a newline (end of input, or input cut short).
    var lastLineUnterminated = false
    /// Wrapped lines at the end of the last chunk, held until the next chunk says whether
    /// their message goes on.
    var deferredWrap: DeferredWrap?
    /// The time of the last timestamped line read so far: the end of the input's span of times.
    var lastLineTime: Date?
    /// The times of a framed input's records, for its span.
    let framedSpan = FramedSpan()

    var dating: RecordDating { settings.dating }

    /// Reads `source` to its end (or to damage or binary data) and returns what it gave.
    static func run(_ source: ByteSource, path: String, compression: String?, format forced: InputFormat?, offset: Int,
                    settings: SearchSettings, onDiagnostic: ((Diagnostic) -> Void)?, progress: ((Int) -> Void)?) -> ScanResult {
        let options = settings.options
        let decoder = DecodingByteSource(upstream: source, encoding: options.forcedEncoding)
        let text = NULRunFilter(upstream: decoder, offset: offset)
        let reader = LineReader(source: text, readSize: options.readSize, maxLineLength: options.maxRecordLength, storage: settings.readStorage)
        settings.dating.begin(input: path)
        let head = reader.peekHead(SearchSettings.headSize)
        let format = options.forcedFormat ?? forced ?? InputFormat.detect(head: head, path: path)
        var scan = InputScan(settings: settings, path: path, head: head, onDiagnostic: onDiagnostic)
        var summary = InputSummary(path: path, status: .scanned, encoding: decoder.initialEncoding, format: format,
                                   compression: compression, bytes: 0, lines: 0)
        var framer = settings.makeFramer(format, head: head)
        summary.cover(settings.dating.firstLineTime(in: head))
        scan.read(reader, with: &framer, summary: &summary) { progress?(reader.bytesRead + text.removedBytes) }
        scan.reportPadding(text, summary: &summary)
        scan.reportDecoding(decoder)
        summary.bytes = reader.bytesRead + text.removedBytes
        summary.lines = scan.lineNumber - 1
        return scan.sink.finish(summary)
    }

    private init(settings: SearchSettings, path: String, head: UnsafeRawBufferPointer, onDiagnostic: ((Diagnostic) -> Void)?) {
        self.settings = settings
        candidates = CandidateFinder(prefilter: settings.prefilter, wrapPrefilter: settings.wrapPrefilter,
                                     head: head, headSize: SearchSettings.headSize)
        sink = FindingSink(path: path, matcher: settings.matcher, dating: settings.dating, options: settings.options, onDiagnostic: onDiagnostic)
        recordStartBytes = settings.dating.timestamps.withoutAdvancing { Self.recordStartBytes(in: head, timestamps: settings.dating.timestamps) }
    }

    /// Reads every chunk, then ends what is still open.
    private mutating func read(_ reader: LineReader, with framer: inout (any RecordFramer)?, summary: inout InputSummary,
                               progress: () -> Void) {
        do {
            while let chunk = try reader.nextChunk() {
                if chunk.isTruncatedLine {
                    sink.diagnose(line: lineNumber, .overlongRecord,
                                  "line longer than \(settings.options.maxRecordLength) bytes: only its first \(settings.options.maxRecordLength) bytes were scanned")
                }
                if framer != nil {
                    searchFramed(chunk, with: &framer!)
                } else {
                    searchLines(chunk)
                }
                lastLineTime = dating.lastLineTime(in: chunk.bytes) ?? lastLineTime
                summary.cover(framedSpan.takeLast())
                progress()
            }
        } catch {
            summary.status = .partial
            sink.diagnose(line: lastLine, .damagedInput, "\(error.description); stopped reading at this line")
        }
        if framer != nil { finishFramed(&framer!) }
        flushDeferredWrap()
        summary.cover(lastLineTime)
        summary.cover(framedSpan.first)
        summary.cover(framedSpan.takeLast())
    }

    /// The last line read (the damage or binary data is in it when it had no newline yet).
    private var lastLine: Int { lastLineUnterminated ? lineNumber - 1 : lineNumber }

    /// Words what the NUL filter cut out or stopped at.
    private mutating func reportPadding(_ text: NULRunFilter, summary: inout InputSummary) {
        for run in text.runs {
            let length = run.end - run.start
            let kind = length >= 512 ? ", a zero-filled block as a crash or a preallocating writer leaves" : ""
            let read = run.asSpace ? "read as one space between the text around them" : "skipped"
            sink.diagnose(.nulBytes, "bytes \(run.start) to \(run.end - 1) of the text are NUL (\(length) bytes\(kind)): \(read), the text after them was scanned")
        }
        if text.runCount > text.runs.count {
            sink.diagnose(.nulBytes, "\(text.runCount - text.runs.count) more runs of NUL bytes skipped or read as spaces (\(text.nulBytes) NUL bytes in all)")
        }
        guard let verdict = text.binaryVerdict else { return }
        if let from = text.binaryOffset {
            summary.status = .partial
            sink.diagnose(line: lastLine, .skippedInput, "binary data from byte \(from) of the text (\(verdict)): rest of file skipped")
        } else {
            summary.status = .skipped
            sink.diagnose(.skippedInput, "binary file (\(verdict)): not scanned")
        }
    }

    /// Words what the decoder had to repair.
    private mutating func reportDecoding(_ decoder: DecodingByteSource) {
        if let offset = decoder.switchedToUTF16At {
            sink.diagnose(.decoding, "text changes from UTF-8 to UTF-16LE at byte \(offset) (appended with Windows PowerShell's >>?): read as UTF-16LE from there")
        }
        if decoder.realignedAfterNUL > 0 {
            sink.diagnose(.decoding, "UTF-16 text was one byte out of step after a block of NUL bytes of odd length \(decoder.realignedAfterNUL) time(s): read in step again from there")
        }
        if decoder.replacedCodeUnits > 0 {
            sink.diagnose(.decoding, "\(decoder.replacedCodeUnits) undecodable UTF-16 code unit(s) replaced with U+FFFD")
        }
    }

    /// Counts the lines of a chunk that was read whole (by a framer, or held as a wrap).
    mutating func advance(over chunk: UnsafeRawBufferPointer) {
        lineNumber += Lines.countNewlines(chunk)
        lastLineUnterminated = chunk.last != UInt8(ascii: "\n")
        if lastLineUnterminated { lineNumber += 1 }
    }

    /// The first bytes of the lines of a log whose lines start with timestamps, learnt from the
    /// input's head: at least 20 lines that are not indented, 90% of them timestamped or starting a JSON object or
    /// array (a REST response on a line of its own starts a record too), at most 4 distinct first
    /// bytes (`2` for ISO times, `[` for bracketed ones, `{` for JSON). Nil for any other log.
    static func recordStartBytes(in head: UnsafeRawBufferPointer, timestamps: TimestampParser) -> [UInt8]? {
        guard let lastNewline = head.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
        var firsts: Set<UInt8> = []
        var lines = 0
        var timestamped = 0
        Lines.forEach(in: UnsafeRawBufferPointer(rebasing: head[...lastNewline]), firstLine: 1) { line, _ in
            // Indented lines (stack traces, continuations) are what follows a record start: they
            // neither count for nor against a timestamped log.
            guard lines < 500, let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") else { return }
            lines += 1
            // A time that starts the line fits in its first 64 bytes: the rest is not searched.
            if Lines.startsJSON(line) {
                timestamped += 1
                firsts.insert(first)
            } else if let found = timestamps.firstTimestamp(in: UnsafeRawBufferPointer(rebasing: line.prefix(64))), found.offset <= 1 {
                timestamped += 1
                firsts.insert(first)
            }
        }
        guard lines >= 20, timestamped * 10 >= lines * 9, firsts.count <= 4 else { return nil }
        return firsts.sorted()
    }
}
