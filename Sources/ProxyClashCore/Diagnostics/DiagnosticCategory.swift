/// What kind of thing a diagnostic reports; decides its severity.
public enum DiagnosticCategory: String, Sendable, Codable, CaseIterable, Comparable {
    /// A path that could not be opened or read at all.
    case unreadableInput = "unreadable-input"
    /// An input that was read in part: corrupt or truncated compressed data, a read error midway.
    case damagedInput = "damaged-input"
    /// An input deliberately not scanned, or not to its end: binary data.
    case skippedInput = "skipped-input"
    /// A run of NUL bytes in a text log (a zero-filled block left by a crash or a preallocating
    /// writer): skipped, and the text after it scanned.
    case nulBytes = "nul-bytes"
    /// A line longer than the record limit: only its head was scanned.
    case overlongRecord = "overlong-record"
    /// Text that could not be decoded cleanly (replacement characters were used).
    case decoding = "decoding"
    /// A pattern gave up on a record (match or JIT stack limit).
    case matchLimit = "match-limit"
    /// More distinct incidents than the limit: findings of further incidents were counted, not kept.
    case incidentLimit = "incident-limit"
    /// A record contained a prefilter literal but no pattern matched it.
    case unmatchedCandidate = "unmatched-candidate"
    /// A pattern matched but the value was a documentation placeholder such as `<GUID value>`.
    case placeholder = "placeholder"
    /// A path a folder walk left out on purpose: a FIFO, socket or device, a symbolic link to a
    /// folder (without `-L`), a dangling link, a folder reached twice.
    case skippedPath = "skipped-path"

    public var severity: DiagnosticSeverity {
        switch self {
        case .unreadableInput, .damagedInput, .skippedInput, .overlongRecord: .error
        case .nulBytes, .decoding, .matchLimit, .incidentLimit: .warning
        case .unmatchedCandidate, .placeholder, .skippedPath: .note
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How much a diagnostic matters: errors are content that was not scanned (an input or part of
/// one) and make the exit code 2; warnings and errors are printed on stderr as they happen;
/// notes only appear in the report.
public enum DiagnosticSeverity: String, Sendable, Codable {
    case error, warning, note
}
