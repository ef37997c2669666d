internal import CStringSearch
import Foundation
import PCRE2

/// Progress of a running scan, for a progress line.
public struct ScanProgress: Sendable {
    public let inputsDone: Int
    public let inputsTotal: Int
    public let bytes: Int
    public let currentPath: String
}

/// Reads inputs through decoder, line reader, prefilter and patterns into a ``ScanResult``.
///
/// A scanner is one worker: it owns its PCRE2 match data and buffers. ``ParallelScanner`` runs
/// several and merges their results.
public final class Scanner {
    private let catalog: PatternCatalog
    let options: ScanOptions
    private let prefilter: LiteralPrefilter
    private let wrapPrefilter: LiteralPrefilter
    private let recordMatcher: RecordMatcher
    let timestamps: TimestampParser
    let opener = InputOpener()
    /// The line reader's buffer, kept from one input to the next.
    private let readStorage = LineReader.Storage()
    /// How much of an input is looked at before it is scanned: format, fingerprints, line starts.
    static let headSize = 64 * 1024
    /// Called with every diagnostic as it happens (the CLI prints warnings and errors).
    public var onDiagnostic: ((Diagnostic) -> Void)?

    public init(catalog: PatternCatalog, options: ScanOptions = ScanOptions()) {
        self.catalog = catalog
        self.options = options
        let context = MatchContext(matchLimit: options.matchLimit)
        timestamps = TimestampParser(timeZone: options.timeZone, context: context)
        recordMatcher = RecordMatcher(catalog: catalog, context: context, timestamps: timestamps)
        prefilter = LiteralPrefilter(literals: catalog.patterns.flatMap(\.definition.prefilter))
        wrapPrefilter = prefilter.halves()
    }

    /// Scans one input (every member, for a zip archive); unreadable inputs yield a result
    /// holding only the diagnostic.
    public func scan(_ item: InputItem, progress: ((Int) -> Void)? = nil) -> ScanResult {
        do throws(InputError) {
            switch try opener.open(item) {
            case let .stream(source, compressed):
                return scan(source: source, path: item.displayPath, compressed: compressed, progress: progress)
            case .zipArchive:
                guard let path = item.fileSystemPath else {
                    throw InputError.corruptArchive("a zip archive cannot be read from standard input: save it to a file")
                }
                return scanArchive(path: path, displayPath: item.displayPath, progress: progress)
            }
        } catch {
            return unreadable(item.displayPath, error)
        }
    }

    /// A result holding only "could not be read" for `path`.
    func unreadable(_ path: String, _ error: InputError) -> ScanResult {
        var result = ScanResult()
        record(Diagnostic(path: path, category: .unreadableInput, message: error.description), in: &result)
        result.statistics.skipped = 1
        result.inputs = [InputSummary(path: path, status: .unreadable, encoding: nil, format: nil, compressed: false, bytes: 0, records: 0)]
        return result
    }

    /// A result holding only "not scanned" for `path`.
    func skipped(_ path: String, _ message: String) -> ScanResult {
        var result = ScanResult()
        record(Diagnostic(path: path, category: .skippedInput, message: message), in: &result)
        result.statistics.skipped = 1
        result.inputs = [InputSummary(path: path, status: .skipped, encoding: nil, format: nil, compressed: false, bytes: 0, records: 0)]
        return result
    }

    /// Scans one byte range of a big plain file (see `FileSplitter`); line numbers in the result
    /// count from the range's first line, and the caller shifts them.
    func scan(_ item: InputItem, range: Range<Int>, progress: ((Int) -> Void)? = nil) -> ScanResult {
        do {
            let source = try FileRangeByteSource(path: item.fileSystemPath!, range: range)
            return scan(source: source, path: item.displayPath, format: range.lowerBound == 0 ? nil : .lines,
                        offset: range.lowerBound, progress: progress)
        } catch {
            return unreadable(item.displayPath, error)
        }
    }

