/// Output formats of a report.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json

    /// The renderer for this format; `jobs` cores may share the work.
    public func renderer(colour: Bool, jobs: Int = 1) -> any ReportRenderer {
        switch self {
        case .text: TextReportRenderer(colour: colour)
        case .json: JSONReportRenderer(jobs: jobs)
        }
    }
}

/// Turns a report into the text of one output format.
public protocol ReportRenderer: Sendable {
    /// Hands the output to `sink` in pieces (about one incident each), so a report with many
    /// incidents is never held whole as text.
    func write(_ report: Report, to sink: (String) throws -> Void) throws
}

extension ReportRenderer {
    /// The whole output as one string.
    public func render(_ report: Report) throws -> String {
        var text = ""
        try write(report) { text += $0 }
        return text
    }
}
