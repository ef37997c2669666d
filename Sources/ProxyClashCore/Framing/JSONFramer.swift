import Foundation

/// Streams JSON (one document, or JSON Lines) into records without loading it: one record per
/// object, written as `key: value` lines of its scalar members, starting on the object's line.
///
/// - Strings are unescaped (`\"`, `\\`, `\uXXXX` with surrogate pairs); a value that still holds
///   `\"` after that (a second escape layer, JSON inside a string) is unescaped again, twice at most.
/// - An array of scalars becomes one `name: a;b` line of its parent; an object that is exactly a
///   `Key`/`Value` pair (`ErrorExtraDetails`) becomes a `<Key>: <Value>` line of its parent, so the
///   pairs of one array read as one record.
/// - A member named like a time (`occurredDateTime`, `timestamp`, ...) dates the record; a
///   record without one is dated by its parent object's, even when that member comes after it
///   (`{"error":{"message":...},"time":"..."}`): a nested object's record is held until its
///   parent closes (at most `maxRecordLength` bytes held in all; past that it goes out at once).
/// - Bounded: a record's text and a string stop at `maxRecordLength` bytes (reported), nesting
///   stops at 256 levels. A syntax error is reported once; reading resumes at the next line that
///   opens an object or array, so JSON Lines and damaged documents keep the records around it.
struct JSONFramer: RecordFramer {
    private struct Container {
        let isObject: Bool
        let line: Int
        /// The member name this container has in its parent object.
        let name: String?
        var text: BoundedRecord
        var scalars: [String] = []
        var onlyScalars = true
        var pairKey: String?
        var pairValue: String?
        /// Values of its time fields (the first four), parsed only for a candidate record.
        var timeValues: [String] = []
        /// Records of its child objects, held until it closes and its time fields are all known.
        var heldRecords: [HeldRecord] = []
    }

    private struct HeldRecord {
        let text: [UInt8]
        let line: Int
        let timeValues: [String]
    }

    private enum Mode { case value, string, literal, recovering }

    private let timestamps: TimestampParser
    private let maxRecordLength: Int
    private var stack: [Container] = []
    private var pendingKey: String?
    private var mode = Mode.value
    private var token: [UInt8] = []
    private var escape: [UInt8]?
    private var stringTruncated = false
    private var line = 1
    private var lineStart = true
    private var reportedError = false
    private var laterErrors = 0
    /// Bytes of all held records together.
    private var heldBytes = 0

    static let maxDepth = 256

