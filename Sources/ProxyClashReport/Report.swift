import Foundation
import ProxyClashCore

/// The report of one scan, shaped exactly as the `proxyclash.report/v1` JSON contract
/// (`docs/report-format.md`). Every renderer works from this model.
public struct Report: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "proxyclash.report/v1"

    public var schema: String
    public var generatedAt: String
    public var window: TimeWindow?
    public var summary: Summary
    public var inputs: [InputEntry]
    public var incidents: [IncidentEntry]
    public var diagnostics: [DiagnosticEntry]

    public struct TimeWindow: Codable, Sendable, Equatable {
        public var since: String?
        public var until: String?
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var files: Int
        public var bytes: Int
        public var records: Int
        public var messages: Int
        public var incidents: Int
        public var skipped: Int
        /// With a time window: findings left out because they are dated outside it.
        public var outsideWindow: Int
        /// With a time window: findings kept although they carry no date at all.
        public var undated: Int
        /// Diagnostics counted by category (all of them, not only those listed).
        public var diagnostics: [String: Int]
    }

    public struct InputEntry: Codable, Sendable, Equatable {
        public var path: String
        /// How the text was cut into records (`lines`, `console`, `csv`), or null when never read.
        public var format: String?
        public var encoding: String?
        public var compressed: Bool
        /// The compressors unwrapped, outermost first (`gzip`, `zstd`, `gzip+xz`); absent for plain text.
        public var compression: String?
        public var status: String
        public var bytes: Int
        public var records: Int
        /// The earliest and latest times its text holds (ISO 8601), absent when none: the days
        /// its logs cover.
        public var firstRecord: String?
        public var lastRecord: String?
    }

    public struct DiagnosticEntry: Codable, Sendable, Equatable {
        public var path: String
        public var line: Int?
        public var category: String
        public var severity: String
        public var message: String
    }
}

extension Report {
    /// Builds the report of `result`.
    /// - Parameters:
    ///   - window: the time window the scan was limited to, if any.
    ///   - generatedAt: the time the report is made (tests pin it).
    ///   - redactor: replaces identifying values by pseudonyms (incidents and diagnostic texts).
    public init(result: ScanResult, window: ProxyClashCore.TimeWindow? = nil, generatedAt: Date = Date(), redactor: Redactor? = nil) {
        let incidents = IncidentEntry.entries(result.incidents.incidents, redactor: redactor)
        self.init(
            schema: Self.schemaIdentifier,
            generatedAt: ISO8601.format(generatedAt),
            window: window.map { Report.TimeWindow(since: $0.since.map(ISO8601.format), until: $0.until.map(ISO8601.format)) },
            summary: Summary(
                files: result.statistics.files, bytes: result.statistics.bytes, records: result.statistics.lines,
                messages: result.statistics.messages, incidents: incidents.count, skipped: result.statistics.skipped,
                outsideWindow: result.statistics.outsideWindow, undated: result.statistics.undated,
                diagnostics: Dictionary(uniqueKeysWithValues: result.diagnostics.counts.map { ($0.key.rawValue, $0.value) })),
            inputs: result.inputs.map {
                InputEntry(path: $0.path, format: $0.format?.rawValue, encoding: $0.encoding?.rawValue, compressed: $0.compressed,
                           compression: $0.compression, status: $0.status.rawValue, bytes: $0.bytes, records: $0.lines,
                           firstRecord: $0.firstRecord.map(ISO8601.format), lastRecord: $0.lastRecord.map(ISO8601.format))
            },
            incidents: incidents,
            diagnostics: result.diagnostics.entries.map {
                var entry = DiagnosticEntry($0)
                if let redactor { entry.message = redactor.text(entry.message) }
                return entry
            })
    }
}

extension Report.DiagnosticEntry {
    init(_ diagnostic: Diagnostic) {
        self.init(path: diagnostic.path, line: diagnostic.line, category: diagnostic.category.rawValue,
                  severity: diagnostic.category.severity.rawValue, message: diagnostic.message)
    }
}