    /// Scans raw (still encoded) bytes from `source`, reporting places as `path:line`.
    /// - Parameters:
    ///   - format: read as this format instead of detecting it (`--input-format` still wins).
    ///   - offset: where `source` starts in its file (a part of a split file), for byte offsets in diagnostics.
    public func scan(source: ByteSource, path: String, compressed: Bool = false, format forced: InputFormat? = nil,
                     offset: Int = 0, progress: ((Int) -> Void)? = nil) -> ScanResult {
        var result = ScanResult(incidentLimit: options.maxIncidents)
        let decoder = DecodingByteSource(upstream: source, encoding: options.forcedEncoding)
        let text = NULRunFilter(upstream: decoder, offset: offset)
        let reader = LineReader(source: text, readSize: options.readSize, maxLineLength: options.maxRecordLength, storage: readStorage)
        timestamps.useFileName(path)
        let head = reader.peekHead(Self.headSize)
        let format = options.forcedFormat ?? forced ?? InputFormat.detect(head: head, path: path)
        var framer = makeFramer(format, head: head)
        var summary = InputSummary(path: path, status: .scanned, encoding: decoder.initialEncoding, format: format,
                                   compressed: compressed, bytes: 0, records: 0)
        // Tuning the fingerprints to the head costs more than scanning an input that fits in it
        // (about 0.1 ms against 0.02 ms for 50 KB): small inputs keep the untuned ones.
        let tune = head.count >= Self.headSize
        var state = FileState(path: path, prefilter: tune ? prefilter.tuned(to: head) : prefilter,
                              wrapPrefilter: tune ? wrapPrefilter.tuned(to: head, refining: false) : wrapPrefilter,
                              recordStartBytes: recordStartBytes(in: head))
        do {
            while let chunk = try reader.nextChunk() {
                if chunk.isTruncatedLine {
                    record(Diagnostic(path: path, line: state.lineNumber, category: .overlongRecord,
                                      message: "line longer than \(options.maxRecordLength) bytes: only its first \(options.maxRecordLength) bytes were scanned"), in: &result)
                }
                scan(chunk, with: &framer, state: &state, result: &result)
                progress?(reader.bytesRead)
            }
        } catch {
            summary.status = .partial
            // The damage is in the last line read when it had no newline yet.
            let line = state.lastLineUnterminated ? state.lineNumber - 1 : state.lineNumber
            record(Diagnostic(path: path, line: line, category: .damagedInput,
                              message: "\(error.description); stopped reading at this line"), in: &result)
        }
        framer?.finish { handle($0, state: &state, result: &result) }
        flushDeferredWrap(state: &state, result: &result)
        reportBinaryAndPadding(text, path: path, line: state.lastLineUnterminated ? state.lineNumber - 1 : state.lineNumber,
                               summary: &summary, result: &result)
        if let offset = decoder.switchedToUTF16At {
            record(Diagnostic(path: path, category: .decoding,
                              message: "text changes from UTF-8 to UTF-16LE at byte \(offset) (appended with Windows PowerShell's >>?): read as UTF-16LE from there"), in: &result)
        }
        if decoder.replacedCodeUnits > 0 {
            record(Diagnostic(path: path, category: .decoding,
                              message: "\(decoder.replacedCodeUnits) undecodable UTF-16 code unit(s) replaced with U+FFFD"), in: &result)
        }
        summary.bytes = reader.bytesRead + text.removedBytes
        summary.records = state.lineNumber - 1
        if summary.status == .skipped { result.statistics.skipped = 1 } else { result.statistics.files = 1 }
        result.statistics.bytes = summary.bytes
        result.statistics.records = summary.records
        result.inputs = [summary]
        return result
    }

