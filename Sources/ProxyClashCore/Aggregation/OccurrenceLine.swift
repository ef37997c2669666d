import Foundation

/// One message × incident as a line of JSON (`scan --occurrences FILE`, JSON Lines), which is
/// what the history store needs of a shard scanned elsewhere (`merge --history`): kind, key, the
/// message's fingerprint, its time (ISO 8601, null when it has none), how that time was decided
/// and its place.
///
/// `{"dated":"line-above","fingerprint":"9f1c2e...","key":"smtp:lee@contoso.com","kind":"proxy-address-in-use","line":27,"path":"logs/a.log","time":"2026-11-16T08:02:45Z"}`
package struct OccurrenceLine: Codable, Sendable {
    package let kind: String
    package let key: String
    package let fingerprint: String
    package let time: String?
    package let path: String
    package let line: Int
    /// How the time was decided (a ``TimeEvidence`` name), when known.
    package let dated: String?

    package init(_ occurrence: Occurrence) {
        kind = occurrence.kind.rawValue
        key = occurrence.key
        fingerprint = String(occurrence.fingerprint, radix: 16)
        time = occurrence.timestamp.map(ISO8601.format)
        path = occurrence.source.path
        line = occurrence.source.line
        dated = occurrence.datedBy?.rawValue
    }

    /// The line as JSON, without its newline.
    package func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Why a line is refused, worded for a diagnostic.
    package enum Problem: Error, CustomStringConvertible {
        case notJSON(String)
        case invalid(String)

        package var description: String {
            switch self {
            case let .notJSON(detail): "not an occurrence line (\(detail))"
            case let .invalid(detail): "not a valid occurrence: \(detail)"
            }
        }
    }

    /// Reads one line; the occurrence it describes, or the reason it is refused.
    package static func occurrence(from json: Data) throws(Problem) -> Occurrence {
        let line: OccurrenceLine
        do {
            line = try JSONDecoder().decode(OccurrenceLine.self, from: json)
        } catch DecodingError.keyNotFound(let key, _) {
            throw .notJSON("no '\(key.stringValue)'")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw .notJSON("'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch {
            throw .notJSON("not JSON")
        }
        guard let kind = IncidentKind(rawValue: line.kind) else { throw .invalid("unknown incident kind '\(line.kind.prefix(40))'") }
        guard !line.fingerprint.isEmpty, line.fingerprint.count <= 16, let fingerprint = UInt64(line.fingerprint, radix: 16) else {
            throw .invalid("fingerprint '\(line.fingerprint.prefix(40))' is not 1 to 16 hex digits")
        }
        guard line.line >= 0 else { throw .invalid("negative line \(line.line)") }
        var time: Date?
        if let text = line.time {
            guard let parsed = ISO8601.parse(text) else { throw .invalid("time '\(text.prefix(40))' is not ISO 8601") }
            time = parsed
        }
        var evidence: TimeEvidence?
        if let dated = line.dated {
            guard let known = TimeEvidence(rawValue: dated) else { throw .invalid("unknown kind of time evidence '\(dated.prefix(40))'") }
            evidence = known
        }
        return Occurrence(kind: kind, key: line.key, timestamp: time, fingerprint: fingerprint,
                          source: SourceRef(path: line.path, line: line.line), datedBy: evidence)
    }
}
