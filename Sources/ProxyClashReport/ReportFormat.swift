/// Output formats of a report.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json

    /// The renderer for this format.
    public func renderer(colour: Bool) -> any ReportRenderer {
        switch self {
        case .text: TextReportRenderer(colour: colour)
        case .json: JSONReportRenderer()
        }
    }
}

/// Turns a report into the bytes of one output format.
public protocol ReportRenderer: Sendable {
    func render(_ report: Report) throws -> String
}