    /// Words what the NUL filter cut out or stopped at.
    private func reportBinaryAndPadding(_ text: NULRunFilter, path: String, line: Int, summary: inout InputSummary, result: inout ScanResult) {
        for run in text.runs {
            record(Diagnostic(path: path, category: .nulBytes,
                              message: "bytes \(run.start) to \(run.end - 1) of the text are NUL (\(run.end - run.start) bytes, a zero-filled block as a crash or a preallocating writer leaves): skipped, the text after them was scanned"), in: &result)
        }
        if text.runCount > text.runs.count {
            record(Diagnostic(path: path, category: .nulBytes,
                              message: "\(text.runCount - text.runs.count) more runs of NUL bytes skipped (\(text.removedBytes) NUL bytes in all)"), in: &result)
        }
        guard let verdict = text.binaryVerdict else { return }
        if let from = text.binaryOffset {
            summary.status = .partial
            record(Diagnostic(path: path, line: line, category: .skippedInput,
                              message: "binary data from byte \(from) of the text (\(verdict)): rest of file skipped"), in: &result)
        } else {
            summary.status = .skipped
            record(Diagnostic(path: path, category: .skippedInput, message: "binary file (\(verdict)): not scanned"), in: &result)
        }
    }

    /// Hands one chunk to the framer, or scans it line by line.
    private func scan(_ chunk: TextChunk, with framer: inout (any RecordFramer)?, state: inout FileState, result: inout ScanResult) {
        if framer != nil {
            framer!.consume(chunk.bytes, firstLine: state.lineNumber) { handle($0, state: &state, result: &result) }
            advance(&state, over: chunk)
        } else if chunk.isTruncatedLine {
            // An over-long line ends any wrapped message held from the chunk before.
            flushDeferredWrap(state: &state, result: &result)
            if state.prefilter.containsAny(in: chunk.bytes) {
                process(record: chunk.bytes, line: state.lineNumber, state: &state, result: &result) {
                    headerTimestamp(before: chunk.bytes, in: Self.window(chunk))
                }
            }
            state.lineNumber += 1
        } else {
            scanChunk(chunk, state: &state, result: &result)
        }
    }

    /// The framer for a format that is not read line by line.
    private func makeFramer(_ format: InputFormat, head: UnsafeRawBufferPointer) -> (any RecordFramer)? {
        switch format {
        case .lines: nil
        case .console: ConsoleFramer(timestamps: timestamps, maxRecordLength: options.maxRecordLength)
        case .csv: CSVFramer(timestamps: timestamps, maxRecordLength: options.maxRecordLength,
                             head: Substring(String(decoding: head.prefix(64 * 1024), as: UTF8.self)))
        case .json: JSONFramer(timestamps: timestamps, maxRecordLength: options.maxRecordLength)
        case .email: EmailFramer(timestamps: timestamps, maxRecordLength: options.maxRecordLength)
        case .xml: XMLFramer(timestamps: timestamps, maxRecordLength: options.maxRecordLength)
        }
    }

    /// Counts the lines of a chunk a framer consumed.
    private func advance(_ state: inout FileState, over chunk: TextChunk) {
        if chunk.isTruncatedLine {
            state.lineNumber += 1
            return
        }
        state.lineNumber += Lines.countNewlines(chunk.bytes)
        state.lastLineUnterminated = chunk.bytes.last != 0x0A
        if state.lastLineUnterminated { state.lineNumber += 1 }
    }

    private func handle(_ event: FramerEvent, state: inout FileState, result: inout ScanResult) {
        switch event {
        case let .record(framed):
            guard state.prefilter.containsAny(in: framed.text) else { return }
            process(record: framed.text, line: framed.line, recordTime: framed.recordTime, state: &state, result: &result) {
                framed.contextTime
            }
        case let .problem(line, category, message):
            record(Diagnostic(path: state.path, line: line, category: category, message: message), in: &result)
        }
    }

    /// Per-input position: the line number of the first line not yet counted.
    struct FileState {
        let path: String
        /// The scanner's prefilter tuned to the head of this input (and again to a later chunk
        /// when the head misled it, see ``retuneIfMisled(by:)``).
        var prefilter: LiteralPrefilter
        /// Its literal halves, which find literals cut by a wrap in timestamped logs.
        let wrapPrefilter: LiteralPrefilter
        /// The first bytes of this log's lines when they start with timestamps (nil otherwise).
        let recordStartBytes: [UInt8]?

