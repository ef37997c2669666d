import Foundation

/// The `proxyclash.report/v1` JSON document: pretty-printed, keys sorted, so output is stable
/// and diffable.
public struct JSONReportRenderer: ReportRenderer {
    public init() {}

    /// The document as JSONEncoder writes it, but with the incidents encoded one at a time and
    /// spliced into the `incidents` array of the rest: the same bytes, without building an encoded
    /// tree of every incident at once.
    public func write(_ report: Report, to sink: (String) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var skeleton = report
        skeleton.incidents = []
        let document = String(decoding: try encoder.encode(skeleton), as: UTF8.self)
        // Quotes inside JSON strings are escaped, so this finds the top-level key only.
        guard let open = document.range(of: #""incidents" : ["#),
              let close = document[open.upperBound...].firstIndex(of: "]") else {
            throw EncodingError.invalidValue(report, .init(codingPath: [], debugDescription: "no incidents array in the encoded report"))
        }
        guard !report.incidents.isEmpty else {
            try sink(document + "\n")
            return
        }
        try sink(String(document[..<open.upperBound]))
        for (index, incident) in report.incidents.enumerated() {
            var indented = Array((index == 0 ? "\n" : ",\n").utf8)
            Self.appendIndented(try encoder.encode(incident), to: &indented)
            try sink(String(decoding: indented, as: UTF8.self))
        }
        try sink("\n  " + document[close...] + "\n")
    }

    /// Appends `object` two levels deeper than a document of its own: four spaces before every
    /// line that is not blank (JSONEncoder writes an empty array as `[`, a blank line, `]`).
    /// Byte-wise: splitting the text into `String` lines cost a tenth of a 1 GiB scan.
    private static func appendIndented(_ object: Data, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + object.count + object.count / 4)
        var atLineStart = true
        for byte in object {
            if atLineStart, byte != UInt8(ascii: "\n") { output.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
    }

    /// Reads a report written by ``render(_:)``.
    public static func decode(_ data: Data) throws -> Report {
        try JSONDecoder().decode(Report.self, from: data)
    }
}
