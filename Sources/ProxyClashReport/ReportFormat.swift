/// Turns a document (a scan ``Report`` or a weekly ``SummaryReport``) into the text of one output
/// format: one type per format, the same protocol for both documents.
public protocol Renderer<Document>: Sendable {
    associatedtype Document
    /// Hands the output to `sink` in pieces (a report: about one incident each), so a document
    /// with many incidents is never held whole as text.
    func write(_ document: Document, to sink: (String) throws -> Void) throws
}

extension Renderer {
    /// The whole output as one string.
    public func render(_ document: Document) throws -> String {
        var text = ""
        try write(document) { text += $0 }
        return text
    }
}

/// Output formats of a scan report.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json

    /// The renderer for this format.
    public func renderer(colour: Bool) -> any Renderer<Report> {
        switch self {
        case .text: TextReportRenderer(colour: colour)
        case .json: JSONReportRenderer()
        }
    }
}

/// Output formats of the weekly summary.
public enum SummaryFormat: String, Sendable, CaseIterable {
    case text, markdown, json, csv, html

    /// The renderer for this format.
    public var renderer: any Renderer<SummaryReport> {
        switch self {
        case .text: SummaryTextRenderer()
        case .markdown: SummaryMarkdownRenderer()
        case .json: SummaryJSONRenderer()
        case .csv: SummaryCSVRenderer()
        case .html: SummaryHTMLRenderer()
        }
    }
}
