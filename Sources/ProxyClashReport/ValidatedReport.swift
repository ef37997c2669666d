import Foundation
import ProxyClashCore

/// A report checked before it is merged: the right schema, known kinds and categories, no
/// negative count, every time a valid ISO 8601 time. Checking changes nothing, so a refused
/// report leaves no trace in the merge.
struct ValidatedReport {
    typealias Failure = ReportMerger.Failure

    let incidents: [Incident]
    let diagnosticCounts: [DiagnosticCategory: Int]
    let diagnostics: [Diagnostic]

    init(_ report: Report) throws(Failure) {
        guard report.schema == Report.schemaIdentifier else { throw .unsupportedSchema(report.schema) }
        try Self.check(report.summary)
        _ = try Self.time(report.window?.since, field: "window.since")
        _ = try Self.time(report.window?.until, field: "window.until")
        for (index, input) in report.inputs.enumerated() {
            try Self.requireCount(input.bytes, "inputs[\(index)].bytes")
            try Self.requireCount(input.records, "inputs[\(index)].records")
            _ = try Self.time(input.firstRecord, field: "inputs[\(index)].firstRecord")
            _ = try Self.time(input.lastRecord, field: "inputs[\(index)].lastRecord")
        }
        incidents = try report.incidents.enumerated().map { index, entry throws(Failure) in
            try Self.incident(entry, field: "incidents[\(index)]")
        }
        diagnosticCounts = try Self.categoryCounts(report.summary.diagnostics)
        diagnostics = try report.diagnostics.enumerated().map { index, entry throws(Failure) in
            try Self.diagnostic(entry, field: "diagnostics[\(index)]")
        }
    }

    private static func check(_ summary: Report.Summary) throws(Failure) {
        for (name, count) in [("files", summary.files), ("bytes", summary.bytes), ("records", summary.records),
                              ("messages", summary.messages), ("incidents", summary.incidents), ("skipped", summary.skipped),
                              ("outsideWindow", summary.outsideWindow), ("undated", summary.undated)] {
            try requireCount(count, "summary." + name)
        }
    }

    private static func categoryCounts(_ counts: [String: Int]) throws(Failure) -> [DiagnosticCategory: Int] {
        var result: [DiagnosticCategory: Int] = [:]
        for (name, count) in counts.sorted(by: { $0.key < $1.key }) {
            guard let category = DiagnosticCategory(rawValue: name) else {
                throw .unknownCategory(field: "summary.diagnostics", category: name)
            }
            try requireCount(count, "summary.diagnostics." + name)
            result[category] = count
        }
        return result
    }

    private static func incident(_ entry: IncidentEntry, field: String) throws(Failure) -> Incident {
        guard let kind = IncidentKind(rawValue: entry.kind) else { throw .unknownKind(field: field + ".kind", kind: entry.kind) }
        try requireCount(entry.occurrences, field + ".occurrences")
        try requireCount(entry.sources.total, field + ".sources.total")
        for (index, place) in entry.sources.sample.enumerated() {
            try requireCount(place.line, field + ".sources.sample[\(index)].line")
        }
        let firstSeen = try time(entry.firstSeen, field: field + ".firstSeen")
        let lastSeen = try time(entry.lastSeen, field: field + ".lastSeen")
        if let firstSeen, let lastSeen, firstSeen > lastSeen { throw .timesOutOfOrder(field: field) }
        var datedBy: [TimeEvidence: Int] = [:]
        for (name, count) in entry.dating {
            guard let evidence = TimeEvidence(rawValue: name) else { throw .unknownTimeEvidence(field: field + ".dating", name: name) }
            try requireCount(count, field + ".dating." + name)
            datedBy[evidence] = count
        }
        return Incident(kind: kind, key: entry.key, occurrences: entry.occurrences,
                        firstSeen: firstSeen, lastSeen: lastSeen,
                        address: entry.address, owners: entry.owners, forests: entry.forests, tenants: entry.tenants,
                        objectType: entry.objectType, guid: entry.guid, attribute: entry.attribute, value: entry.value,
                        sources: entry.sources.sample.map { SourceRef(path: $0.path, line: $0.line) },
                        sourceTotal: entry.sources.total, patternIDs: entry.patterns, datedBy: datedBy,
                        addressSource: AddressSource(rawValue: entry.addressSource))
    }

    private static func diagnostic(_ entry: Report.DiagnosticEntry, field: String) throws(Failure) -> Diagnostic {
        guard let category = DiagnosticCategory(rawValue: entry.category) else {
            throw .unknownCategory(field: field + ".category", category: entry.category)
        }
        if let line = entry.line { try requireCount(line, field + ".line") }
        return Diagnostic(path: entry.path, line: entry.line, category: category, message: entry.message)
    }

    /// The time `text` gives, nil when there is none; a text that is not a time refuses the report.
    private static func time(_ text: String?, field: @autoclosure () -> String) throws(Failure) -> Date? {
        guard let text else { return nil }
        guard let date = ISO8601.parse(text) else { throw .invalidTime(field: field(), text: text) }
        return date
    }

    private static func requireCount(_ value: Int, _ field: @autoclosure () -> String) throws(Failure) {
        guard value >= 0 else { throw .negativeCount(field: field(), value: value) }
    }
}
