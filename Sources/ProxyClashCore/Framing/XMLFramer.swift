import Foundation

/// Streams XML event exports into records: one record per `<Event>` (`wevtutil qe /f:xml`,
/// `Get-WinEvent | ... ToXml()`) or per `<Obj>` directly under the root (`Export-Clixml`), and for
/// other XML one per child of the root element.
///
/// A record is written as `name: text` lines, one per element with text, where the name is the
/// element's `N` (Clixml) or `Name` attribute, else its tag (`Data: ECMA2 MA export ...`).
/// Entities (`&lt;`, `&#xD;`, ...) and Clixml escapes (`_x000D__x000A_`) are decoded, so a
/// multi-line event message is multi-line again. `TimeCreated` (`SystemTime` attribute or text)
/// dates the record. Comments, CDATA markers and processing instructions are skipped; tags,
/// text and records are bounded.
struct XMLFramer: RecordFramer {
    private let timestamps: TimestampParser
    private let maxRecordLength: Int
    private var inTag = false
    private var tag: [UInt8] = []
    private var text: [UInt8] = []
    private var depth = 0
    private var names: [String] = []
    private var recordDepth: Int?
    private var record: BoundedRecord
    private var recordLine = 0
    private var recordTime: Date?
    private var recordStart: Date?
    private var line = 1

    init(timestamps: TimestampParser, maxRecordLength: Int) {
        self.timestamps = timestamps
        self.maxRecordLength = maxRecordLength
        record = BoundedRecord(limit: maxRecordLength)
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, firstLine: Int, emit: (FramerEvent) -> Void) {
        line = firstLine
        for byte in chunk {
            if inTag {
                if byte == UInt8(ascii: ">"), !Self.isOpenComment(tag) {
                    inTag = false
                    closeTag(emit: emit)
                } else if tag.count < 4096 {
                    tag.append(byte)
                }
            } else if byte == UInt8(ascii: "<") {
                inTag = true
                tag.removeAll(keepingCapacity: true)
            } else if text.count < maxRecordLength {
                text.append(byte)
            }
            if byte == UInt8(ascii: "\n") { line += 1 }
        }
    }

    mutating func finish(emit: (FramerEvent) -> Void) {
        guard recordDepth != nil, !record.isEmpty else { return }
        emit(.problem(line: recordLine, category: .damagedInput,
                      message: "XML ends inside the element opened here; the text read before the end was scanned"))
        emitRecord(emit)
    }

    /// `<!-- ... -->` may contain `>`: keep reading until `-->`.
    private static func isOpenComment(_ tag: [UInt8]) -> Bool {
        tag.starts(with: Array("!--".utf8)) && !(tag.count >= 5 && tag.suffix(2) == [UInt8(ascii: "-"), UInt8(ascii: "-")])
    }

    private mutating func closeTag(emit: (FramerEvent) -> Void) {
        guard let first = tag.first, first != UInt8(ascii: "?"), first != UInt8(ascii: "!") else {  // <?xml ...?>, <!-- -->, <![CDATA[, <!DOCTYPE
            if tag.starts(with: Array("![CDATA[".utf8)) { text += tag.dropFirst(8).dropLast(2) }
            return
        }
        let tagText = String(decoding: tag, as: UTF8.self)
        if first == UInt8(ascii: "/") {
            endElement(emit: emit)
        } else {
            let selfClosing = tag.last == UInt8(ascii: "/")
            startElement(tagText, emit: emit)
            if selfClosing { endElement(emit: emit) }
        }
    }

