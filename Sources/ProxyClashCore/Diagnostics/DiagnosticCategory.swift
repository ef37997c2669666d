/// What kind of thing a diagnostic reports; decides its severity.
public enum DiagnosticCategory: String, Sendable, Codable, CaseIterable, Comparable {
    /// A path that could not be opened or read at all.
    case unreadableInput = "unreadable-input"
    /// An input that was read in part: corrupt or truncated compressed data, a read error midway.
    case damagedInput = "damaged-input"
    /// An input deliberately not scanned (binary data, a folder reached twice).
    case skippedInput = "skipped-input"
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

    public var severity: DiagnosticSeverity {
        switch self {
        case .unreadableInput, .damagedInput: .error
        case .skippedInput, .overlongRecord, .decoding, .matchLimit, .incidentLimit: .warning
        case .unmatchedCandidate, .placeholder: .note
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How much a diagnostic matters: errors make the exit code 2, warnings and errors are printed
/// on stderr as they happen, notes only appear in the report.
public enum DiagnosticSeverity: String, Sendable, Codable {
    case error, warning, note
}
