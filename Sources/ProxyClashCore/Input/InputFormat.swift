internal import CStringSearch
import Foundation

/// How the text of an input is cut into records.
public enum InputFormat: String, Sendable, Codable, CaseIterable {
    /// One record per line (application and script logs). The fast path: only lines around a
    /// prefilter hit are looked at.
    case lines
    /// PowerShell console output and transcripts: lines wrapped at the console width are joined
    /// back into one message; entry headers (`[11/17/2026 9:40:12 AM] ...`) give later lines their time.
    case console
    /// Comma-, semicolon- or tab-separated values (`Export-Csv`, event exports): one record per row,
    /// quoted cells unescaped, the time column gives the record's time.
    case csv
    /// A JSON document or JSON Lines, streamed: one record per object, as `key: value` lines.
    case json
    /// An e-mail saved as `.eml`: MIME parts decoded, HTML turned into text, one record per line.
    case email
    /// XML event exports (`wevtutil qe /f:xml`, `Export-Clixml`): one record per event or object.
    case xml

    /// Guesses the format from the first chunk of decoded text and the file name.
    ///
    /// - `#TYPE ...` first line, or a first line of quoted cells (`"a","b"`), or a `.csv` name with a
    ///   delimited first line: CSV.
    /// - A PowerShell transcript header, or PowerShell error blocks (`+ CategoryInfo`,
    ///   `+ FullyQualifiedErrorId`), or prompts (`PS C:\>`), or mostly Format-List output
    ///   (`Name : value` lines): console.
    /// - Text that starts (after white space) with `{"`, `{}`, `[{`, `[[`, `["` or `[]`: JSON (a
    ///   trace line such as `[15:52:17.674] ...` is not).
    /// - Text that starts with `<?xml`, `<Event` or `<Objs`: XML.
    /// - Mail headers (`From:`, `Subject:`, `Date:`, `MIME-Version:`, ...) up to the first blank
    ///   line, with a `Content-Type:` or `Subject:` among them: e-mail.
    /// - Anything else: lines.
    package static func detect(head: UnsafeRawBufferPointer, path: String) -> InputFormat {
        if startsLikeJSON(head) { return .json }
        if startsLikeXML(head) { return .xml }
        // Byte searches over the head: this runs for every input, and Unicode-aware string
        // search over 64 KiB cost a split file a millisecond per part.
        let head = UnsafeRawBufferPointer(rebasing: head.prefix(64 * 1024))
        if looksLikeEmail(head) { return .email }
        let firstLine = String(decoding: firstLine(of: head), as: UTF8.self).prefix { !$0.isNewline }
        if firstLine.hasPrefix("#TYPE ") { return .csv }
        if CSVDialect.looksLikeHeader(firstLine, fileName: path) { return .csv }
        let consoleMarkers = ["PowerShell transcript start", "+ CategoryInfo ", "+ FullyQualifiedErrorId ", "\nPS C:\\", "\nPS /"]
        if consoleMarkers.contains(where: { contains(head, $0) }) { return .console }
        if PropertyListBlock.looksLikeListing(head) { return .console }
        return .lines
    }

    /// The first line of `bytes` (through its `\n`), or all of it.
    private static func firstLine(of bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count)])
    }

    private static func contains(_ bytes: UnsafeRawBufferPointer, _ marker: String) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return Array(marker.utf8).withUnsafeBytes { memmem(base, bytes.count, $0.baseAddress, $0.count) != nil }
    }

    private static func startsLikeXML(_ head: UnsafeRawBufferPointer) -> Bool {
        let text = String(decoding: head.prefix(256), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        return text.hasPrefix("<?xml") || text.hasPrefix("<Event") || text.hasPrefix("<Objs")
    }

    private static func startsLikeJSON(_ head: UnsafeRawBufferPointer) -> Bool {
        let significant = head.lazy.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        var iterator = significant.makeIterator()
        guard let first = iterator.next(), let second = iterator.next() else { return false }
        switch first {
        case UInt8(ascii: "{"): return second == UInt8(ascii: "\"") || second == UInt8(ascii: "}")
        case UInt8(ascii: "["): return second == UInt8(ascii: "{") || second == UInt8(ascii: "[") || second == UInt8(ascii: "\"") || second == UInt8(ascii: "]")
        default: return false
        }
    }

    private static let mailHeaders: Set<String> = ["received", "from", "to", "cc", "subject", "date", "mime-version", "message-id",
                                                  "content-type", "content-transfer-encoding", "return-path", "reply-to", "x-mailer"]

    /// A block of RFC 5322 headers at the top, ending with a blank line (looked at line by line
    /// in bytes: most inputs fail on their first line).
    private static func looksLikeEmail(_ head: UnsafeRawBufferPointer) -> Bool {
        var names: Set<String> = []
        var start = 0
        for _ in 0..<100 where start < head.count {
            var end = head[start...].firstIndex(of: UInt8(ascii: "\n")) ?? head.count
            let next = end + 1
            if end > start, head[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = head[start..<end]
            start = next
            if line.isEmpty { break }
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") { continue }  // a folded header goes on
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return false }
            let name = String(decoding: line[..<colon].map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | UInt8(ascii: " ") : $0 }, as: UTF8.self)
            guard !name.isEmpty, !name.utf8.contains(UInt8(ascii: " ")) else { return false }
            if mailHeaders.contains(name) { names.insert(name) }
        }
        return names.count >= 2 && (names.contains("content-type") || names.contains("subject"))
    }
}
