import Foundation

/// Where the search of one input hands its candidate records: what happens to a match is decided
/// here, not in the search. A record loses its terminal escape sequences, is repaired when it is
/// legacy single-byte text, matched,
/// its findings dated (``RecordDating``), given the address the message left out when its context
/// has it (``ContextAddress``), kept or left out by the time window, counted and added
/// to the incidents; what did not match becomes a diagnostic.
struct FindingSink {
    let path: String
    private let matcher: RecordMatcher
    private let dating: RecordDating
    private let options: ScanOptions
    private let onDiagnostic: ((Diagnostic) -> Void)?
    /// What the input gave so far.
    private(set) var result: ScanResult
    /// The earliest and latest times of the messages found, for the input's span of times.
    private var messageTimes: (first: Date?, last: Date?) = (nil, nil)
    /// Decoding problems are reported once per input.
    private var reportedLegacyText = false
    private var reportedQuestionMarks = false

    init(path: String, matcher: RecordMatcher, dating: RecordDating, options: ScanOptions, onDiagnostic: ((Diagnostic) -> Void)?) {
        self.path = path
        self.matcher = matcher
        self.dating = dating
        self.options = options
        self.onDiagnostic = onDiagnostic
        result = ScanResult(incidentLimit: options.maxIncidents)
    }

    /// Records a diagnostic, and passes warnings and errors on as they happen.
    mutating func diagnose(_ diagnostic: Diagnostic) {
        result.diagnostics.record(diagnostic)
        if diagnostic.category.severity != .note { onDiagnostic?(diagnostic) }
    }

    /// Words a diagnostic about this input.
    /// The message is only made when it is kept or told: a log with 20,000 look-alike lines
    /// counts them all but keeps the first notes of each kind only.
    mutating func diagnose(line: Int? = nil, _ category: DiagnosticCategory, _ message: @autoclosure () -> String) {
        guard category.severity != .note || result.diagnostics.keeps(category) else {
            result.diagnostics.count(category)
            return
        }
        diagnose(Diagnostic(path: path, line: line, category: category, message: message()))
    }

    /// The input's summary and totals, once it is done.
    mutating func finish(_ summary: InputSummary) -> ScanResult {
        var summary = summary
        summary.cover(messageTimes.first)
        summary.cover(messageTimes.last)
        if summary.status == .skipped { result.statistics.skipped = 1 } else { result.statistics.files = 1 }
        result.statistics.bytes = summary.bytes
        result.statistics.lines = summary.lines
        result.inputs = [summary]
        return result
    }

    /// Matches one record and adds what it reports.
    /// - Parameters:
    ///   - recordTime: a time that belongs to the record and beats any time in its text.
    ///   - command: the command typed at the prompt above the record (a transcript's), if any.
    ///   - linesAbove: the lines above the record in a plain log, nearest first, asked only when
    ///     a finding needs an address from context (``ContextAddress``).
    ///   - timeAround: the time around the record, asked only when a finding has none of its own.
    mutating func take(_ record: UnsafeRawBufferPointer, line: Int, recordTime: Date? = nil, startTime: Date? = nil, command: String? = nil,
                       linesAbove: () -> [String] = { [] }, timeAround: () -> DatedTime?) {
        if let plain = TerminalEscapes.stripped(record) {
            plain.withUnsafeBytes {
                take($0, line: line, recordTime: recordTime, startTime: startTime, command: command, linesAbove: linesAbove, timeAround: timeAround)
            }
            return
        }
        guard LegacyText.isValidUTF8(record) else {
            if !reportedLegacyText {
                reportedLegacyText = true
                diagnose(line: line, .decoding, "text is not valid UTF-8: invalid bytes read as Windows-1252 (legacy single-byte text), here and in later lines")
            }
            LegacyText.repair(record).withUnsafeBytes {
                take($0, line: line, recordTime: recordTime, startTime: startTime, command: command, linesAbove: linesAbove, timeAround: timeAround)
            }
            return
        }
        var outcome = matcher.match(record)
        for layer in EmbeddedJSON.unescapedLayers(record) {
            outcome.add(layer.withUnsafeBytes { matcher.match($0) })
        }
        for failure in outcome.failures {
            diagnose(line: line, .matchLimit, failure + "; record skipped by that pattern")
        }
        guard !outcome.findings.isEmpty else {
            if let reason = outcome.rejections.first {
                diagnose(line: line, .placeholder, reason)
            } else if outcome.failures.isEmpty {
                diagnose(line: line, .unmatchedCandidate, "mentions a conflict keyword but matched no pattern: " + Lines.excerpt(record))
            }
            return
        }
        noteLostCharacters(in: outcome.findings, line: line)
        ContextAddress.fill(&outcome.findings, record: record, command: command, linesAbove: linesAbove)
        let isJSONLine = recordTime == nil && Lines.startsJSON(record)
        let ownTime = isJSONLine ? EmbeddedJSON.ownTime(of: record, timestamps: dating.timestamps) : recordTime
        dating.date(&outcome.findings, record: record, recordTime: ownTime, searchesText: !isJSONLine, around: timeAround)
        if let startTime {
            for index in outcome.findings.indices { outcome.findings[index].since = startTime }
        }
        collect(outcome.findings, record: record, source: SourceRef(path: path, line: line))
    }

    /// Warns once per input about an address or owner with `?` where a character was lost.
    private mutating func noteLostCharacters(in findings: [Finding], line: Int) {
        guard !reportedQuestionMarks,
              let odd = findings.first(where: { [$0.address, $0.owner].contains { $0?.utf8.contains(UInt8(ascii: "?")) == true } }) else { return }
        reportedQuestionMarks = true
        diagnose(line: line, .decoding, "'\(odd.address ?? odd.owner ?? "")' has '?' where a character was probably lost (Export-Csv and Out-File -Encoding ASCII write '?' for non-ASCII): the address is reported as written")
    }

    /// Applies the window to the dated findings of one record and adds them up.
    private mutating func collect(_ findings: [Finding], record: UnsafeRawBufferPointer, source: SourceRef) {
        var counted = false
        for finding in findings {
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
            if let time = finding.timestamp {
                messageTimes = (min(messageTimes.first ?? time, time), max(messageTimes.last ?? time, time))
            }
            if options.collectOccurrences {
                result.occurrences.append(Occurrence(
                    kind: finding.kind, key: finding.key, timestamp: finding.timestamp,
                    fingerprint: Occurrence.fingerprint(kind: finding.kind, key: finding.key, timestamp: finding.timestamp, text: record, source: source),
                    source: source, datedBy: finding.datedBy))
            }
        }
    }
}