        var lineNumber = 1
        /// False candidates of the prefilter in the chunk being scanned.
        var falseCandidates = 0
        /// Chunks scanned since the prefilter was last tuned (to the head, or to no text at all
        /// for a small input).
        var chunksSinceTuning = 0

        /// Fewest chunks between two tunings, and before the first one again: a tuning costs
        /// about as much as scanning 1 MiB, and an input of a few chunks scans in milliseconds.
        static let retuneInterval = 32

        /// Tunes the prefilter again, to the first 256 KiB of `chunk`, when its fingerprints
        /// (chosen from the head of the input) matched text holding no literal in more than one
        /// 32-byte block in 1,000 of this chunk: the head was unlike the rest (a split file's
        /// part, a log whose start differs). What is found does not change, only how fast.
        mutating func retuneIfMisled(by chunk: UnsafeRawBufferPointer) {
            defer { falseCandidates = 0 }
            chunksSinceTuning += 1
            guard falseCandidates >= 32, falseCandidates > chunk.count / 32_000, chunksSinceTuning >= Self.retuneInterval else { return }
            prefilter = prefilter.tuned(to: UnsafeRawBufferPointer(rebasing: chunk.prefix(256 * 1024)))
            chunksSinceTuning = 0
        }

        /// The last chunk ended without a newline (end of input, or input cut short).
        var lastLineUnterminated = false
        /// Decoding problems are reported once per input.
        var reportedLegacyText = false
        var reportedQuestionMarks = false
        /// Wrapped lines at the end of the last chunk, held until the next chunk says whether
        /// their message goes on.
        var deferredWrap: DeferredWrap?
    }

