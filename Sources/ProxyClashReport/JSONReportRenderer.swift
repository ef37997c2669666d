import CStringSearch
import Foundation

/// The `proxyclash.report/v1` JSON document: pretty-printed, keys sorted, so output is stable
/// and diffable.
public struct JSONReportRenderer: Renderer {
    public init() {}

    /// The document as JSONEncoder writes it, but with each incident written on its own by
    /// ``PrettyJSONWriter`` and spliced into the `incidents` array of the rest: the same bytes,
    /// without building an encoded tree of every incident at once.
    public func write(_ report: Report, to sink: (String) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var skeleton = report
        skeleton.incidents = []
        let document = try encoder.encode(skeleton)
        // Quotes inside JSON strings are escaped, so this finds the top-level key only.
        guard let open = Self.end(of: #""incidents" : ["#, in: document),
              let close = document[open...].firstIndex(of: UInt8(ascii: "]")) else {
            throw EncodingError.invalidValue(report, .init(codingPath: [], debugDescription: "no incidents array in the encoded report"))
        }
        guard !report.incidents.isEmpty else {
            try sink(String(decoding: document, as: UTF8.self) + "\n")
            return
        }
        try sink(String(decoding: document[..<open], as: UTF8.self))
        for (index, incident) in report.incidents.enumerated() {
            // An element of the top-level object's `incidents` array: two levels deep.
            var json = PrettyJSONWriter(depth: 2)
            json.indent()
            incident.write(to: &json)
            try sink((index == 0 ? "\n" : ",\n") + String(decoding: json.bytes, as: UTF8.self))
        }
        try sink("\n  " + String(decoding: document[close...], as: UTF8.self) + "\n")
    }

    /// The index just after the first occurrence of `marker` in `document`.
    private static func end(of marker: String, in document: Data) -> Data.Index? {
        document.withUnsafeBytes { bytes -> Data.Index? in
            var marker = marker
            return marker.withUTF8 { wanted -> Data.Index? in
                guard let base = bytes.baseAddress,
                      let found = memmem(base, bytes.count, wanted.baseAddress, wanted.count) else { return nil }
                return document.startIndex + (UnsafeRawPointer(found) - base) + wanted.count
            }
        }
    }

    /// Reads a report written by ``render(_:)``.
    public static func decode(_ data: Data) throws -> Report {
        try JSONDecoder().decode(Report.self, from: data)
    }
}
