import ProxyClashCore

/// Writes JSON byte for byte as Foundation's `JSONEncoder` does with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes` (two spaces a level, `"key" : value`, an empty
/// container as its bracket, a blank line and its bracket; `"`, `\` and control characters
/// escaped, `\u00XX` in lower case), straight into bytes, without the encoder's tree of boxed
/// values: the encoder spent about 300,000 instructions an incident of the report, this about a
/// tenth. The caller writes members in sorted order (UTF-8 byte order, as the encoder sorts);
/// `JSONReportRendererTests` holds the two outputs equal.
struct PrettyJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// The nesting level of the next line.
    private var depth: Int
    /// Per open container: whether a member or element was written in it yet.
    private var started: [Bool] = []

    /// A writer whose first value sits `depth` levels deep in the document.
    init(depth: Int = 0, capacity: Int = 4096) {
        self.depth = depth
        bytes.reserveCapacity(capacity)
    }

    /// Writes the indentation of the current level (before a value that begins a line).
    mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    mutating func openObject() { open(UInt8(ascii: "{")) }
    mutating func closeObject() { close(UInt8(ascii: "}")) }
    mutating func openArray() { open(UInt8(ascii: "[")) }
    mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// Starts the member `name` of the open object; its value follows.
    mutating func key(_ name: String) {
        nextLine()
        string(name)
        bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    /// Starts the next element of the open array; its value follows.
    mutating func element() {
        nextLine()
    }

    mutating func string(_ value: String?) {
        guard var value else { return null() }
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    /// An array of strings, one element a line.
    mutating func strings(_ values: [String]) {
        openArray()
        for value in values {
            element()
            string(value)
        }
        closeArray()
    }

    /// An object of integers, members sorted by their names' UTF-8 bytes.
    mutating func ints(_ values: [String: Int]) {
        openObject()
        for name in values.keys.sortedByUTF8() {
            key(name)
            int(values[name]!)
        }
        closeObject()
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        bytes.append(UInt8(ascii: "\n"))
        depth += 1
        started.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(UInt8(ascii: "\n"))
        depth -= 1
        started.removeLast()
        indent()
        bytes.append(bracket)
    }

    /// The separator before a member or element: none for the first, `,` and a newline after.
    private mutating func nextLine() {
        if started[started.count - 1] {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\n"))
        }
        started[started.count - 1] = true
        indent()
    }

    /// The string's bytes with JSON's escapes: runs that need none are copied whole.
    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for (offset, byte) in text.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<offset]))
            runStart = offset + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
    }
}
