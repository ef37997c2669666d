import Foundation

/// Reads an e-mail saved as `.eml` (RFC 5322 with MIME parts), such as the "Directory
/// Synchronization Error Report" / "Identity synchronization error report" mails.
///
/// Text parts are decoded (quoted-printable, base64; Latin-1/Windows-1252 to UTF-8), HTML is
/// turned into text (table cells separated by ` | `), and every resulting line is one record,
/// placed at the source line where it began and dated by the mail's `Date:` header. Non-text
/// parts (images, attachments other than text) are skipped, and of a `multipart/alternative`
/// only the first text alternative is read (the plain and HTML forms are one message: counting
/// both would double every conflict).
struct EmailFramer: RecordFramer {
    private enum Section { case headers, body, skipped }

    private struct Part {
        var contentType = "text/plain"
        var encoding = "7bit"
        var charset = "utf-8"
        var boundary: String?
        var isText: Bool { contentType.hasPrefix("text/") || contentType == "message/rfc822" }
        var isHTML: Bool { contentType == "text/html" }
    }

    private let timestamps: TimestampParser
    private var section = Section.headers
    private var isTopLevel = true
    private var headerLines: [String] = []
    private var part = Part()
    private struct Multipart {
        let boundary: String
        let isAlternative: Bool
        var alternativeTaken = false
    }

    private var multiparts: [Multipart] = []
    private var mailDate: Date?
    private var html = HTMLText()
    private var base64Carry: [UInt8] = []
    private var decoded: BoundedRecord
    private var decodedLine = 0

    init(timestamps: TimestampParser, maxRecordLength: Int) {
        self.timestamps = timestamps
        decoded = BoundedRecord(limit: maxRecordLength)
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer, firstLine: Int, emit: (FramerEvent) -> Void) {
        Lines.forEach(in: chunk, firstLine: firstLine) { line, number in handle(Array(line), number: number, emit: emit) }
    }

    mutating func finish(emit: (FramerEvent) -> Void) {
        endPart(emit: emit)
    }

    private mutating func handle(_ line: [UInt8], number: Int, emit: (FramerEvent) -> Void) {
        if let boundaryEnd = boundaryMatch(line) {
            endPart(emit: emit)
            if boundaryEnd { multiparts.removeLast() }
            section = boundaryEnd ? .skipped : .headers
            isTopLevel = false
            part = Part()
            return
        }
        switch section {
        case .headers:
            if line.isEmpty {
                applyHeaders()
                let alternativeTaken = multiparts.last.map { $0.isAlternative && $0.alternativeTaken } ?? false
                section = part.boundary != nil || !part.isText || alternativeTaken ? .skipped : .body
                if section == .body, multiparts.last?.isAlternative == true { multiparts[multiparts.count - 1].alternativeTaken = true }
                if let boundary = part.boundary {
                    multiparts.append(Multipart(boundary: boundary, isAlternative: part.contentType == "multipart/alternative"))
                }
            } else if let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t"), !headerLines.isEmpty {
                headerLines[headerLines.count - 1] += " " + String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            } else if headerLines.count < 200 {
                headerLines.append(String(decoding: line.prefix(4096), as: UTF8.self))
            }
        case .body:
            bodyLine(line, number: number, emit: emit)
        case .skipped:
            break
        }
    }

    /// nil: not a boundary; false: a part boundary; true: the closing boundary.
    private func boundaryMatch(_ line: [UInt8]) -> Bool? {
        guard line.count > 2, line[0] == UInt8(ascii: "-"), line[1] == UInt8(ascii: "-"), let boundary = multiparts.last?.boundary else { return nil }
        let text = String(decoding: line.dropFirst(2), as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if text == boundary { return false }
        if text == boundary + "--" { return true }
        return nil
    }

    private mutating func applyHeaders() {
        for header in headerLines {
            guard let colon = header.firstIndex(of: ":") else { continue }
            let name = header[..<colon].lowercased()
            let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "date" where isTopLevel:
                mailDate = Array(value.utf8).withUnsafeBytes { timestamps.firstTimestamp(in: $0)?.date }
            case "content-type":
                let pieces = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                part.contentType = pieces.first?.lowercased() ?? "text/plain"
                for piece in pieces.dropFirst() {
                    let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) }
                    guard pair.count == 2 else { continue }
                    if pair[0].lowercased() == "boundary", part.contentType.hasPrefix("multipart/") { part.boundary = pair[1] }
                    if pair[0].lowercased() == "charset" { part.charset = pair[1].lowercased() }
                }
            case "content-transfer-encoding":
                part.encoding = value.lowercased()
            default:
                break
            }
        }
        headerLines.removeAll()
    }

    private mutating func bodyLine(_ line: [UInt8], number: Int, emit: (FramerEvent) -> Void) {
        if decoded.isEmpty { decodedLine = number }
        switch part.encoding {
        case "quoted-printable":
            let softBreak = line.last == UInt8(ascii: "=")
            append(Self.decodeQuotedPrintable(softBreak ? Array(line.dropLast()) : line), emit: emit, line: number)
            if !softBreak { append([UInt8(ascii: "\n")], emit: emit, line: number) }
        case "base64":
            base64Carry += line.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            let usable = base64Carry.count / 4 * 4
            if usable > 0, let data = Data(base64Encoded: Data(base64Carry[..<usable])) {
                append(Array(data), emit: emit, line: number)
            }
            base64Carry.removeFirst(usable)
        default:
            append(line + [UInt8(ascii: "\n")], emit: emit, line: number)
        }
    }

    /// Takes decoded bytes of the current part: charset to UTF-8, HTML to text, lines out.
    private mutating func append(_ bytes: [UInt8], emit: (FramerEvent) -> Void, line: Int) {
        let utf8 = part.charset.contains("8859") || part.charset.contains("1252") || part.charset.contains("latin")
            ? LegacyText.decodeWindows1252(bytes) : bytes
        var text: [UInt8] = []
        if part.isHTML { html.feed(utf8, into: &text) } else { text = utf8 }
        for byte in text {
            if byte == UInt8(ascii: "\n") {
                flushLine(emit: emit)
                decodedLine = line
            } else {
                decoded.append(byte)
            }
        }
    }

    private mutating func flushLine(emit: (FramerEvent) -> Void) {
        defer {
            decoded.reset()
        }
        guard decoded.bytes.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }) else { return }
        if let problem = decoded.overlongProblem("e-mail text line", line: decodedLine) { emit(problem) }
        decoded.withUnsafeBytes { text in
            emit(.record(FramedRecord(text: text, line: decodedLine, recordTime: nil, contextTime: mailDate, contextEvidence: .header)))
        }
    }

    private mutating func endPart(emit: (FramerEvent) -> Void) {
        if section == .body {
            if part.isHTML { append([UInt8(ascii: "\n")], emit: emit, line: decodedLine) }
            flushLine(emit: emit)
        }
        base64Carry.removeAll()
        html = HTMLText()
    }

    private static func decodeQuotedPrintable(_ line: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(line.count)
        var index = 0
        while index < line.count {
            if line[index] == UInt8(ascii: "="), index + 2 < line.count,
               let value = UInt8(String(decoding: line[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                output.append(value)
                index += 3
            } else {
                output.append(line[index])
                index += 1
            }
        }
        return output
    }
}
