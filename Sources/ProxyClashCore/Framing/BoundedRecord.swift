/// The text of a record as a framer builds it, kept within the record limit: what does not fit
/// is dropped and remembered, and reported once when the record is handed out. Every framer
/// builds its records in one of these, so memory is bounded whatever the input.
struct BoundedRecord {
    /// Most bytes kept (`--max-record-length`).
    let limit: Int
    private(set) var bytes: [UInt8] = []
    /// Something did not fit since the last ``reset()``.
    private(set) var truncated = false

    init(limit: Int) {
        self.limit = limit
    }

    var isEmpty: Bool { bytes.isEmpty }
    var count: Int { bytes.count }

    /// Appends the line `name: value`, whole or not at all (the lines of XML and JSON records).
    mutating func appendField(_ name: String, _ value: String) {
        guard bytes.count + name.utf8.count + value.utf8.count + 3 <= limit else {
            truncated = true
            return
        }
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        bytes.append(contentsOf: value.utf8)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends as much of `more` as fits.
    mutating func appendPrefix(_ more: some Collection<UInt8>) {
        let room = limit - bytes.count
        if more.count > room { truncated = true }
        bytes.append(contentsOf: more.prefix(max(room, 0)))
    }

    /// Appends one byte if it fits.
    mutating func append(_ byte: UInt8) {
        guard bytes.count < limit else {
            truncated = true
            return
        }
        bytes.append(byte)
    }

    /// Empties the record (keeping its storage) and forgets that it was cut.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        truncated = false
    }

    /// The `overlong-record` problem for a record that was cut, naming what it was: "`what` longer
    /// than N bytes: only its first N bytes were scanned"; nil when it was not cut.
    func overlongProblem(_ what: String, line: Int) -> FramerEvent? {
        guard truncated else { return nil }
        return .problem(line: line, category: .overlongRecord,
                        message: "\(what) longer than \(limit) bytes: only its first \(limit) bytes were scanned")
    }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes(body)
    }
}
