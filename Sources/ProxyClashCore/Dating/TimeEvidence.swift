import Foundation

/// How a message's time was decided: the steps of ``RecordDating``, counted per incident in the
/// report (`dating`), so a reader knows which times are the log's own and which were inferred.
public enum TimeEvidence: String, Sendable, CaseIterable, Codable, Comparable {
    /// A time the pattern captured in the message.
    case pattern
    /// The record's own time field: a CSV time column, a JSON, XML or Format-List time field.
    case recordField = "record-field"
    /// A timestamp in the message's text.
    case text
    /// A time of day in the text, dated by the file or archive member name.
    case fileName = "file-name"
    /// The server's `TimeStamp=` in the error's own block (Exchange's FullyQualifiedErrorId).
    case serverTimeStamp = "server-timestamp"
    /// The nearest timestamped line above it (a transcript entry header, a log line).
    case lineAbove = "line-above"
    /// A header of the whole input: a transcript's `Start time:`, a mail's `Date:`.
    case header
    /// The JSON object around the record.
    case parentObject = "parent-object"
    /// No time at all.
    case undated

    public static func < (lhs: TimeEvidence, rhs: TimeEvidence) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A time and how it was found.
struct DatedTime {
    let date: Date
    let evidence: TimeEvidence
}