    private mutating func startElement(_ tagText: String, emit: (FramerEvent) -> Void) {
        text.removeAll(keepingCapacity: true)
        let parts = tagText.split(whereSeparator: \.isWhitespace)
        let tagName = String(parts.first ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let attributes = Self.attributes(tagText)
        let name = attributes["N"] ?? attributes["Name"].flatMap { tagName == "Data" ? $0 : nil } ?? tagName
        if recordDepth == nil, tagName == "Event" || (tagName == "Obj" && depth == 1) || (depth == 1 && names.first != "Objs") {
            recordDepth = depth
            record.reset()
            recordLine = line
            recordTime = nil
            recordStart = nil
        }
        if recordDepth != nil {
            if let systemTime = attributes["SystemTime"] {
                addLine(name, systemTime)
                if recordTime == nil { recordTime = Self.time(systemTime, timestamps) }
            }
            // A time in an attribute (`<export-error date-occurred="...">` of a csexport or
            // run-history export): the most specific name present dates the record.
            if recordTime == nil, let time = TimeFieldNames.ordered.lazy.compactMap({ field in
                attributes.first { $0.key.lowercased() == field }.map(\.value)
            }).first {
                recordTime = Self.time(time, timestamps)
            }
            if recordStart == nil, let start = attributes.first(where: { TimeFieldNames.start.contains($0.key.lowercased()) }) {
                recordStart = Self.time(start.value, timestamps)
            }
        }
        names.append(name)
        depth += 1
    }

    private mutating func endElement(emit: (FramerEvent) -> Void) {
        guard depth > 0 else { return }
        depth -= 1
        let name = names.removeLast()
        let value = Self.decode(text).trimmingCharacters(in: .whitespacesAndNewlines)
        text.removeAll(keepingCapacity: true)
        if recordDepth != nil, !value.isEmpty {
            addLine(name, value)
            if recordTime == nil, TimeFieldNames.contains(name) { recordTime = Self.time(value, timestamps) }
            if recordStart == nil, TimeFieldNames.start.contains(name.lowercased()) { recordStart = Self.time(value, timestamps) }
        }
        if let recordDepth, depth == recordDepth {
            emitRecord(emit)
        }
    }

    private mutating func addLine(_ name: String, _ value: String) {
        record.appendField(name, value)
    }

    private mutating func emitRecord(_ emit: (FramerEvent) -> Void) {
        if let problem = record.overlongProblem("XML record", line: recordLine) { emit(problem) }
        if !record.isEmpty {
            record.withUnsafeBytes { emit(.record(FramedRecord(text: $0, line: recordLine, recordTime: recordTime, contextTime: nil, startTime: recordStart))) }
        }
        recordDepth = nil
        record.reset()
    }

    private static func time(_ text: String, _ timestamps: TimestampParser) -> Date? {
        Array(text.utf8).withUnsafeBytes { timestamps.firstTimestamp(in: $0)?.date }
    }

    /// `name='value'` and `name="value"` pairs of a start tag.
    private static func attributes(_ tag: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(tag)
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
            let afterEquals = rest[rest.index(after: equals)...].drop { $0 == " " }
            guard let quote = afterEquals.first, quote == "\"" || quote == "'" else { break }
            let valueStart = afterEquals.index(after: afterEquals.startIndex)
            guard let valueEnd = afterEquals[valueStart...].firstIndex(of: quote) else { break }
            result[name] = decode(Array(afterEquals[valueStart..<valueEnd].utf8))
            rest = afterEquals[afterEquals.index(after: valueEnd)...]
        }
        return result
    }

    /// XML entities, then Clixml's `_xHHHH_` escapes.
    static func decode(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.contains("&") {
            var output = ""
            var rest = Substring(text)
            while let amp = rest.firstIndex(of: "&") {
                output += rest[..<amp]
                let afterAmp = rest[rest.index(after: amp)...]
                guard let semicolon = afterAmp.prefix(12).firstIndex(of: ";") else {
                    output += "&"
                    rest = afterAmp
                    continue
                }
                let entity = String(afterAmp[..<semicolon])
                output += entityText(entity) ?? "&\(entity);"
                rest = afterAmp[afterAmp.index(after: semicolon)...]
            }
            text = output + rest
        }
        if text.contains("_x") { text = decodeClixmlEscapes(text) }
        return text
    }

    private static func entityText(_ entity: String) -> String? {
        switch entity {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard entity.hasPrefix("#") else { return nil }
            let digits = entity.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String($0) }
        }
    }

    /// `_x000D__x000A_` → CR LF (how Export-Clixml writes characters XML cannot hold).
    private static func decodeClixmlEscapes(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: "_x") {
            output += rest[..<start.lowerBound]
            let hex = rest[start.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let value = UInt32(hex.prefix(4), radix: 16), let scalar = Unicode.Scalar(value) {
                output.unicodeScalars.append(scalar)
                rest = rest[rest.index(start.upperBound, offsetBy: 5)...]
            } else {
                output += "_x"
                rest = rest[start.upperBound...]
            }
        }
        return (output + rest).replacingOccurrences(of: "\r\n", with: "\n")
    }
}
