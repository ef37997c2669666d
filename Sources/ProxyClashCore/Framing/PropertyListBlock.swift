import Foundation

/// One object as PowerShell's Format-List prints it (the default view of objects with five or
/// more properties, and of `... | Format-List`):
///
/// ```
/// Category             : PropertyConflict
/// OccurredDateTime     : 11/26/2026 2:10:00 AM
/// PropertyCausingError : ProxyAddresses
/// Value                : SMTP:kim@contoso.com
/// ```
///
/// Names start their line and are padded to one column, then ` : ` and the value; a long value
/// goes on over lines indented to the value's column; a blank line ends the object. The block
/// becomes one record of `Name: value` lines (padding dropped, continued values joined), so the
/// patterns that read a JSON object's members (`category: PropertyConflict`) read it too, and
/// its time is the first property named like a time (`OccurredDateTime`, `TimeCreated`...).
///
/// Format-List cuts a long value at the console width, inside a word if need be
/// (`SMTP:lee.ch` / `en@contoso.com`), whatever that width is: a continuation joins the line
/// above without a space when that line is as wide as the widest line of the block (a cut at the
/// width), with one otherwise (a value that breaks early went on at a word). Spaces at the cut
/// are kept as they are (after the value's column, a continuation's own leading spaces count).
struct PropertyListBlock {
    /// The column of the ` : ` that this object's property lines share (nil: no block open).
    private(set) var colonColumn: Int?
    /// Line of the input where the block starts.
    private(set) var firstLine = 0
    /// `Name: value` lines, each ending with a newline (the last one without, while its value may go on).
    private(set) var text: [UInt8] = []
    /// Values of the properties named like a time, in ``TimeFieldNames/ordered`` order.
    private var times: [(rank: Int, value: String)] = []
    /// Names of the properties read so far.
    private var names: Set<String> = []
    /// The value being read: its continuation lines may still come.
    private var value: (name: String, bytes: [UInt8])?
    /// Characters of the block's widest line, and of its last line.
    private var widest = 0
    private var lastWidth = 0

    var isOpen: Bool { colonColumn != nil }

    /// Where the colon of a property line stands (the count of bytes before it), or nil when
    /// `line` is not one: a name (a letter, then letters, digits, `_` or `.`, at most 64 bytes;
    /// no `-`, so a cmdlet's `New-Mailbox : ...` error is not one), at least one space, a colon,
    /// then a space or the end of the line.
    static func colon(of line: UnsafeRawBufferPointer) -> Int? {
        guard let first = line.first, isLetter(first) else { return nil }
        var index = 1
        while index < line.count, index <= 64, isNameByte(line[index]) { index += 1 }
        let nameEnd = index
        while index < line.count, line[index] == UInt8(ascii: " ") { index += 1 }
        guard index > nameEnd, index < line.count, line[index] == UInt8(ascii: ":") else { return nil }
        guard index + 1 == line.count || line[index + 1] == UInt8(ascii: " ") else { return nil }
        return index
    }

    /// True when `line` goes on with the value above it: indented to the value's column.
    func isContinuation(_ line: UnsafeRawBufferPointer, indent: Int) -> Bool {
        guard let colonColumn, value != nil else { return false }
        return indent >= colonColumn + 2 && indent < line.count
    }

    /// Notes the width (in characters) of a line of the block, for telling cuts from word breaks.
    private mutating func noteWidth(of line: UnsafeRawBufferPointer) {
        lastWidth = line.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        widest = max(widest, lastWidth)
    }

    /// Starts a block at `line` (a property line whose colon is at `colon`).
    mutating func start(_ line: UnsafeRawBufferPointer, colon: Int, number: Int) {
        colonColumn = colon
        firstLine = number
        addProperty(line, colon: colon)
    }

    /// Adds a property line of the open block.
    mutating func addProperty(_ line: UnsafeRawBufferPointer, colon: Int) {
        endValue()
        let name = Self.name(of: line, colon: colon)
        names.insert(name)
        value = (name, Array(line[min(colon + 2, line.count)...]))
        noteWidth(of: line)
    }

