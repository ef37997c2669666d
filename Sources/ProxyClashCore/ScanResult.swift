import Foundation

/// Totals of one scan, as in the report's `summary`.
public struct ScanStatistics: Sendable, Equatable {
    /// Inputs read (fully or in part).
    public var files = 0
    /// Bytes of decoded text scanned.
    public var bytes = 0
    /// Lines read.
    public var lines = 0
    /// Records that reported at least one conflict.
    public var messages = 0
    /// Inputs skipped or unreadable.
    public var skipped = 0
    /// With a time window: findings left out because they are dated outside it.
    public var outsideWindow = 0
    /// With a time window: findings kept although they carry no date at all.
    public var undated = 0

    public init() {}

    mutating func add(_ other: ScanStatistics) {
        files += other.files
        bytes += other.bytes
        lines += other.lines
        messages += other.messages
        skipped += other.skipped
        outsideWindow += other.outsideWindow
        undated += other.undated
    }
}

/// What happened to one input.
public struct InputSummary: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Read to the end.
        case scanned
        /// Read in part (damaged, or binary data after some text).
        case partial
        /// Deliberately not scanned (binary).
        case skipped
        /// Could not be opened or read.
        case unreadable
    }

    public let path: String
    public internal(set) var status: Status
    /// The text encoding that was used, when the input was opened.
    public internal(set) var encoding: TextEncoding?
    /// How its text was cut into records, when it was read.
    public internal(set) var format: InputFormat?
    /// The compressors unwrapped to reach the text, outermost first, joined by `+` (`gzip`,
    /// `zstd`, `gzip+xz`); nil for a plain input.
    public internal(set) var compression: String?
    public var compressed: Bool { compression != nil }
    public internal(set) var bytes: Int
    /// Lines read.
    public internal(set) var lines: Int
    /// The earliest and latest times the input's text holds (its first and last timestamped
    /// lines, and its messages' times): the days its logs cover. Nil when it holds no time.
    public internal(set) var firstRecord: Date?
    public internal(set) var lastRecord: Date?
    /// The archive members this entry stands for: 1, or more for `archive!(N more members)`.
    public internal(set) var members = 1

    /// Narrows the span of times to `window`: a scan that leaves out what is dated outside its
    /// window covers only the window's part of the input's days (none when all of the input's
    /// times are outside it).
    mutating func clip(to window: TimeWindow?) {
        guard let window, let first = firstRecord, let last = lastRecord else { return }
        let from = max(first, window.since ?? first)
        // `until` is not in the window: its last instant is a millisecond before.
        let to = min(last, window.until.map { $0.addingTimeInterval(-0.001) } ?? last)
        firstRecord = from <= to ? from : nil
        lastRecord = from <= to ? to : nil
    }

    /// This summary and `other` as one entry (archive members folded together): bytes, lines and
    /// spans added up, the worse status kept, what they do not share left out.
    func absorbing(_ other: InputSummary) -> InputSummary {
        var joined = self
        joined.bytes += other.bytes
        joined.lines += other.lines
        joined.members += other.members
        joined.cover(other.firstRecord)
        joined.cover(other.lastRecord)
        let order: [Status] = [.scanned, .partial, .skipped, .unreadable]
        if order.firstIndex(of: other.status)! > order.firstIndex(of: status)! { joined.status = other.status }
        if other.encoding != encoding { joined.encoding = nil }
        if other.format != format { joined.format = nil }
        if other.compression != compression { joined.compression = nil }
        return joined
    }

    /// The same summary under another path.
    func renamed(_ path: String) -> InputSummary {
        InputSummary(path: path, status: status, encoding: encoding, format: format, compression: compression, bytes: bytes, lines: lines,
                     firstRecord: firstRecord, lastRecord: lastRecord, members: members)
    }

    /// Widens the span of times to `time`.
    mutating func cover(_ time: Date?) {
        guard let time else { return }
        if firstRecord.map({ time < $0 }) ?? true { firstRecord = time }
        if lastRecord.map({ time > $0 }) ?? true { lastRecord = time }
    }
}

