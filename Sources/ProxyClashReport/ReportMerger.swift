import Foundation
import ProxyClashCore

/// Merges `proxyclash.report/v1` reports (from several machines, or shards of an archive) into
/// one, with the incidents and counts a single scan over all their inputs would give: incidents
/// merge by kind and key, totals add up, inputs are listed in the order of the reports.
///
/// Reports are added one at a time: a report that is not a valid v1 report is refused whole
/// (nothing of it is merged) and can be recorded with ``skip(_:reason:)``, so the rest still
/// merges. Counts read from a report must not be negative; their sums stop at `Int.max`.
public struct ReportMerger {
    /// Why a report was refused. The description names the field, as a JSON path
    /// (`incidents[2].occurrences`), and quotes the offending value.
    public enum Failure: Error, CustomStringConvertible {
        /// Not JSON, or not shaped as a report (`field` is nil when the JSON itself is broken).
        case malformed(field: String?, detail: String)
        case unsupportedSchema(String)
        case unknownKind(field: String, kind: String)
        case unknownCategory(field: String, category: String)
        case unknownTimeEvidence(field: String, name: String)
        case negativeCount(field: String, value: Int)
        case invalidTime(field: String, text: String)
        /// `firstSeen` after `lastSeen`.
        case timesOutOfOrder(field: String)

        public var description: String {
            switch self {
            case let .malformed(field?, detail): "not a readable proxyclash JSON report (\(field): \(detail))"
            case let .malformed(nil, detail): "not a readable proxyclash JSON report (\(detail))"
            case let .unsupportedSchema(schema): "not a \(Report.schemaIdentifier) report (schema \(Self.quoted(schema)))"
            case let .unknownKind(field, kind): "\(field): unknown incident kind \(Self.quoted(kind))"
            case let .unknownCategory(field, category): "\(field): unknown diagnostic category \(Self.quoted(category))"
            case let .unknownTimeEvidence(field, name): "\(field): unknown kind of time evidence \(Self.quoted(name))"
            case let .negativeCount(field, value): "\(field): a count cannot be negative (\(value))"
            case let .invalidTime(field, text): "\(field): not an ISO 8601 time (\(Self.quoted(text)))"
            case let .timesOutOfOrder(field): "\(field): firstSeen is later than lastSeen"
            }
        }

        /// A value from the report, quoted for one line on a terminal: control characters made
        /// visible, and cut after 60 characters.
        private static func quoted(_ text: String) -> String {
            let shown = text.count > 60 ? text.prefix(60) + "…" : Substring(text)
            return "'" + TerminalText.safe(String(shown)) + "'"
        }
    }

    private var incidents: IncidentAggregator
    private var diagnostics = DiagnosticLog()
    private var summary = Report.Summary(files: 0, bytes: 0, records: 0, messages: 0, incidents: 0, skipped: 0,
                                         outsideWindow: 0, undated: 0, diagnostics: [:])
    private var inputs: [Report.InputEntry] = []
    /// The time window of each report merged so far.
    private var windows: [Report.TimeWindow?] = []

    /// An empty merge: its report has no input, incident or diagnostic.
    /// - Parameter incidentLimit: most distinct incidents kept (memory bound); findings of
    ///   further ones are counted in an `incident-limit` warning.
    public init(incidentLimit: Int = 100_000) {
        incidents = IncidentAggregator(limit: incidentLimit)
    }

    /// Merges every report, or refuses them all with the first report's failure.
    public static func merge(_ reports: [Report], generatedAt: Date = Date()) throws(Failure) -> Report {
        var merger = ReportMerger()
        for report in reports { try merger.add(report) }
        return merger.report(generatedAt: generatedAt)
    }

    /// Reads a report written by ``JSONReportRenderer``, telling a report of another schema
    /// apart from a broken one.
    public static func decode(_ data: Data) throws(Failure) -> Report {
        do {
            return try JSONReportRenderer.decode(data)
        } catch {
            struct Header: Decodable { let schema: String }
            if let schema = try? JSONDecoder().decode(Header.self, from: data).schema, schema != Report.schemaIdentifier {
                throw .unsupportedSchema(schema)
            }
            let failure = Self.malformed(error)
            if case .malformed(field: nil, _) = failure, let number = Self.nonInteger(in: data) { throw number }
            throw failure
        }
    }