    init(timestamps: TimestampParser, maxRecordLength: Int) {
        self.timestamps = timestamps
        self.maxRecordLength = maxRecordLength
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, firstLine: Int, emit: (FramerEvent) -> Void) {
        line = firstLine
        var index = 0
        while index < chunk.count {
            let byte = chunk[index]
            var consumed = true
            switch mode {
            case .string where escape == nil && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "\n"):
                // Plain string bytes: copy the whole run up to the next quote, backslash or line end.
                var end = index + 1
                while end < chunk.count, chunk[end] != UInt8(ascii: "\""), chunk[end] != UInt8(ascii: "\\"), chunk[end] != UInt8(ascii: "\n") { end += 1 }
                appendToken(UnsafeRawBufferPointer(rebasing: chunk[index..<end]))
                index = end
                continue
            case .string:
                stringByte(byte, emit: emit)
            case .literal:
                if Self.isLiteralByte(byte) {
                    token.append(byte)
                } else {
                    mode = .value
                    literal(emit: emit)
                    consumed = false
                }
            case .recovering:
                if lineStart, byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    mode = .value
                    consumed = false
                } else if byte == UInt8(ascii: "\n") {
                    lineStart = true
                } else if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\r") {
                    lineStart = false
                }
            case .value:
                structural(byte, emit: emit)
            }
            if consumed {
                if byte == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
        }
    }

    mutating func finish(emit: (FramerEvent) -> Void) {
        if mode == .literal {
            mode = .value
            literal(emit: emit)
        }
        if laterErrors > 0 {
            emit(.problem(line: line, category: .damagedInput, message: "\(laterErrors) more JSON syntax error(s) after the first one"))
        }
        guard let open = stack.first else { return }
        emit(.problem(line: open.line, category: .damagedInput,
                      message: "JSON ends inside the \(open.isObject ? "object" : "array") opened here; the members read before the end were scanned"))
        while !stack.isEmpty { close(emit: emit) }
    }

    // MARK: Tokens

    private mutating func structural(_ byte: UInt8, emit: (FramerEvent) -> Void) {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ":"), UInt8(ascii: ","):
            break
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard stack.count < Self.maxDepth else { return fail("JSON nested deeper than \(Self.maxDepth) levels", emit: emit) }
            let name = stack.last?.isObject == true ? pendingKey : stack.last?.name
            pendingKey = nil
            stack.append(Container(isObject: byte == UInt8(ascii: "{"), line: line, name: name, text: BoundedRecord(limit: maxRecordLength)))
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            guard let top = stack.last, top.isObject == (byte == UInt8(ascii: "}")) else { return fail("unexpected '\(Character(Unicode.Scalar(byte)))' in JSON", emit: emit) }
            close(emit: emit)
        case UInt8(ascii: "\""):
            mode = .string
            token.removeAll(keepingCapacity: true)
            stringTruncated = false
        default:
            guard Self.isLiteralByte(byte) else { return fail("unexpected character in JSON", emit: emit) }
            mode = .literal
            token = [byte]
        }
    }

    private mutating func stringByte(_ byte: UInt8, emit: (FramerEvent) -> Void) {
        if var pending = escape {
            pending.append(byte)
            if let decoded = Self.decodeEscape(pending) {
                escape = nil
                if decoded.isEmpty { return }  // waiting for the low surrogate's \uXXXX
                appendToken(decoded)
            } else if pending.count > 12 {
                escape = nil
                appendToken(Array("\u{FFFD}".utf8))
            } else {
                escape = pending
            }
            return
        }
        switch byte {
        case UInt8(ascii: "\\"): escape = [byte]
        case UInt8(ascii: "\""):
            mode = .value
            let raw = String(decoding: token, as: UTF8.self)
            let text = token.contains(UInt8(ascii: "\\")) ? Self.unescapeNestedLayers(raw) : raw
            if stack.last?.isObject == true, pendingKey == nil {
                pendingKey = text
            } else {
                scalar(text, emit: emit)
            }
            if stringTruncated {
                emit(.problem(line: line, category: .overlongRecord,
                              message: "JSON string longer than \(maxRecordLength) bytes: only its first \(maxRecordLength) bytes were scanned"))
            }
        default: appendToken([byte])
        }
    }

    private mutating func appendToken(_ bytes: some Collection<UInt8>) {
        guard token.count + bytes.count <= maxRecordLength else {
            stringTruncated = true
            return
        }
        token.append(contentsOf: bytes)
    }

    /// A number, `true`, `false` or `null`; anything else is a syntax error.
    private mutating func literal(emit: (FramerEvent) -> Void) {
        let text = String(decoding: token, as: UTF8.self)
        let isNumber = token.first.map { $0 == UInt8(ascii: "-") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) } ?? false
        guard isNumber || text == "true" || text == "false" || text == "null" else {
            return fail("invalid JSON value '\(text.prefix(20))'", emit: emit)
        }
        scalar(text, emit: emit)
    }

    /// A string, number, `true`, `false` or `null` value for the current member.
    private mutating func scalar(_ value: String, emit: (FramerEvent) -> Void) {
        guard !stack.isEmpty else { return }
        let name = pendingKey
        pendingKey = nil
        if stack[stack.count - 1].isObject {
            guard let name else { return fail("JSON object member without a name", emit: emit) }
            if name == "Key" { stack[stack.count - 1].pairKey = value }
            if name == "Value" { stack[stack.count - 1].pairValue = value }
            addLine(name, value, to: stack.count - 1)
            if stack[stack.count - 1].timeValues.count < 4, name.utf8.count <= 24, TimeFieldNames.contains(name) {
                stack[stack.count - 1].timeValues.append(value)
            }
        } else {
            stack[stack.count - 1].scalars.append(value)
        }
    }

    private mutating func close(emit: (FramerEvent) -> Void) {
        let container = stack.removeLast()
        let parent = stack.indices.last
        // Its children's records go out now that its time fields are all known.
        for held in container.heldRecords {
            heldBytes -= held.text.count
            held.text.withUnsafeBytes { text in
                emit(.record(FramedRecord(text: text, line: held.line, ownTime: .values(held.timeValues, timestamps),
                                          contextTime: .values(container.timeValues + (stack.last?.timeValues ?? []), timestamps),
                                          contextEvidence: .parentObject)))
            }
        }
        if !container.isObject, container.onlyScalars, !container.scalars.isEmpty, let parent {
            // ["a", "b"] is one line of the parent: `name: a;b`.
            addLine(container.name ?? "", container.scalars.joined(separator: ";"), to: parent)
            if stack[parent].isObject, container.name == "Value" { stack[parent].pairValue = container.scalars.joined(separator: ";") }
            return
        }
        if let parent { stack[parent].onlyScalars = false }
        if container.isObject, let key = container.pairKey, let value = container.pairValue, let parent, Self.isPair(container) {
            addLine(key, value, to: parent)
            return
        }
        guard !container.text.isEmpty else { return }
        if let problem = container.text.overlongProblem("JSON object", line: container.line) { emit(problem) }
        if let parent, stack[parent].isObject, heldBytes + container.text.bytes.count <= maxRecordLength {
            heldBytes += container.text.bytes.count
            stack[parent].heldRecords.append(HeldRecord(text: Array(container.text.bytes), line: container.line, timeValues: container.timeValues))
            return
        }
        container.text.withUnsafeBytes { text in
            emit(.record(FramedRecord(text: text, line: container.line, ownTime: .values(container.timeValues, timestamps),
                                      contextTime: .values(stack.last?.timeValues ?? [], timestamps), contextEvidence: .parentObject)))
        }
    }

    /// `{"Key": ..., "Value": ...}` and nothing else.
    private static func isPair(_ container: Container) -> Bool {
        let text = String(decoding: container.text.bytes, as: UTF8.self)
        let names = text.split(separator: "\n").compactMap { $0.split(separator: ":", maxSplits: 1).first.map(String.init) }
        return Set(names).isSubset(of: ["Key", "Value"])
    }

    private mutating func addLine(_ name: String, _ value: String, to index: Int) {
        stack[index].text.appendField(name, value)
    }

    private mutating func fail(_ message: String, emit: (FramerEvent) -> Void) {
        if reportedError {
            laterErrors += 1
        } else {
            emit(.problem(line: line, category: .damagedInput, message: "\(message); skipped to the next line that opens an object or array"))
            reportedError = true
        }
        // Records already complete and held for their parent's time go out with what is known.
        for index in stack.indices {
            for held in stack[index].heldRecords {
                held.text.withUnsafeBytes { text in
                    emit(.record(FramedRecord(text: text, line: held.line, ownTime: .values(held.timeValues, timestamps),
                                              contextTime: .values(stack[...index].reversed().flatMap(\.timeValues), timestamps),
                                              contextEvidence: .parentObject)))
                }
            }
        }
        heldBytes = 0
        stack.removeAll()
        pendingKey = nil
        escape = nil
        mode = .recovering
        lineStart = false
    }

    private static func isLiteralByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "E")
    }

    // MARK: Escapes

    /// Decodes one escape (`\n`, `\uXXXX`, `\uD83D\uDE42`); nil while incomplete, empty while a
    /// high surrogate waits for its pair.
    private static func decodeEscape(_ escape: [UInt8]) -> [UInt8]? {
        guard escape.count >= 2 else { return nil }
        switch escape[1] {
        case UInt8(ascii: "\""): return [UInt8(ascii: "\"")]
        case UInt8(ascii: "\\"): return [UInt8(ascii: "\\")]
        case UInt8(ascii: "/"): return [UInt8(ascii: "/")]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "n"): return [UInt8(ascii: "\n")]
        case UInt8(ascii: "r"): return [UInt8(ascii: "\r")]
        case UInt8(ascii: "t"): return [UInt8(ascii: "\t")]
        case UInt8(ascii: "u"):
            guard escape.count >= 6, let high = hex(escape[2..<6]) else { return escape.count >= 6 ? Array("\u{FFFD}".utf8) : nil }
            if (0xD800...0xDBFF).contains(high) {
                guard escape.count >= 12 else { return nil }
                guard escape[6] == UInt8(ascii: "\\"), escape[7] == UInt8(ascii: "u"), let low = hex(escape[8..<12]), (0xDC00...0xDFFF).contains(low) else {
                    return Array("\u{FFFD}".utf8)
                }
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                return Array(String(Unicode.Scalar(scalar)!).utf8)
            }
            guard let scalar = Unicode.Scalar(high) else { return Array("\u{FFFD}".utf8) }
            return Array(String(scalar).utf8)
        default: return Array(escape[1...])
        }
    }

    private static func hex(_ digits: ArraySlice<UInt8>) -> UInt32? {
        UInt32(String(decoding: digits, as: UTF8.self), radix: 16)
    }

    /// Text that still carries JSON escapes (`\"`) after decoding was escaped twice: decode again.
    static func unescapeNestedLayers(_ text: String) -> String {
        var current = text
        for _ in 0..<2 where current.contains("\\\"") {
            current = String(decoding: unescapeOnce(current.utf8), as: UTF8.self)
        }
        return current
    }

    /// One layer of JSON escapes decoded (`\"`, `\\`, `\/`, `\n`, `\uXXXX` with surrogate pairs);
    /// a backslash that starts no escape is kept.
    static func unescapeOnce(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        var pending: [UInt8]?
        for byte in bytes {
            if var escape = pending {
                escape.append(byte)
                if let decoded = decodeEscape(escape) {
                    output += decoded
                    pending = decoded.isEmpty ? escape : nil
                } else {
                    pending = escape
                }
            } else if byte == UInt8(ascii: "\\") {
                pending = [byte]
            } else {
                output.append(byte)
            }
        }
        return output + (pending ?? [])
    }
}
