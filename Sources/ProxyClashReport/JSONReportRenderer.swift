import Foundation

/// The `proxyclash.report/v1` JSON document: pretty-printed, keys sorted, so output is stable
/// and diffable.
public struct JSONReportRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: Report) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    /// Reads a report written by ``render(_:)``.
    public static func decode(_ data: Data) throws -> Report {
        try JSONDecoder().decode(Report.self, from: data)
    }
}