    /// Finds candidate lines in a chunk of whole lines and matches them. In a log whose lines
    /// start with timestamps, a line that does not, after one 80 characters or wider, continues
    /// it (a message wrapped at a console width, an entry on several lines): a candidate line is
    /// read together with such lines, and continuation lines are also looked at for a literal
    /// cut in two by the wrap (by its halves, ``LiteralPrefilter/halves()``). Other logs are read
    /// line by line: without timestamps to tell entries apart, wide lines in a row are no sign
    /// of a wrap.
    private func scanChunk(_ text: TextChunk, state: inout FileState, result: inout ScanResult) {
        let chunk = text.bytes
        let window = Self.window(text)
        var counted = 0  // chunk offset of the line numbered state.lineNumber
        var offset = resumeDeferredWrap(in: chunk, state: &state, result: &result)  // chunk offset up to which lines are done
        guard offset <= chunk.count else {
            // The whole chunk continued the held message, which is held on.
            state.lineNumber += Lines.countNewlines(chunk)
            state.lastLineUnterminated = chunk.last != 0x0A
            if state.lastLineUnterminated { state.lineNumber += 1 }
            return
        }
        let timestamped = state.recordStartBytes != nil
        while true {
            // Lines already read with a candidate are counted plainly; the search goes on after them.
            let from = min(max(offset, counted), chunk.count)  // past the end after an unterminated last line
            state.lineNumber += Lines.countNewlines(UnsafeRawBufferPointer(rebasing: chunk[counted..<from]))
            // One pass finds the next literal or continuation line and counts the lines up to it.
            let event = state.prefilter.nextEvent(in: chunk, from: from, lineStarts: state.recordStartBytes)
            state.lineNumber += event.newlines
            state.falseCandidates += event.falseCandidates
            if event.isOddLine {
                // A continuation line: does a wrapped message start on the line above?
                let continuation = event.position
                counted = continuation
                let anchor = Lines.start(before: continuation - 1, in: chunk, floor: from)..<(continuation - 1)
                // A literal cut at this break leaves a half on one of the two lines: look there
                // first (cheap), so continuation lines without one (stack traces) cost no more.
                let pair = UnsafeRawBufferPointer(rebasing: chunk[anchor.lowerBound..<Lines.end(after: continuation, in: chunk)])
                guard state.wrapPrefilter.containsAny(in: pair) else { continue }
                let (lines, before) = wrapWindow(around: anchor, in: chunk, floor: offset)
                guard lines != anchor else { continue }
                let firstLine = state.lineNumber - 1 - before
                if deferIfOpenEnded(lines, in: chunk, firstLine: firstLine, state: &state) {
                    offset = chunk.count
                    break
                }
                processWrapped(UnsafeRawBufferPointer(rebasing: chunk[lines]), firstLine: firstLine, context: window, state: &state, result: &result)
                offset = lines.upperBound + 1
                continue
            }
            guard event.position < chunk.count else {
                counted = chunk.count
                break
            }
            let line = Lines.start(before: event.position, in: chunk, floor: from)..<Lines.end(after: event.position, in: chunk)
            counted = line.lowerBound
            let (lines, before) = timestamped ? wrapWindow(around: line, in: chunk, floor: offset) : (line, 0)
            if timestamped, deferIfOpenEnded(lines, in: chunk, firstLine: state.lineNumber - before, state: &state) {
                offset = chunk.count
                break
            }
            if lines == line {
                let record = Lines.content(line, chunk)
                if state.prefilter.containsAny(in: record) {
                    process(record: record, line: state.lineNumber, state: &state, result: &result) {
                        headerTimestamp(before: record, in: window)
                    }
                }
            } else {
                processWrapped(UnsafeRawBufferPointer(rebasing: chunk[lines]), firstLine: state.lineNumber - before,
                               context: window, state: &state, result: &result)
            }
            offset = lines.upperBound + 1
        }
        state.retuneIfMisled(by: chunk)
        state.lineNumber += Lines.countNewlines(UnsafeRawBufferPointer(rebasing: chunk[counted...]))
        if timestamped, offset < chunk.count, chunk.last == 0x0A {
            // A wide last line may go on in the next chunk and hold a literal cut by the wrap.
            let last = Lines.start(before: chunk.count - 1, in: chunk, floor: offset)..<(chunk.count - 1)
            let (lines, before) = wrapWindow(around: last, in: chunk, floor: offset)
            _ = deferIfOpenEnded(lines, in: chunk, firstLine: state.lineNumber - 1 - before, state: &state)
        }
        // A final line without a newline (end of input) is still a line.
        state.lastLineUnterminated = chunk.last != 0x0A
        if state.lastLineUnterminated { state.lineNumber += 1 }
    }

    /// Joins wrapped `lines` with the console framer's rules and matches the records that hold a
    /// literal.
    func processWrapped(_ lines: UnsafeRawBufferPointer, firstLine: Int, context: UnsafeRawBufferPointer,
                                state: inout FileState, result: inout ScanResult) {
        var framer = ConsoleFramer(timestamps: timestamps, maxRecordLength: options.maxRecordLength)
        let handleRecord: (FramerEvent) -> Void = { event in
            guard case let .record(framed) = event, state.prefilter.containsAny(in: framed.text) else { return }
            self.process(record: framed.text, line: framed.line, state: &state, result: &result) {
                framed.contextTime ?? self.headerTimestamp(before: lines, in: context)
            }
        }
        framer.consume(lines, firstLine: firstLine, emit: handleRecord)
        framer.finish(emit: handleRecord)
    }

    /// The chunk together with the context lines before it (they are contiguous in memory).
    private static func window(_ chunk: TextChunk) -> UnsafeRawBufferPointer {
        guard let start = chunk.context.baseAddress ?? chunk.bytes.baseAddress else { return chunk.bytes }
        return UnsafeRawBufferPointer(start: start, count: chunk.context.count + chunk.bytes.count)
    }