    /// True when the property line `line` (colon at `colon`) goes on with this object: same
    /// column and a name the object does not have yet (an object lists each property once, so a
    /// name seen again starts the next object, and a log padded as `ERROR   : ...` lines is not
    /// one object of a thousand lines).
    func takes(_ line: UnsafeRawBufferPointer, colon: Int) -> Bool {
        colon == colonColumn && !names.contains(Self.name(of: line, colon: colon))
    }

    /// The name of a property line: the bytes before the padding and the colon.
    private static func name(of line: UnsafeRawBufferPointer, colon: Int) -> String {
        var end = colon
        while end > 0, line[end - 1] == UInt8(ascii: " ") { end -= 1 }
        return String(decoding: line[..<end], as: UTF8.self)
    }

    /// Adds a continuation line of the current value (its bytes from the value's column on).
    mutating func addContinuation(_ line: UnsafeRawBufferPointer) {
        guard let colonColumn, value != nil else { return }
        let cutAtWidth = lastWidth >= widest
        let content = line[min(colonColumn + 2, line.count)...]
        let atSpace = value!.bytes.last == UInt8(ascii: " ") || content.first == UInt8(ascii: " ")
        if !cutAtWidth, !atSpace { value!.bytes.append(UInt8(ascii: " ")) }
        value!.bytes.append(contentsOf: content)
        noteWidth(of: line)
    }

    /// Bytes the record would have now.
    var length: Int { text.count + (value.map { $0.name.utf8.count + 3 + $0.bytes.count } ?? 0) }

    /// Ends the block: its record text and time values, and the block closed.
    mutating func finish() -> (text: [UInt8], line: Int, timeValues: [String]) {
        endValue()
        let record = (text, firstLine, times.sorted { $0.rank < $1.rank }.map(\.value))
        self = PropertyListBlock()
        return record
    }

    private mutating func endValue() {
        guard let name = value?.name, var bytes = value?.bytes else { return }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        text.append(contentsOf: name.utf8)
        text.append(contentsOf: ": ".utf8)
        text.append(contentsOf: bytes)
        text.append(UInt8(ascii: "\n"))
        if let rank = TimeFieldNames.rank(of: name), !bytes.isEmpty {
            times.append((rank, String(decoding: bytes, as: UTF8.self)))
        }
        value = nil
    }

    /// True when the first lines of `head` are mostly Format-List output: an object of at least
    /// 3 distinct property names sharing a colon column, and property lines at least half of the
    /// first 40 lines that are not blank (continuations counted with their property); objects
    /// separated by blank lines. A log whose lines are padded as `ERROR   : ...` repeats its few
    /// names line after line: it is not a listing.
    static func looksLikeListing(_ head: UnsafeRawBufferPointer) -> Bool {
        var properties = 0
        var others = 0
        var widestObject = 0
        var restarts = 0  // objects begun by a name seen again, with no blank line between
        var block = PropertyListBlock()
        Lines.forEach(in: head, firstLine: 1) { line, number in
            guard properties + others < 40 else { return }
            let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
            if indent == line.count {
                block = PropertyListBlock()
            } else if let colon = colon(of: line) {
                properties += 1
                if block.takes(line, colon: colon) {
                    block.addProperty(line, colon: colon)
                } else {
                    if block.isOpen { restarts += 1 }
                    block = PropertyListBlock()
                    block.start(line, colon: colon, number: number)
                }
                widestObject = max(widestObject, block.names.count)
            } else if !block.isContinuation(line, indent: indent) {
                others += 1
            }
        }
        return widestObject >= 3 && properties >= others && restarts * 10 <= properties
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        byte | UInt8(ascii: " ") >= UInt8(ascii: "a") && byte | UInt8(ascii: " ") <= UInt8(ascii: "z")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
}
