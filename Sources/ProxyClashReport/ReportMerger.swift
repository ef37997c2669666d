import Foundation
import ProxyClashCore

/// Merges `proxyclash.report/v1` reports (from several machines, or shards of an archive) into
/// one, with the incidents and counts a single scan over all their inputs would give: incidents
/// merge by kind and key, totals add up, inputs are listed in the order of the reports.
public enum ReportMerger {
    public enum Failure: Error, CustomStringConvertible {
        case unsupportedSchema(String)
        case unknownKind(String)
        case unknownCategory(String)

        public var description: String {
            switch self {
            case let .unsupportedSchema(schema): "not a proxyclash.report/v1 report (schema '\(schema)')"
            case let .unknownKind(kind): "unknown incident kind '\(kind)'"
            case let .unknownCategory(category): "unknown diagnostic category '\(category)'"
            }
        }
    }

    public static func merge(_ reports: [Report], generatedAt: Date = Date()) throws(Failure) -> Report {
        var incidents = IncidentAggregator()
        var diagnostics = DiagnosticLog()
        var summary = Report.Summary(files: 0, bytes: 0, records: 0, messages: 0, incidents: 0, skipped: 0,
                                     outsideWindow: 0, undated: 0, diagnostics: [:])
        for report in reports {
            guard report.schema == Report.schemaIdentifier else { throw .unsupportedSchema(report.schema) }
            for entry in report.incidents { incidents.merge(try incident(entry)) }
            var counts: [DiagnosticCategory: Int] = [:]
            for (name, count) in report.summary.diagnostics {
                guard let category = DiagnosticCategory(rawValue: name) else { throw .unknownCategory(name) }
                counts[category] = count
            }
            let samples = try report.diagnostics.map { entry throws(Failure) -> Diagnostic in
                guard let category = DiagnosticCategory(rawValue: entry.category) else { throw .unknownCategory(entry.category) }
                return Diagnostic(path: entry.path, line: entry.line, category: category, message: entry.message)
            }
            diagnostics.merge(counts: counts, samples: samples)
            summary.files += report.summary.files
            summary.bytes += report.summary.bytes
            summary.records += report.summary.records
            summary.messages += report.summary.messages
            summary.skipped += report.summary.skipped
            summary.outsideWindow += report.summary.outsideWindow
            summary.undated += report.summary.undated
        }
        let merged = IncidentEntry.entries(incidents.incidents)
        summary.incidents = merged.count
        summary.diagnostics = Dictionary(uniqueKeysWithValues: diagnostics.counts.map { ($0.key.rawValue, $0.value) })
        let windows = Set(reports.map { $0.window.map { "\($0.since ?? "")|\($0.until ?? "")" } ?? "" })
        return Report(schema: Report.schemaIdentifier, generatedAt: ISO8601.format(generatedAt),
                      window: windows.count == 1 ? reports.first?.window : nil, summary: summary,
                      inputs: reports.flatMap(\.inputs), incidents: merged,
                      diagnostics: diagnostics.entries.map(Report.DiagnosticEntry.init))
    }

    private static func incident(_ entry: IncidentEntry) throws(Failure) -> Incident {
        guard let kind = IncidentKind(rawValue: entry.kind) else { throw .unknownKind(entry.kind) }
        return Incident(kind: kind, key: entry.key, occurrences: entry.occurrences,
                        firstSeen: entry.firstSeen.flatMap(ISO8601.parse), lastSeen: entry.lastSeen.flatMap(ISO8601.parse),
                        address: entry.address, owners: entry.owners, forests: entry.forests, tenants: entry.tenants,
                        objectType: entry.objectType, guid: entry.guid, attribute: entry.attribute, value: entry.value,
                        sources: entry.sources.sample.map { SourceRef(path: $0.path, line: $0.line) },
                        sourceTotal: entry.sources.total, patternIDs: entry.patterns)
    }
}