    /// Matches one record and adds what it reports. `fallbackTime` is asked only when a finding
    /// has no time of its own.
    private func process(record: UnsafeRawBufferPointer, line: Int, recordTime: Date? = nil, state: inout FileState,
                         result: inout ScanResult, fallbackTime: () -> Date?) {
        guard LegacyText.isValidUTF8(record) else {
            if !state.reportedLegacyText {
                state.reportedLegacyText = true
                self.record(Diagnostic(path: state.path, line: line, category: .decoding,
                                       message: "text is not valid UTF-8: invalid bytes read as Windows-1252 (legacy single-byte text), here and in later lines"), in: &result)
            }
            let repaired = LegacyText.repair(record)
            repaired.withUnsafeBytes { text in
                process(record: text, line: line, recordTime: recordTime, state: &state, result: &result, fallbackTime: fallbackTime)
            }
            return
        }
        let outcome = recordMatcher.match(record, recordTime: recordTime)
        let source = SourceRef(path: state.path, line: line)
        for failure in outcome.failures {
            self.record(Diagnostic(path: state.path, line: line, category: .matchLimit, message: failure + "; record skipped by that pattern"), in: &result)
        }
        guard !outcome.findings.isEmpty else {
            if let reason = outcome.rejections.first {
                self.record(Diagnostic(path: state.path, line: line, category: .placeholder, message: reason), in: &result)
            } else if outcome.failures.isEmpty {
                self.record(Diagnostic(path: state.path, line: line, category: .unmatchedCandidate,
                                       message: "mentions a conflict keyword but matched no pattern: " + Lines.excerpt(record)), in: &result)
            }
            return
        }
        if !state.reportedQuestionMarks, let odd = outcome.findings.first(where: { [$0.address, $0.owner].contains { $0?.utf8.contains(UInt8(ascii: "?")) == true } }) {
            state.reportedQuestionMarks = true
            self.record(Diagnostic(path: state.path, line: line, category: .decoding,
                                   message: "'\(odd.address ?? odd.owner ?? "")' has '?' where a character was probably lost (Export-Csv and Out-File -Encoding ASCII write '?' for non-ASCII): the address is reported as written"), in: &result)
        }
        var headerTime: Date??
        var counted = false
        for var finding in outcome.findings {
            if finding.timestamp == nil {
                if headerTime == nil { headerTime = .some(fallbackTime()) }
                finding.timestamp = headerTime!
            }
            if let window = options.window {
                guard window.contains(finding.timestamp) else {
                    result.statistics.outsideWindow += 1
                    continue
                }
                if finding.timestamp == nil { result.statistics.undated += 1 }
            }
            if !counted {
                counted = true
                result.statistics.messages += 1
            }
            result.incidents.add(finding, source: source)
            if options.collectOccurrences {
                result.occurrences.append(Occurrence(
                    kind: finding.kind, key: finding.key, timestamp: finding.timestamp,
                    fingerprint: Occurrence.fingerprint(kind: finding.kind, key: finding.key, timestamp: finding.timestamp, text: record),
                    source: source))
            }
        }
    }

    /// For a record without a timestamp of its own: the timestamp that starts one of the few lines
    /// before it in the chunk or its context (a log entry's header such as `[11/17/2026 9:40:12 AM] ...` or
    /// `Date:          2026-11-18 02:30:11`: at most 32 bytes of label before the time), else nil.
    private func headerTimestamp(before record: UnsafeRawBufferPointer, in chunk: UnsafeRawBufferPointer) -> Date? {
        guard let recordBase = record.baseAddress, let chunkBase = chunk.baseAddress else { return nil }
        var end = recordBase - chunkBase  // start of the record = end of the previous line + 1
        for _ in 0..<options.timestampLookbackLines {
            guard end > 0 else { return nil }
            let previousEnd = end - 1  // the newline ending the previous line
            let start = Lines.start(before: previousEnd, in: chunk, floor: 0)
            let line = UnsafeRawBufferPointer(rebasing: chunk[start..<previousEnd])
            if let found = timestamps.firstTimestamp(in: line), found.offset <= 32 { return found.date }
            end = start
        }
        return nil
    }

    func record(_ diagnostic: Diagnostic, in result: inout ScanResult) {
        result.diagnostics.record(diagnostic)
        if diagnostic.category.severity != .note { onDiagnostic?(diagnostic) }
    }
}
