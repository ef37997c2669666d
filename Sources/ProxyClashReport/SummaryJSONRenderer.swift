import Foundation

/// The weekly summary as JSON (`proxyclash.summary/v1`, see docs/report-format.md): keys sorted,
/// pretty-printed, so the file diffs well from one week to the next.
struct SummaryJSONRenderer: Renderer {
    func write(_ summary: SummaryReport, to sink: (String) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try sink(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n")
    }
}