    /// Adds `report`; when it is refused, the merge is left as it was.
    public mutating func add(_ report: Report) throws(Failure) {
        let shard = try ValidatedReport(report)
        for incident in shard.incidents { incidents.merge(incident) }
        diagnostics.merge(counts: shard.diagnosticCounts, samples: shard.diagnostics)
        summary.files.addSaturating(report.summary.files)
        summary.bytes.addSaturating(report.summary.bytes)
        summary.records.addSaturating(report.summary.records)
        summary.messages.addSaturating(report.summary.messages)
        summary.skipped.addSaturating(report.summary.skipped)
        summary.outsideWindow.addSaturating(report.summary.outsideWindow)
        summary.undated.addSaturating(report.summary.undated)
        inputs += report.inputs
        windows.append(report.window)
    }

    /// The merged incidents (for the history store, `merge --history`).
    package var mergedIncidents: [Incident] { incidents.incidents }

    /// The merged inputs with their spans of times (for the history store).
    package var mergedInputs: [(path: String, firstRecord: Date?, lastRecord: Date?)] {
        inputs.map { ($0.path, $0.firstRecord.flatMap(ISO8601.parse), $0.lastRecord.flatMap(ISO8601.parse)) }
    }

    /// Records a report left out (unreadable, malformed, refused): an `unreadable-input`
    /// diagnostic about `path` with `reason`, counted in `summary.skipped`.
    public mutating func skip(_ path: String, reason: String) {
        diagnostics.record(Diagnostic(path: path, category: .unreadableInput, message: reason))
        summary.skipped.addSaturating(1)
    }

    /// The merged report: the reports' common time window if they all have the same, else none.
    public func report(generatedAt: Date = Date()) -> Report {
        let merged = IncidentEntry.entries(incidents.incidents)
        var diagnostics = diagnostics
        if incidents.droppedFindings > 0 {
            diagnostics.record(Diagnostic(path: "(all reports)", category: .incidentLimit,
                                          message: "more than \(incidents.limit) distinct incidents: \(incidents.droppedFindings) finding(s) of further incidents were counted, not kept"))
        }
        var summary = summary
        summary.incidents = merged.count
        summary.diagnostics = Dictionary(uniqueKeysWithValues: diagnostics.counts.map { ($0.key.rawValue, $0.value) })
        let window = windows.allSatisfy { $0 == windows.first } ? windows.first ?? nil : nil
        return Report(schema: Report.schemaIdentifier, generatedAt: ISO8601.format(generatedAt), window: window,
                      summary: summary, inputs: inputs, incidents: merged,
                      diagnostics: diagnostics.entries.map(Report.DiagnosticEntry.init))
    }

    /// A decoding error as a failure naming the field it is about.
    private static func malformed(_ error: any Error) -> Failure {
        func path(_ context: DecodingError.Context) -> String? {
            context.codingPath.isEmpty ? nil : jsonPath(context.codingPath)
        }
        switch error as? DecodingError {
        case let .dataCorrupted(context)?:
            return .malformed(field: path(context), detail: context.debugDescription)
        case let .keyNotFound(key, context)?:
            return .malformed(field: path(context), detail: "no '\(key.stringValue)' field")
        case let .typeMismatch(type, context)?, let .valueNotFound(type, context)?:
            return .malformed(field: path(context), detail: "expected \(Self.jsonType(type))")
        default:
            return .malformed(field: nil, detail: "\(error)")
        }
    }

    /// The first number (in key order) that is not an `Int`, such as `9223372036854775808` or
    /// `1.5`: JSONDecoder calls the whole document invalid JSON without saying where.
    private static func nonInteger(in data: Data) -> Failure? {
        func find(_ value: Any, at path: String) -> Failure? {
            switch value {
            case let object as [String: Any]:
                return object.keys.sorted().lazy.compactMap { find(object[$0]!, at: path.isEmpty ? $0 : path + "." + $0) }.first
            case let array as [Any]:
                return array.indices.lazy.compactMap { find(array[$0], at: path + "[\($0)]") }.first
            case let number as NSNumber where value as? Int == nil:
                return .malformed(field: path, detail: "\(number.stringValue) is not a 64-bit integer")
            default:
                return nil
            }
        }
        return (try? JSONSerialization.jsonObject(with: data)).flatMap { find($0, at: "") }
    }

    private static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "an integer"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
    }

    /// The JSON path of a field, such as `incidents[2].sources.total`.
    private static func jsonPath(_ path: [any CodingKey]) -> String {
        path.reduce(into: "") { text, key in
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
    }
}
