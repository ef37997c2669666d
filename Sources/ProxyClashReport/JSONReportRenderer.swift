import Foundation

/// The `proxyclash.report/v1` JSON document: pretty-printed, keys sorted, so output is stable
/// and diffable.
public struct JSONReportRenderer: Renderer {
    /// Incidents encoded at once (on up to `jobs` cores) before they are written: memory stays
    /// bounded by a batch, not the report.
    static let batchSize = 256
    /// How many cores encode incidents.
    let jobs: Int

    public init(jobs: Int = 1) {
        self.jobs = max(jobs, 1)
    }

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
        for batchStart in stride(from: 0, to: report.incidents.count, by: Self.batchSize) {
            let batch = Array(report.incidents[batchStart..<min(batchStart + Self.batchSize, report.incidents.count)])
            for (offset, object) in try encode(batch, with: encoder).enumerated() {
                var indented = Array((batchStart + offset == 0 ? "\n" : ",\n").utf8)
                Self.appendIndented(object, to: &indented)
                try sink(String(decoding: indented, as: UTF8.self))
            }
        }
        try sink("\n  " + document[close...] + "\n")
    }

    /// Each incident as a document of its own, in order; spread over `jobs` cores (each with its
    /// own copy of `encoder`'s settings) when there are enough of them to be worth it.
    private func encode(_ incidents: [IncidentEntry], with encoder: JSONEncoder) throws -> [Data] {
        let workers = min(jobs, incidents.count / 16)
        guard workers > 1 else { return try incidents.map { try encoder.encode($0) } }
        let results = EncodedIncidents(count: incidents.count)
        let formatting = encoder.outputFormatting
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            for index in stride(from: worker, to: incidents.count, by: workers) {
                results.set(index, Result { try encoder.encode(incidents[index]) })
            }
        }
        return try results.values.map { try $0!.get() }
    }

    /// Appends `object` two levels deeper than a document of its own: four spaces before every
    /// line that is not blank (JSONEncoder writes an empty array as `[`, a blank line, `]`).
    /// Byte-wise: splitting the text into `String` lines cost a tenth of a 1 GiB scan.
    private static func appendIndented(_ object: Data, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + object.count + object.count / 4)
        object.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                // The line with its newline, if it has one.
                let end = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start).map { UnsafeRawPointer($0) - base + 1 } ?? bytes.count
                if bytes[start] != UInt8(ascii: "\n") { output.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " "), UInt8(ascii: " "), UInt8(ascii: " ")]) }
                output.append(contentsOf: bytes[start..<end])
                start = end
            }
        }
    }

    /// Reads a report written by ``render(_:)``.
    public static func decode(_ data: Data) throws -> Report {
        try JSONDecoder().decode(Report.self, from: data)
    }
}

/// Encoded incidents filled in by several threads, one slot each.
private final class EncodedIncidents: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Data, any Error>?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Result<Data, any Error>) {
        lock.withLock { slots[index] = value }
    }

    /// Every slot, once all threads are done.
    var values: [Result<Data, any Error>?] { lock.withLock { slots } }
}