/// Everything one scan found: incidents, diagnostics, totals, and each input's fate.
public struct ScanResult: Sendable {
    public var incidents: IncidentAggregator
    public var diagnostics: DiagnosticLog
    public var statistics: ScanStatistics
    public var inputs: [InputSummary]
    /// Every message × incident, when ``ScanOptions/collectOccurrences`` is set (else empty).
    package var occurrences: [Occurrence]

    package init(incidentLimit: Int = 100_000) {
        incidents = IncidentAggregator(limit: incidentLimit)
        diagnostics = DiagnosticLog()
        statistics = ScanStatistics()
        inputs = []
        occurrences = []
    }

    /// What the history store records of shards scanned elsewhere (`merge --history`): their
    /// merged incidents, their messages (`scan --occurrences`) and their inputs' spans of times.
    package static func forHistory(incidents: [Incident], occurrences: [Occurrence],
                                   inputs: [(path: String, firstRecord: Date?, lastRecord: Date?)]) -> ScanResult {
        var result = ScanResult(incidentLimit: max(incidents.count, 1))
        for incident in incidents { result.incidents.merge(incident) }
        result.occurrences = occurrences
        result.inputs = inputs.map {
            InputSummary(path: $0.path, status: .scanned, encoding: nil, format: nil, compression: nil, bytes: 0, lines: 0,
                         firstRecord: $0.firstRecord, lastRecord: $0.lastRecord)
        }
        return result
    }

    /// Narrows every input's span of times to `window` (see ``InputSummary/clip(to:)``); done
    /// on whole inputs, never on the ranges of a split file. Clipping twice changes nothing.
    mutating func clipSpans(to window: TimeWindow?) {
        guard window != nil else { return }
        for index in inputs.indices { inputs[index].clip(to: window) }
    }

    /// Adds `offset` to every line number reported for `path` (a range scanned on its own).
    mutating func shiftLines(of path: String, by offset: Int) {
        guard offset != 0 else { return }
        incidents.shiftLines(of: path, by: offset)
        diagnostics.shiftLines(of: path, by: offset)
        for index in occurrences.indices where occurrences[index].source.path == path {
            occurrences[index].source = SourceRef(path: path, line: occurrences[index].source.line + offset)
        }
    }

    /// Joins the results of consecutive ranges of one file (in order) into the result of the file.
    static func joining(ranges: [ScanResult]) -> ScanResult {
        var joined = ScanResult(incidentLimit: ranges.first?.incidents.limit ?? 100_000)
        var summary: InputSummary?
        var lineOffset = 0
        for var part in ranges {
            guard let partSummary = part.inputs.first else { continue }
            part.shiftLines(of: partSummary.path, by: lineOffset)
            lineOffset += partSummary.lines
            joined.incidents.merge(part.incidents)
            joined.diagnostics.merge(part.diagnostics)
            joined.occurrences += part.occurrences
            joined.statistics.bytes += part.statistics.bytes
            joined.statistics.lines += part.statistics.lines
            joined.statistics.messages += part.statistics.messages
            joined.statistics.outsideWindow += part.statistics.outsideWindow
            joined.statistics.undated += part.statistics.undated
            if var whole = summary {
                whole.bytes += partSummary.bytes
                whole.lines += partSummary.lines
                whole.cover(partSummary.firstRecord)
                whole.cover(partSummary.lastRecord)
                whole.status = partSummary.status == .scanned ? whole.status : .partial
                summary = whole
            } else {
                summary = partSummary
            }
            // Reading stops where one worker would have stopped: at binary data or damage.
            if partSummary.status != .scanned { break }
        }
        if let summary {
            joined.inputs = [summary]
            if summary.status == .skipped || summary.status == .unreadable { joined.statistics.skipped = 1 } else { joined.statistics.files = 1 }
        }
        return joined
    }

    /// Combines the results of disjoint inputs (other files, other workers).
    package mutating func merge(_ other: ScanResult) {
        incidents.merge(other.incidents)
        diagnostics.merge(other.diagnostics)
        statistics.add(other.statistics)
        inputs += other.inputs
        occurrences += other.occurrences
    }
}
